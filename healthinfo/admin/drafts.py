"""
Admin for drafts: where editors change an article's words.

A ``DraftTranslation`` is edited like any model, with its sections,
references and figures as ordinary inlines. Readers keep the live page until
the draft is published from the article's page (with its sign-off). The form
carries the draft's revision as it was opened: a save made on top of another
editor's is refused with a message, never silently merged or lost.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation as translation_utils
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from healthinfo import services
from healthinfo.admin.articles import preview_response
from healthinfo.admin.publishing import sign_off_state
from healthinfo.diff import compare
from healthinfo.models import (
    ArticleTranslation,
    DraftFigure,
    DraftReference,
    DraftSection,
    DraftTranslation,
)
from healthinfo.snapshots import build_snapshot
from healthinfo.validation import publication_errors


class DraftConflict(Exception):
    """Another editor saved the draft after this form was opened."""

    def __init__(self, draft):
        super().__init__()
        self.draft = draft


class DraftTranslationForm(forms.ModelForm):
    opened_revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    class Meta:
        model = DraftTranslation
        fields = ["title", "summary", "alternate_names", "source_revision"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["opened_revision"].initial = self.instance.revision

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


def conflict_message(current):
    who = current.updated_by.get_username() if current.updated_by else _("another editor")
    return _(
        "%(who)s saved this draft at %(time)s, after you opened it. Your changes were not "
        "saved: open the draft again to see theirs, then make yours."
    ) % {"who": who, "time": date_format(current.updated_at, "TIME_FORMAT")}


class DraftSectionInline(admin.StackedInline):
    model = DraftSection
    extra = 0
    ordering = ["order", "pk"]
    fields = ["order", "heading", "anchor", "body"]


class DraftReferenceInline(admin.StackedInline):
    model = DraftReference
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


class DraftFigureInline(admin.StackedInline):
    model = DraftFigure
    extra = 0
    ordering = ["order", "pk"]
    fields = ["order", "image", "alt_text", "caption", "credit"]


@admin.register(DraftTranslation)
class DraftTranslationAdmin(admin.ModelAdmin):
    """The drafts of every article; a draft is started from the article's page."""

    form = DraftTranslationForm
    list_display = ["title", "language", "article", "kind", "updated_by", "updated_at", "links"]
    list_filter = ["language", "article__status"]
    list_select_related = ["article", "updated_by"]
    search_fields = ["title", "article__slug"]
    readonly_fields = ["article", "language", "sign_off"]
    fieldsets = [
        # ``opened_revision`` (hidden) is rendered by the template's form_top block.
        (None, {"fields": ["article", "language", "sign_off"]}),
        (
            gettext_lazy("Text"),
            {"fields": ["title", "summary", "alternate_names", "source_revision"]},
        ),
    ]
    inlines = [DraftSectionInline, DraftReferenceInline, DraftFigureInline]
    # No bulk delete: discarding a draft is audited, one at a time (discard_view).
    actions = None
    show_full_result_count = False

    def has_add_permission(self, request):
        # A draft starts from the article's page, as a copy of the live page.
        return False

    def get_queryset(self, request):
        live = ArticleTranslation.objects.filter(
            article=OuterRef("article"), language=OuterRef("language")
        )
        return super().get_queryset(request).annotate(has_live_page=Exists(live))

    @admin.display(description=gettext_lazy("kind"))
    def kind(self, draft):
        return _("Changes to a live page") if draft.has_live_page else _("New language")

    @admin.display(description=gettext_lazy("sign-off"))
    def sign_off(self, draft):
        text, _ready = sign_off_state(draft.article)
        return text

    @admin.display(description=gettext_lazy("links"))
    def links(self, draft):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:healthinfo_drafttranslation_preview", args=[draft.pk]),
            _("Preview"),
            reverse("admin:healthinfo_drafttranslation_compare", args=[draft.pk]),
            _("Compare with live"),
        )

    # --- Saving: one editor at a time ------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DraftConflict as conflict:
            # The transaction of the save rolled back: nothing of this save was written.
            self.message_user(request, conflict_message(conflict.draft), messages.ERROR)
            return HttpResponseRedirect(request.path)

    def save_model(self, request, obj, form, change):
        if change:
            # Claims the row (the check and the write are one statement): a second
            # save that read the same revision waits here, then finds it moved on.
            claimed = DraftTranslation.objects.filter(
                pk=obj.pk, revision=form.cleaned_data.get("opened_revision")
            ).update(revision=F("revision"))
            if not claimed:
                current = DraftTranslation.objects.filter(pk=obj.pk).first()
                if current is None:
                    raise Http404
                raise DraftConflict(current)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.has_changed() or any(formset.has_changed() for formset in formsets):
            services.record_draft_edit(form.instance, request.user)

    def response_change(self, request, obj):
        obj.article.refresh_from_db()
        errors = publication_errors(obj.article)
        if errors:
            self.message_user(
                request,
                _("Saved. Before the article can be published: %(reasons)s")
                % {"reasons": " ".join(errors)},
                messages.WARNING,
            )
        return super().response_change(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            live = obj.live_translation()
            context.update(
                draft_links={
                    "article": reverse("admin:healthinfo_article_change", args=[obj.article_id]),
                    "preview": reverse("admin:healthinfo_drafttranslation_preview", args=[obj.pk]),
                    "compare": reverse("admin:healthinfo_drafttranslation_compare", args=[obj.pk]),
                    "discard": reverse("admin:healthinfo_drafttranslation_discard", args=[obj.pk]),
                    "live": live.get_absolute_url()
                    if live is not None and obj.article.is_visible()
                    else "",
                },
                is_new_language=live is None,
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- Preview, compare, discard ---------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/preview/",
                wrap(self.preview_view),
                name="healthinfo_drafttranslation_preview",
            ),
            path(
                "<path:object_id>/compare/",
                wrap(self.compare_view),
                name="healthinfo_drafttranslation_compare",
            ),
            path(
                "<path:object_id>/discard/",
                wrap(self.discard_view),
                name="healthinfo_drafttranslation_discard",
            ),
            *super().get_urls(),
        ]

    def _draft_or_404(self, request, object_id):
        draft = self.get_object(request, unquote(object_id))
        if draft is None:
            raise Http404
        if not self.has_view_or_change_permission(request, draft):
            raise PermissionDenied
        return draft

    def preview_view(self, request, object_id):
        """The draft exactly as readers will see it once published (``noindex``)."""
        draft = self._draft_or_404(request, object_id)
        with translation_utils.override(draft.language):
            page = DraftTranslation.objects.for_reader(draft.language).get(pk=draft.pk)
            return preview_response(request, page, preview_of_draft=True)

    def compare_view(self, request, object_id):
        """The live version and the draft, with the diff used for versions."""
        draft = self._draft_or_404(request, object_id)
        article = draft.article
        live = draft.live_translation()
        new = build_snapshot(draft)
        old = build_snapshot(live) if live is not None else empty_snapshot(new)
        return TemplateResponse(
            request,
            "admin/healthinfo/drafttranslation/compare.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": draft,
                "draft": draft,
                "article": article,
                "live": live,
                "title": _("Live page and draft of “%(title)s”") % {"title": draft.title},
                "subtitle": None,
                "has_view_permission": True,
                "parts": compare(old, new),
            },
        )

    def discard_view(self, request, object_id):
        """GET: what discarding loses. POST: throw the draft away (the live page stays)."""
        draft = self._draft_or_404(request, object_id)
        if not self.has_delete_permission(request, draft):
            raise PermissionDenied
        if request.method == "POST":
            try:
                with transaction.atomic():
                    services.discard_draft(draft, request.user)
            except ValidationError as error:
                for message in error.messages:
                    self.message_user(request, message, messages.ERROR)
            else:
                self.message_user(request, _("The draft is discarded."), messages.SUCCESS)
            return HttpResponseRedirect(
                reverse("admin:healthinfo_article_change", args=[draft.article_id])
            )
        return TemplateResponse(
            request,
            "admin/healthinfo/drafttranslation/discard.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": draft,
                "draft": draft,
                "live": draft.live_translation(),
                "title": _("Discard the draft of “%(title)s”?") % {"title": draft.title},
                "subtitle": None,
                "has_view_permission": True,
            },
        )

    def delete_view(self, request, object_id, extra_context=None):
        # Deleting a draft is discarding it: audited, through the service.
        return HttpResponseRedirect(
            reverse("admin:healthinfo_drafttranslation_discard", args=[unquote(object_id)])
        )


def empty_snapshot(like):
    """A snapshot with nothing in it, to compare a new language's draft against."""
    return {
        **like,
        "title": "",
        "summary": "",
        "alternate_names": [],
        "sections": [],
        "references": [],
        "figures": [],
    }
