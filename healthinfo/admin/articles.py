from django.contrib import admin

from healthinfo.admin.publishing import PublishingAdminMixin
from healthinfo.models import (
    Article,
    ArticleTranslation,
    Category,
    CategoryTranslation,
    Figure,
    Reference,
    Section,
)


class CategoryTranslationInline(admin.TabularInline):
    model = CategoryTranslation
    extra = 0
    min_num = 1


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "order", "parent", "review_interval_months"]
    list_editable = ["order"]
    inlines = [CategoryTranslationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")


class ArticleTranslationInline(admin.StackedInline):
    model = ArticleTranslation
    fields = ["language", "title", "summary", "alternate_names", "source_revision"]
    extra = 0
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(PublishingAdminMixin, admin.ModelAdmin):
    list_display = ["slug", "category", "status", "last_reviewed_on", "next_review_due"]
    list_filter = ["status", "category"]
    list_select_related = ["category"]
    search_fields = ["slug", "translations__title", "translations__alternate_names"]
    readonly_fields = ["last_reviewed_on", "next_review_due", "first_published_at"]
    inlines = [ArticleTranslationInline]


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0


class ReferenceInline(admin.StackedInline):
    model = Reference
    extra = 0


class FigureInline(admin.StackedInline):
    model = Figure
    extra = 0


@admin.register(ArticleTranslation)
class ArticleTranslationAdmin(admin.ModelAdmin):
    list_display = ["title", "language", "article", "revision", "source_revision", "updated_at"]
    list_filter = ["language", "article__status", "article__category"]
    list_select_related = ["article"]
    search_fields = ["title", "alternate_names", "article__slug"]
    readonly_fields = ["revision"]
    inlines = [SectionInline, ReferenceInline, FigureInline]
