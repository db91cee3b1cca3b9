"""
Root URL configuration: reader pages under /en/ and /es/, the admin at /admin/,
/healthz, /robots.txt and /sitemap.xml.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from healthinfo.sitemaps import SITEMAPS
from healthinfo.views import discovery, health

handler500 = "healthinfo.views.errors.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("robots.txt", discovery.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("", include("healthinfo.public_urls")),
    path("", include("comments.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
