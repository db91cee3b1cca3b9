"""
Small factory functions for tests: each makes a valid object with overridable fields.

They write pages directly, as an import would (``writing_live_content``): the
live rows of a published article are otherwise written only by publishing a
draft. ``make_published_article`` goes through ``services.publish``.
"""

import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from healthinfo.models import (
    Article,
    ArticleTranslation,
    Category,
    CategoryTranslation,
    Figure,
    Reference,
    Reviewer,
    Section,
    StaffProfile,
    writing_live_content,
)
from healthinfo.services import record_review

_sequence = itertools.count(1)


def make_user(username=None, *, groups=(), superuser=False, public_name="", password="pw"):
    """A staff user in ``groups`` (group names), with an optional public display name."""
    username = username or f"user{next(_sequence)}"
    user = get_user_model().objects.create_user(
        username=username,
        password=password,
        email=f"{username}@example.org",
        is_staff=True,
        is_superuser=superuser,
    )
    if groups:
        user.groups.set(Group.objects.filter(name__in=groups))
    if public_name:
        StaffProfile.objects.create(user=user, public_name=public_name)
    return user


def make_category(slug=None, *, names=None, **fields):
    slug = slug or f"category-{next(_sequence)}"
    category = Category.objects.create(slug=slug, **fields)
    for language, name in (names or {"en": slug.replace("-", " ").capitalize()}).items():
        CategoryTranslation.objects.create(category=category, language=language, name=name)
    return category


def make_article(
    slug=None,
    *,
    title=None,
    language="en",
    category=None,
    status=Article.Status.PUBLISHED,
    sections=2,
    references=1,
    alternate_names="",
    summary="A short summary.",
    **fields,
):
    """A published article with one translation and the given numbers of sections and references."""
    slug = slug or f"article-{next(_sequence)}"
    article = Article.objects.create(
        slug=slug, category=category or make_category(), status=status, **fields
    )
    add_translation(
        article,
        language,
        title=title or slug.replace("-", " ").capitalize(),
        sections=sections,
        references=references,
        alternate_names=alternate_names,
        summary=summary,
    )
    return article


def add_translation(article, language, *, title, sections=2, references=1, **fields):
    with writing_live_content():
        translation = ArticleTranslation.objects.create(
            article=article, language=language, title=title, **fields
        )
        for order in range(1, sections + 1):
            Section.objects.create(
                translation=translation,
                order=order,
                heading=f"Section {order}",
                body=f"<p>Body of section {order} of {title}.</p>",
            )
        for order in range(1, references + 1):
            Reference.objects.create(
                translation=translation,
                order=order,
                title=f"Reference {order}",
                year=2020,
                authors="Roe J",
                source="Journal of Examples",
            )
    return translation


def make_reviewer(name=None, *, credentials="MD, FACOG", user=None):
    return Reviewer.objects.create(
        name=name or f"Reviewer {next(_sequence)}", credentials=credentials, user=user
    )


def review(article, *, days_ago=10, reviewer=None, scope="whole", outcome="no_change", **kwargs):
    """
    Record a review of ``article`` ``days_ago`` days ago (by default entered by
    an import, with its evidence; pass ``recorded_by`` to record it as someone).
    """
    kwargs.setdefault("evidence", "Signed review form in the test fixtures.")
    return record_review(
        article,
        reviewer or make_reviewer(),
        reviewed_on=timezone.localdate() - timedelta(days=days_ago),
        scope=scope,
        outcome=outcome,
        **kwargs,
    )


def add_figure(translation, order=1, **fields):
    """A figure record (the image file itself is not needed to render a page)."""
    fields.setdefault("alt_text", f"Diagram {order}")
    fields.setdefault("caption", f"Caption {order}")
    with writing_live_content():
        return Figure.objects.create(
            translation=translation, order=order, image=f"figures/diagram-{order}.png", **fields
        )


def make_reviewed_article(slug=None, *, status=Article.Status.DRAFT, days_ago=10, **fields):
    """A draft article that meets the publication rules (a whole-page review, a reference)."""
    article = make_article(slug, status=status, **fields)
    review(article, days_ago=days_ago)
    article.refresh_from_db()
    return article


def make_published_article(slug=None, *, by=None, **fields):
    """An article published through ``services.publish``, so it has its first versions."""
    from healthinfo.services import publish

    article = make_reviewed_article(slug, **fields)
    publish(article, by)
    article.refresh_from_db()
    return article


def edit_draft(article, language="en", *, by=None, section=None, **fields):
    """
    Start (or reuse) the draft of ``article`` in ``language`` as an editor would
    and change it: ``fields`` of the page, and ``section`` (a dict of fields)
    for its first section. Returns the draft.
    """
    from healthinfo.services import start_draft

    draft, _created = start_draft(article, language, by)
    for name, value in fields.items():
        setattr(draft, name, value)
    if fields:
        draft.save()
    if section is not None:
        first = draft.sections.first()
        for name, value in section.items():
            setattr(first, name, value)
        first.save()
    draft.refresh_from_db()
    return draft


def sign_off(article, *, reviewer=None, scope="whole", outcome="no_change", days_ago=0, **kwargs):
    """A review of ``article``'s current draft revision (a medical sign-off)."""
    article.refresh_from_db()
    return review(
        article,
        reviewer=reviewer,
        scope=scope,
        outcome=outcome,
        days_ago=days_ago,
        draft_revision=article.draft_revision,
        **kwargs,
    )


def publish_change(article, language="en", *, by=None, section=None, **fields):
    """
    Change a published page the way editors must: edit its draft, have it
    signed off and publish it. Returns the new versions.
    """
    from healthinfo.services import publish

    edit_draft(article, language, by=by, section=section, **fields)
    sign_off(article)
    versions = publish(article, by)
    article.refresh_from_db()
    return versions
