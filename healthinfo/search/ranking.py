"""
Ranking: the published pages of one language that match a parsed query, best first.

Order: pages matching more of the query's concepts first (so a page matching
every concept always comes before one matching some), then relevance.
Relevance is PostgreSQL's ``ts_rank`` (weights: title and alternate names 1.0,
summary 0.4, sections 0.2; each further occurrence of a word adds less), and
the portable ranking on SQLite computes the same formula in Python.

On PostgreSQL the cost of ranking thousands of matches ("causes" is on every
page) is kept down in two steps, in one query: every match is ordered by its
rank on the small ``head`` vector (title, alternate names and summary: a few
hundred bytes), read from ``SearchHead`` (a narrow table holding the published
pages only, so no article is asked whether it is published), and only the best
``RERANK`` of those are ranked again on the whole document. Results past
``RERANK`` keep the quick order; readers look at the first page.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.utils import timezone

from healthinfo.models import Article, ArticleTranslation, SearchDocument, SearchHead

from .analysis import stems
from .documents import search_configuration

RERANK = 40
# Candidates read before ranking (issue 18: "cap candidates before ranking"):
# the pages with the words in their title, alternate names or summary (up to
# HEAD_CANDIDATES, found with the small vector's own GIN index), then the first
# BODY_CANDIDATES other pages with them in their sections, in no particular
# order. A word found on most pages ("causes") gets its best pages by name and
# summary, and "More than 1,000 results".
HEAD_CANDIDATES = 3000
BODY_CANDIDATES = 1001
# Only when pages too long overdue for review are hidden: whether a page is
# visible is checked on the first ``limit`` + this many in the quick order (not
# on every candidate): overdue pages are few, and the places they leave are
# filled from these.
UNPUBLISHED_SLACK = 100
# Partial matches are looked for when fewer pages than this match every concept.
PARTIAL_BELOW = 3


@dataclass(frozen=True)
class Match:
    translation_id: int
    article_id: int
    coverage: int  # how many concepts the page matches
    by_name: bool  # every concept is in the title or an alternate name
    in_head: int = 0  # how many concepts are in the title, alternate names or summary


def rank(concept_phrases, language, limit, optional=(), *, partial=True):
    """
    Up to ``limit`` ``Match``es for ``concept_phrases`` (per concept, the phrases
    that stand for it in ``language``), best first. ``optional`` phrases add to
    a page's rank but match nothing on their own. With ``partial`` off, only
    pages matching every concept (the caller would not show the others).
    One query, two when few pages match every concept.
    """
    concept_phrases = [phrases for phrases in concept_phrases if phrases]
    if not concept_phrases:
        return []
    if connection.vendor == "postgresql":
        return _rank_postgres(concept_phrases, language, limit, list(optional), partial)
    matches = _rank_portable(concept_phrases, language, limit, list(optional))
    if partial:
        return matches
    return [match for match in matches if match.coverage == len(concept_phrases)]


def _published_articles(now):
    return Article.objects.published(now).order_by().values("pk").query.sql_with_params()


def _rank_postgres(concept_phrases, language, limit, optional, with_partial):
    """
    Complete matches first (one query); when fewer than ``PARTIAL_BELOW`` pages
    match every concept, pages matching some of them follow (a second query).
    """
    complete = _postgres_query(concept_phrases, language, limit, optional, partial=False)
    if not with_partial or len(complete) >= PARTIAL_BELOW or len(concept_phrases) == 1:
        return complete
    seen = {match.translation_id for match in complete}
    partial = _postgres_query(
        concept_phrases, language, limit, optional, partial=True, complete_ids=sorted(seen)
    )
    return (complete + [match for match in partial if match.translation_id not in seen])[:limit]


def _postgres_query(concept_phrases, language, limit, optional, *, partial, complete_ids=()):
    """
    The ranking query. For partial matches, ``complete_ids`` are the pages the
    query without ``partial`` found matching every concept (all of them: fewer
    than ``PARTIAL_BELOW``).
    """
    config = search_configuration(language)
    params = []
    columns = []
    for index, phrases in enumerate([*concept_phrases, optional]):
        parts = []
        for phrase in phrases:
            parts.append("plainto_tsquery(%s::regconfig, %s)")
            params += [config, phrase]
        columns.append(f"({' || '.join(parts) or chr(39) * 2 + '::tsquery'}) AS c{index}")
    names = [f"c{index}" for index in range(len(concept_phrases))]
    optional_name = f"c{len(concept_phrases)}"
    any_of = " || ".join(names)
    all_of = " && ".join(names)
    in_head = " + ".join(f"(CASE WHEN d.head @@ q.{name} THEN 1 ELSE 0 END)" for name in names)
    # How many concepts each candidate matches. Every candidate matches one at
    # least, and only the ``complete_ids`` match all: with two concepts the
    # others match exactly one, so no page's whole vector is read to count
    # ("headache and swelling": 1,193 vectors, 12-18 of its 23 ms). With more,
    # a concept in the small head is counted without reading the whole vector.
    read_vectors = partial and len(names) > 2
    if read_vectors:
        coverage = " + ".join(
            f"(CASE WHEN numnode(q.{name}) = 0 OR c.head @@ q.{name} OR d.vector @@ q.{name}"
            " THEN 1 ELSE 0 END)"
            for name in names
        )
    elif partial:
        coverage = f"(CASE WHEN c.id = ANY(%s) THEN {len(names)} ELSE 1 END)"
    else:
        coverage = str(len(names))
    documents = SearchDocument._meta.db_table
    heads = SearchHead._meta.db_table
    now = timezone.now()
    # ``SearchHead`` holds the published pages only; an unpublish time that has
    # passed hides a page before the scheduler records it.
    visible = "(h.unpublish_at IS NULL OR h.unpublish_at > %s)"
    # Pages too long overdue for review are hidden by the clock too (when the
    # site says so): then whether the article is visible is asked of the first
    # ``limit`` + ``UNPUBLISHED_SLACK`` in the quick order only.
    check_articles = settings.REVIEW_UNPUBLISH_AFTER_DAYS_OVERDUE is not None
    published_sql, published_params = _published_articles(now) if check_articles else ("", [])
    # Every concept must match (not partial): the quick order puts pages with the
    # words in their head (title, names, summary) first, so the sections are read
    # only for the places those leave among the first ``limit``: none for a word
    # in the head of more than ``limit`` pages ("embarazo").
    body_limit = "%s" if partial else "GREATEST(0, %s - (SELECT count(*) FROM head))"
    sql = f"""
        WITH q AS MATERIALIZED (
            SELECT {", ".join(names)}, {any_of} AS q_any, {all_of} AS q_all,
                   {any_of} || {optional_name} AS q_rank,
                   {"(" + any_of + ")" if partial else "(" + all_of + ")"} AS q_match
            FROM (SELECT {", ".join(columns)}) AS concepts
        ),
        head AS MATERIALIZED (
            SELECT h.translation_id AS id, h.article_id, h.head
            FROM {heads} AS h CROSS JOIN q
            WHERE h.language = %s AND h.head @@ q.q_match AND {visible} LIMIT %s
        ),
        candidates AS MATERIALIZED (
            (SELECT id, article_id, head FROM head)
            UNION ALL
            (SELECT h.translation_id AS id, h.article_id, h.head
             FROM {documents} AS d JOIN {heads} AS h ON h.translation_id = d.translation_id
             CROSS JOIN q
             WHERE d.language = %s AND d.vector @@ q.q_match AND NOT h.head @@ q.q_match
               AND {visible}
             LIMIT {body_limit})
        ),
        ranked AS MATERIALIZED (
            SELECT c.id, c.article_id, {coverage} AS coverage, ts_rank(c.head, q.q_rank) AS quick
            FROM candidates AS c
            {"JOIN " + documents + " AS d ON d.translation_id = c.id" if read_vectors else ""}
            CROSS JOIN q
            ORDER BY coverage DESC, quick DESC, c.id
            LIMIT %s
        ),
        matched AS MATERIALIZED (
            SELECT r.id, r.article_id, r.coverage, r.quick
            FROM ranked AS r
            {"WHERE r.article_id IN (" + published_sql + ")" if check_articles else ""}
            ORDER BY r.coverage DESC, r.quick DESC, r.id
            LIMIT %s
        ),
        best AS MATERIALIZED (
            SELECT m.id, ts_rank(d.vector, q.q_rank) AS score,
                   ts_filter(d.head, '{{a}}') @@ q.q_all AS by_name, {in_head} AS in_head
            FROM (SELECT id FROM matched ORDER BY coverage DESC, quick DESC, id LIMIT %s) AS m
            JOIN {documents} AS d ON d.translation_id = m.id
            CROSS JOIN q
        )
        SELECT m.id, m.article_id, m.coverage, COALESCE(b.by_name, false),
               COALESCE(b.in_head, 0)
        FROM matched AS m LEFT JOIN best AS b ON b.id = m.id
        ORDER BY m.coverage DESC, b.score DESC NULLS LAST, m.quick DESC, m.id
    """
    slack = UNPUBLISHED_SLACK if check_articles else 0
    params += [
        language,
        now,
        HEAD_CANDIDATES,
        language,
        now,
        BODY_CANDIDATES if partial else min(BODY_CANDIDATES, limit + slack),
        *([list(complete_ids)] if partial and not read_vectors else []),
        limit + slack,
        *published_params,
        limit,
        RERANK,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Match(*row) for row in cursor.fetchall()]


# ts_rank's weights for D, C, B, A; title and alternate names are A, summary B, sections C.
WEIGHT_NAMES, WEIGHT_SUMMARY, WEIGHT_SECTIONS = 1.0, 0.4, 0.2
_ZETA_2 = 1.64493406685  # the sum of 1/k², as in PostgreSQL's calc_rank_or


def term_rank(weights):
    """One query word's share of ``ts_rank`` from the weights of its positions, in order."""
    total = sum(weight / ((index + 1) ** 2) for index, weight in enumerate(weights))
    best = max(weights)
    at = weights.index(best)
    return (best + total - best / ((at + 1) ** 2)) / _ZETA_2


