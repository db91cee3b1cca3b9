"""
Workflows of the article app that touch several rows. Each runs in one
transaction and writes the article's audit trail, so a failure leaves nothing
half-written and every change says who made it.

Editors change pages through drafts (``start_draft``, the drafts admin,
``restore_version_as_draft``, ``discard_draft``); ``publish`` is the one door
through which content reaches readers, and it always applies
``validation.publication_errors``: the content rules and the medical sign-off.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Max, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from healthinfo.cache import invalidate_article
from healthinfo.models import (
    AdditionalReviewer,
    Article,
    ArticleEvent,
    ArticleTranslation,
    CalendarToken,
    DraftTranslation,
    NonClinicalChange,
    Review,
    ReviewAssignment,
    Version,
    writing_live_content,
)
from healthinfo.snapshots import build_snapshot
from healthinfo.validation import new_language_error, publication_errors


def log_event(article, action, by=None, note="", at=None):
    """Add one line to ``article``'s audit trail."""
    return ArticleEvent.objects.create(
        article=article,
        action=action,
        actor=by if by is not None and by.is_authenticated else None,
        note=note[:500],
        at=at or timezone.now(),
    )


def _user(by):
    return by if by is not None and by.is_authenticated else None


def lock_article(article):
    """
    ``article`` re-read under a row lock: concurrent workflows on one article
    queue up. Every door that publishes (``publish``, ``publish_together``,
    the scheduler), restores, records a sign-off or saves a draft takes it
    first, inside its transaction, so that a sign-off is checked against the
    drafts as they are when the change is written, and two doors never take
    their locks in opposite orders.
    """
    return Article.objects.select_for_update().select_related("category").get(pk=article.pk)


