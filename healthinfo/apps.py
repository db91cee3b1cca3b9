from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthInfoConfig(AppConfig):
    """Articles, categories, medical reviews and published versions."""

    name = "healthinfo"
    verbose_name = _("Health information")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connects the receivers that keep cached menus, pages and search fresh.
        from healthinfo import checks, context_processors, signals  # noqa: F401
        from healthinfo.figures import signals as figure_signals  # noqa: F401
        from healthinfo.plain_language import signals as plain_language_signals  # noqa: F401
