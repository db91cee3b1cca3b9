"""
Receivers that keep derived data in step with article content, whatever the
path of the change (admin, services, shell): translation revisions, search
documents, review dates and the cache generations of reader pages.

The models sit below search, services and rendering and never import them;
the calls from a model change up to those layers are made here.
"""

from django.conf import settings
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from healthinfo.cache import invalidate_article, invalidate_content, invalidate_listings
from healthinfo.models import (
    AdditionalReviewer,
    Article,
    ArticleTranslation,
    Category,
    CategoryTranslation,
    Figure,
    LayTerm,
    Reference,
    Review,
    Section,
)
from healthinfo.models.articles import replacing_parts_now, translation_content_changed
from healthinfo.search import refresh_search_document, refresh_search_heads
from healthinfo.services import reschedule_reviews


def _deleted_with_parent(kwargs):
    # A cascade from deleting a translation or an article (one, or a queryset of
    # them): the parent is going, so there is nothing left to update.
    origin = kwargs.get("origin")
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return issubclass(model, (Article, ArticleTranslation))


@receiver([post_save, post_delete], sender=Section)
@receiver([post_save, post_delete], sender=Reference)
@receiver([post_save, post_delete], sender=Figure)
def live_part_changed(sender, instance, **kwargs):
    # Publishing a draft replaces every part at once and notes the change once.
    if _deleted_with_parent(kwargs) or replacing_parts_now():
        return
    translation = ArticleTranslation.objects.filter(pk=instance.translation_id).first()
    if translation is None:
        return
    # Only sections feed the search document; every part counts as a new revision.
    translation.content_changed(search=sender is Section)
    invalidate_article(translation.article_id)
    if sender is Section:
        invalidate_listings()  # cached search results rank section text


@receiver(translation_content_changed, sender=ArticleTranslation)
def rebuild_search_document(sender, translation, **kwargs):
    refresh_search_document(translation)


@receiver([post_save, post_delete], sender=ArticleTranslation)
def translation_changed(sender, instance, **kwargs):
    invalidate_article(instance.article_id)
    # Links from other articles show this page's title: they must see the change.
    invalidate_content()
    invalidate_listings()


# The fields that decide whether links to an article resolve (see links.py).
LINK_FIELDS = frozenset({"slug", "status", "publish_at", "unpublish_at"})
# The fields copied into, or deciding, the published pages' search heads.
SEARCH_HEAD_FIELDS = frozenset({"status", "unpublish_at"})


@receiver(post_save, sender=Article)
def article_publication_changed(sender, instance, update_fields=None, raw=False, **kwargs):
    """
    Search ranks the published pages' heads (``SearchHead``) without asking the
    articles: publishing, unpublishing, withdrawing, a schedule run or an admin
    edit of the status or unpublish time must replace them in the same
    transaction, whichever door saved the article.
    """
    if raw or (update_fields is not None and not SEARCH_HEAD_FIELDS & set(update_fields)):
        return
    refresh_search_heads([instance.pk])


@receiver([post_save, post_delete], sender=Article)
def article_changed(sender, instance, update_fields=None, **kwargs):
    invalidate_article(instance.pk)
    # Lists show titles, summaries and review dates: any change may show there.
    invalidate_listings()
    # Publishing or unpublishing makes links from other pages resolve differently;
    # recording a review or closing the questions does not, unless overdue pages
    # are hidden (then the next review date decides visibility too).
    link_fields = LINK_FIELDS
    if settings.REVIEW_UNPUBLISH_AFTER_DAYS_OVERDUE is not None:
        link_fields = link_fields | {"next_review_due"}
    if update_fields is None or link_fields & set(update_fields):
        invalidate_content()


@receiver(post_save, sender=Category)
def reschedule_category_reviews(sender, instance, raw=False, **kwargs):
    """A category's interval applies to its articles at once, whatever saved it."""
    if raw:
        return
    reschedule_reviews(
        instance.articles.filter(
            review_interval_months__isnull=True,
            next_review_override__isnull=True,
            last_reviewed_on__isnull=False,
        )
    )


@receiver([post_save, post_delete], sender=Category)
@receiver([post_save, post_delete], sender=CategoryTranslation)
def category_changed(sender, instance, **kwargs):
    # Every reader page shows the category menu; article pages show their category.
    invalidate_content()
    invalidate_listings()


@receiver([post_save, post_delete], sender=Review)
def review_changed(sender, instance, **kwargs):
    invalidate_article(instance.article_id)


@receiver([post_save, post_delete], sender=AdditionalReviewer)
def signoff_changed(sender, instance, **kwargs):
    if not _deleted_with_parent(kwargs):
        review = Review.objects.filter(pk=instance.review_id).values("article_id").first()
        if review:
            invalidate_article(review["article_id"])


@receiver([post_save, post_delete], sender=LayTerm)
def lay_term_changed(sender, instance, **kwargs):
    # Cached searches were expanded with the dictionary as it was.
    invalidate_listings()
