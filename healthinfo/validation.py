"""
The rules an article must meet before readers can see it.

One function answers "what stops this article from being published?", so the
admin, the publish service, the scheduler and the management commands refuse
for the same reasons and say them the same way. ``services.publish`` is the
only code that makes content public and it always asks this function, so the
rules hold whatever the door.
"""

from django.utils.translation import gettext as _

from healthinfo.links import broken_tokens, linked_slugs, published_slugs
from healthinfo.models import Review


def publication_errors(article, pending=None, *, also_publishing=()):
    """
    Every reason ``article`` cannot be published now, as sentences for editors.

    An empty list means it may be published. Checks what readers would see
    after publishing: each language's draft where it has one, else its live
    page (``article.pending_publication()``, which ``pending`` may pass in).
    ``also_publishing``: slugs of articles published in the same transaction
    (``services.publish_together``), to which links may lead.
    """
    pending = pending or article.pending_publication()
    errors = []
    bodies = [section.body for page in pending.pages for section in page.sections.all()]
    # A link to the article itself is fine: it resolves once this article is published.
    resolvable = published_slugs(linked_slugs(*bodies)) | {article.slug, *also_publishing}
    if not pending.pages:
        errors.append(_("Add the article's text in at least one language."))
    for page in pending.pages:
        label = page.get_language_display()
        if not page.references.all():
            errors.append(_("%(language)s: add at least one reference.") % {"language": label})
        for figure in page.figures.all():
            if not figure.alt_text.strip():
                errors.append(
                    _("%(language)s: every figure needs alt text (figure %(order)s).")
                    % {"language": label, "order": figure.order}
                )
        for section in page.sections.all():
            for token in broken_tokens(section.body, resolvable):
                errors.append(
                    _(
                        "%(language)s: the link %(token)s in “%(section)s” does not lead to "
                        "a published article."
                    )
                    % {"language": label, "token": token.raw, "section": section.heading}
                )
    if not (Review.objects.whole_page().filter(article=article, reviewer__isnull=False).exists()):
        errors.append(_("Record a whole-page review by a named reviewer before publishing."))
    errors.extend(sign_off_errors(article, pending))
    withdrawal = article.withdrawal()
    if withdrawal is not None:
        reviewed_since = (
            Review.objects.whole_page()
            .approving()
            .filter(article=article, pk__gt=withdrawal.pk)
            .exists()
        )
        if not reviewed_since:
            errors.append(
                _(
                    "This article was withdrawn after a review on %(date)s: it can be published "
                    "again only after a new whole-page review that approves it."
                )
                % {"date": withdrawal.reviewed_on.isoformat()}
            )
    return errors


def sign_off_errors(article, pending):
    """
    The medical sign-off rule: a draft that changes what readers see needs a
    review of its exact revision that approves it, or (where the site allows
    it) an editor's declaration that the change is not clinical.
    """
    if not pending.changes_content:
        return []
    if article.draft_sign_off() is not None:
        return []
    declaration = article.non_clinical_declaration()
    if declaration is not None:
        if not pending.new_languages:
            return []
        return [new_language_error(pending)]
    latest = Review.objects.of_draft(article).first()
    if latest is not None:
        return [
            _(
                "The reviewer's outcome for draft revision %(revision)s was “%(outcome)s”: "
                "revise the draft and ask for a new sign-off."
            )
            % {"revision": article.draft_revision, "outcome": latest.get_outcome_display()}
        ]
    return [
        _(
            "The changes in draft revision %(revision)s need a medical sign-off: ask a medical "
            "reviewer to review this revision, or declare the change non-clinical."
        )
        % {"revision": article.draft_revision}
    ]


def new_language_error(pending):
    languages = ", ".join(
        pending.drafts[code].get_language_display() for code in pending.new_languages
    )
    return _(
        "A page in a new language (%(languages)s) is new medical content: it needs a medical "
        "sign-off, not a non-clinical declaration."
    ) % {"languages": languages}
