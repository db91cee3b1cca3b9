"""Admin for editors and medical reviewers, one module per concern."""

from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from healthinfo.plain_language import admin as plain_language_admin  # noqa: F401

from . import articles, reviews, search, staff  # noqa: F401  (registers the ModelAdmins)

admin.site.site_header = _("%(site)s administration") % {"site": settings.SITE_NAME}
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = _("Content and moderation")
