"""
Admin for the plain-language checks: the glossary and the targets editors
maintain, and the report (every page's stored score, pages above their
language's target first).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from healthinfo.admin.records import ReadOnlyAdmin
from healthinfo.plain_language.analysis import formula_for
from healthinfo.plain_language.models import (
    GlossaryTerm,
    ReadabilityScore,
    ReadabilityTarget,
    above_target_expression,
)
from healthinfo.plain_language.scoring import highlight_translation, score_pages

# How many pages one click of "Score pages now" scores (the rest: manage.py score_plain_language).
SCORE_BATCH = 200


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["term", "language", "plain_alternatives", "note"]
    list_filter = ["language"]
    search_fields = ["term", "other_forms", "plain_alternatives"]
    fields = ["language", "term", "other_forms", "plain_alternatives", "note"]


@admin.register(ReadabilityTarget)
class ReadabilityTargetAdmin(admin.ModelAdmin):
    list_display = ["language", "formula_name", "target"]


def above_target(targets):
    """An expression: True for scores harder to read than their language's target."""
    return above_target_expression(targets)


class AboveTargetFilter(admin.SimpleListFilter):
    title = _("target")
    parameter_name = "target"

    def lookups(self, request, model_admin):
        return [("above", _("Harder than the target")), ("within", _("Within the target"))]

    def queryset(self, request, queryset):
        if self.value() == "above":
            return queryset.filter(is_above_target=True)
        if self.value() == "within":
            return queryset.filter(is_above_target=False)
        return queryset


@admin.register(ReadabilityScore)
class ReadabilityScoreAdmin(ReadOnlyAdmin):
    """The plain-language report: pages harder to read than their target first."""

    list_display = [
        "page",
        "marked_text",
        "language",
        "score_display",
        "target_display",
        "words",
        "reading_minutes",
        "long_sentences",
        "jargon_display",
        "stale",
    ]
    # The page's title links to the page and "Text with findings marked" to its report;
    # a score has no change page of its own to link to.
    list_display_links = None
    list_filter = [AboveTargetFilter, "translation__language", "stale"]
    list_select_related = ["translation__article"]
    search_fields = ["translation__title", "translation__article__slug"]
    list_per_page = 50
    show_full_result_count = False
    change_list_template = "admin/healthinfo/readabilityscore/change_list.html"

    def get_queryset(self, request):
        self._targets = ReadabilityTarget.objects.for_languages()
        return (
            super()
            .get_queryset(request)
            .annotate(is_above_target=above_target(self._targets))
            .order_by(F("is_above_target").desc(), "translation__title", "pk")
        )

    def get_urls(self):
        urls = [
            path(
                "score/",
                self.admin_site.admin_view(self.score_view),
                name="healthinfo_readabilityscore_score",
            ),
            path(
                "page/<int:translation_id>/",
                self.admin_site.admin_view(self.page_view),
                name="healthinfo_readabilityscore_page",
            ),
            path(
                "draft/<int:draft_id>/",
                self.admin_site.admin_view(self.draft_view),
                name="healthinfo_readabilityscore_draft",
            ),
        ]
        return urls + super().get_urls()

    def page_view(self, request, translation_id):
        """
        The report of one live page, computed now: its score and findings, and
        its text as readers see it with the longest sentences and the hardest
        words marked.
        """
        from healthinfo.models import ArticleTranslation

        if not self.has_view_permission(request):
            raise PermissionDenied
        translation = get_object_or_404(
            ArticleTranslation.objects.select_related("article"), pk=translation_id
        )
        return self._marked_text(request, translation, is_draft=False)

    def draft_view(self, request, draft_id):
        """The same report for a draft, as last saved (linked from its editing page)."""
        from healthinfo.models import DraftTranslation

        draft = get_object_or_404(DraftTranslation.objects.select_related("article"), pk=draft_id)
        if not self.admin_site._registry[DraftTranslation].has_view_permission(request, draft):
            raise PermissionDenied
        return self._marked_text(request, draft, is_draft=True)

    def _marked_text(self, request, translation, *, is_draft):
        report, blocks = highlight_translation(translation)
        data = report.as_dict()
        data["formula_help"] = str(formula_for(translation.language).help_text)
        return TemplateResponse(
            request,
            "admin/healthinfo/readabilityscore/page.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("Plain-language report: %(page)s") % {"page": translation.title},
                "subtitle": None,
                "translation": translation,
                "is_draft": is_draft,
                "report": data,
                "blocks": blocks,
                "has_view_permission": True,
            },
        )

    def score_view(self, request):
        """POST: score pages without a current score, ``SCORE_BATCH`` at a time."""
        from healthinfo.models import ArticleTranslation

        if request.method != "POST" or not request.user.has_perm(
            "healthinfo.view_readabilityscore"
        ):
            return redirect("admin:healthinfo_readabilityscore_changelist")
        waiting = ArticleTranslation.objects.filter(
            Q(readability__isnull=True) | Q(readability__stale=True)
        )
        done = score_pages(waiting, limit=SCORE_BATCH)
        left = waiting.count()
        self.message_user(
            request,
            ngettext("Scored %(done)d page.", "Scored %(done)d pages.", done) % {"done": done}
            + (
                " "
                + ngettext(
                    "%(left)d page is still waiting: click again.",
                    "%(left)d pages are still waiting: click again.",
                    left,
                )
                % {"left": left}
                if left
                else ""
            ),
            messages.SUCCESS,
        )
        return redirect("admin:healthinfo_readabilityscore_changelist")

    @admin.display(description=_("page"), ordering="translation__title")
    def page(self, score):
        url = reverse("admin:healthinfo_articletranslation_change", args=[score.translation_id])
        return format_html('<a href="{}">{}</a>', url, score.translation.title)

    @admin.display(description=_("marked text"))
    def marked_text(self, score):
        url = reverse("admin:healthinfo_readabilityscore_page", args=[score.translation_id])
        return format_html('<a href="{}">{}</a>', url, _("Text with findings marked"))

    @admin.display(description=_("language"), ordering="translation__language")
    def language(self, score):
        return score.translation.get_language_display()

    @admin.display(description=_("score"), ordering="score")
    def score_display(self, score):
        if score.score is None:
            return "—"
        name = formula_for(score.translation.language).name
        return format_html("{} <small>({})</small>", f"{score.score:.1f}", name)

    @admin.display(description=_("target"), ordering="is_above_target")
    def target_display(self, score):
        target = self._targets.get(score.translation.language)
        if score.is_above_target:
            return format_html(
                '<strong class="plain-language-above">{}</strong>',
                _("Harder than the target (%(target)s)") % {"target": f"{target:g}"},
            )
        return _("Within the target (%(target)s)") % {"target": f"{target:g}"}

    @admin.display(description=_("unexplained terms"))
    def jargon_display(self, score):
        return ", ".join(score.jargon) or "—"