def _phrase_stems(phrase, language):
    """The stems a phrase needs in a page (all of them), as PostgreSQL's plainto_tsquery."""
    return frozenset(stems(phrase, language))


def _document_positions(translation, text, language):
    """stem -> weights of its positions in document order (names, summary, sections)."""
    positions = {}
    for weight, part in (
        (WEIGHT_NAMES, f"{translation[0]}\n{translation[1]}"),
        (WEIGHT_SUMMARY, translation[2]),
        (WEIGHT_SECTIONS, text),
    ):
        for word_stem in stems(part, language):
            positions.setdefault(word_stem, []).append(weight)
    return positions


def _rank_portable(concept_phrases, language, limit, optional):
    # Development databases (SQLite) are small: every published page of the
    # language is read and ranked in Python with ts_rank's formula.
    concepts = [
        [needed for needed in (_phrase_stems(phrase, language) for phrase in phrases) if needed]
        for phrases in concept_phrases
    ]
    operands = {word for concept in concepts for needed in concept for word in needed}
    operands |= {word for phrase in optional for word in _phrase_stems(phrase, language)}
    rows = SearchDocument.objects.filter(
        language=language,
        article__in=Article.objects.published(),
        # The pages PostgreSQL ranks: those with a published head.
        translation__in=SearchHead.objects.values("translation_id"),
    ).values_list(
        "translation_id",
        "article_id",
        "translation__title",
        "translation__alternate_names",
        "translation__summary",
        "text",
    )
    scored = []
    for translation_id, article_id, title, alternate_names, summary, text in rows:
        positions = _document_positions((title, alternate_names, summary), text, language)
        names = set(stems(f"{title}\n{alternate_names}", language))
        head = names | set(stems(summary, language))
        coverage = in_head = 0
        by_name = True
        for concept in concepts:
            if not concept or any(needed <= positions.keys() for needed in concept):
                coverage += 1
            if concept and not any(needed <= names for needed in concept):
                by_name = False
            if concept and any(needed <= head for needed in concept):
                in_head += 1
        if not coverage or not any(word in positions for word in operands):
            continue
        score = sum(term_rank(positions[word]) for word in operands if word in positions)
        scored.append((-coverage, -score, translation_id, article_id, coverage, by_name, in_head))
    scored.sort()
    return [Match(*row[2:]) for row in scored[:limit]]


def result_rows(ids):
    """
    What a results page shows of the published translations with ``ids``: per
    translation (id, language, title, summary, alternate names, article slug,
    section text). One query; plain values, no model instances (issue 18: a
    page of results built them for 15 translations, articles and documents).
    """
    return (
        ArticleTranslation.objects.published()
        .filter(pk__in=ids)
        .order_by()
        .values_list(
            "pk",
            "language",
            "title",
            "summary",
            "alternate_names",
            "article__slug",
            "search_document__text",
        )
    )