def _record_versions(article, by, now=None, *, sign_off=None, non_clinical_change=None):
    """
    Snapshot every language of ``article`` whose reader-visible content changed.

    Returns the new versions, each naming who vouched for it (``sign_off`` or
    ``non_clinical_change``). Called with the article locked, so version
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
                published_by=_user(by),
                sign_off=sign_off,
                non_clinical_change=non_clinical_change,
            )
        )
    return created


def _versions_note(versions):
    return ", ".join(f"{v.language} v{v.number}" for v in versions)


def _sign_off_note(sign_off=None, declaration=None):
    if sign_off is not None:
        return _(
            "signed off by %(reviewer)s (%(scope)s, %(outcome)s, draft revision %(revision)s)"
        ) % {
            "reviewer": sign_off.reviewer_signature,
            "scope": sign_off.get_scope_display(),
            "outcome": sign_off.get_outcome_display(),
            "revision": sign_off.draft_revision,
        }
    if declaration is not None:
        return _("non-clinical change: %(reason)s") % {"reason": declaration.reason}
    return ""


def _join(*parts):
    return " · ".join(part for part in parts if part)


@transaction.atomic
def publish(
    article, by=None, *, now=None, non_clinical_reason="", scheduled=False, also_publishing=()
):
    """
    Publish ``article``: apply its drafts to the live pages, snapshot each
    changed language as an immutable version and put the article on the site.

    Refuses (``ValidationError`` listing every reason, nothing written) when
    the article breaks a rule of ``publication_errors``: content rules, a
    whole-page review, the medical sign-off of the current draft revision, a
    withdrawal. ``non_clinical_reason`` declares the draft non-clinical first
    (see ``declare_non_clinical``). ``scheduled`` marks the scheduler's
    publications in the audit trail. ``also_publishing``: slugs of articles
    published in the same transaction (see ``publish_together``). Returns the
    new versions.
    """
    now = now or timezone.now()
    publication = _make_public(
        article,
        now,
        by=by,
        non_clinical_reason=non_clinical_reason,
        also_publishing=also_publishing,
    )
    return _record_publication(publication, by, now, scheduled=scheduled)


def publish_together(articles, by=None, *, now=None):
    """
    Publish ``articles`` at once, so that new pages linking to each other can
    go live together (each alone would be refused: its links lead to a page
    not yet published). Every other rule applies to each article.

    The articles that would break a rule even alongside the others are left
    out, until no more drop out; the rest are published in one transaction,
    and their versions are made once all of them are public (so that the
    links between them are in the versions). Returns ``(published, refused)``:
    ``{article: versions}`` and ``{article: reasons}``.
    """
    now = now or timezone.now()
    candidates = list(articles)
    refused = {}
    while True:
        slugs = {article.slug for article in candidates}
        dropped = []
        for article in candidates:
            errors = publication_errors(article, also_publishing=slugs - {article.slug})
            if errors:
                refused[article] = errors
                dropped.append(article)
        if not dropped:
            break
        candidates = [article for article in candidates if article not in dropped]
    slugs = {article.slug for article in candidates}
    with transaction.atomic():
        publications = [
            _make_public(article, now, by=by, also_publishing=slugs - {article.slug})
            for article in sorted(candidates, key=lambda article: article.pk)
        ]
        published = {
            publication.article: _record_publication(publication, by, now)
            for publication in publications
        }
    return published, refused


class _Publication:
    """What ``_make_public`` did, for ``_record_publication`` to version and audit."""

    def __init__(self, article, sign_off, declaration, scheduled_for):
        self.article = article
        self.sign_off = sign_off
        self.declaration = declaration
        self.scheduled_for = scheduled_for


def _make_public(article, now, *, by=None, non_clinical_reason="", also_publishing=()):
    """Check the rules, apply the drafts and put the (locked) article on the site."""
    article = lock_article(article)
    declared = None
    if non_clinical_reason.strip():
        declared = declare_non_clinical(article, non_clinical_reason, by, now=now)
    pending = article.pending_publication()
    errors = publication_errors(article, pending, also_publishing=also_publishing)
    if errors:
        raise ValidationError(errors)
    sign_off = declaration = None
    if pending.changes_content:
        sign_off = article.draft_sign_off()
        if sign_off is None:
            declaration = declared or article.non_clinical_declaration()
    with writing_live_content():
        for draft in pending.changed:
            draft.apply_to_live()
        # Publishing consumes every draft, changed or not.
        DraftTranslation.objects.filter(article=article).delete()
    scheduled_for = article.publish_at
    article.status = Article.Status.PUBLISHED
    if article.first_published_at is None:
        article.first_published_at = now
    article.publish_at = None
    article.scheduled_by = None
    if article.unpublish_at is not None and article.unpublish_at <= now:
        article.unpublish_at = None  # an expired page published again stays up
    fields = ["status", "first_published_at", "publish_at", "scheduled_by", "unpublish_at"]
    if sign_off is not None:
        article.needs_revision = False
        fields.append("needs_revision")
        if sign_off.scope == Review.Scope.WHOLE_PAGE and (
            article.last_reviewed_on is None or sign_off.reviewed_on >= article.last_reviewed_on
        ):
            # The reviewed draft is what readers now see: its review dates the page.
            article.last_review = sign_off
            article.last_reviewed_on = sign_off.reviewed_on
            article.next_review_due = article.compute_next_review_due()
            fields += ["last_review", "last_reviewed_on", "next_review_due"]
    article.save(update_fields=[*fields, "updated_at"])
    return _Publication(article, sign_off, declaration, scheduled_for)


def _record_publication(publication, by, now, *, scheduled=False):
    """Version and audit what ``_make_public`` put on the site; returns the new versions."""
    article, sign_off, declaration = (
        publication.article,
        publication.sign_off,
        publication.declaration,
    )
    versions = _record_versions(
        article,
        by,
        now,
        # A first publication without drafts is vouched for by the whole-page review.
        sign_off=sign_off or (None if declaration else article.last_review),
        non_clinical_change=declaration,
    )
    note = _join(_versions_note(versions), _sign_off_note(sign_off, declaration))
    if scheduled:
        moment = timezone.localtime(publication.scheduled_for or now)
        note = _join(
            _("scheduled for %(time)s") % {"time": date_format(moment, "DATETIME_FORMAT")}, note
        )
    action = ArticleEvent.Action.SCHEDULED_PUBLISH if scheduled else ArticleEvent.Action.PUBLISHED
    log_event(article, action, by, note, at=now)
    invalidate_article(article.pk)
    return versions


@transaction.atomic
def declare_non_clinical(article, reason, by=None, *, now=None):
    """
    Record an editor's declaration that the current draft revision changes
    nothing clinical (a typo, formatting, a link), so that it may be published
    without a medical sign-off. Refused when the site does not allow it
    (``settings.NON_CLINICAL_PUBLISHING``), without a reason, without a draft,
    for a new language, or when a reviewer asked for more on this revision.
    """
    reason = " ".join((reason or "").split())
    if not settings.NON_CLINICAL_PUBLISHING:
        raise ValidationError(
            _("This site does not allow publishing without a medical sign-off."),
            code="non_clinical_not_allowed",
        )
    if len(reason) < 5:
        raise ValidationError(
            {"non_clinical_reason": _("Say in a few words what the change is (a typo, a link…).")}
        )
    if len(reason) > 300:
        raise ValidationError({"non_clinical_reason": _("Keep the reason under 300 characters.")})
    article = lock_article(article)
    pending = article.pending_publication()
    if not pending.changes_content:
        raise ValidationError(_("There are no draft changes to publish."))
    if pending.new_languages:
        raise ValidationError(new_language_error(pending))
    latest = Review.objects.of_draft(article).first()
    if latest is not None and not latest.approves:
        raise ValidationError(
            _("A reviewer asked for more on this draft (“%(outcome)s”): it needs a new sign-off.")
            % {"outcome": latest.get_outcome_display()}
        )
    return NonClinicalChange.objects.create(
        article=article,
        draft_revision=article.draft_revision,
        reason=reason,
        declared_by=_user(by),
        declared_at=now or timezone.now(),
    )


@transaction.atomic
def record_initial_versions(article, by=None):
    """
    Version an article published without the workflow (imported content).

    Does nothing when the article is not published or already has versions,
    so importers can call it on every run.
    """
    article = lock_article(article)
    if article.status != Article.Status.PUBLISHED or article.versions.exists():
        return []
    versions = _record_versions(article, by, sign_off=article.last_review)
    log_event(article, ArticleEvent.Action.PUBLISHED, by, _versions_note(versions))
    invalidate_article(article.pk)
    return versions


@transaction.atomic
def unpublish(article, by=None, *, note="", scheduled=False, now=None):
    """
    Take ``article`` off the public site (back to draft). Its versions stay citable.

    ``scheduled``: the scheduler records that the page came down at its
    ``unpublish_at`` (readers stopped seeing it then), which stays set so that
    lists show the page as expired.
    """
    article = lock_article(article)
    if article.status != Article.Status.PUBLISHED:
        raise ValidationError(_("Only a published article can be unpublished."))
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    if scheduled:
        at = article.unpublish_at or now or timezone.now()
        log_event(
            article,
            ArticleEvent.Action.SCHEDULED_UNPUBLISH,
            by,
            _join(
                _("at %(time)s") % {"time": date_format(timezone.localtime(at), "DATETIME_FORMAT")},
                note,
            ),
            at=at,
        )
    else:
        log_event(article, ArticleEvent.Action.UNPUBLISHED, by, note)
    invalidate_article(article.pk)
    return article


@transaction.atomic
def submit_for_review(article, by=None, *, note=""):
    """Mark a draft as ready for medical review."""
    article = lock_article(article)
    if article.status != Article.Status.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for review."))
    article.status = Article.Status.IN_REVIEW
    article.save(update_fields=["status", "updated_at"])
    log_event(article, ArticleEvent.Action.SUBMITTED, by, note)
    return article


@transaction.atomic
def record_edit(article, by=None, *, created=False, note=""):
    """
    Audit an editor's save of ``article``'s settings (category, schedule,
    intervals) and keep what readers see versioned.

    Recomputes *next review due* (the interval or override may have changed).
    A published article whose review box changed gets a new version at once.
    (Its words change only through drafts and ``publish``.)
    """
    article = lock_article(article)
    due = article.compute_next_review_due()
    if due != article.next_review_due:
        article.next_review_due = due
        article.save(update_fields=["next_review_due"])
    versions = []
    if article.status == Article.Status.PUBLISHED:
        versions = _record_versions(article, by)
    action = ArticleEvent.Action.CREATED if created else ArticleEvent.Action.EDITED
    log_event(article, action, by, _join(note, _versions_note(versions)))
    invalidate_article(article.pk)
    return versions


@transaction.atomic
def schedule_publication(article, at, by=None):
    """
    Publish ``article``'s pending changes at ``at`` (``run_schedule`` does it);
    a live page stays up until then. ``at=None`` cancels the schedule.
    """
    article = lock_article(article)
    if at is not None and article.status == Article.Status.WITHDRAWN:
        raise ValidationError(
            _("A withdrawn article cannot be scheduled: it needs a new review first.")
        )
    article.publish_at = at
    article.scheduled_by = _user(by) if at is not None else None
    article.save(update_fields=["publish_at", "scheduled_by", "updated_at"])
    if at is None:
        note = _("schedule cancelled")
    else:
        note = _("to be published at %(time)s") % {
            "time": date_format(timezone.localtime(at), "DATETIME_FORMAT")
        }
    log_event(article, ArticleEvent.Action.SCHEDULED, by, note)
    return article


def run_schedule(now=None):
    """
    Carry out what is scheduled up to ``now``: pages whose unpublish time has
    passed are recorded as unpublished (readers stopped seeing them at that
    time), and pending changes whose publish time has come are published
    through ``publish``, with every rule checked at that moment.

    Each article is handled in its own transaction, in time order. A
    publication that breaks a rule is not retried: its schedule is cleared and
    the audit trail says why. Returns ``(published, unpublished, failed)``:
    lists of articles (``failed`` of ``(article, reasons)``). Safe to run from
    several servers at once: each change happens under the article's row lock
    and is re-checked there.
    """
    now = now or timezone.now()
    due = [
        (article.unpublish_at, "unpublish", article)
        for article in Article.objects.due_for_scheduled_unpublication(now)
    ] + [
        (article.publish_at, "publish", article)
        for article in Article.objects.due_for_scheduled_publication(now)
    ]
    published, unpublished, failed = [], [], []
    for _time, kind, article in sorted(due, key=lambda item: (item[0], item[2].pk)):
        if kind == "unpublish":
            if _unpublish_as_scheduled(article, now):
                unpublished.append(article)
            continue
        outcome = _publish_as_scheduled(article, now)
        if outcome is True:
            published.append(article)
        elif outcome:
            failed.append((article, outcome))
    return published, unpublished, failed


@transaction.atomic
def _unpublish_as_scheduled(article, now):
    locked = lock_article(article)
    if not (
        locked.status == Article.Status.PUBLISHED
        and locked.unpublish_at is not None
        and locked.unpublish_at <= now
    ):
        return False  # another run did it, or an editor changed the schedule
    unpublish(locked, None, scheduled=True, now=now)
    return True


def _publish_as_scheduled(article, now):
    with transaction.atomic():
        locked = lock_article(article)
        if locked.publish_at is None or locked.publish_at > now:
            return False
        scheduled_by = locked.scheduled_by
        try:
            with transaction.atomic():
                publish(locked, scheduled_by, now=now, scheduled=True)
        except ValidationError as refused:
            reasons = refused.messages
            locked.publish_at, locked.scheduled_by = None, None
            locked.save(update_fields=["publish_at", "scheduled_by", "updated_at"])
            log_event(
                locked, ArticleEvent.Action.SCHEDULE_FAILED, scheduled_by, " ".join(reasons), at=now
            )
            return reasons
    return True


@transaction.atomic
def start_draft(article, language, by=None):
    """
    The draft of ``article`` in ``language``, made now as a copy of the live
    page when there is none (or an empty page for a new language). Readers
    keep the live page until the draft is published. Returns ``(draft, created)``.
    """
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language."))
    article = lock_article(article)
    draft, created = DraftTranslation.start(article, language, by)
    if created:
        origin = (
            _("new language") if draft.live_translation() is None else _("copy of the live page")
        )
        log_event(article, ArticleEvent.Action.DRAFT_STARTED, by, f"{language} ({origin})")
    return draft, created


@transaction.atomic
def record_draft_edit(draft, by=None):
    """Audit an editor's save of a draft (the drafts admin calls it after the inlines)."""
    DraftTranslation.objects.filter(pk=draft.pk).update(updated_by=_user(by))
    article = Article.objects.get(pk=draft.article_id)
    log_event(
        article,
        ArticleEvent.Action.EDITED,
        by,
        _("draft %(language)s, revision %(revision)s")
        % {"language": draft.language, "revision": article.draft_revision},
    )


