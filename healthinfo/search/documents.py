"""
Building the stored search documents (``SearchDocument``) and the vocabulary.

A document is rebuilt whenever its translation or one of its sections is saved
(``ArticleTranslation.refresh_search``), and in bulk by ``manage.py
rebuild_search`` after imports that bypass ``save()``. The published pages'
small vectors (``SearchHead``) follow their documents and their articles'
publication (``refresh_search_heads``).
"""

import html
import re

from django.db import connection, transaction
from django.utils.html import strip_tags

from healthinfo.cache import invalidate_listings
from healthinfo.links import plain_text
from healthinfo.models import (
    Article,
    ArticleTranslation,
    SearchDocument,
    SearchHead,
    SearchTerm,
    Section,
)

from .analysis import tokens

BATCH_SIZE = 500
ANALYZE_AFTER = 1000
MIN_WORD_LENGTH = 3
MAX_WORD_LENGTH = 60

# Elements after which a reader sees a break; stripping tags must not glue the
# words on either side together ("wrong.</p><p>Cervical" is two sentences).
_BLOCK_END = re.compile(
    r"</?(?:p|li|ul|ol|h[1-6]|br|div|tr|td|th|table|blockquote|figure|figcaption|dt|dd)\b[^>]*>",
    re.IGNORECASE,
)
_BREAK = "\x1e"
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_ENDS_SENTENCE = re.compile(r"[.!?:;…]$")


def uses_full_text_search():
    return connection.vendor == "postgresql"


def search_configuration(language):
    """The PostgreSQL text-search configuration for ``language`` ("simple" when unknown)."""
    from django.conf import settings

    return getattr(settings, "SEARCH_CONFIGURATIONS", {}).get(language, "simple")


def body_text(body):
    """
    A section body (editor HTML with link tokens) as one line of plain text.

    Paragraphs and list items stay apart: items become "first; second; third",
    paragraphs are separated by a space after their own full stop.
    """
    marked = _BLOCK_END.sub(_BREAK, plain_text(body))
    text = html.unescape(strip_tags(marked)).replace("\n", " ")
    pieces = [_SPACES.sub(" ", piece).strip() for piece in text.split(_BREAK)]
    joined = ""
    for piece in pieces:
        if not piece:
            continue
        if joined:
            joined += " " if _ENDS_SENTENCE.search(joined) else "; "
        joined += piece
    # The separators used by the stored text must not occur inside a section.
    return joined.replace("\x02", "").replace("\x03", "")


def section_block(heading, body):
    heading = " ".join((heading or "").split())
    return f"{heading}\n{body_text(body)}"


def refresh_search_document(translation):
    """Rebuild the stored search document and vocabulary of ``translation``."""
    rebuild_search_documents(ArticleTranslation.objects.filter(pk=translation.pk))


def rebuild_search_documents(translations=None):
    """
    Rebuild the search documents of ``translations`` (default: all) and add their
    words to the vocabulary. Set-based, for bulk imports that bypass ``save()``:
    a few queries per 500 pages, one vector update per language.
    """
    translations = ArticleTranslation.objects.all() if translations is None else translations
    pks = list(translations.order_by().values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH_SIZE):
        with transaction.atomic():
            _rebuild_batch(pks[start : start + BATCH_SIZE])
    if uses_full_text_search() and len(pks) >= ANALYZE_AFTER:
        # Fresh statistics, so the planner knows how many pages a word matches.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {SearchDocument._meta.db_table}")
            cursor.execute(f"ANALYZE {SearchHead._meta.db_table}")
    # Cached searches ranked the old documents.
    invalidate_listings()


def _rebuild_batch(pks):
    texts = {pk: [] for pk in pks}
    sections = (
        Section.objects.filter(translation_id__in=pks)
        .order_by("translation_id", "order", "pk")
        .values_list("translation_id", "heading", "body")
    )
    for translation_id, heading, body in sections:
        texts[translation_id].append(section_block(heading, body))
    rows = list(
        ArticleTranslation.objects.filter(pk__in=pks).values_list(
            "pk", "article_id", "language", "title", "alternate_names", "summary"
        )
    )
    documents = []
    vocabulary = set()
    for pk, article_id, language, title, alternate_names, summary in rows:
        text = "\n\n".join(texts[pk])
        documents.append(
            SearchDocument(translation_id=pk, article_id=article_id, language=language, text=text)
        )
        for word in tokens(" ".join([title, alternate_names, summary, text])):
            if MIN_WORD_LENGTH <= len(word) <= MAX_WORD_LENGTH and not word.isdigit():
                vocabulary.add((language, word))
    SearchDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["translation"],
        update_fields=["article", "language", "text"],
        batch_size=BATCH_SIZE,
    )
    if uses_full_text_search():
        for language in {row[2] for row in rows}:
            _fill_vectors(pks, language)
    SearchTerm.objects.bulk_create(
        [SearchTerm(language=language, word=word) for language, word in sorted(vocabulary)],
        ignore_conflicts=True,
        batch_size=1000,
    )
    refresh_search_heads({row[1] for row in rows})


def refresh_search_heads(article_ids=None):
    """
    Make the ``SearchHead`` rows of ``article_ids`` (default: every article) say
    what readers see: one per translation of a published article, with its
    document's small vector and the article's unpublish time; none for an
    article that is not published. Two queries, in one transaction.

    Called whenever an article's status or unpublish time is saved (every door
    that publishes, unpublishes, withdraws or schedules goes through
    ``Article.save``, see ``healthinfo.signals``) and after its live pages'
    documents are rebuilt. Drafts are separate rows that never reach a
    document, so editing one changes nothing here until it is published.
    """
    heads = SearchHead._meta.db_table
    documents = SearchDocument._meta.db_table
    articles = Article._meta.db_table
    if article_ids is None:
        only, params = "", []
    else:
        article_ids = sorted(set(article_ids))
        if not article_ids:
            return
        only = f"article_id IN ({', '.join(['%s'] * len(article_ids))})"
        params = article_ids
    # Inside the caller's transaction when there is one (publishing): no savepoint.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {heads} {'WHERE ' + only if only else ''}", params)
        cursor.execute(
            f"""
            INSERT INTO {heads} (translation_id, article_id, language, head, unpublish_at)
            SELECT d.translation_id, d.article_id, d.language, d.head, a.unpublish_at
            FROM {documents} AS d JOIN {articles} AS a ON a.id = d.article_id
            WHERE a.status = %s {"AND d." + only if only else ""}
            """,
            [Article.Status.PUBLISHED, *params],
        )


def _fill_vectors(pks, language):
    """Weighted vectors of the documents ``pks`` in ``language``: one UPDATE each."""
    config = search_configuration(language)
    documents = SearchDocument._meta.db_table
    translations = ArticleTranslation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {documents} AS d
            SET head = setweight(
                    to_tsvector(%s::regconfig, t.title || E'\\n' || t.alternate_names), 'A'
                ) || setweight(to_tsvector(%s::regconfig, t.summary), 'B')
            FROM {translations} AS t
            WHERE t.id = d.translation_id AND d.translation_id = ANY(%s) AND d.language = %s
            """,
            [config, config, list(pks), language],
        )
        cursor.execute(
            f"""
            UPDATE {documents}
            SET vector = head || setweight(to_tsvector(%s::regconfig, text), 'C')
            WHERE translation_id = ANY(%s) AND language = %s
            """,
            [config, list(pks), language],
        )
