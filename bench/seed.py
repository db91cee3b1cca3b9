"""
Synthetic content at benchmark scale, inserted in bulk.

Titles, alternate names and sections are built from real pregnancy
conditions in English and Spanish (``data/vocabulary.json``), so searches for
"preeclampsia", "weak cervix" or "diabetes gestacional" find and rank what a
reader would expect rather than random words. Three articles carry 10, 100
and 1,000 approved questions with midwives' replies, and 100,000 questions
wait in the moderation queue.

Rows go in with ``bulk_create`` in large batches, bypassing ``save()``: the
section HTML is generated here and each distinct body is still passed
through the editors' sanitiser once.
"""

import json
import random
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from itertools import product
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.text import slugify

from comments.models import Question, Reply
from healthinfo.models import (
    AdditionalReviewer,
    Article,
    ArticleTranslation,
    Category,
    CategoryTranslation,
    Reference,
    Review,
    Reviewer,
    Section,
    StaffProfile,
)
from healthinfo.sanitize import clean_editor_html
from healthinfo.search import rebuild_search_documents

VOCABULARY = Path(__file__).resolve().parent / "data" / "vocabulary.json"
LANGUAGES = ("en", "es")
BATCH_SIZE = 2000
QUESTION_THREADS = (10, 100, 1000)
PENDING_QUESTIONS = 100_000
MIDWIFE_USERNAME = "bench-midwife"
MIDWIFE_PUBLIC_NAME = "Midwife @HealthInfo"


@cache
def vocabulary():
    return json.loads(VOCABULARY.read_text(encoding="utf-8"))


def max_articles():
    words = vocabulary()
    return len(words["conditions"]) * len(words["contexts"]) * len(words["aspects"])


def min_articles():
    """One plain page per condition: the pages the scenarios and question threads use."""
    return len(vocabulary()["conditions"])


@dataclass
class SeededSite:
    """What the scenarios need to know about the seeded content."""

    articles: int
    article_slug: str
    category_slug: str
    thread_slugs: dict = field(default_factory=dict)
    midwife_username: str = MIDWIFE_USERNAME
    search_queries: tuple = (
        "/en/search/?q=preeclampsia",
        "/en/search/?q=weak+cervix",
        "/en/search/?q=gestational+diabetes",
        "/en/search/?q=bleeding",
        "/en/search/?q=twin+pregnancies",
        "/en/search/?q=anaemia",
        "/en/search/?q=placenta+praevia+symptoms",
        "/en/search/?q=waters+breaking",
        "/en/search/?q=headache",
        "/en/search/?q=scans",
        "/es/search/?q=diabetes+gestacional",
        "/es/search/?q=placenta+previa",
        "/es/search/?q=sangrado",
        "/es/search/?q=tiroides",
        "/es/search/?q=ces%C3%A1rea",
    )


def site_for(articles):
    """The ``SeededSite`` that ``seed(articles)`` produces (the same on every run)."""
    plain = [slugify(condition["en"]) for condition in vocabulary()["conditions"]]
    return SeededSite(
        articles=articles,
        article_slug=plain[2],  # Cervical insufficiency, the encyclopedia page of DESIGN.md
        category_slug="pregnancy-complications",
        thread_slugs=dict(zip(QUESTION_THREADS, plain[3:6], strict=True)),
    )


def is_seeded(articles):
    """True when the database already holds exactly what ``seed(articles)`` makes."""
    return (
        Article.objects.count() == articles
        and Question.objects.pending().count() == PENDING_QUESTIONS
        and Question.objects.approved().count() == sum(QUESTION_THREADS)
    )


def titles(count):
    """``count`` distinct ({language: title}, condition) pairs; plain topic pages first."""
    words = vocabulary()
    conditions = words["conditions"]
    combos = list(product(words["contexts"], words["aspects"], conditions))
    if not min_articles() <= count <= len(combos):
        raise ValueError(f"Choose between {min_articles()} and {len(combos)} articles.")
    head, tail = combos[: len(conditions)], combos[len(conditions) :]
    random.Random(7).shuffle(tail)
    for context, aspect, condition in (head + tail)[:count]:
        yield (
            {
                language: condition[language]
                + context[language]
                + (f": {aspect[language]}" if aspect[language] else "")
                for language in LANGUAGES
            },
            condition,
        )


