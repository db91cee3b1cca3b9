from django.contrib import admin

from comments.models import CannedReply, Question, Reply


class ReplyInline(admin.StackedInline):
    model = Reply
    extra = 0
    fields = ["body", "author_name", "created_at"]
    readonly_fields = ["author_name", "created_at"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "article", "language", "status", "is_urgent", "created_at"]
    list_filter = ["status", "is_urgent", "language", "has_personal_data"]
    list_select_related = ["article"]
    search_fields = ["body"]
    exclude = ["ip_hash"]
    inlines = [ReplyInline]
    show_full_result_count = False


@admin.register(CannedReply)
class CannedReplyAdmin(admin.ModelAdmin):
    list_display = ["title", "language"]
    list_filter = ["language"]
    search_fields = ["title", "body"]
