"""
List every link token in published content that does not lead to a published
article, and exit with status 1 if there is one (for cron or CI).
"""

from django.core.management.base import BaseCommand, CommandError

from healthinfo.links import broken_tokens, linked_slugs, published_slugs
from healthinfo.models import Section


class Command(BaseCommand):
    help = "List unresolved [[slug]] link tokens in published articles; exit 1 if any."

    def handle(self, *args, **options):
        sections = (
            Section.objects.filter(translation__article__in=_published_article_ids())
            .filter(body__contains="[[")
            .select_related("translation__article")
            .order_by("translation__article__slug", "translation__language", "order", "pk")
        )
        rows = list(
            sections.values_list(
                "translation__article__slug", "translation__language", "heading", "body"
            )
        )
        resolvable = published_slugs(linked_slugs(*(body for *_, body in rows)))
        broken = 0
        for slug, language, heading, body in rows:
            for token in broken_tokens(body, resolvable):
                broken += 1
                self.stdout.write(f"{slug} ({language}) · {heading}: {token.raw}")
        if broken:
            raise CommandError(f"{broken} unresolved link token(s) in published articles.")
        self.stdout.write(self.style.SUCCESS("Every link token leads to a published article."))


def _published_article_ids():
    from healthinfo.models import Article

    return Article.objects.published().values("pk")