def section_bodies(rng, language, condition):
    """One body per section heading, three sentences each, about ``condition``."""
    sentences = vocabulary()["sentences"][language]
    name, alternates = condition[language], condition["alternate_names"][language]
    bodies = []
    for index in range(len(vocabulary()["section_headings"][language])):
        paragraph = " ".join(
            sentence.format(name=name, name_lower=name.lower(), alternate=rng.choice(alternates))
            for sentence in rng.sample(sentences, 3)
        )
        body = f"<p>{paragraph}</p>"
        if index == 1:  # "What causes it?" gets a list, like real pages
            items = "".join(f"<li>{alternate}</li>" for alternate in alternates)
            body += f"<ul>{items}</ul><p>{sentences[10]}</p>"
        bodies.append(body)
    return bodies


def seed(articles, *, pending_questions=PENDING_QUESTIONS, say=print):
    """Fill an empty, migrated database with ``articles`` bilingual articles and the questions."""
    rng = random.Random(42)
    now = timezone.now()
    today = timezone.localdate()
    words = vocabulary()
    with transaction.atomic():
        categories = seed_categories()
        reviewers = Reviewer.objects.bulk_create(
            Reviewer(affiliation="HealthInfo", **reviewer) for reviewer in words["reviewers"]
        )
        midwife = seed_midwife()

        say(f"  {articles} articles in English and Spanish")
        pages = []
        for titles_by_language, condition in titles(articles):
            reviewed_on = today - timedelta(days=rng.randint(1, 1300))
            article = Article(
                slug=slugify(titles_by_language["en"])[:100],
                category=categories[condition["category"]],
                status=Article.Status.PUBLISHED,
                first_published_at=now - timedelta(days=1400),
                last_reviewed_on=reviewed_on,
                next_review_due=reviewed_on + timedelta(days=3 * 365),
            )
            pages.append((article, titles_by_language, condition))
        Article.objects.bulk_create([article for article, _, _ in pages], batch_size=BATCH_SIZE)

        translations = [
            (
                ArticleTranslation(
                    article=article,
                    language=language,
                    title=titles_by_language[language],
                    summary=words["sentences"][language][0].format(name=condition[language]),
                    alternate_names="\n".join(condition["alternate_names"][language]),
                    source_revision=None if language == settings.LANGUAGE_CODE else 1,
                ),
                condition,
            )
            for article, titles_by_language, condition in pages
            for language in LANGUAGES
        ]
        ArticleTranslation.objects.bulk_create(
            [translation for translation, _ in translations], batch_size=BATCH_SIZE
        )

        say("  sections and references")
        seed_sections(rng, translations)

        say("  search documents")
        # bulk_create bypasses save(), which keeps the search documents up to date.
        rebuild_search_documents()

        say("  reviews")
        seed_reviews([article for article, _, _ in pages], reviewers)

        say(f"  {sum(QUESTION_THREADS)} answered and {pending_questions} pending questions")
        seed_questions(rng, pages, midwife, now, pending_questions)
    return site_for(articles)


def seed_categories():
    path = Path(settings.BASE_DIR) / "fixtures" / "demo" / "categories.json"
    categories = {}
    for item in json.loads(path.read_text(encoding="utf-8")):
        category = Category.objects.create(slug=item["slug"], order=item.get("order", 0))
        CategoryTranslation.objects.bulk_create(
            CategoryTranslation(
                category=category,
                language=language,
                name=name,
                description=item.get("descriptions", {}).get(language, ""),
            )
            for language, name in item["names"].items()
        )
        categories[item["slug"]] = category
    return categories


def seed_midwife():
    """The midwife whose session the logged-in scenarios use (no password: nobody logs in)."""
    user = get_user_model().objects.create_user(
        username=MIDWIFE_USERNAME, email="midwife@bench.invalid", is_staff=True
    )
    user.groups.set(Group.objects.filter(name="Midwives"))
    StaffProfile.objects.create(user=user, public_name=MIDWIFE_PUBLIC_NAME)
    return user


