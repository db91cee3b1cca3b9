"""
sitemap.xml: every published article and category, in each language it exists
in, with the other languages as alternates. Served as an index of pages.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Prefetch
from django.urls import reverse

from healthinfo.models import Article, ArticleTranslation, Category


class SiteAddressSitemap(Sitemap):
    """Addresses on ``SITE_URL`` when it is set, as canonical links are (else the request's)."""

    def get_urls(self, page=1, site=None, protocol=None):
        if settings.SITE_URL:
            scheme, _sep, domain = settings.SITE_URL.partition("://")
            return self._urls(page, scheme, domain)
        return super().get_urls(page, site, protocol)


# Entries (article × language) per sitemap page, and how long a page is cached.
SITEMAP_PAGE_SIZE = 2000
SITEMAP_CACHE_SECONDS = 3600


class ArticleSitemap(SiteAddressSitemap):
    """Published articles, one entry per language, each listing the other languages."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"
    priority = 0.8
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        return Article.objects.published().prefetch_related(
            Prefetch(
                "translations",
                queryset=ArticleTranslation.objects.only("article_id", "language", "updated_at"),
            )
        )

    def get_languages_for_item(self, article):
        codes = {translation.language for translation in article.translations.all()}
        return [code for code, _name in settings.LANGUAGES if code in codes]

    def location(self, article):
        return article.get_absolute_url()

    def lastmod(self, article):
        return max([article.updated_at, *(t.updated_at for t in article.translations.all())])


class CategorySitemap(SiteAddressSitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Category.objects.all()

    def location(self, category):
        return category.get_absolute_url()


class PageSitemap(SiteAddressSitemap):
    """The home page and the A-Z index in every language."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return ["healthinfo:home", "healthinfo:a_to_z"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"articles": ArticleSitemap, "categories": CategorySitemap, "pages": PageSitemap}
