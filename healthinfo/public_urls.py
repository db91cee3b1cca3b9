"""Reader-facing pages of the article app (mounted under each language prefix)."""

from django.urls import path

from healthinfo.feeds import RecentArticlesFeed
from healthinfo.views import calendar, feedback, form_tokens, history, public, search

app_name = "healthinfo"

urlpatterns = [
    path("", public.home, name="home"),
    path("articles/<slug:slug>/", public.article_detail, name="article"),
    path("articles/<slug:slug>/feedback/", feedback.give_feedback, name="feedback"),
    path("articles/<slug:slug>/history/", history.page_history, name="history"),
    path("articles/<slug:slug>/versions/<int:number>/", history.version_detail, name="version"),
    path("categories/<slug:slug>/", public.category_detail, name="category"),
    path("a-z/", public.a_to_z, name="a_to_z"),
    path("search/", search.search, name="search"),
    path("feed/", RecentArticlesFeed(), name="feed"),
    path("reviews/calendar/<str:token>.ics", calendar.review_calendar, name="review_calendar"),
    path("about/<slug:slug>/", public.policy_page, name="policy"),
    path("forms/tokens/", form_tokens.form_tokens, name="form_tokens"),
]
