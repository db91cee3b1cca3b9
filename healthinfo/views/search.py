"""The search page: results in the reader's language, then (or first) in the other one."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from healthinfo.models import current_language
from healthinfo.search import MAX_QUERY_LENGTH, OTHER_LANGUAGE_RESULTS, results_page
from healthinfo.search import search as run_search
from healthinfo.views.public import page_of

SEARCH_RESULTS_PER_PAGE = 10


def search(request):
    query = request.GET.get("q", "")
    too_long = len(query) > MAX_QUERY_LENGTH
    query = " ".join(query[:MAX_QUERY_LENGTH].split())
    language = current_language()
    # "as_typed": the reader asked for her own words after a correction was shown.
    outcome = run_search(query, language, correct="as_typed" not in request.GET)
    page = page_of(request, outcome.results.ids, SEARCH_RESULTS_PER_PAGE)
    other = outcome.other
    other_results = []
    if page.number == 1 and other.ids:
        other_results = results_page(other.ids[:OTHER_LANGUAGE_RESULTS], outcome, other.language)
    results = results_page(page.object_list, outcome, language)
    complete = [result for result in results if result.complete]
    return render(
        request,
        "healthinfo/search.html",
        {
            "search_query": query,
            "outcome": outcome,
            "has_terms": outcome.has_words,
            "too_long": too_long,
            "page": page,
            "results": results,
            "complete_results": complete,
            "partial_results": [result for result in results if not result.complete],
            "partial_start": page.start_index() + len(complete),
            "partial_count": page.paginator.count - outcome.results.complete,
            "other_results": other_results,
            "other_language_search": _search_url(outcome.other.language, outcome.query),
            "as_typed_search": _search_url(language, outcome.corrected_from, as_typed=True),
            "extra_query": urlencode(
                {"q": query, **({"as_typed": 1} if "as_typed" in request.GET else {})}
            ),
        },
    )


def _search_url(language, query, *, as_typed=False):
    """The search page for ``query`` in ``language`` (the link that switches language)."""
    if not query:
        return ""
    with translation.override(language):
        parameters = {"q": query, **({"as_typed": 1} if as_typed else {})}
        return f"{reverse('healthinfo:search')}?{urlencode(parameters)}"
