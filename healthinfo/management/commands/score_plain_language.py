"""
Score the plain language of live pages: those never scored and those marked
out of date by a glossary or target change (``--all``: every page). Pages are
scored when they change anyway; run this daily, and after importing content.
"""

from django.core.management.base import BaseCommand
from django.db.models import Q

from healthinfo.plain_language.scoring import score_pages


class Command(BaseCommand):
    help = "Score pages without a current plain-language score (--all: every page)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Score every page again.")

    def handle(self, *args, **options):
        from healthinfo.models import ArticleTranslation

        pages = ArticleTranslation.objects.all()
        if not options["all"]:
            pages = pages.filter(Q(readability__isnull=True) | Q(readability__stale=True))
        done = score_pages(pages)
        self.stdout.write(f"Scored {done} page(s).")
