"""
The lay-term dictionary: editors map readers' words to the words pages use.

Each save or deletion (one entry or a selection) refreshes cached searches
(``healthinfo.signals``). The change page shows how search reads an entry:
the words it matches once small words are left out.
"""

from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from healthinfo.models import LayTerm
from healthinfo.models.search import phrases
from healthinfo.search.analysis import all_stop_words, fold, query_words


def _first_lines(value, count=3):
    lines = phrases(value)
    shown = "; ".join(lines[:count])
    return f"{shown} …" if len(lines) > count else shown


class LayTermForm(forms.ModelForm):
    class Meta:
        model = LayTerm
        fields = ["language", "words", "means", "other_language_means"]
        widgets = {
            "words": forms.Textarea(attrs={"rows": 6}),
            "means": forms.Textarea(attrs={"rows": 3}),
            "other_language_means": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_words(self):
        words = self.cleaned_data["words"]
        stopped = all_stop_words()
        only_small = [
            line
            for line in phrases(words)
            if query_words(line) and all(fold(word) in stopped for word in query_words(line))
        ]
        if only_small:
            raise forms.ValidationError(
                _(
                    "Search ignores small words such as “the” or “de”, so these lines can never "
                    "match: %(lines)s. Add the word that matters."
                ),
                params={"lines": "; ".join(only_small)},
            )
        return words


@admin.register(LayTerm)
class LayTermAdmin(admin.ModelAdmin):
    form = LayTermForm
    list_display = ["readers_write", "pages_say", "other_language_says", "language", "updated_at"]
    list_filter = ["language"]
    search_fields = ["words", "means", "other_language_means"]
    readonly_fields = ["how_search_reads_it"]
    fieldsets = [
        (None, {"fields": ["language", "words", "means", "other_language_means"]}),
        (_("Search"), {"fields": ["how_search_reads_it"]}),
    ]
    list_per_page = 50

    @admin.display(description=_("readers write"), ordering="words")
    def readers_write(self, term):
        return _first_lines(term.words)

    @admin.display(description=_("pages say"), ordering="means")
    def pages_say(self, term):
        return _first_lines(term.means)

    @admin.display(description=_("in the other language"))
    def other_language_says(self, term):
        return _first_lines(term.other_language_means)

    @admin.display(description=_("how search reads it"))
    def how_search_reads_it(self, term):
        if term.pk is None:
            return _("Saved entries show here the words search matches.")
        stopped = all_stop_words()
        rows = []
        for line in term.word_list:
            kept = [word for word in query_words(line) if fold(word) not in stopped]
            rows.append((line, " ".join(kept) or "—"))
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>“{}” → {}</li>", rows),
        )
