"""
schema.org ``MedicalWebPage`` data for an article page, as JSON-LD.

Built from the same objects the page shows (the translation, its sections,
references and the last review), so search engines read what readers read.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from healthinfo.site_address import absolute

# The characters json_script escapes: "</script>" in a title cannot end the block.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _person(name, credentials):
    person = {"@type": "Person", "name": name}
    if credentials:
        person["honorificSuffix"] = credentials
    return person


def medical_web_page(translation, sections, alternates, titles, site_url):
    """
    The ``MedicalWebPage`` dictionary for ``translation``'s page at ``site_url``.

    Its ``@id`` and ``url`` are the page's canonical address (``site_url`` from
    ``healthinfo.site_address``, as the page's ``<link rel="canonical">``).
    """
    article = translation.article
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": absolute(translation.get_absolute_url(), site_url),
        "url": absolute(translation.get_absolute_url(), site_url),
        "name": translation.title,
        "inLanguage": translation.language,
        "about": {"@type": "MedicalCondition", "name": translation.title},
        "medicalAudience": {"@type": "Patient"},
        "dateModified": translation.updated_at.isoformat(),
    }
    if translation.summary:
        data["description"] = translation.summary
    if translation.alternate_name_list:
        data["about"]["alternateName"] = translation.alternate_name_list
    if article.first_published_at:
        data["datePublished"] = article.first_published_at.isoformat()
    if article.last_reviewed_on:
        data["lastReviewed"] = article.last_reviewed_on.isoformat()
    review = article.last_review if article.last_review_id else None
    if review is not None:
        data["reviewedBy"] = [_person(review.reviewer_name, review.reviewer_credentials)] + [
            _person(signoff.reviewer_name, signoff.reviewer_credentials)
            for signoff in review.signoffs.all()
        ]
    citations = [reference.citation for reference in translation.references.all()]
    if citations:
        data["citation"] = citations
    others = [
        {
            "@type": "MedicalWebPage",
            "@id": absolute(url, site_url),
            "name": titles.get(language, ""),
            "inLanguage": language,
        }
        for language, url in alternates.items()
        if language != translation.language
    ]
    if translation.is_source and others:
        data["workTranslation"] = others
    elif not translation.is_source:
        source = [other for other in others if other["inLanguage"] == settings.LANGUAGE_CODE]
        if source:
            data["translationOfWork"] = source[0]
    return data


def json_ld(data):
    """``data`` as JSON safe to place inside ``<script type="application/ld+json">``."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))
