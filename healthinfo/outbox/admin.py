"""Outgoing emails in the admin: what waits (and why), what was sent, what failed."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from healthinfo.outbox.models import OutgoingEmail


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("waiting", _("Waiting")), ("failed", _("Failed")), ("sent", _("Sent"))]

    def queryset(self, request, queryset):
        return {
            "waiting": queryset.waiting,
            "failed": queryset.failed,
            "sent": queryset.sent,
        }.get(self.value(), queryset.all)()


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """Read-only: emails are written by the site and sent by the worker; staff may retry."""

    list_display = (
        "subject",
        "to",
        "priority",
        "state_shown",
        "created_at",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    )
    list_filter = (StateFilter, "priority")
    search_fields = ("to", "subject", "key")
    ordering = ("-created_at",)
    show_full_result_count = False
    actions = ["try_again_now"]
    readonly_fields = [field.name for field in OutgoingEmail._meta.fields]

    @admin.display(description=_("state"))
    def state_shown(self, email):
        return {"sent": _("Sent"), "failed": _("Failed"), "waiting": _("Waiting")}[email.state]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Try the selected unsent emails again now"))
    def try_again_now(self, request, queryset):
        from healthinfo.outbox.tasks import deliver_outbox

        count = queryset.filter(sent_at__isnull=True).update(
            gave_up_at=None, next_attempt_at=timezone.now()
        )
        if count:
            deliver_outbox.enqueue()
        self.message_user(
            request,
            ngettext(
                "%(count)d email will be tried again now.",
                "%(count)d emails will be tried again now.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
