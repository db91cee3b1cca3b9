"""
The rules an article must meet before readers can see it.

One function answers "what stops this article from being published?", so the
admin form, the publish service and any management command refuse for the
same reasons and say them the same way.
"""

from django.utils.translation import gettext as _

from healthinfo.links import broken_tokens, linked_slugs, published_slugs
from healthinfo.models import Review


def publication_errors(article):
    """
    Every reason ``article`` cannot be published now, as sentences for editors.

    An empty list means it may be published. Reads the saved state of the
    article and its translations, so call it after inlines are saved.
    """
    errors = []
    translations = list(
        article.translations.prefetch_related("references", "figures", "sections").order_by(
            "language"
        )
    )
    bodies = [section.body for t in translations for section in t.sections.all()]
    # A link to the article itself is fine: it resolves once this article is published.
    resolvable = published_slugs(linked_slugs(*bodies)) | {article.slug}
    if not translations:
        errors.append(_("Add the article's text in at least one language."))
    for translation in translations:
        label = translation.get_language_display()
        if not translation.references.all():
            errors.append(_("%(language)s: add at least one reference.") % {"language": label})
        for figure in translation.figures.all():
            if not figure.alt_text.strip():
                errors.append(
                    _("%(language)s: every figure needs alt text (figure %(order)s).")
                    % {"language": label, "order": figure.order}
                )
        for section in translation.sections.all():
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
    return errors
