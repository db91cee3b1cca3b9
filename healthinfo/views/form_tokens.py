"""The tokens of one reader's forms, for pages shared by every reader."""

from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.views.decorators.http import require_GET

from comments.tokens import form_token


@require_GET
def form_tokens(request):
    """
    This reader's CSRF token and the question form's signed "shown at" timestamp.

    A page shared by every reader (and kept by HTTP caches) holds neither:
    ``static/js/site.js`` asks for them here when the reader starts using a
    form. The answer sets the CSRF cookie; nothing may store it.
    """
    response = JsonResponse({"csrfmiddlewaretoken": get_token(request), "started": form_token()})
    response["Cache-Control"] = "private, no-store"
    return response
