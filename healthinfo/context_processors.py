"""Template context every page needs: the site name, the category menu, the CSRF token."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from healthinfo.models import Category, CategoryTranslation, current_language
from healthinfo.shared_pages import CSRF_PLACEHOLDER, shared_render

MENU_CACHE_KEY = "category-menu:{language}"
# Forgotten whenever a category changes (below), so it may be kept long.
MENU_CACHE_SECONDS = 24 * 3600


def category_menu(language):
    """Top-level categories as (slug, name, url) tuples, cached per language. One query."""
    key = MENU_CACHE_KEY.format(language=language)
    menu = cache.get(key)
    if menu is None:
        categories = Category.objects.filter(parent__isnull=True).with_name(language)
        menu = [(c.slug, c.name_in_language, c.get_absolute_url()) for c in categories]
        cache.set(key, menu, MENU_CACHE_SECONDS)
    return menu


@receiver([post_save, post_delete], sender=Category)
@receiver([post_save, post_delete], sender=CategoryTranslation)
def forget_category_menu(**kwargs):
    keys = [MENU_CACHE_KEY.format(language=code) for code, _ in settings.LANGUAGES]
    cache.delete_many(keys)
    # Again once committed: a page rendered meanwhile may have cached the old names.
    transaction.on_commit(lambda: cache.delete_many(keys))


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "default_language": settings.LANGUAGE_CODE,
        "menu_categories": category_menu(current_language()),
    }


def shared_page(request):
    """
    On a page rendered for every reader (``healthinfo.shared_pages``), a
    placeholder instead of this reader's CSRF token; each response fills in its own.
    Listed after Django's built-in ``csrf`` processor, so it takes its place.
    """
    if shared_render(request) is not None:
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}
