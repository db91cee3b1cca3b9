"""Bench-only middleware (installed by ``bench.settings``, never by the site's settings)."""

from django.db import connection

from healthinfo.pagecache import generations
from healthinfo.shared_pages import page_rendered

REQUEST_HEADER = "X-Bench-Count-Queries"
RESPONSE_HEADER = "X-Bench-Queries"


class QueryCountMiddleware:
    """
    Count the SQL queries of a request that carries ``X-Bench-Count-Queries``.

    Outermost, so it counts everything the request costs, session and
    authentication included. Requests without the header (the load itself)
    pass straight through.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "HTTP_X_BENCH_COUNT_QUERIES" not in request.META:
            return self.get_response(request)
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        own = generations._own_connection
        before = own.queries
        with connection.execute_wrapper(count):
            response = self.get_response(request)
        # Cache generations are read on a connection of their own: they count too.
        response[RESPONSE_HEADER] = str(queries + own.queries - before)
        return response


def count_render(**kwargs):
    """Count each page rendered to be shared, in the shared cache (the stampede scenario)."""
    from django.core.cache import cache

    if not cache.add(RENDERS_KEY, 1, timeout=None):
        cache.incr(RENDERS_KEY)


RENDERS_KEY = "bench-renders"
page_rendered.connect(count_render, dispatch_uid="bench-count-renders")
