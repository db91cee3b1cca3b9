"""
Admin for categories, articles and their live pages.

Editors change an article's words through drafts (``healthinfo.admin.drafts``);
the live pages (``ArticleTranslation`` with its sections, references and
figures) are shown here read-only, each with an *Edit* link that starts a
draft of it. The article page itself holds the article's settings and
schedule, the *Live* and *Draft changes* of each language side by side, and
the publishing buttons (``healthinfo.admin.publishing``).
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, ExpressionWrapper, FloatField, OuterRef, Q
from django.db.models.functions import NullIf
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils import translation as translation_utils
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from healthinfo import site_address
from healthinfo.admin.permissions import can_edit_drafts, can_start_draft
from healthinfo.admin.publishing import PublishingAdminMixin
from healthinfo.article_page import load_content
from healthinfo.models import (
    Article,
    ArticleTranslation,
    Category,
    CategoryTranslation,
    DraftTranslation,
    Feedback,
    Figure,
    ReadabilityScore,
    Reference,
    Section,
)


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


class PlainLanguageFilter(admin.SimpleListFilter):
    """Articles with a live page harder to read than its language's target (stored scores)."""

    title = _("plain language")
    parameter_name = "plain_language"

    def lookups(self, request, model_admin):
        return [
            ("above", _("A page is harder to read than the target")),
            ("within", _("Every page is within the target")),
            ("unscored", _("A page is not scored yet")),
        ]

    def queryset(self, request, queryset):
        above = Exists(
            ReadabilityScore.objects.above_target().filter(translation__article=OuterRef("pk"))
        )
        unscored = Exists(
            ArticleTranslation.objects.filter(article=OuterRef("pk"), readability__isnull=True)
        )
        if self.value() == "above":
            return queryset.filter(above)
        if self.value() == "within":
            return queryset.exclude(above).exclude(unscored)
        if self.value() == "unscored":
            return queryset.filter(unscored)
        return queryset


class CategoryFilter(admin.RelatedFieldListFilter):
    """Categories by their name in the admin's language, in one query (not one per category)."""

    def field_choices(self, field, request, model_admin):
        return [
            (category.pk, category.name_in_language) for category in Category.objects.with_name()
        ]


class PublicationStateFilter(admin.SimpleListFilter):
    """
    Scheduled, Live, Live with draft, Expired, Withdrawn… and what needs an editor
    (``ArticleQuerySet.in_state``). ``article_field`` leads from the listed rows
    to their article: ``"pk"`` in the article list, ``"article"`` in lists of pages.
    """

    title = _("publication state")
    parameter_name = "state"
    article_field = "pk"

    def lookups(self, request, model_admin):
        return [
            *Article.State.choices,
            ("awaiting_sign_off", _("Awaiting sign-off")),
            ("needs_revision", _("Needs revision")),
        ]

    def queryset(self, request, queryset):
        if self.value() not in dict(self.lookup_choices):
            return queryset
        articles = Article.objects.in_state(self.value()).values("pk")
        return queryset.filter(**{f"{self.article_field}__in": articles})


class PageStateFilter(PublicationStateFilter):
    """The publication state of the page's article, in lists of pages and drafts."""

    parameter_name = "article_state"
    article_field = "article"


