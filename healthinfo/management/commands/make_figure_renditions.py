"""
Make the responsive renditions of every stored figure image that has none:
live figures, drafts' figures and the images of archived versions (images
uploaded before renditions existed, or whose renditions failed). Renditions
are made at upload; this backfills and is safe to run again (each image once).
"""

from django.core.management.base import BaseCommand, CommandError

from healthinfo.figures.models import FigureRenditions
from healthinfo.figures.services import ensure_renditions


def stored_images():
    """Every image name a figure, a draft's figure or an archived version shows."""
    from healthinfo.models import DraftFigure, Figure, Version

    names = set(Figure.objects.values_list("image", flat=True))
    names |= set(DraftFigure.objects.values_list("image", flat=True))
    for content in Version.objects.values_list("content", flat=True).iterator(chunk_size=500):
        names.update(figure.get("image") for figure in (content or {}).get("figures", []))
    return sorted(name for name in names if name)


class Command(BaseCommand):
    help = "Make the responsive renditions of figure images that have none."

    def handle(self, *args, **options):
        names = stored_images()
        existing = FigureRenditions.objects.filter(source__in=names)
        done = set(existing.values_list("source", flat=True))
        made, failed = 0, []
        for name in names:
            if name in done:
                continue
            if ensure_renditions(name) is None:
                failed.append(name)
            else:
                made += 1
        self.stdout.write(f"Made renditions of {made} image(s); {len(done)} had them already.")
        if failed:
            for name in failed:
                self.stderr.write(f"Could not read {name}")
            raise CommandError(f"{len(failed)} image(s) could not be read.")
