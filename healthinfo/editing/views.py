"""
The searchable list of published articles behind the editor's "Link to an
article" button: staff only, JSON, read-only.
"""

from django.conf import settings
from django.db.models import Q
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from healthinfo.models import ArticleTranslation
from healthinfo.sanitize import clean_plain_text

RESULTS = 20
QUERY_MAX_LENGTH = 100


def staff_json_view(permission):
    """
    Allow only active staff with ``permission``; anyone else gets a JSON 403
    (not the login page: a script is asking, not a person).
    """

    def decorator(view):
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not (user.is_active and user.is_staff and user.has_perm(permission)):
                return JsonResponse({"error": "forbidden"}, status=403)
            return view(request, *args, **kwargs)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return never_cache(wrapped)

    return decorator


@require_GET
@staff_json_view("healthinfo.view_article")
def article_choices(request):
    """
    Published articles whose title, other names or slug contain ``q``, each
    once, titled in ``language`` when it has that translation (else in the
    site's source language): ``{"results": [{"slug", "title", "language"}]}``.
    One query.
    """
    # Control characters (NUL among them, which PostgreSQL refuses in a query) match nothing.
    query = " ".join(clean_plain_text(request.GET.get("q") or "").split())[:QUERY_MAX_LENGTH]
    languages = dict(settings.LANGUAGES)
    language = request.GET.get("language")
    language = language if language in languages else settings.LANGUAGE_CODE
    rows = ArticleTranslation.objects.published().select_related(None)
    if query:
        rows = rows.filter(
            Q(title__icontains=query)
            | Q(alternate_names__icontains=query)
            | Q(article__slug__icontains=query.replace(" ", "-"))
        )
    # Enough rows for RESULTS articles even when each has both languages.
    rows = rows.order_by("title").values_list("article__slug", "title", "language")[
        : RESULTS * len(languages)
    ]
    best = {}
    for slug, title, row_language in rows:
        rank = 0 if row_language == language else 1 if row_language == settings.LANGUAGE_CODE else 2
        if slug not in best or rank < best[slug][0]:
            best[slug] = (rank, title, row_language)
    results = sorted(
        (
            {"slug": slug, "title": title, "language": lang}
            for slug, (_r, title, lang) in best.items()
        ),
        key=lambda item: item["title"].casefold(),
    )[:RESULTS]
    return JsonResponse({"results": results})