class ArticleForm(forms.ModelForm):
    """
    An article's settings and schedule. Publishing is never a field: the
    buttons call ``services.publish``, which applies every rule.

    A future "publish at" on a live page is ambiguous (publish the draft
    then? take the page down until then?), so the form asks: ``schedule_intent``
    must be answered before it saves.
    """

    INTENT_DRAFT, INTENT_TAKE_DOWN, INTENT_KEEP = "draft", "take_down", "keep"

    non_clinical_reason = forms.CharField(
        label=_("Publish without a medical sign-off: what changed"),
        required=False,
        max_length=300,
        help_text=_(
            "Only for a change that is not clinical (a typo, formatting, a link). The reason "
            "is shown in the page history and the audit trail."
        ),
    )
    schedule_intent = forms.ChoiceField(
        label=_("This page is live. What should happen at the “publish at” time?"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            (INTENT_DRAFT, _("Publish the draft changes then; the live page stays up until then")),
            (INTENT_TAKE_DOWN, _("Take the page down now and publish it again then")),
            (INTENT_KEEP, _("Nothing: keep the page live and do not schedule anything")),
        ],
    )

    class Meta:
        model = Article
        # The admin passes its own field list; these are the ones tests and other callers get.
        fields = [
            "slug",
            "category",
            "publish_at",
            "unpublish_at",
            "review_interval_months",
            "next_review_override",
            "next_review_override_reason",
            "questions_closed",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        article = self.instance
        self.is_live = article.pk is not None and article.is_visible()
        self.has_draft = article.pk is not None and article.drafts.exists()
        if "schedule_intent" in self.fields and not (self.is_live and self.has_draft):
            self.fields["schedule_intent"].choices = [
                choice
                for choice in self.fields["schedule_intent"].choices
                if choice[0] != self.INTENT_DRAFT
            ]

    def clean_publish_at(self):
        publish_at = self.cleaned_data.get("publish_at")
        if (
            publish_at is not None
            and publish_at != self.instance.publish_at
            and publish_at <= timezone.now()
        ):
            raise ValidationError(_("Choose a time in the future, or publish now with the button."))
        if publish_at is not None and self.instance.status == Article.Status.WITHDRAWN:
            raise ValidationError(
                _("A withdrawn article cannot be scheduled: it needs a new review first.")
            )
        return publish_at

    def clean_unpublish_at(self):
        unpublish_at = self.cleaned_data.get("unpublish_at")
        if (
            unpublish_at is not None
            and unpublish_at != self.instance.unpublish_at
            and unpublish_at <= timezone.now()
        ):
            raise ValidationError(_("Choose a time in the future, or unpublish with the button."))
        return unpublish_at

    def clean(self):
        cleaned = super().clean()
        publish_at, unpublish_at = cleaned.get("publish_at"), cleaned.get("unpublish_at")
        if publish_at and unpublish_at and unpublish_at <= publish_at:
            self.add_error("unpublish_at", _("The page must come down after it goes up."))
        newly_scheduled = publish_at is not None and publish_at != self.instance.publish_at
        if newly_scheduled and self.is_live and "schedule_intent" in self.fields:
            if not cleaned.get("schedule_intent"):
                self.add_error(
                    "schedule_intent",
                    _("This page is live: say what should happen at that time."),
                )
        elif "schedule_intent" in self.fields:
            cleaned["schedule_intent"] = ""
        return cleaned

    def schedule_change(self):
        """``(publish_at, intent)`` when the editor changed the schedule, else None."""
        publish_at = self.cleaned_data.get("publish_at")
        if "publish_at" not in self.changed_data:
            return None
        return publish_at, self.cleaned_data.get("schedule_intent", "")


@admin.register(Article)
class ArticleAdmin(PublishingAdminMixin, admin.ModelAdmin):
    form = ArticleForm
    list_display = [
        "slug",
        "category",
        "publication_state",
        "languages",
        "last_reviewed_on",
        "next_review_due",
        "feedback_yes",
        "feedback_no",
        "feedback_share_no",
    ]
    list_filter = [
        PublicationStateFilter,
        ("category", CategoryFilter),
        LanguageFilter,
        ArticleTranslationStateFilter,
        PlainLanguageFilter,
    ]
    list_select_related = ["category"]
    search_fields = ["slug", "translations__title", "translations__alternate_names"]
    show_full_result_count = False

    def get_queryset(self, request):
        no = Count("feedback", filter=Q(feedback__useful=False))
        total = Count("feedback")
        return (
            super()
            .get_queryset(request)
            .with_sign_off_state()
            .prefetch_related("translations", "category__translations")
            .annotate(
                feedback_yes_count=Count("feedback", filter=Q(feedback__useful=True)),
                feedback_no_count=no,
                feedback_no_share=ExpressionWrapper(
                    no * 100.0 / NullIf(total, 0), output_field=FloatField()
                ),
            )
        )

    def add_view(self, request, form_url="", extra_context=None):
        # A new article is written on the editing page: its title, text and settings
        # together, as a draft. (A POST here still creates a bare article.)
        if (
            request.method == "GET"
            and IS_POPUP_VAR not in request.GET
            and self.admin_site._registry[DraftTranslation].has_add_permission(request)
        ):
            return HttpResponseRedirect(reverse("admin:healthinfo_drafttranslation_add"))
        return super().add_view(request, form_url, extra_context)

    @admin.display(description=_("state"))
    def publication_state(self, article):
        label = article.state().label
        notes = []
        if article.draft_awaits_sign_off:
            notes.append(_("awaiting sign-off"))
        if article.needs_revision:
            notes.append(_("needs revision"))
        if article.publish_at and article.status == Article.Status.PUBLISHED:
            notes.append(
                _("changes scheduled for %(time)s")
                % {"time": timezone.localtime(article.publish_at).strftime("%Y-%m-%d %H:%M")}
            )
        return f"{label} ({', '.join(str(note) for note in notes)})" if notes else label

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


class ReadOnlyLiveInline(admin.StackedInline):
    """A part of a live page: shown, never edited here (edit the draft)."""

    extra = 0
    ordering = ["order", "pk"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SectionInline(ReadOnlyLiveInline):
    model = Section
    fields = ["order", "heading", "anchor", "body"]


class ReferenceInline(ReadOnlyLiveInline):
    model = Reference
    fields = [
        ("order", "year"),
        "authors",
        "title",
        "source",
        ("volume", "issue", "pages"),
        ("doi", "pmid"),
        ("url", "accessed_on"),
    ]


class FigureInline(ReadOnlyLiveInline):
    model = Figure
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
    """
    The live pages, read-only: what readers see now. *Edit* starts (or opens)
    the page's draft; the change reaches readers when the draft is published.
    """

    list_display = [
        "title",
        "language",
        "article",
        "publication_state",
        "outdated",
        "revision",
        "source_revision",
        "updated_at",
        "preview_link",
        "edit_link",
    ]
    list_filter = [
        "language",
        TranslationStateFilter,
        PageStateFilter,
        ("article__category", CategoryFilter),
    ]
    list_select_related = ["article"]
    search_fields = ["title", "alternate_names", "article__slug"]
    fields = ["article", "language", "title", "summary", "alternate_names", "source_revision"]
    readonly_fields = ["revision", "preview_link", "edit_link"]
    inlines = [SectionInline, ReferenceInline, FigureInline]
    actions = ["mark_up_to_date"]
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).with_source_revision().with_article_drafts()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_edit_drafts_permission(self, request):
        return can_edit_drafts(request.user)

    # *Edit (as a draft)* leads to the start-draft view: shown only to those it lets in.
    def get_list_display(self, request):
        shown = super().get_list_display(request)
        return shown if can_start_draft(request.user) else [f for f in shown if f != "edit_link"]

    @admin.display(description=_("state"))
    def publication_state(self, translation):
        return translation.article_state().label

    @admin.display(description=_("outdated"), boolean=True)
    def outdated(self, translation):
        return translation.is_outdated

    @admin.display(description=_("preview"))
    def preview_link(self, translation):
        if translation.pk is None:
            return "—"
        url = reverse("admin:healthinfo_articletranslation_preview", args=[translation.pk])
        return format_html('<a href="{}">{}</a>', url, _("Preview"))

    @admin.display(description=_("edit"))
    def edit_link(self, translation):
        if translation.pk is None:
            return "—"
        url = reverse(
            "admin:healthinfo_article_start_draft",
            args=[translation.article_id, translation.language],
        )
        return format_html('<a href="{}">{}</a>', url, _("Edit (as a draft)"))

    @admin.action(
        description=_("Mark as translated from the current English page"),
        permissions=["edit_drafts"],
    )
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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        extra_context["title"] = _("Live page (read-only)")
        return super().change_view(request, object_id, form_url, extra_context)

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
        with translation_utils.override(translation.language):
            translation = ArticleTranslation.objects.for_reader(translation.language).get(pk=pk)
            return preview_response(request, translation)


def preview_response(request, page, **extra):
    """Render ``page`` (a live translation or a draft) exactly as the article view does."""
    from healthinfo.views.public import article_context

    response = TemplateResponse(
        request,
        "healthinfo/article_detail.html",
        {
            **article_context(request, page, load_content(page, site_address.for_request(request))),
            "preview": True,
            **extra,
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
