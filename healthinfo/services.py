"""
Workflows of the article app that touch several rows. Each runs in one
transaction and writes the article's audit trail, so a failure leaves nothing
half-written and every change says who made it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Max, When
from django.utils import timezone
from django.utils.translation import gettext as _

from healthinfo.cache import invalidate_article
from healthinfo.models import (
    AdditionalReviewer,
    Article,
    ArticleEvent,
    ArticleTranslation,
    CalendarToken,
    Figure,
    Reference,
    Review,
    ReviewAssignment,
    Section,
    Version,
)
from healthinfo.models.versions import build_snapshot
from healthinfo.validation import publication_errors


def log_event(article, action, by=None, note=""):
    """Add one line to ``article``'s audit trail."""
    return ArticleEvent.objects.create(
        article=article,
        action=action,
        actor=by if by is not None and by.is_authenticated else None,
        note=note[:500],
    )


def _locked(article):
    """``article`` re-read under a row lock: concurrent workflows on one article queue up."""
    return Article.objects.select_for_update().select_related("category").get(pk=article.pk)


def _record_versions(article, by, now=None):
    """
    Snapshot every language of ``article`` whose reader-visible content changed.

    Returns the new versions. Called with the article locked, so version
    numbers cannot collide.
    """
    now = now or timezone.now()
    article = (
        Article.objects.select_related("category", "last_review")
        .prefetch_related("category__translations", "last_review__signoffs")
        .get(pk=article.pk)
    )
    translations = (
        ArticleTranslation.objects.filter(article=article)
        .prefetch_related("sections", "references", "figures")
        .order_by("language")
    )
    latest = {
        version.language: version
        for version in Version.objects.filter(
            pk__in=Version.objects.filter(article=article)
            .values("language")
            .annotate(last=Max("pk"))
            .values("last")
        )
    }
    created = []
    for translation in translations:
        translation.article = article
        content = build_snapshot(translation)
        previous = latest.get(translation.language)
        if previous is not None and previous.content == content:
            continue
        created.append(
            Version.objects.create(
                article=article,
                language=translation.language,
                number=previous.number + 1 if previous else 1,
                title=translation.title,
                content=content,
                published_at=now,
                published_by=by if by is not None and by.is_authenticated else None,
            )
        )
    return created


def _versions_note(versions):
    return ", ".join(f"{v.language} v{v.number}" for v in versions)


@transaction.atomic
def publish(article, by=None, *, now=None):
    """
    Publish ``article`` and snapshot each language as an immutable version.

    Refuses (``ValidationError`` listing every reason) when the article does
    not meet ``publication_errors``. Languages unchanged since their last
    version get no new one. Returns the new versions.
    """
    article = _locked(article)
    errors = publication_errors(article)
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    article.status = Article.Status.PUBLISHED
    if article.first_published_at is None:
        article.first_published_at = now
    article.save(update_fields=["status", "first_published_at", "updated_at"])
    versions = _record_versions(article, by, now)
    log_event(article, ArticleEvent.Action.PUBLISHED, by, _versions_note(versions))
    invalidate_article(article.pk)
    return versions


@transaction.atomic
def record_initial_versions(article, by=None):
    """
    Version an article published without the workflow (imported or demo content).

    Does nothing when the article is not published or already has versions,
    so importers can call it on every run.
    """
    article = _locked(article)
    if article.status != Article.Status.PUBLISHED or article.versions.exists():
        return []
    versions = _record_versions(article, by)
    log_event(article, ArticleEvent.Action.PUBLISHED, by, _versions_note(versions))
    invalidate_article(article.pk)
    return versions


@transaction.atomic
def record_published_changes(article_id, by=None):
    """
    Version the languages of a published article whose content changed since
    their last version (an edit made outside ``record_edit``). Audited as an edit
    only when a version was created.
    """
    article = (
        Article.objects.select_for_update()
        .filter(pk=article_id, status=Article.Status.PUBLISHED)
        .first()
    )
    if article is None:
        return []
    versions = _record_versions(article, by)
    if versions:
        log_event(article, ArticleEvent.Action.EDITED, by, _versions_note(versions))
    return versions


@transaction.atomic
def unpublish(article, by=None, *, note=""):
    """Take ``article`` off the public site (back to draft). Its versions stay citable."""
    article = _locked(article)
    if article.status != Article.Status.PUBLISHED:
        raise ValidationError(_("Only a published article can be unpublished."))
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    log_event(article, ArticleEvent.Action.UNPUBLISHED, by, note)
    invalidate_article(article.pk)
    return article


@transaction.atomic
def submit_for_review(article, by=None, *, note=""):
    """Mark a draft as ready for medical review."""
    article = _locked(article)
    if article.status != Article.Status.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for review."))
    article.status = Article.Status.IN_REVIEW
    article.save(update_fields=["status", "updated_at"])
    log_event(article, ArticleEvent.Action.SUBMITTED, by, note)
    return article


@transaction.atomic
def record_edit(article, by=None, *, created=False):
    """
    Audit an editor's save of ``article`` and keep what readers see versioned.

    Recomputes *next review due* (the interval or override may have changed).
    A published article's changed languages get a new version at once, so
    published content never changes without one.
    """
    article = _locked(article)
    due = article.compute_next_review_due()
    if due != article.next_review_due:
        article.next_review_due = due
        article.save(update_fields=["next_review_due"])
    versions = []
    if article.status == Article.Status.PUBLISHED:
        versions = _record_versions(article, by)
    action = ArticleEvent.Action.CREATED if created else ArticleEvent.Action.EDITED
    log_event(article, action, by, _versions_note(versions))
    invalidate_article(article.pk)
    return versions


