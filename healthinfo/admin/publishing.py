"""
Publishing in the article admin: every status change goes through services.

``PublishingAdminMixin`` is one of ``ArticleAdmin``'s bases. It makes the
status read-only in the form (so an editor cannot publish by picking
"Published" and skipping the rules), adds the Publish / Unpublish / Submit
buttons and actions, writes the audit trail on every save, and adds the pages
for an article's versions: the list with the audit trail, the comparison of
two versions and "restore as draft".
"""

from django.contrib import messages
from django.contrib.admin.options import IS_POPUP_VAR, Action, ActionLocation
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from healthinfo import services
from healthinfo.diff import compare
from healthinfo.models import Version

PUBLISH, UNPUBLISH, SUBMIT = "_publish", "_unpublish", "_submit_for_review"


class PublishingAdminMixin:
    """Routes publication, edits and restores of articles through ``healthinfo.services``."""

    # --- The form ----------------------------------------------------------

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + [f for f in ("status", "first_published_at") if f not in fields]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the inlines: the audit entry and any new version see the saved page.
        services.record_edit(form.instance, request.user, created=not change)

    # --- Buttons -------------------------------------------------------------

    def _workflow(self, request, article, button):
        operations = {
            PUBLISH: (services.publish, _("The article is published.")),
            UNPUBLISH: (services.unpublish, _("The article is unpublished.")),
            SUBMIT: (services.submit_for_review, _("The article is submitted for review.")),
        }
        operation, success = operations[button]
        try:
            operation(article, request.user)
        except ValidationError as error:
            for message in error.messages:
                self.message_user(request, message, messages.ERROR)
            return False
        self.message_user(request, success, messages.SUCCESS)
        return True

    def _pressed(self, request):
        return next((b for b in (PUBLISH, UNPUBLISH, SUBMIT) if b in request.POST), None)

    def response_change(self, request, obj):
        button = self._pressed(request)
        if button is None:
            return super().response_change(request, obj)
        self._workflow(request, obj, button)
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
        context.update(
            can_publish=self.has_change_permission(request, obj),
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
        self._bulk(request, queryset, PUBLISH)

    publish_selected.short_description = gettext_lazy("Publish the selected articles")

    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, UNPUBLISH)

    unpublish_selected.short_description = gettext_lazy("Unpublish the selected articles")

    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, SUBMIT)

    submit_selected.short_description = gettext_lazy("Submit the selected articles for review")

    # --- Versions, comparison, restore --------------------------------------

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
            *super().get_urls(),
        ]

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
            "can_restore": self.has_change_permission(request, article),
            **extra,
        }

    def versions_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        versions = list(Version.objects.for_article(article).select_related("published_by"))
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
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(Version, pk=version_id, article=article)
        services.restore_version_as_draft(version, request.user)
        self.message_user(
            request,
            _("Version %(number)s (%(language)s) is restored as a draft. Publish it to show it.")
            % {"number": version.number, "language": version.get_language_display()},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:healthinfo_article_change", args=[article.pk]))


PublishingAdminMixin.publish_selected.allowed_permissions = ("change",)
PublishingAdminMixin.unpublish_selected.allowed_permissions = ("change",)
PublishingAdminMixin.submit_selected.allowed_permissions = ("change",)
