"""Pages readers see: home, categories, A-Z, articles and the site's policy pages."""

from urllib.parse import urlencode

from django.contrib.messages import get_messages
from django.core.paginator import Paginator
from django.db.models import CharField, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import get_language

from comments.embed import question_area
from healthinfo import a_to_z as a_to_z_index
from healthinfo import site_address
from healthinfo.article_page import cached_content
from healthinfo.cache import CONTENT_GENERATION_KEY, GENERATION_KEY
from healthinfo.feedback_forms import FeedbackForm
from healthinfo.models import Article, ArticleTranslation, Category, current_language
from healthinfo.pagecache import generations
from healthinfo.shared_pages import fill_slot, page_number_variant, shared_page, shared_render
from healthinfo.structured_data import json_ld
from healthinfo.views.feedback import has_voted, has_voted_on
from healthinfo.views.history import withdrawn_notice

POLICY_PAGES = ("about-us", "editorial-policy", "privacy", "advertising", "contact")
HOME_ARTICLES_PER_CATEGORY = 6
HOME_RECENTLY_REVIEWED = 5
ARTICLES_PER_PAGE = 25


def _messages_html(request, argument):
    """The reader slot "messages" of a shared page: this reader's messages, if any."""
    messages = list(get_messages(request))
    if not messages:
        return None
    return render_to_string("_messages.html", {"messages": messages})


# {language: the thank-you for a vote}: the same for every reader and article.
_thanks_html = {}


def _feedback_html(request, article_id):
    """The reader slot "feedback": the thank-you once this reader voted on the article."""
    if not has_voted_on(request, int(article_id)):
        return None
    language = get_language()
    if language not in _thanks_html:
        _thanks_html[language] = render_to_string(
            "healthinfo/_feedback.html", {"feedback_given": True}
        )
    return _thanks_html[language]


fill_slot("messages", _messages_html)
fill_slot("feedback", _feedback_html)


def page_of(request, queryset, per_page=ARTICLES_PER_PAGE):
    """The page of ``queryset`` in ``?page=`` (the first or last page when out of range)."""
    requested = request.GET.get("page")
    page = Paginator(queryset, per_page).get_page(requested)
    shared = shared_render(request)
    if shared is not None and requested is not None and requested != str(page.number):
        shared.keep_private()
    return page


def follow_schedule(request):
    """A list rendered for every reader expires when the next article goes up or comes down."""
    shared = shared_render(request)
    if shared is not None:
        shared.expire_at(Article.objects.next_scheduled_change())


def home_variant(request):
    if not request.GET:
        return ""
    return "untranslated" if list(request.GET) == ["untranslated"] else None


@shared_page(variant=home_variant)
def home(request):
    follow_schedule(request)
    language = current_language()
    published = ArticleTranslation.objects.published().in_language(language)
    by_category = {}
    for translation in published.first_in_each_category(HOME_ARTICLES_PER_CATEGORY):
        by_category.setdefault(translation.article.category_id, []).append(translation)
    categories = Category.objects.filter(pk__in=by_category).prefetch_related("translations")
    return render(
        request,
        "healthinfo/home.html",
        {
            "category_sections": [
                (category, by_category[category.pk], by_category[category.pk][0].category_total)
                for category in categories
            ],
            "recently_reviewed": published.recently_reviewed()[:HOME_RECENTLY_REVIEWED],
            "untranslated": "untranslated" in request.GET,
        },
    )


@shared_page(variant=page_number_variant())
def category_detail(request, slug):
    follow_schedule(request)
    category = get_object_or_404(
        Category.objects.select_related("parent").prefetch_related(
            "translations", "parent__translations"
        ),
        slug=slug,
    )
    translations = (
        ArticleTranslation.objects.published()
        .in_language()
        .filter(article__category=category)
        .select_related("article")
        .order_by("title", "pk")
    )
    return render(
        request,
        "healthinfo/category_detail.html",
        {"category": category, "page": page_of(request, translations)},
    )


@shared_page(variant=page_number_variant("letter"))
def a_to_z(request):
    """
    The A-Z index, one letter at a time (the first by default). A letter that is
    not in the index, or anything but one letter, answers 404 with the letters
    that are, never another letter's page.
    """
    follow_schedule(request)
    index = a_to_z_index.entries()
    letters = a_to_z_index.letters(index)
    requested = request.GET.get("letter", "")
    language = current_language()
    letter = a_to_z_index.requested_letter(requested, language) if requested else None
    status = 200
    if not requested:
        letter = letters[0] if letters else ""
    elif letter not in letters:
        letter, status = "", 404
    chosen = [entry for entry in index if entry.letter == letter] if letter else []
    return render(
        request,
        "healthinfo/a_to_z.html",
        {
            "letters": letters,
            "letter": letter,
            "page": page_of(request, chosen),
            "extra_query": urlencode({"letter": letter}),
        },
        status=status,
    )


def _page_tokens():
    """The article page's cache generation tokens, as annotations of its translation."""
    article_key = Concat(
        Value(GENERATION_KEY.format(article_id="")), Cast(OuterRef("article_id"), CharField())
    )
    return {
        "content_token": generations.token_subquery(Value(CONTENT_GENERATION_KEY)),
        "article_token": generations.token_subquery(article_key),
    }


@shared_page(depends_on=(CONTENT_GENERATION_KEY,), tokens_in_view=True)
def article_detail(request, slug):
    translation = (
        # The search columns are the widest of the row and the page never shows them.
        ArticleTranslation.objects.published()
        .in_language()
        .for_reader()
        .defer("search_text", "search_vector")
        # The page's cache generations come with its first query (no query of their own).
        .annotate(**_page_tokens())
        .filter(article__slug=slug)
        .first()
    )
    if translation is None:
        return withdrawn_notice(request, slug)  # or 404
    generations.remember(
        {
            CONTENT_GENERATION_KEY: translation.content_token,
            GENERATION_KEY.format(article_id=translation.article_id): translation.article_token,
        }
    )
    shared = shared_render(request)
    if shared is not None:
        shared.depend_on(CONTENT_GENERATION_KEY)
        shared.depend_on(GENERATION_KEY.format(article_id=translation.article_id))
    content = cached_content(translation, site_address.for_request(request))
    if shared is not None:
        shared.expire_at(content.expires_at)
    return render(
        request,
        "healthinfo/article_detail.html",
        {
            **article_context(request, translation, content),
            **question_area(request, translation),
            "feedback_given": has_voted(request, translation.article),
            "feedback_form": FeedbackForm(),
        },
    )


def article_context(request, translation, content):
    """What ``article_detail.html`` needs besides the questions area (also used by the preview)."""
    return {
        "translation": translation,
        "article": translation.article,
        "content": content,
        "language_alternates": content.alternates,
        # The address the structured data gives as the page's @id.
        "canonical_url": site_address.absolute(
            translation.get_absolute_url(), site_address.for_request(request)
        ),
        "json_ld": json_ld(content.structured_data),
    }


@shared_page(depends_on=(CONTENT_GENERATION_KEY,))
def policy_page(request, slug):
    if slug not in POLICY_PAGES:
        raise Http404
    return render(request, f"pages/{slug}.html", {"policy_slug": slug})
