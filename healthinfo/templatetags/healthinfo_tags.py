"""Template helpers for reader pages."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """
    One entry per site language: code, name in its own language, URL, and
    whether the current page exists in it.

    A view may put ``language_alternates`` ({code: url or None}) in the context
    when only some languages have the page; otherwise the current address is
    translated to each language prefix. ``fallback_url`` is that language's home
    page, saying the page is not available there, for when ``url`` is None.
    """
    request = context.get("request")
    alternates = context.get("language_alternates")
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        if alternates is not None:
            url = alternates.get(code)
        else:
            url = translate_url(request.get_full_path(), code) if request else None
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "available": url is not None,
                "fallback_url": _home_url(code) + "?untranslated=1",
            }
        )
    return links


def _home_url(code):
    with translation.override(code):
        return reverse("healthinfo:home")
