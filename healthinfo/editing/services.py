"""
Workflows of the article editing page that are not publishing: writing a new
article (the article and its first language's draft, together) and changing
the address of an article nobody has seen yet. Each runs in one transaction
and writes the article's audit trail.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from healthinfo.models import Article, ArticleEvent
from healthinfo.services import log_event


def _user(by):
    return by if by is not None and by.is_authenticated else None


@transaction.atomic
def create_article(draft, *, slug, category, by=None):
    """
    Create a new article at ``slug`` in ``category`` with ``draft`` (an
    unsaved ``DraftTranslation``: its language, title, summary and other
    names) as its first page. The article is itself a draft: readers see
    nothing until it is signed off and published. Returns the article.
    """
    if Article.objects.filter(slug=slug).exists():
        raise ValidationError(_("Another article already has this address."), code="slug_taken")
    article = Article.objects.create(slug=slug, category=category)
    draft.article = article
    draft.created_by = draft.updated_by = _user(by)
    draft.save()
    log_event(article, ArticleEvent.Action.CREATED, by)
    log_event(
        article, ArticleEvent.Action.DRAFT_STARTED, by, f"{draft.language} ({_('new article')})"
    )
    return article


@transaction.atomic
def change_address(article, slug, by=None):
    """
    Give an article that was never published a new address. Refused once it
    has been published: readers, links from other articles ([[slug]]) and
    citations use the address.
    """
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.slug == slug:
        return article
    if article.first_published_at is not None:
        raise ValidationError(
            _("This article has been published: its address can no longer change."),
            code="published",
        )
    if Article.objects.filter(slug=slug).exclude(pk=article.pk).exists():
        raise ValidationError(_("Another article already has this address."), code="slug_taken")
    old = article.slug
    article.slug = slug
    article.save(update_fields=["slug", "updated_at"])
    log_event(
        article,
        ArticleEvent.Action.EDITED,
        by,
        _("address %(old)s → %(new)s") % {"old": old, "new": slug},
    )
    return article
