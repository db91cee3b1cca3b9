"""Reader-facing question URLs (mounted under each language prefix)."""

from django.urls import path

from comments import views

app_name = "comments"

urlpatterns = [
    path("articles/<slug:slug>/questions/", views.ask, name="ask"),
    path("questions/<int:pk>/", views.question_permalink, name="question"),
    path("questions/delete/<str:token>/", views.delete_question, name="delete"),
    path("questions/forget-email/<str:token>/", views.forget_email, name="forget_email"),
]
