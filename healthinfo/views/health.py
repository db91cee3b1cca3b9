"""The health check load balancers poll to know that an app server process is up."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request):
    """
    Answer "ok" without touching the database, the cache, the session or a template.

    It says only that this process serves requests: a database outage must not
    make the load balancer take every app server out at once (readers then get
    the friendly 503 page from each server instead). The benchmark also uses it
    as the floor of the stack: Django's request handling with nothing else.
    """
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
