"""Making and finding the renditions of stored figure images."""

import json
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, models, transaction

from healthinfo.figures.models import FigureRenditions
from healthinfo.figures.renditions import make_renditions, rendition_name, srcsets

logger = logging.getLogger(__name__)


def ensure_renditions(source_name, storage=None):
    """
    The ``FigureRenditions`` of the image stored as ``source_name``, made now
    if it has none (once: a second call finds them). Returns None when the
    image cannot be read; pages then show the original.
    """
    storage = storage or default_storage
    existing = FigureRenditions.objects.filter(source=source_name).first()
    if existing is not None:
        return existing
    try:
        with storage.open(source_name, "rb") as file:
            made = make_renditions(file)
    except (OSError, ValueError, SyntaxError) as error:
        logger.warning("No renditions for %s: %s", source_name, error)
        return None
    items = []
    for rendition in made:
        name = storage.save(rendition_name(source_name, rendition), ContentFile(rendition.content))
        items.append(
            {
                "width": rendition.width,
                "height": rendition.height,
                "format": rendition.format,
                "name": name,
            }
        )
    try:
        with transaction.atomic():
            return FigureRenditions.objects.create(source=source_name, items=items)
    except IntegrityError:
        # Made at the same moment by another process: use theirs.
        for item in items:
            storage.delete(item["name"])
        return FigureRenditions.objects.get(source=source_name)


def with_renditions(figures):
    """
    ``figures`` (a ``Figure`` queryset) annotated with ``rendition_items``:
    the stored renditions of each image, or None. No extra query.
    """
    items = FigureRenditions.objects.filter(source=models.OuterRef("image")).values("items")[:1]
    return figures.annotate(rendition_items=models.Subquery(items, output_field=models.JSONField()))


def responsive_image(figure, storage=None):
    """What ``healthinfo/_picture.html`` needs for ``figure``, or None to show the original."""
    items = getattr(figure, "rendition_items", None)
    if isinstance(items, str):  # some backends hand a subquery's JSON back as text
        items = json.loads(items)
    if not items:
        return None
    storage = storage or default_storage
    return srcsets(items, storage.url)
