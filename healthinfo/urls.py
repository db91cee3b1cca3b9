"""
Root URL configuration: reader pages under /en/ and /es/, the admin at /admin/,
/healthz, /robots.txt and /sitemap.xml.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.cache import cache_page

from healthinfo.sitemaps import SITEMAP_CACHE_SECONDS, SITEMAPS
from healthinfo.views import discovery, health, print_address

handler400 = "healthinfo.views.errors.bad_request"
handler500 = "healthinfo.views.errors.server_error"

urlpatterns = [
    # Staff-only pages and endpoints of the editing tools, beside the admin they serve.
    path("admin/editing/", include("healthinfo.editing.urls")),
    path("admin/plain-language/", include("healthinfo.plain_language.urls")),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("robots.txt", discovery.robots_txt, name="robots_txt"),
    path("print-address.css", print_address.print_address_css, name="print_address_css"),
    # An index of sitemap pages (SITEMAP_PAGE_SIZE entries each), cached: search engines
    # read them rarely, and at 10,000 articles one page would be megabytes.
    path(
        "sitemap.xml",
        cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]

urlpatterns += i18n_patterns(
    path("", include("healthinfo.public_urls")),
    path("", include("comments.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
