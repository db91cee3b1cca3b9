"""Rebuild every translation's search document and the suggestion vocabulary."""

from django.core.management.base import BaseCommand
from django.db import transaction

from healthinfo.models import ArticleTranslation, SearchTerm
from healthinfo.search import rebuild_search_documents


class Command(BaseCommand):
    help = (
        "Rebuild the search documents and the 'Did you mean' vocabulary "
        "(after bulk imports that bypass save())."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            SearchTerm.objects.all().delete()
            rebuild_search_documents()
        count = ArticleTranslation.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Rebuilt the search documents of {count} pages."))