@transaction.atomic
def discard_draft(draft, by=None):
    """Throw away the changes of ``draft``; the live page (if any) is untouched."""
    article = lock_article(draft.article)
    deleted, _rows = DraftTranslation.objects.filter(pk=draft.pk).delete()
    if not deleted:
        raise ValidationError(_("This draft was already published or discarded."))
    log_event(article, ArticleEvent.Action.DRAFT_DISCARDED, by, draft.language)
    return article


@transaction.atomic
def restore_version_as_draft(version, by=None):
    """
    Put ``version``'s content into the draft of its language (made now if
    needed), replacing the draft's words, sections, references and figures.

    The live page stays up unchanged; the restored text reaches readers only
    when the draft is published (with its sign-off), as a new version. Returns
    the draft.
    """
    article = lock_article(version.article)
    draft, _created = DraftTranslation.start(article, version.language, by)
    draft.replace_with_snapshot(version.content)
    DraftTranslation.objects.filter(pk=draft.pk).update(updated_by=_user(by))
    log_event(
        article,
        ArticleEvent.Action.RESTORED,
        by,
        f"{version.language} v{version.number}",
    )
    return draft


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


def can_record_for_others(user):
    """Editors (and superusers) may record a review on a reviewer's behalf, with evidence."""
    return user is not None and user.is_active and user.has_perm("healthinfo.add_reviewassignment")


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
    draft_revision=None,
    evidence="",
):
    """
    Record that ``reviewer`` reviewed ``article``: its live page, or with
    ``draft_revision`` its draft at that revision (a sign-off of those changes).

    Only the reviewer (the user linked to ``reviewer``) records their own
    review; an editor may record it on their behalf with ``evidence`` of the
    sign-off, and so must any caller without a user (an import). The outcome
    means what it says: an approving whole-page review of the live page moves
    *last reviewed* and *next review due* (of a draft: when it is published);
    "Major revision" keeps the dates and flags the page; "Withdrawn" takes it
    off the site. ``assignment``, when given, must be an open assignment of
    this reviewer for this article; it is marked completed. Refused, with
    nothing written: a review dated in the future, the same review twice, a
    sign-off of a draft revision that is no longer current.
    """
    reviewed_on = reviewed_on or timezone.localdate()
    if reviewed_on > timezone.localdate():
        raise ValidationError({"reviewed_on": _("A review cannot be dated in the future.")})
    if outcome not in Review.Outcome.values:
        raise ValidationError({"outcome": _("Choose one of the outcomes.")})
    if scope not in Review.Scope.values:
        raise ValidationError({"scope": _("Choose whole page or partial.")})
    evidence = (evidence or "").strip()
    own = (
        recorded_by is not None
        and reviewer.user_id is not None
        and recorded_by.pk == reviewer.user_id
    )
    if not own:
        if recorded_by is not None and not can_record_for_others(recorded_by):
            raise ValidationError(
                _("Only %(reviewer)s can record this review.") % {"reviewer": reviewer.name}
            )
        if not evidence:
            raise ValidationError(
                {
                    "evidence": _(
                        "You are recording this review on %(reviewer)s’s behalf: say how their "
                        "sign-off reached you (for example “email of 3 June to the editors”)."
                    )
                    % {"reviewer": reviewer.name}
                }
            )
    # Lock the row first: two reviews recorded at once, or a review and a draft
    # save, must not both win.
    article = lock_article(article)
    if draft_revision is not None:
        if not article.drafts.exists():
            raise ValidationError(
                _("There is no draft to sign off any more: it was published or discarded.")
            )
        if draft_revision != article.draft_revision:
            raise ValidationError(
                _(
                    "The draft changed after this review was opened (revision %(opened)s, now "
                    "%(current)s). Read the current draft and record the review again."
                )
                % {"opened": draft_revision, "current": article.draft_revision}
            )
    if assignment is not None:
        assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
        if (
            assignment.article_id != article.pk
            or assignment.reviewer_id != reviewer.pk
            or not assignment.is_open
        ):
            raise ValidationError(_("This assignment is not an open one for this article."))
    already = Review.objects.filter(
        article=article,
        reviewer=reviewer,
        reviewed_on=reviewed_on,
        scope=scope,
        outcome=outcome,
        draft_revision=draft_revision,
    ).first()
    if already is not None:
        raise ValidationError(
            _("This review is already recorded (%(when)s).")
            % {"when": date_format(timezone.localtime(already.created_at), "DATETIME_FORMAT")},
            code="duplicate_review",
        )
    review = Review.objects.create(
        article=article,
        reviewer=reviewer,
        reviewed_on=reviewed_on,
        scope=scope,
        outcome=outcome,
        notes=notes,
        recorded_by=_user(recorded_by),
        draft_revision=draft_revision,
        evidence=evidence,
        # What readers saw when the reviewer checked the live page: the newest
        # source-language version (else any language's), or none before the first
        # publication. A sign-off of a draft is linked from the versions it becomes.
        approved_version=(
            None
            if draft_revision is not None
            else Version.objects.filter(article=article)
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
    _apply_outcome(article, review, recorded_by)
    on_behalf = ""
    if not own:
        on_behalf = _("recorded by %(recorder)s on behalf of %(reviewer)s: %(evidence)s") % {
            "recorder": recorded_by.get_username() if recorded_by else _("an import"),
            "reviewer": reviewer.name,
            "evidence": evidence,
        }
    log_event(
        article,
        ArticleEvent.Action.REVIEWED,
        recorded_by,
        _join(
            f"{review.get_scope_display()}, {review.get_outcome_display()}: {reviewer.signature}",
            _("draft revision %(revision)s") % {"revision": draft_revision}
            if draft_revision is not None
            else "",
            on_behalf,
        ),
    )
    invalidate_article(article.pk)
    return review


def _apply_outcome(article, review, by):
    """What the review's outcome does to the (locked) article."""
    Outcome = Review.Outcome
    if review.outcome == Outcome.WITHDRAWN:
        article.status = Article.Status.WITHDRAWN
        article.publish_at = None
        article.scheduled_by = None
        article.save(update_fields=["status", "publish_at", "scheduled_by", "updated_at"])
        log_event(
            article,
            ArticleEvent.Action.WITHDRAWN,
            by,
            _("by %(reviewer)s on %(date)s")
            % {"reviewer": review.reviewer_signature, "date": review.reviewed_on.isoformat()},
        )
        return
    if review.outcome == Outcome.MAJOR_REVISION:
        article.needs_revision = True
        article.save(update_fields=["needs_revision", "updated_at"])
        return
    if review.is_of_draft:
        return  # a sign-off takes effect when the draft is published
    if review.scope != Review.Scope.WHOLE_PAGE:
        return
    fields = []
    if article.needs_revision:
        article.needs_revision = False
        fields.append("needs_revision")
    if article.last_reviewed_on is None or review.reviewed_on >= article.last_reviewed_on:
        article.last_review = review
        article.last_reviewed_on = review.reviewed_on
        article.next_review_due = article.compute_next_review_due()
        fields += ["last_review", "last_reviewed_on", "next_review_due"]
    if fields:
        article.save(update_fields=fields)
    if "last_review" in fields and article.status == Article.Status.PUBLISHED:
        _record_versions(article, by, sign_off=review)


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


@transaction.atomic
def regenerate_calendar_token(user):
    """Give ``user`` a new calendar-feed address; the old one stops working at once."""
    CalendarToken.objects.filter(user=user).delete()
    return CalendarToken.objects.create(user=user)
