"""Staff-only endpoints the editing page's scripts call (mounted under /admin/editing/)."""

from django.urls import path

from healthinfo.editing import views

app_name = "editing"

urlpatterns = [
    path("articles/", views.article_choices, name="article_choices"),
]
