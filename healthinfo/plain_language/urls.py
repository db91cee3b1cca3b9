"""The plain-language pages (mounted under /admin/plain-language/)."""

from django.urls import path

from healthinfo.plain_language import views

app_name = "plain_language"

urlpatterns = [
    path("check/", views.check, name="check_json"),
    path("", views.check_page, name="check"),
]
