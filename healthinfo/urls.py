"""Root URL configuration: reader pages under /en/ and /es/, the admin at /admin/, /healthz."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from healthinfo.views import health

handler500 = "healthinfo.views.errors.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", include("healthinfo.public_urls")),
    path("", include("comments.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
