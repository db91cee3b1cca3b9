"""robots.txt: what crawlers may index, and where the sitemap is."""

from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from healthinfo import site_address


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # Search results and private question links are not pages to index.
        "Disallow: /*/search/",
        "Disallow: /*/questions/",
        f"Sitemap: {site_address.for_request(request)}/sitemap.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
