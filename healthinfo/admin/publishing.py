"""
Publishing in the article admin: every status change goes through services.

``PublishingAdminMixin`` is one of ``ArticleAdmin``'s bases. The status is
read-only in the form (an editor cannot publish by picking "Published" and
skipping the rules); the Publish / Unpublish / Submit buttons and the list
actions call ``healthinfo.services``; every save is audited. It adds the
article's pages: *Live* and *Draft changes* of each language side by side
(with links to edit, preview, compare and discard), starting a draft, the
versions with the audit trail, the comparison of two versions and "restore
as draft".
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.options import IS_POPUP_VAR, Action, ActionLocation
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from healthinfo import services
from healthinfo.admin.permissions import (
    can_publish,
    can_restore_version,
    can_start_draft,
    draft_actions,
)
from healthinfo.diff import compare
from healthinfo.models import DraftTranslation, Version
from healthinfo.validation import publication_errors

PUBLISH, UNPUBLISH, SUBMIT = "_publish", "_unpublish", "_submit_for_review"


def sign_off_state(article, pending=None):
    """
    A sentence for editors (and reviewers) about the drafts' sign-off, and
    whether it blocks publishing: ``(text, ready)``.
    """
    pending = pending or article.pending_publication()
    if not pending.drafts:
        return "", True
    if not pending.changes_content:
        return _("The drafts change nothing yet."), True
    sign_off = article.draft_sign_off()
    if sign_off is not None:
        return (
            _("Draft revision %(revision)s is signed off by %(reviewer)s (%(scope)s, %(date)s).")
            % {
                "revision": article.draft_revision,
                "reviewer": sign_off.reviewer_signature,
                "scope": sign_off.get_scope_display().lower(),
                "date": date_format(sign_off.reviewed_on),
            },
            True,
        )
    declaration = article.non_clinical_declaration()
    if declaration is not None and not pending.new_languages:
        return (
            _("Draft revision %(revision)s is declared non-clinical: %(reason)s")
            % {"revision": article.draft_revision, "reason": declaration.reason},
            True,
        )
    return (
        _("Draft revision %(revision)s is awaiting sign-off by a medical reviewer.")
        % {"revision": article.draft_revision},
        False,
    )


class PublishingAdminMixin:
    """Routes publication, drafts, edits and restores of articles through the services."""

    # --- The form ----------------------------------------------------------

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        extra = ["status", "first_published_at", "last_reviewed_on", "next_review_due"]
        if obj is not None and obj.first_published_at is not None:
            # Readers, other pages' [[links]] and citations use the address.
            extra.append("slug")
        return fields + [f for f in extra if f not in fields]

    def get_fieldsets(self, request, obj=None):
        publishing = ["status", "publish_at", "unpublish_at", "first_published_at"]
        if obj is not None and self.has_change_permission(request, obj):
            publishing.append("schedule_intent")
            if settings.NON_CLINICAL_PUBLISHING:
                publishing.append("non_clinical_reason")
        fieldsets = [
            (None, {"fields": ["slug", "category"]}),
            (gettext_lazy("Publishing"), {"fields": publishing}),
            (
                gettext_lazy("Reviews"),
                {
                    "fields": [
                        "last_reviewed_on",
                        "next_review_due",
                        "review_interval_months",
                        "next_review_override",
                        "next_review_override_reason",
                    ]
                },
            ),
            (gettext_lazy("Questions"), {"fields": ["questions_closed"]}),
        ]
        return fieldsets

    def save_model(self, request, obj, form, change):
        # The schedule goes through the service (audit, intent), not the form.
        schedule = form.schedule_change() if change else None
        if schedule is not None:
            obj.publish_at = form.initial.get("publish_at")
        request._schedule_change = schedule
        request._non_clinical_reason = form.cleaned_data.get("non_clinical_reason", "")
        super().save_model(request, obj, form, change)
        if not change and obj.publish_at is not None:
            request._schedule_change = (obj.publish_at, "")
            obj.publish_at = None
            type(obj).objects.filter(pk=obj.pk).update(publish_at=None)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the inlines: the audit entry and any new version see the saved page.
        notes = []
        if "unpublish_at" in form.changed_data:
            at = form.cleaned_data.get("unpublish_at")
            notes.append(
                _("unpublish at %(time)s")
                % {"time": date_format(timezone.localtime(at), "DATETIME_FORMAT")}
                if at
                else _("unpublish time cleared")
            )
        services.record_edit(
            form.instance, request.user, created=not change, note="; ".join(map(str, notes))
        )
        self._apply_schedule(request, form.instance, getattr(request, "_schedule_change", None))

    def _apply_schedule(self, request, article, schedule):
        if schedule is None:
            return
        publish_at, intent = schedule
        if intent == self.form.INTENT_KEEP:
            self.message_user(request, _("Nothing was scheduled: the page stays live."))
            return
        try:
            if intent == self.form.INTENT_TAKE_DOWN:
                services.unpublish(article, request.user, note=_("until its scheduled publication"))
            services.schedule_publication(article, publish_at, request.user)
        except ValidationError as error:
            for message in error.messages:
                self.message_user(request, message, messages.ERROR)
            return
        if publish_at is None:
            return
        self.message_user(
            request,
            _("Scheduled: the changes will be published at %(time)s.")
            % {"time": date_format(timezone.localtime(publish_at), "DATETIME_FORMAT")},
            messages.SUCCESS,
        )
        article.refresh_from_db()
        errors = publication_errors(article)
        if errors:
            self.message_user(
                request,
                _("If nothing changes before then, that publication will fail because: %(reasons)s")
                % {"reasons": " ".join(errors)},
                messages.WARNING,
            )

    # --- The pages: live and draft side by side -----------------------------

    def pages(self, request, article):
        """
        The *Live and draft changes* table of the article page, with only the
        links this user may follow (``healthinfo.admin.permissions``).
        """
        pending = article.pending_publication()
        state, ready = sign_off_state(article, pending)
        changed = {draft.language for draft in pending.changed}
        rows = []
        for code, name in settings.LANGUAGES:
            live = pending.live.get(code)
            draft = pending.drafts.get(code)
            rows.append(
                {
                    "code": code,
                    "name": name,
                    "live": live,
                    "draft": draft,
                    "changed": code in changed,
                    "start_url": reverse(
                        "admin:healthinfo_article_start_draft", args=[article.pk, code]
                    ),
                    "live_preview_url": (
                        reverse("admin:healthinfo_articletranslation_preview", args=[live.pk])
                        if live
                        else ""
                    ),
                    "live_url": live.get_absolute_url() if live and article.is_visible() else "",
                    "draft_url": (
                        reverse("admin:healthinfo_drafttranslation_change", args=[draft.pk])
                        if draft
                        else ""
                    ),
                    "draft_preview_url": (
                        reverse("admin:healthinfo_drafttranslation_preview", args=[draft.pk])
                        if draft
                        else ""
                    ),
                    "compare_url": (
                        reverse("admin:healthinfo_drafttranslation_compare", args=[draft.pk])
                        if draft
                        else ""
                    ),
                    "discard_url": (
                        reverse("admin:healthinfo_drafttranslation_discard", args=[draft.pk])
                        if draft
                        else ""
                    ),
                }
            )
        return mark_safe(
            render_to_string(
                "admin/healthinfo/article/_pages.html",
                {
                    "article": article,
                    "rows": rows,
                    "sign_off_state": state,
                    "ready": ready,
                    "withdrawal": article.withdrawal(),
                    "state": article.state(has_draft=bool(pending.drafts)),
                    "may": draft_actions(request.user),
                },
            )
        )

    # --- Buttons -------------------------------------------------------------

    def _workflow(self, request, article, button, non_clinical_reason=""):
        operations = {
            PUBLISH: (services.publish, _("The article is published.")),
            UNPUBLISH: (services.unpublish, _("The article is unpublished.")),
            SUBMIT: (services.submit_for_review, _("The article is submitted for review.")),
        }
        operation, success = operations[button]
        try:
            if button == PUBLISH and non_clinical_reason:
                operation(article, request.user, non_clinical_reason=non_clinical_reason)
            else:
                operation(article, request.user)
        except ValidationError as error:
            for message in error.messages:
                self.message_user(request, f"{article}: {message}", messages.ERROR)
            return False
        self.message_user(request, success, messages.SUCCESS)
        return True

    def _pressed(self, request):
        return next((b for b in (PUBLISH, UNPUBLISH, SUBMIT) if b in request.POST), None)

    def response_change(self, request, obj):
        button = self._pressed(request)
        if button is None:
            return super().response_change(request, obj)
        self._workflow(request, obj, button, getattr(request, "_non_clinical_reason", ""))
        return HttpResponseRedirect(request.path)

    def response_add(self, request, obj, post_url_continue=None):
        button = self._pressed(request)
        if button is None:
            return super().response_add(request, obj, post_url_continue)
        self._workflow(request, obj, button)
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        has_draft = obj is not None and obj.drafts.exists()
        context.update(
            can_publish=can_publish(request.user) and self.has_change_permission(request, obj),
            article_pages=self.pages(request, obj) if obj is not None else "",
            has_draft=has_draft,
            is_live=obj is not None and obj.is_visible(),
            versions_url=(
                reverse("admin:healthinfo_article_versions", args=[obj.pk]) if obj else ""
            ),
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- Actions ----------------------------------------------------------

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if (
            action_location == ActionLocation.CHANGE_LIST
            and IS_POPUP_VAR not in request.GET
            and self.has_change_permission(request)
        ):
            for name in ("publish_selected", "unpublish_selected", "submit_selected"):
                function = getattr(type(self), name)
                actions[name] = Action(
                    func=function,
                    name=name,
                    description=function.short_description,
                    plural_description=function.short_description,
                    locations=[ActionLocation.CHANGE_LIST],
                )
        return actions

    def _bulk(self, request, queryset, button):
        done = sum(self._workflow(request, article, button) for article in queryset)
        if done:
            self.message_user(
                request,
                ngettext("%(count)d article changed.", "%(count)d articles changed.", done)
                % {"count": done},
                messages.SUCCESS,
            )

    def publish_selected(self, request, queryset):
        # Together, so that new pages linking to each other can go live at once.
        published, refused = services.publish_together(list(queryset), request.user)
        for article, reasons in refused.items():
            for reason in reasons:
                self.message_user(request, f"{article}: {reason}", messages.ERROR)
        if published:
            self.message_user(
                request,
                ngettext(
                    "%(count)d article published.", "%(count)d articles published.", len(published)
                )
                % {"count": len(published)},
                messages.SUCCESS,
            )

    publish_selected.short_description = gettext_lazy("Publish the selected articles")

    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, UNPUBLISH)

    unpublish_selected.short_description = gettext_lazy("Unpublish the selected articles")

    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, SUBMIT)

    submit_selected.short_description = gettext_lazy("Submit the selected articles for review")

    # --- Drafts, versions, comparison, restore ------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/versions/",
                wrap(self.versions_view),
                name="healthinfo_article_versions",
            ),
            path(
                "<path:object_id>/versions/compare/",
                wrap(self.compare_view),
                name="healthinfo_article_compare",
            ),
            path(
                "<path:object_id>/versions/<int:version_id>/restore/",
                wrap(require_POST(self.restore_view)),
                name="healthinfo_article_restore",
            ),
            path(
                "<path:object_id>/drafts/<str:language>/start/",
                wrap(self.start_draft_view),
                name="healthinfo_article_start_draft",
            ),
            *super().get_urls(),
        ]

    def has_restore_permission(self, request, article=None):
        """What the restore view checks, and what shows its buttons."""
        return self.has_change_permission(request, article) and can_restore_version(request.user)

    def _article_or_404(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def _context(self, request, article, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "article": article,
            "title": title,
            "subtitle": None,
            "has_view_permission": True,
            "can_restore": self.has_restore_permission(request, article),
            **extra,
        }

    def start_draft_view(self, request, object_id, language):
        """
        GET: what editing this language means (a draft; readers keep the live page).
        POST: start the draft (a copy of the live page) and open it.
        """
        article = self._article_or_404(request, object_id)
        if language not in dict(settings.LANGUAGES):
            raise Http404
        existing = DraftTranslation.objects.filter(article=article, language=language).first()
        if existing is not None:
            return HttpResponseRedirect(
                reverse("admin:healthinfo_drafttranslation_change", args=[existing.pk])
            )
        if not can_start_draft(request.user):
            raise PermissionDenied
        if request.method == "POST":
            draft, _created = services.start_draft(article, language, request.user)
            self.message_user(
                request,
                _(
                    "You are editing a draft: readers see the live page until the draft is "
                    "published."
                ),
                messages.INFO,
            )
            return HttpResponseRedirect(
                reverse("admin:healthinfo_drafttranslation_change", args=[draft.pk])
            )
        live = article.translations.filter(language=language).first()
        return TemplateResponse(
            request,
            "admin/healthinfo/article/start_draft.html",
            self._context(
                request,
                article,
                _("Edit “%(article)s” in %(language)s")
                % {
                    "article": article,
                    "language": dict(settings.LANGUAGES)[language],
                },
                live=live,
                language_name=dict(settings.LANGUAGES)[language],
            ),
        )

    def versions_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        versions = list(
            Version.objects.for_article(article).select_related(
                "published_by", "sign_off", "non_clinical_change"
            )
        )
        for version in versions:
            version.article = article  # its permalink needs the slug: no query per row
        events = list(article.events.select_related("actor"))
        return TemplateResponse(
            request,
            "admin/healthinfo/article/versions.html",
            self._context(
                request,
                article,
                _("Versions and history of “%(article)s”") % {"article": article},
                versions=versions,
                events=events,
            ),
        )

    def compare_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        try:
            ids = [int(request.GET.get(key, "")) for key in ("a", "b")]
        except ValueError:
            ids = None
        if ids and not all(0 < pk < 2**63 for pk in ids):
            ids = None  # a database cannot even be asked about such a number
        found = {v.pk: v for v in Version.objects.filter(article=article, pk__in=ids or [])}
        if not ids or len(found) != len(set(ids)):
            self.message_user(request, _("Choose two versions of this article."), messages.ERROR)
            return HttpResponseRedirect(
                reverse("admin:healthinfo_article_versions", args=[article.pk])
            )
        old, new = sorted((found[ids[0]], found[ids[1]]), key=lambda v: (v.published_at, v.pk))
        return TemplateResponse(
            request,
            "admin/healthinfo/article/compare.html",
            self._context(
                request,
                article,
                _("Compare versions of “%(article)s”") % {"article": article},
                old=old,
                new=new,
                parts=compare(old.content, new.content),
            ),
        )

    def restore_view(self, request, object_id, version_id):
        article = self._article_or_404(request, object_id)
        if not self.has_restore_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(Version, pk=version_id, article=article)
        draft = services.restore_version_as_draft(version, request.user)
        self.message_user(
            request,
            _(
                "Version %(number)s (%(language)s) is restored into the draft. The live page "
                "is unchanged until the draft is signed off and published."
            )
            % {"number": version.number, "language": version.get_language_display()},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse("admin:healthinfo_drafttranslation_change", args=[draft.pk])
        )


PublishingAdminMixin.publish_selected.allowed_permissions = ("change",)
PublishingAdminMixin.unpublish_selected.allowed_permissions = ("change",)
PublishingAdminMixin.submit_selected.allowed_permissions = ("change",)
