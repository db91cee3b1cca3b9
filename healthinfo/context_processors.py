"""
Template context every page needs: the site name, the site's address for absolute
links, the category menu, the shared-page flag.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from healthinfo import site_address
from healthinfo.cache import content_generation
from healthinfo.models import Category, current_language
from healthinfo.shared_pages import shared_render

# Keyed on the content generation, which every category change replaces in its
# own transaction: a rename shows at once, even if the cache missed the change.
MENU_CACHE_KEY = "category-menu:{language}:{generation}"
MENU_CACHE_SECONDS = 24 * 3600


def category_menu(language):
    """Top-level categories as (slug, name, url) tuples, cached per language. One query."""
    key = MENU_CACHE_KEY.format(language=language, generation=content_generation())
    menu = cache.get(key)
    if menu is None:
        categories = Category.objects.filter(parent__isnull=True).with_name(language)
        menu = [(c.slug, c.name_in_language, c.get_absolute_url()) for c in categories]
        cache.set(key, menu, MENU_CACHE_SECONDS)
    return menu


def site(request):
    language = current_language()
    return {
        "site_name": settings.SITE_NAME,
        "default_language": settings.LANGUAGE_CODE,
        # Absolute links (hreflang) start with it, as the canonical link does.
        "site_url": site_address.for_request(request),
        # Built only by a template that shows it (the admin never does).
        "menu_categories": SimpleLazyObject(lambda: category_menu(language)),
    }


def shared_page(request):
    """
    On a page rendered for every reader (``healthinfo.shared_pages``): no CSRF
    token in its forms (each reader's comes from a small request the page makes,
    ``healthinfo:form_tokens``), and ``shared_page`` so templates can say so.
    Listed after Django's built-in ``csrf`` processor, so it takes its place.
    """
    if shared_render(request) is not None:
        return {"csrf_token": "", "shared_page": True}
    return {}
