"""
The site's public address as a CSS custom property, for the print stylesheet.

A printed page writes each link's address after it, and a reader cannot type
"/en/articles/x/". CSS can read an attribute (``attr(href)``) but cannot
resolve it, and the site's Content-Security-Policy allows no inline styles, so
this one-line stylesheet gives site.css the address to put in front (the site's
address, ``healthinfo.site_address``: ``SITE_URL``, else the request's host):
``content: " (" var(--site-url) attr(href) ")"``. It works without JavaScript
and whatever way the page is printed.
"""

from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from healthinfo import site_address


def css_string(value):
    """``value`` as a CSS string literal: quotes, backslashes and line breaks escaped."""
    escaped = "".join(
        f"\\{ord(char):x} " if char in '"\\<>\n\r\f' or ord(char) < 0x20 else char for char in value
    )
    return f'"{escaped}"'


@require_GET
@cache_control(max_age=3600, public=True)
def print_address_css(request):
    css = f":root {{ --site-url: {css_string(site_address.for_request(request))}; }}\n"
    return HttpResponse(css, content_type="text/css; charset=utf-8")
