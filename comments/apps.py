from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    """Readers' questions under articles, moderated by midwives."""

    name = "comments"
    verbose_name = _("Reader questions")
    default_auto_field = "django.db.models.BigAutoField"
