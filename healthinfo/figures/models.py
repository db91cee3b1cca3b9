"""The renditions made of an uploaded image (see ``healthinfo.figures.renditions``)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FigureRenditions(models.Model):
    """
    The renditions of one stored image, keyed by the image's storage name
    rather than by a ``Figure`` row, so that every row that shows the same
    file (a figure, a draft copy of it, a restored version) uses the same
    renditions without copying anything.

    ``items`` lists ``{"width", "height", "format", "name"}`` for each file.
    """

    source = models.CharField(_("image"), max_length=255, unique=True)
    items = models.JSONField(_("renditions"), default=list)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("figure renditions")
        verbose_name_plural = _("figure renditions")

    def __str__(self):
        return self.source