@transaction.atomic
def restore_version_as_draft(version, by=None):
    """
    Put ``version``'s content back into its language of the article, as a draft.

    The article leaves the public site until it is published again (which
    validates it and creates a new version); every existing version is kept.
    Returns the restored translation.
    """
    article = _locked(version.article)
    content = version.content
    translation, _created = ArticleTranslation.objects.get_or_create(
        article=article, language=version.language, defaults={"title": content["title"]}
    )
    translation.title = content["title"]
    translation.summary = content["summary"]
    translation.alternate_names = "\n".join(content["alternate_names"])
    translation.revision += 1
    translation.save()
    translation.sections.all().delete()
    translation.references.all().delete()
    translation.figures.all().delete()
    # A snapshot also holds what was rendered from the fields (link-resolved
    # HTML, citations); only the fields an editor wrote come back.
    for order, section in enumerate(content["sections"], start=1):
        Section.objects.create(
            translation=translation, order=order, **_stored_fields(Section, section)
        )
    for order, reference in enumerate(content["references"], start=1):
        Reference.objects.create(
            translation=translation, order=order, **_stored_fields(Reference, reference)
        )
    for order, figure in enumerate(content["figures"], start=1):
        Figure.objects.create(
            translation=translation,
            order=order,
            image=figure["image"],
            alt_text=figure["alt_text"],
            caption=figure["caption"],
            credit=figure["credit"],
        )
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    log_event(
        article,
        ArticleEvent.Action.RESTORED,
        by,
        f"{version.language} v{version.number}",
    )
    invalidate_article(article.pk)
    return translation


@transaction.atomic
def assign_review(article, reviewer, *, due_on, by=None):
    """Ask ``reviewer`` to review ``article`` by ``due_on``."""
    assignment = ReviewAssignment(article=article, reviewer=reviewer, due_on=due_on, assigned_by=by)
    assignment.full_clean()
    assignment.save()
    log_event(
        article,
        ArticleEvent.Action.ASSIGNED,
        by,
        f"{reviewer.name}, {due_on:%Y-%m-%d}",
    )
    return assignment


@transaction.atomic
def record_review(
    article,
    reviewer,
    *,
    outcome,
    reviewed_on=None,
    scope=Review.Scope.WHOLE_PAGE,
    notes="",
    also_reviewed_by=(),
    recorded_by=None,
    assignment=None,
):
    """
    Record that ``reviewer`` reviewed ``article``.

    A whole-page review moves the article's *last reviewed* and *next review
    due* dates in the same transaction; a partial review leaves them alone.
    ``assignment``, when given, must be an open assignment of this reviewer
    for this article; it is marked completed. A published article whose review
    box changed gets new versions.
    """
    reviewed_on = reviewed_on or timezone.localdate()
    if reviewed_on > timezone.localdate():
        raise ValidationError({"reviewed_on": _("A review cannot be dated in the future.")})
    if assignment is not None:
        assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
        if (
            assignment.article_id != article.pk
            or assignment.reviewer_id != reviewer.pk
            or not assignment.is_open
        ):
            raise ValidationError(_("This assignment is not an open one for this article."))
    review = Review.objects.create(
        article=article,
        reviewer=reviewer,
        reviewed_on=reviewed_on,
        scope=scope,
        outcome=outcome,
        notes=notes,
        recorded_by=recorded_by,
        # What readers saw when the reviewer checked it: the newest source-language
        # version (else any language's), or none for a page not yet published.
        approved_version=(
            Version.objects.filter(article=article)
            .order_by(
                Case(When(language=settings.LANGUAGE_CODE, then=0), default=1),
                "-published_at",
                "-pk",
            )
            .defer("content")
            .first()
        ),
    )
    for other in also_reviewed_by:
        if other.pk != reviewer.pk:
            AdditionalReviewer.objects.create(review=review, reviewer=other)
    if assignment is not None:
        assignment.completed_by = review
        assignment.save(update_fields=["completed_by"])
    # Lock the row: two reviews recorded at once must not both win.
    article = _locked(article)
    if scope == Review.Scope.WHOLE_PAGE and (
        article.last_reviewed_on is None or reviewed_on >= article.last_reviewed_on
    ):
        article.last_review = review
        article.last_reviewed_on = reviewed_on
        article.next_review_due = article.compute_next_review_due()
        article.save(update_fields=["last_review", "last_reviewed_on", "next_review_due"])
        if article.status == Article.Status.PUBLISHED:
            _record_versions(article, recorded_by)
    log_event(
        article,
        ArticleEvent.Action.REVIEWED,
        recorded_by,
        f"{review.get_scope_display()}, {review.get_outcome_display()}: {reviewer.signature}",
    )
    invalidate_article(article.pk)
    return review


def reschedule_reviews(articles):
    """Recompute *next review due* for ``articles`` (after an interval changed)."""
    changed = []
    for article in articles.select_related("category"):
        due = article.compute_next_review_due()
        if due != article.next_review_due:
            article.next_review_due = due
            changed.append(article)
    Article.objects.bulk_update(changed, ["next_review_due"], batch_size=500)
    for article in changed:
        invalidate_article(article.pk)
    return len(changed)


def _stored_fields(model, data):
    """The items of ``data`` that are concrete fields of ``model``."""
    names = {field.name for field in model._meta.concrete_fields}
    return {key: value for key, value in data.items() if key in names}


@transaction.atomic
def regenerate_calendar_token(user):
    """Give ``user`` a new calendar-feed address; the old one stops working at once."""
    CalendarToken.objects.filter(user=user).delete()
    return CalendarToken.objects.create(user=user)
