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


class _StoredImage:
    """What templates read of an image field (``.url``, ``.name``), for an archived figure."""

    def __init__(self, name, url):
        self.name, self.url = name, url

    def __bool__(self):
        return bool(self.url)


class ArchivedFigure:
    """A figure of a version's snapshot, shaped like a ``Figure`` for ``{% picture %}``."""

    def __init__(self, stored, rendition_items, storage):
        name = stored.get("image") or ""
        # The stored name, not the address recorded at publication: the address of
        # the same file can change (a new MEDIA_URL, another storage).
        self.image = _StoredImage(name, storage.url(name) if name else stored.get("url", ""))
        self.alt_text = stored.get("alt_text", "")
        self.caption = stored.get("caption", "")
        self.credit = stored.get("credit", "")
        self.rendition_items = rendition_items
        largest = max(rendition_items or [], key=lambda item: item["width"], default=None)
        self.width = largest["width"] if largest else stored.get("width")
        self.height = largest["height"] if largest else stored.get("height")


def archived_figures(stored_figures, storage=None):
    """
    The figures of a version (``Version.content["figures"]``) with the
    renditions of each image, in one query: an archived page shows the image
    it was published with, as responsively as the live page.
    """
    storage = storage or default_storage
    stored_figures = list(stored_figures or [])
    names = {figure.get("image") for figure in stored_figures if figure.get("image")}
    items = dict(
        FigureRenditions.objects.filter(source__in=names).values_list("source", "items")
        if names
        else []
    )
    return [
        ArchivedFigure(figure, items.get(figure.get("image")), storage) for figure in stored_figures
    ]
