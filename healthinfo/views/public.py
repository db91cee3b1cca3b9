"""Pages readers see: home, categories, articles and the site's policy pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from comments.embed import question_area
from healthinfo.models import ArticleTranslation, Category, current_language
from healthinfo.search import MAX_QUERY_LENGTH, query_terms, search_translations

POLICY_PAGES = ("about-us", "editorial-policy", "privacy", "advertising", "contact")


def home(request):
    language = current_language()
    translations = (
        ArticleTranslation.objects.published()
        .in_language(language)
        .select_related("article__category")
        .order_by("title")
    )
    categories = Category.objects.prefetch_related("translations")
    by_category = {}
    for translation in translations:
        by_category.setdefault(translation.article.category_id, []).append(translation)
    recently_reviewed = sorted(
        (t for t in translations if t.article.last_reviewed_on),
        key=lambda t: t.article.last_reviewed_on,
        reverse=True,
    )[:5]
    return render(
        request,
        "healthinfo/home.html",
        {
            "category_sections": [
                (category, by_category[category.pk])
                for category in categories
                if category.pk in by_category
            ],
            "recently_reviewed": recently_reviewed,
        },
    )


def category_detail(request, slug):
    category = get_object_or_404(Category.objects.prefetch_related("translations"), slug=slug)
    translations = (
        ArticleTranslation.objects.published()
        .in_language()
        .filter(article__category=category)
        .select_related("article")
        .order_by("title")
    )
    return render(
        request,
        "healthinfo/category_detail.html",
        {"category": category, "translations": translations},
    )


def article_detail(request, slug):
    translation = get_object_or_404(
        ArticleTranslation.objects.published()
        .in_language()
        .select_related("article__category", "article__last_review")
        .prefetch_related(
            "sections",
            "references",
            "figures",
            "article__category__translations",
            "article__last_review__signoffs",
        ),
        article__slug=slug,
    )
    return render(
        request,
        "healthinfo/article_detail.html",
        {
            "translation": translation,
            "article": translation.article,
            **question_area(request, translation),
        },
    )


def search(request):
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
    results = list(search_translations(query, current_language())[:50]) if query else []
    return render(
        request,
        "healthinfo/search.html",
        {"search_query": query, "has_terms": bool(query_terms(query)), "results": results},
    )


def policy_page(request, slug):
    if slug not in POLICY_PAGES:
        raise Http404
    return render(request, f"pages/{slug}.html", {"policy_slug": slug})
