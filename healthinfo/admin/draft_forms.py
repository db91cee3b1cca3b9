"""
The forms of the article editing page: a draft translation (title and other
names first, then the summary) with its sections, references and figures as
inline formsets on the same page.

- Section bodies are ``HealthTextField`` (the rich-text editor, sanitised and
  size-checked on the server), the summary is ``PlainSummaryField`` and figure
  images are ``KeptImageField`` (an upload survives another field's error,
  for the user who uploaded it only).
- Order is a hidden field. Editors reorder with *Move up* / *Move down*
  buttons: with JavaScript they move the part on the page at once; without it
  they submit the form, which ``apply_move`` turns into a save with the two
  parts swapped. New parts go last. ``sorted_forms`` gives the forms in their
  order, so a page shown again after an error shows the order the editor chose.
- A new article is written on the same page (``NewArticleForm``): its
  language, address (filled in from the title) and category, with its first
  draft.
"""

import math
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from healthinfo.editing.fields import HealthTextField, PlainSummaryField
from healthinfo.editing.widgets import HealthTextWidget
from healthinfo.figures.uploads import KeptImageField
from healthinfo.models import (
    Article,
    Category,
    DraftFigure,
    DraftReference,
    DraftSection,
    DraftTranslation,
)
from healthinfo.models.articles import validate_figure_image
from healthinfo.sanitize import clean_plain_text

PART_PREFIXES = ("sections", "references", "figures")
MOVE = "_move"
_MOVE_VALUE = re.compile(r"^(?P<prefix>[a-z]+)-(?P<index>\d{1,4}):(?P<direction>up|down)$")
_PICTURE = re.compile(r"<img\b", re.IGNORECASE)


def conflict_message(current):
    who = current.updated_by.get_username() if current.updated_by else _("another editor")
    return _(
        "%(who)s saved this draft at %(time)s, after you opened it. Your changes were not "
        "saved: open the draft again to see theirs, then make yours."
    ) % {"who": who, "time": date_format(current.updated_at, "TIME_FORMAT")}


class SlugFromTitleInput(forms.TextInput):
    """The address field: the page's script fills it in from the title until it is edited."""

    def __init__(self, attrs=None):
        super().__init__({"data-slug-from": "id_title", "autocomplete": "off", **(attrs or {})})


def _slug_field(required=False):
    return forms.SlugField(
        label=gettext_lazy("Address (slug)"),
        max_length=100,
        required=required,
        widget=SlugFromTitleInput,
        help_text=gettext_lazy(
            "The end of the page's address, and what other articles link to: [[slug]]. Filled "
            "in from the title; it cannot change once the article is published."
        ),
    )


