"""
Snapshots of article pages as readers see them: the content of a ``Version``.

Lives above the models because it renders the sections' links the way the
article page does (``healthinfo.article_page``). The same function snapshots a
draft, so the editors' comparison of a draft with the live version uses the
diff of two versions.
"""

from healthinfo.article_page import render_sections


def build_snapshot(translation):
    """
    Everything a reader of ``translation`` sees, as plain JSON-ready data.

    Reads the article's review box from ``translation.article`` (its last
    whole-page review with sign-offs), so the archive shows who vouched for
    that version even after later reviews.
    """
    article = translation.article
    review = article.last_review
    sections = list(translation.sections.all())
    render_sections(translation, sections)
    return {
        "slug": article.slug,
        "language": translation.language,
        "category": article.category.name(translation.language),
        "title": translation.title,
        "summary": translation.summary,
        "alternate_names": translation.alternate_name_list,
        "sections": [
            {"heading": s.heading, "anchor": s.anchor, "body": s.body, "html": s.html}
            for s in sections
        ],
        "references": [
            {
                "authors": r.authors,
                "title": r.title,
                "source": r.source,
                "year": r.year,
                "volume": r.volume,
                "issue": r.issue,
                "pages": r.pages,
                "doi": r.doi,
                "pmid": r.pmid,
                "url": r.url,
                "accessed_on": r.accessed_on.isoformat() if r.accessed_on else None,
                # As rendered at publication, so a later change of citation style
                # does not rewrite the archive.
                "citation": r.citation,
                "doi_url": r.doi_url,
                "pubmed_url": r.pubmed_url,
            }
            for r in translation.references.all()
        ],
        "figures": [
            {
                "image": f.image.name,
                "url": f.image.url if f.image else "",
                "alt_text": f.alt_text,
                "caption": f.caption,
                "credit": f.credit,
            }
            for f in translation.figures.all()
        ],
        "review": {
            "last_reviewed_on": (
                article.last_reviewed_on.isoformat() if article.last_reviewed_on else None
            ),
            "next_review_due": (
                article.next_review_due.isoformat() if article.next_review_due else None
            ),
            "reviewed_by": review.reviewer_signature if review else "",
            "also_reviewed_by": [s.signature for s in review.signoffs.all()] if review else [],
        },
    }
