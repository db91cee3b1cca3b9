"""
Public page history: the list of an article's published versions and each
version's citable permalink, rendered exactly as it was published, with who
signed each one off; and the notice readers get at the address of a page that
was withdrawn after a review.

Versions stay readable after the article is unpublished or withdrawn: a page
that was published may be cited later, and the archive must answer for it.
"""

from datetime import date

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from healthinfo import site_address
from healthinfo.figures.services import archived_figures
from healthinfo.models import Article, Version, current_language


def _current_url(article, language):
    """The live page in ``language``, or "" when readers cannot see it now."""
    if not any(t.language == language for t in article.translations.all()):
        return ""
    # The same question the article view asks (schedule, and overdue pages hidden).
    if not Article.objects.published().filter(pk=article.pk).exists():
        return ""
    return article.get_absolute_url()


def page_history(request, slug):
    article = get_object_or_404(Article.objects.prefetch_related("translations"), slug=slug)
    language = current_language()
    versions = list(
        Version.objects.for_article(article)
        .select_related("sign_off", "non_clinical_change")
        .order_by("language", "-number", "-pk")
    )
    current_url = _current_url(article, language)
    if not versions and not current_url:
        raise Http404
    by_language = {}
    for version in versions:
        version.article = article  # its permalink needs the slug: no query per row
        by_language.setdefault(version.language, []).append(version)
    # The reader's language first, then the others in the site's order.
    order = [language] + [code for code, _name in settings.LANGUAGES if code != language]
    groups = [(code, by_language[code]) for code in order if code in by_language]
    title = next(
        (t.title for t in article.translations.all() if t.language == language),
        versions[0].title if versions else article.slug,
    )
    return render(
        request,
        "healthinfo/page_history.html",
        {
            "article": article,
            "title": title,
            "groups": groups,
            "current_url": current_url,
            "withdrawn": article.status == Article.Status.WITHDRAWN,
        },
    )


def withdrawn_notice(request, slug):
    """
    What a reader at the address of a withdrawn page gets: a short notice (410
    Gone) that it was withdrawn after a medical review, with search and the
    emergency advice. Any other unknown address is a plain 404.
    """
    article = Article.objects.filter(slug=slug, status=Article.Status.WITHDRAWN).first()
    if article is None:
        raise Http404
    has_history = article.versions.exists()
    return render(
        request,
        "healthinfo/withdrawn.html",
        {"article": article, "has_history": has_history},
        status=410,
    )


def cite_text(version, url):
    """A plain citation of ``version``: title, site, version and date, address."""
    return _("%(title)s. %(site)s. Version %(number)s, published %(date)s. %(url)s") % {
        "title": version.title,
        "site": settings.SITE_NAME,
        "number": version.number,
        "date": date_format(version.published_at, "DATE_FORMAT"),
        "url": url,
    }


def version_detail(request, slug, number):
    version = get_object_or_404(
        Version.objects.select_related(
            "article", "sign_off", "non_clinical_change"
        ).prefetch_related("article__translations"),
        article__slug=slug,
        language=current_language(),
        number=number,
    )
    content = version.content
    # JSON keeps dates as text; the templates format dates in the reader's language.
    content = {
        **content,
        "references": [
            {
                **reference,
                "accessed_on": _as_date(reference.get("accessed_on")),
                # Links exactly as the version showed them.
                "shown_doi": reference.get("doi", ""),
                "shown_doi_url": reference.get("doi_url", ""),
                "shown_url": reference.get("url", ""),
            }
            for reference in content.get("references", [])
        ],
    }
    review = content.get("review", {})
    figures = archived_figures(content.get("figures"))
    site_url = site_address.for_request(request)
    permalink = site_address.absolute(version.get_absolute_url(), site_url)
    current_url = _current_url(version.article, version.language)
    # The language switch leads to the page history in the other languages.
    alternates = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            alternates[code] = reverse("healthinfo:history", kwargs={"slug": slug})
    alternates[version.language] = version.get_absolute_url()
    return render(
        request,
        "healthinfo/version_detail.html",
        {
            "version": version,
            "content": content,
            "figures": figures,
            "review": {
                **review,
                "last_reviewed_on": _as_date(review.get("last_reviewed_on")),
                "next_review_due": _as_date(review.get("next_review_due")),
            },
            "current_url": current_url,
            # The live page's address, as its own canonical link gives it.
            "canonical_url": site_address.absolute(current_url, site_url) if current_url else "",
            "permalink": permalink,
            "cite_text": cite_text(version, permalink),
            "language_alternates": alternates,
        },
    )


def _as_date(value):
    return date.fromisoformat(value) if value else None