def seed_sections(rng, translations):
    headings = vocabulary()["section_headings"]
    cleaned = {}
    sections, references = [], []
    for translation, condition in translations:
        language = translation.language
        bodies = section_bodies(rng, language, condition)
        for order, (heading, body) in enumerate(zip(headings[language], bodies, strict=True), 1):
            if body not in cleaned:
                cleaned[body] = clean_editor_html(body)
            sections.append(
                Section(
                    translation=translation,
                    order=order,
                    heading=heading,
                    anchor=slugify(heading) or f"section-{order}",
                    body=cleaned[body],
                )
            )
        references.extend(
            Reference(
                translation=translation,
                order=order,
                authors="Roe J, Medina M",
                title=f"{condition['en']}: a review of antenatal care, part {order}",
                source="Journal of Maternity Care",
                year=2015 + order,
                volume=str(10 + order),
                pages=f"{order * 10}-{order * 10 + 9}",
            )
            for order in (1, 2)
        )
    Section.objects.bulk_create(sections, batch_size=BATCH_SIZE)
    Reference.objects.bulk_create(references, batch_size=BATCH_SIZE)


def seed_reviews(articles, reviewers):
    """One whole-page review per article, a second reviewer on every third."""
    reviews = []
    for index, article in enumerate(articles):
        reviewer = reviewers[index % len(reviewers)]
        reviews.append(
            Review(
                article=article,
                reviewer=reviewer,
                reviewer_name=reviewer.name,
                reviewer_credentials=reviewer.credentials,
                reviewed_on=article.last_reviewed_on,
                outcome=Review.Outcome.NO_CHANGE,
            )
        )
    Review.objects.bulk_create(reviews, batch_size=BATCH_SIZE)
    second = reviewers[1]
    AdditionalReviewer.objects.bulk_create(
        (
            AdditionalReviewer(
                review=review,
                reviewer=second,
                reviewer_name=second.name,
                reviewer_credentials=second.credentials,
            )
            for review in reviews[::3]
            if review.reviewer_id != second.pk
        ),
        batch_size=BATCH_SIZE,
    )
    Article.objects.update(
        last_review=Subquery(Review.objects.filter(article=OuterRef("pk")).values("pk")[:1])
    )


def seed_questions(rng, pages, midwife, now, pending_questions):
    words = vocabulary()
    condition_of = {article.slug: condition for article, _, condition in pages}
    articles = [article for article, _, _ in pages]
    by_slug = {article.slug: article for article in articles}

    def body(language, condition):
        template = rng.choice(words["question_bodies"][language])
        return template.format(weeks=rng.randint(6, 41), name_lower=condition[language].lower())

    answered = []
    for count, slug in site_for(len(pages)).thread_slugs.items():
        for index in range(count):
            language = "es" if index % 5 == 4 else "en"
            asked_at = now - timedelta(hours=6 * (count - index))
            answered.append(
                Question(
                    article=by_slug[slug],
                    language=language,
                    body=body(language, condition_of[slug]),
                    display_name="" if index % 3 else "Sam",
                    status=Question.Status.APPROVED,
                    created_at=asked_at,
                    moderated_by=midwife,
                    moderated_at=asked_at + timedelta(hours=3),
                )
            )
    Question.objects.bulk_create(answered, batch_size=BATCH_SIZE)
    Reply.objects.bulk_create(
        (
            Reply(
                question=question,
                author=midwife,
                author_name=MIDWIFE_PUBLIC_NAME,
                body=words["reply_bodies"][question.language],
                created_at=question.moderated_at,
            )
            for question in answered
        ),
        batch_size=BATCH_SIZE,
    )

    pending = []
    for index in range(pending_questions):
        article = articles[rng.randrange(len(articles))]
        language = "es" if index % 5 == 0 else "en"
        urgent = index % 40 == 0
        pending.append(
            Question(
                article=article,
                language=language,
                body=body(language, condition_of[article.slug]),
                is_urgent=urgent,
                red_flags=["bleeding"] if urgent else [],
                created_at=now - timedelta(minutes=rng.randint(1, 60 * 24 * 30)),
            )
        )
        if len(pending) == 10 * BATCH_SIZE:
            Question.objects.bulk_create(pending, batch_size=BATCH_SIZE)
            pending = []
    Question.objects.bulk_create(pending, batch_size=BATCH_SIZE)
