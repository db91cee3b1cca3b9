"""
Admin for drafts: the article editing page, where editors change an
article's words (one page per article and language).

A ``DraftTranslation`` is edited with its title and other names first, then
the summary, then its sections (in the rich-text editor), references and
figures inline on the same page, reorderable with *Move up* / *Move down*
(see ``healthinfo.admin.draft_forms``). Beside the form, the plain-language
check follows the text as it is typed; *Live preview* opens the draft as
readers will see it, at desktop and phone widths, in a second tab that
refreshes whenever the draft is saved. A new article is written on the same
page (*Write a new article*), as a draft.

Readers keep the live page until the draft is published from the article's
page (with its sign-off). The form carries the draft's revision as it was
opened: a save made on top of another editor's is refused with a message,
never silently merged or lost.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation as translation_utils
from django.utils.csp import CSP
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from healthinfo import services
from healthinfo.admin.articles import PageStateFilter, preview_response
from healthinfo.admin.draft_forms import (
    MOVE,
    DraftTranslationForm,
    FigureForm,
    NewArticleForm,
    PartFormSet,
    ReferenceForm,
    SectionForm,
    UnpublishedArticleDraftForm,
    apply_move,
    conflict_message,
    sorted_forms,
)
from healthinfo.admin.permissions import can_discard_draft, draft_actions
from healthinfo.admin.publishing import sign_off_state
from healthinfo.diff import compare
from healthinfo.editing import services as editing_services
from healthinfo.models import (
    ArticleTranslation,
    DraftFigure,
    DraftReference,
    DraftSection,
    DraftTranslation,
)
from healthinfo.plain_language.analysis import formula_for
from healthinfo.plain_language.scoring import check_translation
from healthinfo.snapshots import build_snapshot
from healthinfo.validation import publication_errors

__all__ = ["DraftConflict", "DraftTranslationAdmin", "DraftTranslationForm", "conflict_message"]

PREVIEW_WIDTHS = {
    "desktop": gettext_lazy("Desktop (1280 px)"),
    "tablet": gettext_lazy("Tablet (768 px)"),
    "phone": gettext_lazy("Phone (390 px)"),
}


class DraftConflict(Exception):
    """Another editor saved the draft after this form was opened."""

    def __init__(self, draft):
        super().__init__()
        self.draft = draft


class PartInline(admin.StackedInline):
    """
    A draft's parts, edited on the draft's page, in their order. The hidden
    ``order`` field is the form's own (rendered by the template, without a label).
    """

    formset = PartFormSet
    extra = 1
    ordering = ["order", "pk"]
    template = "admin/healthinfo/drafttranslation/_parts.html"


class DraftSectionInline(PartInline):
    model = DraftSection
    form = SectionForm
    fields = ["heading", "body", "anchor"]
    verbose_name = gettext_lazy("section")
    verbose_name_plural = gettext_lazy("sections")


class DraftReferenceInline(PartInline):
    model = DraftReference
    form = ReferenceForm
    fields = [
        "authors",
        "title",
        "source",
        ("year", "volume", "issue", "pages"),
        ("doi", "pmid"),
        ("url", "accessed_on"),
    ]
    verbose_name = gettext_lazy("reference")
    verbose_name_plural = gettext_lazy("references")


class DraftFigureInline(PartInline):
    model = DraftFigure
    form = FigureForm
    fields = ["image", "alt_text", "caption", "credit"]
    verbose_name = gettext_lazy("figure")
    verbose_name_plural = gettext_lazy("figures")


@admin.register(DraftTranslation)
class DraftTranslationAdmin(admin.ModelAdmin):
    """
    The editing page of each article and language (a draft), and the list of
    drafts. A draft of an existing article starts from the article's page; a
    new article starts here (*Write a new article*).
    """

    form = DraftTranslationForm
    list_display = [
        "title",
        "language",
        "article",
        "kind",
        "publication_state",
        "updated_by",
        "updated_at",
        "links",
    ]
    list_filter = ["language", PageStateFilter]
    list_select_related = ["article", "updated_by"]
    search_fields = ["title", "article__slug"]
    inlines = [DraftSectionInline, DraftReferenceInline, DraftFigureInline]
    # No bulk delete: discarding a draft is audited, one at a time (discard_view).
    actions = None
    show_full_result_count = False
    change_form_template = "admin/healthinfo/drafttranslation/change_form.html"

    def has_add_permission(self, request):
        # Adding a draft here is writing a new article; other drafts start from the
        # article's page, as a copy of the live page.
        user = request.user
        return user.has_perm("healthinfo.add_article") and user.has_perm(
            "healthinfo.add_drafttranslation"
        )

    def get_queryset(self, request):
        live = ArticleTranslation.objects.filter(
            article=OuterRef("article"), language=OuterRef("language")
        )
        return (
            super()
            .get_queryset(request)
            .select_related("article", "updated_by")
            .annotate(has_live_page=Exists(live))
        )

    @admin.display(description=gettext_lazy("kind"))
    def kind(self, draft):
        return _("Changes to a live page") if draft.has_live_page else _("New language")

    @admin.display(description=gettext_lazy("state"))
    def publication_state(self, draft):
        return draft.article_state().label

    @admin.display(description=gettext_lazy("links"))
    def links(self, draft):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:healthinfo_drafttranslation_preview", args=[draft.pk]),
            _("Preview"),
            reverse("admin:healthinfo_drafttranslation_compare", args=[draft.pk]),
            _("Compare with live"),
        )

    # --- The form: title and other names first, then the summary ----------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = NewArticleForm
        elif obj.article.first_published_at is None:
            kwargs["form"] = UnpublishedArticleDraftForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (None, {"fields": ["title", "slug", "alternate_names", "summary"]}),
                (gettext_lazy("Article"), {"fields": ["language", "category"]}),
            ]
        names = ["title", "alternate_names", "summary"]
        if obj.article.first_published_at is None:
            names.insert(1, "slug")
        fieldsets = [(None, {"fields": names})]
        if obj.language != settings.LANGUAGE_CODE:
            fieldsets.append(
                (
                    gettext_lazy("Translation"),
                    {"fields": ["source_revision"], "classes": ["collapse"]},
                )
            )
        return fieldsets

    def _page_language(self, request, obj):
        if obj is not None:
            return obj.language
        chosen = request.POST.get("language") if request.method == "POST" else None
        return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        kwargs["form_kwargs"] = {
            "language": self._page_language(request, obj if obj and obj.pk else None),
            "user": request.user,
        }
        return kwargs

    # --- Saving: one editor at a time ------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and MOVE in request.POST:
            # *Move up/down* without JavaScript: a save with the two parts swapped.
            moved = apply_move(request.POST.copy())
            if moved is not None:
                moved["_continue"] = "1"
                request.POST = moved
                request._moved_part = True
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DraftConflict as conflict:
            # The transaction of the save rolled back: nothing of this save was written.
            self.message_user(request, conflict_message(conflict.draft), messages.ERROR)
            return HttpResponseRedirect(request.path)
        except ValidationError as refused:
            # A service refused (an address taken meanwhile): nothing was written.
            for message in refused.messages:
                self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.path)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.language = form.cleaned_data["language"]
            editing_services.create_article(
                obj,
                slug=form.cleaned_data["slug"],
                category=form.cleaned_data["category"],
                by=request.user,
            )
            return
        # The article's lock first, as publishing takes it: a save and a publication
        # of the same article queue up (never deadlock, never publish half a save).
        services.lock_article(obj.article)
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
        slug = form.cleaned_data.get("slug")
        if slug and slug != obj.article.slug:
            editing_services.change_address(obj.article, slug, request.user)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for part_form in formset.forms:
            if getattr(part_form, "removed_pictures", False):
                self.message_user(
                    request,
                    _(
                        "Pictures pasted into the text of “%(section)s” were removed: add them "
                        "as figures, with alt text, below the sections."
                    )
                    % {"section": part_form.cleaned_data.get("heading", "")},
                    messages.WARNING,
                )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.has_changed() or any(formset.has_changed() for formset in formsets):
            services.record_draft_edit(form.instance, request.user)

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(
            request,
            _(
                "The article “%(title)s” is saved as a draft: readers see nothing until a "
                "medical reviewer signs it off and it is published from the article's page."
            )
            % {"title": obj.title},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse("admin:healthinfo_drafttranslation_change", args=[obj.pk])
        )

    def response_change(self, request, obj):
        obj.article.refresh_from_db()
        if getattr(request, "_moved_part", False):
            self.message_user(request, _("Moved, and the draft is saved."), messages.SUCCESS)
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
        for inline_admin_formset in context.get("inline_admin_formsets", []):
            inline_admin_formset.sorted_forms = sorted_forms(inline_admin_formset)
        language = self._page_language(request, obj)
        context.update(
            page_language=language,
            plain_language_url=reverse("plain_language:check_json"),
            formula_help=formula_for(language).help_text,
            report=None,
            can_change=self.has_change_permission(request, obj),
            may=draft_actions(request.user),
        )
        if obj is not None:
            article = obj.article
            pending = article.pending_publication()
            state, ready = sign_off_state(article, pending)
            live = pending.live.get(obj.language)
            report = check_translation(obj).as_dict()
            report["formula_help"] = str(formula_for(obj.language).help_text)
            context.update(
                title=_("Edit “%(title)s” (%(language)s)")
                % {"title": obj.title, "language": obj.get_language_display()},
                draft_links={
                    "article": reverse("admin:healthinfo_article_change", args=[article.pk]),
                    "preview": reverse("admin:healthinfo_drafttranslation_preview", args=[obj.pk]),
                    "live_preview": reverse(
                        "admin:healthinfo_drafttranslation_live_preview", args=[obj.pk]
                    ),
                    "compare": reverse("admin:healthinfo_drafttranslation_compare", args=[obj.pk]),
                    "discard": reverse("admin:healthinfo_drafttranslation_discard", args=[obj.pk]),
                    "marked_text": reverse(
                        "admin:healthinfo_readabilityscore_draft", args=[obj.pk]
                    ),
                    "live": live.get_absolute_url()
                    if live is not None and article.is_visible()
                    else "",
                },
                is_new_language=live is None,
                sign_off_state=state,
                sign_off_ready=ready,
                publication_errors=publication_errors(article, pending),
                report=report,
                address=article.slug,
            )
        else:
            context.update(title=_("Write a new article"))
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
                "<path:object_id>/preview/live/",
                wrap(self.live_preview_view),
                name="healthinfo_drafttranslation_live_preview",
            ),
            path(
                "<path:object_id>/revision/",
                wrap(never_cache(self.revision_view)),
                name="healthinfo_drafttranslation_revision",
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
        """
        The draft exactly as readers will see it once published (``noindex``).
        This site's own pages may show it in a frame (the live preview).
        """
        draft = self._draft_or_404(request, object_id)
        with translation_utils.override(draft.language):
            page = DraftTranslation.objects.for_reader(draft.language).get(pk=draft.pk)
            response = preview_response(request, page, preview_of_draft=True)
        response["X-Frame-Options"] = "SAMEORIGIN"
        response._csp_config = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}
        return response

    def live_preview_view(self, request, object_id):
        """
        The draft's preview in a frame at a chosen width (desktop, tablet,
        phone), refreshed whenever the draft is saved: meant for a second tab
        beside the editing page. Without JavaScript the width links reload the
        page and *Refresh* shows the latest save.
        """
        draft = self._draft_or_404(request, object_id)
        width = request.GET.get("width")
        width = width if width in PREVIEW_WIDTHS else "desktop"
        return TemplateResponse(
            request,
            "admin/healthinfo/drafttranslation/live_preview.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": draft,
                "draft": draft,
                "title": _("Live preview of “%(title)s”") % {"title": draft.title},
                "subtitle": None,
                "has_view_permission": True,
                "width": width,
                "widths": list(PREVIEW_WIDTHS.items()),
                "preview_url": reverse(
                    "admin:healthinfo_drafttranslation_preview", args=[draft.pk]
                ),
                "revision_url": reverse(
                    "admin:healthinfo_drafttranslation_revision", args=[draft.pk]
                ),
                "edit_url": reverse("admin:healthinfo_drafttranslation_change", args=[draft.pk]),
            },
        )

    def revision_view(self, request, object_id):
        """``{"revision": n}``: what the live preview polls to know the draft was saved."""
        draft = self.get_object(request, unquote(object_id))
        if draft is None:
            return JsonResponse({"revision": None, "gone": True})
        if not self.has_view_or_change_permission(request, draft):
            return JsonResponse({"error": "forbidden"}, status=403)
        return JsonResponse({"revision": draft.revision})

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

    def has_delete_permission(self, request, obj=None):
        # Deleting a draft is discarding it (discard_view): one rule for the view and its links.
        return can_discard_draft(request.user)

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