class DraftTranslationForm(forms.ModelForm):
    """
    A draft's words. Carries the draft's revision as it was opened, so that a
    save made on top of another editor's is refused, never merged.
    """

    opened_revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    summary = PlainSummaryField(
        label=gettext_lazy("Summary"),
        required=False,
        help_text=gettext_lazy(
            "One or two plain sentences: shown under the title, in search results and lists."
        ),
    )

    class Meta:
        model = DraftTranslation
        fields = ["title", "alternate_names", "summary", "source_revision"]
        widgets = {
            "alternate_names": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["opened_revision"].initial = self.instance.revision
        article = getattr(self.instance, "article", None) if self.instance.article_id else None
        if "slug" in self.fields and article is not None:
            if article.first_published_at is None:
                self.fields["slug"].initial = article.slug
                self.fields["slug"].widget.attrs.pop("data-slug-from", None)
            else:
                del self.fields["slug"]

    def clean_title(self):
        return " ".join(clean_plain_text(self.cleaned_data.get("title", "")).split())

    def clean_alternate_names(self):
        names = clean_plain_text(self.cleaned_data.get("alternate_names", ""))
        return "\n".join(" ".join(line.split()) for line in names.splitlines() if line.strip())

    def clean(self):
        cleaned = super().clean()
        opened = cleaned.get("opened_revision")
        if self.instance.pk is None:
            return cleaned
        current = DraftTranslation.objects.filter(pk=self.instance.pk).first()
        if current is None:
            raise ValidationError(
                _("This draft was published or discarded meanwhile: your changes were not saved.")
            )
        if opened is None or opened != current.revision:
            raise ValidationError(conflict_message(current), code="draft_conflict")
        return cleaned


class UnpublishedArticleDraftForm(DraftTranslationForm):
    """The draft of an article never published: its address can still change."""

    slug = _slug_field()

    def clean_slug(self):
        # Left empty: the address stays as it is.
        slug = self.cleaned_data["slug"] or self.instance.article.slug
        taken = Article.objects.filter(slug=slug).exclude(pk=self.instance.article_id)
        if taken.exists():
            raise ValidationError(_("Another article already has this address."))
        return slug


class NewArticleForm(DraftTranslationForm):
    """A new article and its first language, written on the editing page."""

    slug = _slug_field()
    language = forms.ChoiceField(
        label=gettext_lazy("Language"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )
    category = forms.ModelChoiceField(
        label=gettext_lazy("Category"), queryset=Category.objects.all(), empty_label=None
    )

    class Meta(DraftTranslationForm.Meta):
        fields = ["title", "alternate_names", "summary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.with_name().order_by("order", "slug")
        self.fields["category"].label_from_instance = lambda category: category.name_in_language

    def clean(self):
        cleaned = super().clean()
        slug = cleaned.get("slug") or slugify(cleaned.get("title") or "")[:100].strip("-")
        if "slug" in self.errors:
            return cleaned
        if not slug:
            self.add_error(
                "slug",
                _("Write the address in Latin letters, numbers and hyphens (for example anaemia)."),
            )
        elif Article.objects.filter(slug=slug).exists():
            self.add_error(
                "slug",
                _("Another article already has the address “%(slug)s”: choose another.")
                % {"slug": slug},
            )
        else:
            cleaned["slug"] = slug
        return cleaned


# --- Parts ------------------------------------------------------------------------------


class PartForm(forms.ModelForm):
    """A section, reference or figure of a draft: ordered by a hidden ``order`` field."""

    order = forms.IntegerField(
        required=False, min_value=0, max_value=1_000_000, widget=forms.HiddenInput
    )

    def __init__(self, *args, language=None, user=None, **kwargs):
        self.language = language
        self.user = user
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # A new part has no place yet: it goes last (PartFormSet.clean).
            self.initial["order"] = None

    def _post_clean(self):
        super()._post_clean()
        # ``order`` is declared here, not one of the admin's fields: set it on the part.
        order = getattr(self, "cleaned_data", {}).get("order")
        if order is not None:
            self.instance.order = order

    def has_changed(self):
        # A blank new part the script numbered is still blank.
        if self.instance.pk is None:
            return any(name != "order" for name in self.changed_data)
        return super().has_changed()


class SectionForm(PartForm):
    body = HealthTextField(label=gettext_lazy("Text"))

    class Meta:
        model = DraftSection
        fields = ["order", "heading", "body", "anchor"]
        widgets = {"heading": forms.TextInput(attrs={"data-plain-language-source": "heading"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget = HealthTextWidget(language=self.language)
        self.fields["body"].help_text = _(
            "Use the toolbar for headings, lists, bold, links and tables. “Link to an article” "
            "inserts a link to another article as [[slug|link text]]."
        )
        self.fields["anchor"].label = _("Anchor (optional)")
        self.removed_pictures = False

    def clean_heading(self):
        return " ".join(clean_plain_text(self.cleaned_data.get("heading", "")).split())

    def clean_body(self):
        body = self.cleaned_data.get("body") or ""
        sent = self.data.get(self.add_prefix("body"), "")
        # Pictures pasted into the text go (the sanitiser keeps no <img>): say so.
        self.removed_pictures = bool(_PICTURE.search(sent)) and not _PICTURE.search(body)
        return body


class ReferenceForm(PartForm):
    class Meta:
        model = DraftReference
        fields = [
            "order",
            "authors",
            "title",
            "source",
            "year",
            "volume",
            "issue",
            "pages",
            "doi",
            "pmid",
            "url",
            "accessed_on",
        ]


class FigureForm(PartForm):
    # Declared, so that the admin's own file widget does not replace the one that keeps it.
    image = KeptImageField(
        label=gettext_lazy("Image"),
        validators=[validate_figure_image],
        help_text=gettext_lazy("JPEG, PNG or WebP, at most 5 MB and 4000 × 4000 pixels."),
    )

    class Meta:
        model = DraftFigure
        fields = ["order", "image", "alt_text", "caption", "credit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].owner = self.user
        self.fields["alt_text"].required = True


def order_key(form):
    """Where ``form`` stands among its formset's forms: its order value, then its index."""
    value = form["order"].value() if "order" in form.fields else None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = math.inf
    return (number, int(form.prefix.rsplit("-", 1)[-1]))


class PartFormSet(BaseInlineFormSet):
    """A draft's parts: new ones are placed after the others."""

    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk is not None
            if not self._should_delete_form(form) and getattr(form, "cleaned_data", None)
        ]
        highest = max(
            (form.cleaned_data.get("order") or 0 for form in kept if form.instance.pk), default=0
        )
        for form in sorted(kept, key=order_key):
            if form.cleaned_data.get("order") is None:
                highest += 1
                form.cleaned_data["order"] = form.instance.order = highest


def sorted_forms(inline_admin_formset):
    """The ``InlineAdminForm``s of a formset in their order, the empty template last."""
    rendered = list(inline_admin_formset)
    template = []
    if rendered and inline_admin_formset.has_add_permission:
        template = [rendered.pop()]
    return sorted(rendered, key=lambda item: order_key(item.form)) + template


def apply_move(data):
    """
    ``data`` (a copy of the POST) with the move its *Move up/down* button asked
    for applied to the order fields, or None when there is no (valid) move.
    """
    match = _MOVE_VALUE.match(data.get(MOVE, ""))
    if not match or match["prefix"] not in PART_PREFIXES:
        return None
    prefix, moved = match["prefix"], int(match["index"])
    try:
        total = min(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), 1000)
    except ValueError:
        return None
    try:
        initial = int(data.get(f"{prefix}-INITIAL_FORMS", 0))
    except ValueError:
        initial = 0

    def written(index):
        # A new part counts once something is written in it (blank ones stay last).
        if index < initial:
            return True
        start, skip = f"{prefix}-{index}-", {"order", "id", "translation", "DELETE"}
        return any(
            value.strip()
            for name in data
            if name.startswith(start) and name[len(start) :] not in skip
            for value in data.getlist(name)
        )

    indexes = [i for i in range(total) if not data.get(f"{prefix}-{i}-DELETE") and written(i)]

    def key(index):
        try:
            return (int(data.get(f"{prefix}-{index}-order") or ""), index)
        except ValueError:
            return (math.inf, index)

    ordered = sorted(indexes, key=key)
    if moved not in ordered:
        return None
    position = ordered.index(moved)
    other = position - 1 if match["direction"] == "up" else position + 1
    if 0 <= other < len(ordered):
        ordered[position], ordered[other] = ordered[other], ordered[position]
    for number, index in enumerate(ordered, start=1):
        data[f"{prefix}-{index}-order"] = str(number)
    return data
