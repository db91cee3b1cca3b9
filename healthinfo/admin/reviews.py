from django.contrib import admin

from healthinfo.models import AdditionalReviewer, Review, ReviewAssignment, Reviewer


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
