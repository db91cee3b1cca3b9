"""
Admin for categories, articles and their translations.

An article's words are edited per language (``ArticleTranslationAdmin``), with
its sections, references and figures inline and ordered by their "order"
field. Setting an article to published runs ``publication_errors``; a preview
shows a draft exactly as readers will see it.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, ExpressionWrapper, FloatField, OuterRef, Q
from django.db.models.functions import NullIf
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation as translation_utils
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from healthinfo.admin.publishing import PublishingAdminMixin
from healthinfo.article_page import load_content
from healthinfo.links import broken_tokens, linked_slugs, published_slugs
from healthinfo.models import (
    Article,
    ArticleTranslation,
    Category,
    CategoryTranslation,
    Feedback,
    Figure,
    Reference,
    Section,
)
from healthinfo.validation import publication_errors


class CategoryTranslationInline(admin.TabularInline):
    model = CategoryTranslation
    extra = 0
    min_num = 1


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "order", "parent", "review_interval_months"]
    list_editable = ["order"]
    inlines = [CategoryTranslationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")


class ArticleTranslationInline(admin.StackedInline):
    model = ArticleTranslation
    fields = ["language", "title", "summary", "alternate_names", "source_revision"]
    extra = 0
    show_change_link = True


class LanguageFilter(admin.SimpleListFilter):
    """Articles that have (or lack) a translation in a language."""

    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return [
            *settings.LANGUAGES,
            *[
                (f"missing-{code}", _("Missing: %(language)s") % {"language": name})
                for code, name in settings.LANGUAGES
            ],
        ]

    def queryset(self, request, queryset):
        value = self.value() or ""
        code = value.removeprefix("missing-")
        if code not in dict(settings.LANGUAGES):
            return queryset
        exists = Exists(ArticleTranslation.objects.filter(article=OuterRef("pk"), language=code))
        return queryset.exclude(exists) if value.startswith("missing-") else queryset.filter(exists)


class ArticleTranslationStateFilter(admin.SimpleListFilter):
    """Articles with a translation made from an older revision of the source page."""

    title = _("translation state")
    parameter_name = "translation_state"

    def lookups(self, request, model_admin):
        return [("outdated", _("Has an outdated translation")), ("current", _("Up to date"))]

    def queryset(self, request, queryset):
        outdated = Exists(ArticleTranslation.objects.outdated().filter(article=OuterRef("pk")))
        if self.value() == "outdated":
            return queryset.filter(outdated)
        if self.value() == "current":
            return queryset.exclude(outdated)
        return queryset


class ArticleForm(forms.ModelForm):
    """Refuses to publish an article that breaks a publication rule (``publication_errors``)."""

    class Meta:
        model = Article
        # The admin passes its own field list; these are the ones tests and other callers get.
        fields = [
            "slug",
            "category",
            "status",
            "publish_at",
            "unpublish_at",
            "review_interval_months",
            "next_review_override",
            "next_review_override_reason",
            "questions_closed",
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Article.Status.PUBLISHED:
            if self.instance.pk is None:
                raise ValidationError(
                    _("Save the article as a draft with its text first, then publish it.")
                )
            errors = publication_errors(self.instance)
            if errors:
                raise ValidationError(errors)
        return cleaned


@admin.register(Article)
class ArticleAdmin(PublishingAdminMixin, admin.ModelAdmin):
    form = ArticleForm
    list_display = [
        "slug",
        "category",
        "status",
        "languages",
        "last_reviewed_on",
        "next_review_due",
        "feedback_yes",
        "feedback_no",
        "feedback_share_no",
    ]
    list_filter = ["status", "category", LanguageFilter, ArticleTranslationStateFilter]
    list_select_related = ["category"]
    search_fields = ["slug", "translations__title", "translations__alternate_names"]
    readonly_fields = ["last_reviewed_on", "next_review_due", "first_published_at"]
    inlines = [ArticleTranslationInline]
    show_full_result_count = False

    def get_queryset(self, request):
        no = Count("feedback", filter=Q(feedback__useful=False))
        total = Count("feedback")
        return (
            super()
            .get_queryset(request)
            .prefetch_related("translations")
            .annotate(
                feedback_yes_count=Count("feedback", filter=Q(feedback__useful=True)),
                feedback_no_count=no,
                feedback_no_share=ExpressionWrapper(
                    no * 100.0 / NullIf(total, 0), output_field=FloatField()
                ),
            )
        )

    @admin.display(description=_("useful: yes"), ordering="feedback_yes_count")
    def feedback_yes(self, article):
        return article.feedback_yes_count

    @admin.display(description=_("useful: no"), ordering="feedback_no_count")
    def feedback_no(self, article):
        return article.feedback_no_count

    @admin.display(description=_("share of “no”"), ordering="feedback_no_share")
    def feedback_share_no(self, article):
        if article.feedback_no_share is None:
            return "—"
        return f"{article.feedback_no_share:.0f}%"

    @admin.display(description=_("languages"))
    def languages(self, article):
        return ", ".join(t.language for t in article.translations.all())


class SectionForm(forms.ModelForm):
    """On a published article, a section cannot gain a link that leads nowhere."""

    class Meta:
        model = Section
        fields = ["order", "heading", "anchor", "body"]

    def __init__(self, *args, article=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        if self.article is None or self.article.status != Article.Status.PUBLISHED:
            return body
        resolvable = published_slugs(linked_slugs(body)) | {self.article.slug}
        broken = broken_tokens(body, resolvable)
        if broken:
            raise ValidationError(
                [
                    _("The link %(token)s does not lead to a published article.")
                    % {"token": token.raw}
                    for token in broken
                ]
            )
        return body


class ArticleFormSet(forms.BaseInlineFormSet):
    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if self.form is SectionForm:
            kwargs["article"] = self.instance.article if self.instance.article_id else None
        return kwargs


class SectionInline(admin.StackedInline):
    model = Section
    form = SectionForm
    formset = ArticleFormSet
    extra = 0
    ordering = ["order", "pk"]


class ReferenceInline(admin.StackedInline):
    model = Reference
    extra = 0
    ordering = ["order", "pk"]
    fields = [
        ("order", "year"),
        "authors",
        "title",
        "source",
        ("volume", "issue", "pages"),
        ("doi", "pmid"),
        ("url", "accessed_on"),
    ]


class FigureInline(admin.StackedInline):
    model = Figure
    extra = 0
    ordering = ["order", "pk"]
    fields = ["order", "image", "alt_text", "caption", "credit"]


class TranslationStateFilter(admin.SimpleListFilter):
    title = _("translation state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("outdated", _("Outdated")), ("current", _("Up to date"))]

    def queryset(self, request, queryset):
        outdated = ArticleTranslation.objects.outdated().values("pk")
        if self.value() == "outdated":
            return queryset.filter(pk__in=outdated)
        if self.value() == "current":
            return queryset.exclude(pk__in=outdated)
        return queryset


@admin.register(ArticleTranslation)
class ArticleTranslationAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "language",
        "article",
        "status",
        "outdated",
        "revision",
        "source_revision",
        "updated_at",
        "preview_link",
    ]
    list_filter = [
        "language",
        TranslationStateFilter,
        "article__status",
        "article__category",
    ]
    list_select_related = ["article"]
    search_fields = ["title", "alternate_names", "article__slug"]
    readonly_fields = ["revision", "preview_link"]
    inlines = [SectionInline, ReferenceInline, FigureInline]
    actions = ["mark_up_to_date"]
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).with_source_revision()

    @admin.display(description=_("status"), ordering="article__status")
    def status(self, translation):
        return translation.article.get_status_display()

    @admin.display(description=_("outdated"), boolean=True)
    def outdated(self, translation):
        return translation.is_outdated

    @admin.display(description=_("preview"))
    def preview_link(self, translation):
        if translation.pk is None:
            return "—"
        url = reverse("admin:healthinfo_articletranslation_preview", args=[translation.pk])
        return format_html('<a href="{}">{}</a>', url, _("Preview"))

    @admin.action(description=_("Mark as translated from the current English page"))
    def mark_up_to_date(self, request, queryset):
        updated = 0
        for translation in queryset.exclude(language=settings.LANGUAGE_CODE):
            if translation.current_source_revision is not None:
                ArticleTranslation.objects.filter(pk=translation.pk).update(
                    source_revision=translation.current_source_revision
                )
                updated += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d translation marked as up to date.",
                "%(count)d translations marked as up to date.",
                updated,
            )
            % {"count": updated},
            messages.SUCCESS,
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="healthinfo_articletranslation_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk):
        """The page as readers will see it, whatever its status (staff with view permission)."""
        translation = get_object_or_404(ArticleTranslation.objects.for_reader(), pk=pk)
        if not self.has_view_permission(request, translation):
            raise PermissionDenied
        from healthinfo.views.public import article_context

        with translation_utils.override(translation.language):
            translation = ArticleTranslation.objects.for_reader(translation.language).get(pk=pk)
            response = TemplateResponse(
                request,
                "healthinfo/article_detail.html",
                {
                    **article_context(request, translation, load_content(translation)),
                    "preview": True,
                },
            )
            response.render()
        response["X-Robots-Tag"] = "noindex"
        return response


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    """Readers' votes and reasons, read-only: editors may delete an abusive reason."""

    list_display = ["created_at", "article", "language", "useful", "reason"]
    list_filter = ["useful", "language", "article__category"]
    list_select_related = ["article"]
    search_fields = ["article__slug", "reason"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
