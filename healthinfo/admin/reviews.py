from django.contrib import admin

from healthinfo.models import (
    AdditionalReviewer,
    ArticleEvent,
    Review,
    ReviewAssignment,
    Reviewer,
    Version,
)


@admin.register(Reviewer)
class ReviewerAdmin(admin.ModelAdmin):
    list_display = ["name", "credentials", "title", "affiliation", "user"]
    search_fields = ["name", "credentials", "affiliation"]
    list_select_related = ["user"]


class AdditionalReviewerInline(admin.TabularInline):
    model = AdditionalReviewer
    extra = 0
    autocomplete_fields = ["reviewer"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["article", "reviewed_on", "reviewer_name", "scope", "outcome"]
    list_filter = ["scope", "outcome"]
    list_select_related = ["article"]
    search_fields = ["article__slug", "reviewer_name"]
    autocomplete_fields = ["article", "reviewer"]
    inlines = [AdditionalReviewerInline]
    date_hierarchy = "reviewed_on"


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(admin.ModelAdmin):
    list_display = ["article", "reviewer", "due_on", "assigned_by", "completed_by"]
    list_select_related = ["article", "reviewer", "assigned_by", "completed_by"]
    autocomplete_fields = ["article", "reviewer"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records nobody edits by hand: versions and the audit trail are written by services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Version)
class VersionAdmin(ReadOnlyAdmin):
    list_display = ["title", "language", "number", "published_at", "published_by"]
    list_filter = ["language"]
    list_select_related = ["published_by"]
    search_fields = ["title", "article__slug"]
    date_hierarchy = "published_at"
    exclude = ["content"]
    show_full_result_count = False


@admin.register(ArticleEvent)
class ArticleEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "article", "action", "actor", "note"]
    list_filter = ["action"]
    list_select_related = ["article", "actor"]
    search_fields = ["article__slug", "note"]
    date_hierarchy = "at"
    show_full_result_count = False
