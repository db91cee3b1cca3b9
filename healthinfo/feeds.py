"""
An Atom feed, per language, of the articles most recently published or updated.

Its links are absolute on the site's address (``healthinfo.site_address``), as
the pages' canonical links are; Django would otherwise prefix the request's host.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from healthinfo import site_address
from healthinfo.models import ArticleTranslation, current_language

FEED_LENGTH = 20


class RecentArticlesFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("New and updated pregnancy health information")

    def subtitle(self):
        return _("Articles recently published or updated, with the date of each change.")

    def link(self):
        return site_address.absolute(reverse("healthinfo:home"))

    def feed_url(self):
        return site_address.absolute(reverse("healthinfo:feed"))

    def items(self):
        return (
            ArticleTranslation.objects.published()
            .in_language(current_language())
            .select_related("article")
            .order_by("-updated_at", "pk")[:FEED_LENGTH]
        )

    def item_title(self, translation):
        return translation.title

    def item_description(self, translation):
        return translation.summary

    def item_link(self, translation):
        return site_address.absolute(translation.get_absolute_url())

    def item_pubdate(self, translation):
        return translation.article.first_published_at or translation.created_at

    def item_updateddate(self, translation):
        return translation.updated_at
