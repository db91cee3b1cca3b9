from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "healthinfo.outbox"
    label = "outbox"
    verbose_name = _("Outgoing email")
    default_auto_field = "django.db.models.BigAutoField"
