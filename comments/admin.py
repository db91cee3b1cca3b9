"""
The midwives' admin: the moderation queue, the question page, replies and the audit log.

Every change goes through ``comments.services``, so each one is atomic,
audited and visible to readers at once. The question change page is a
moderation page of its own (``change_view``): the reader's words are never
edited freely, only redacted, and approving and replying is one button.
"""

import json
from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connections
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.timesince import timesince
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from comments import services
from comments.forms import ModerationForm
from comments.models import AuditEntry, CannedReply, ModeratorDigest, Question, Reply
from healthinfo.admin.records import ReadOnlyAdmin
from healthinfo.models import Article

# --- The moderation queue -----------------------------------------------------


class StatusFilter(admin.SimpleListFilter):
    """Status, with "Pending" selected when nothing is chosen: the changelist is the queue."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Question.Status.choices, (self.ALL, _("All"))]

    def choices(self, changelist):
        current = self.value() or Question.Status.PENDING
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or Question.Status.PENDING
        if value == self.ALL:
            return queryset
        if value not in Question.Status.values:
            return queryset.none()
        return queryset.filter(status=value)


class ArticleFilter(admin.SimpleListFilter):
    """
    The questions on one article, chosen by clicking the article in a row.

    Django's related-field filter would list every article in the sidebar:
    10,000 links on every load of the queue. This one shows only the article
    chosen, so the queue costs the same however many articles there are.
    """

    title = _("article")
    parameter_name = "article__id__exact"

    def lookups(self, request, model_admin):
        # Django applies only filters that have a choice to show: a chosen
        # article that does not exist (any more) must still filter, to nothing.
        if self.value() is None:
            return []
        article = Article.objects.filter(pk=self.value()).first() if self._valid() else None
        return [(self.value(), str(article) if article else self.value())]

    def _valid(self):
        return (self.value() or "").isdigit()

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return queryset.filter(article_id=self.value()) if self._valid() else queryset.none()


class EstimatedCountPaginator(Paginator):
    """
    A paginator that counts exactly up to ``exact_up_to`` rows and estimates beyond.

    Counting 100,000 waiting questions on every load of the queue reads the
    whole index; nobody needs to know whether it is 100,048 or 100,052. Above
    the cap, PostgreSQL's planner estimate (from the table statistics) is used
    and ``estimated`` is True, so the page can say "about". Other databases
    count exactly.
    """

    exact_up_to = 1000
    estimated = False

    @cached_property
    def count(self):
        queryset = self.object_list.order_by()
        capped = queryset[: self.exact_up_to + 1].count()
        if capped <= self.exact_up_to:
            return capped
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return queryset.count()
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        self.estimated = True
        return max(int(plan[0]["Plan"]["Plan Rows"]), capped)


class AnsweredFilter(admin.SimpleListFilter):
    title = _("answered")
    parameter_name = "answered"

    def lookups(self, request, model_admin):
        return [("yes", _("Answered")), ("no", _("Not answered yet"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.answered()
        if self.value() == "no":
            return queryset.unanswered()
        return queryset


class AgeFilter(admin.SimpleListFilter):
    """How long a question has been waiting since it was asked."""

    title = _("asked")
    parameter_name = "age"
    # value: (label, newer than (hours), older than (hours))
    RANGES = {
        "day": (_("In the last 24 hours"), 24, None),
        "days": (_("1 to 3 days ago"), 72, 24),
        "older": (_("More than 3 days ago"), None, 72),
        "week": (_("More than a week ago"), None, 168),
    }

    def lookups(self, request, model_admin):
        return [(value, label) for value, (label, _newer, _older) in self.RANGES.items()]

    def queryset(self, request, queryset):
        if self.value() not in self.RANGES:
            return queryset
        _label, newer_than, older_than = self.RANGES[self.value()]
        now = timezone.now()
        if newer_than is not None:
            queryset = queryset.filter(created_at__gte=now - timedelta(hours=newer_than))
        if older_than is not None:
            queryset = queryset.filter(created_at__lt=now - timedelta(hours=older_than))
        return queryset


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["summary", "flags", "article_link", "language", "status", "answered", "waiting"]
    list_display_links = ["summary"]
    list_filter = [
        StatusFilter,
        ArticleFilter,
        "language",
        "is_urgent",
        "has_personal_data",
        AnsweredFilter,
        AgeFilter,
    ]
    list_select_related = ["article"]
    search_fields = ["body", "display_name"]
    ordering = ["-is_urgent", "created_at", "pk"]
    actions = ["approve_selected", "reject_selected", "mark_selected_as_spam"]
    # The queue may hold 100,000 questions and more: no full counts (EstimatedCountPaginator).
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    # Midwives work from the top of the queue, and rendering rows is most of the
    # page's cost: 50 rows keep it well under the 300 ms target under load.
    list_per_page = 50

    class Media:
        css = {"all": ["css/question_admin.css"]}

    def has_add_permission(self, request):
        return False  # questions come from readers only

    # --- Columns -------------------------------------------------------------

    def action_checkbox(self, question):
        # Django's own renders a form widget through the template engine, which
        # is half the cost of a queue row; this writes the same markup directly.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            question.pk,
            format_html(gettext("Select this object for an action - {}"), str(question)),
        )

    @admin.display(description=_("question"))
    def summary(self, question):
        return Truncator(question.body).chars(140)

    @admin.display(description=_("flags"))
    def flags(self, question):
        badges = []
        if question.is_urgent:
            what = question.get_urgent_category_display() or ", ".join(question.red_flag_evidence)
            badges.append(
                (
                    "question-flag question-flag-urgent",
                    gettext("Urgent: %(phrases)s") % {"phrases": what},
                )
            )
        if question.has_personal_data:
            badges.append(("question-flag question-flag-personal", gettext("Personal details")))
        return format_html_join(" ", '<span class="{}">{}</span>', badges) or "–"

    @admin.display(description=_("article"), ordering="article__slug")
    def article_link(self, question):
        """The article, linking to the queue of its questions only (see ``ArticleFilter``)."""
        query = urlencode({ArticleFilter.parameter_name: question.article_id})
        return format_html('<a href="?{}">{}</a>', query, question.article)

    @admin.display(description=_("answered"), boolean=True, ordering="answered_at")
    def answered(self, question):
        return question.is_answered

    @admin.display(description=_("waiting"), ordering="created_at")
    def waiting(self, question):
        return timesince(question.created_at)

    # --- Bulk actions ----------------------------------------------------------

    @admin.action(description=_("Approve selected questions"), permissions=["change"])
    def approve_selected(self, request, queryset):
        # Each goes through the service, which refuses a question that still holds
        # personal details: they are removed one question at a time, before approval.
        approved, refused = 0, []
        for question in queryset:
            try:
                services.approve(question, request.user)
            except ValidationError as error:
                refused.append((question, error))
            else:
                approved += 1
        message = ngettext(
            "Approved %(count)d question.", "Approved %(count)d questions.", approved
        )
        self.message_user(request, message % {"count": approved}, messages.SUCCESS)
        for question, error in refused[:10]:
            self.message_user(
                request,
                format_html(
                    '{} <a href="{}">{}</a>: {}',
                    gettext("Not approved:"),
                    reverse("admin:comments_question_change", args=[question.pk]),
                    gettext("question #%(number)s") % {"number": question.pk},
                    " ".join(error.messages),
                ),
                messages.WARNING,
            )
        if len(refused) > 10:
            more = len(refused) - 10
            message = ngettext(
                "%(count)d more question was not approved for the same reason.",
                "%(count)d more questions were not approved for the same reason.",
                more,
            )
            self.message_user(request, message % {"count": more}, messages.WARNING)

    @admin.action(description=_("Reject selected questions"), permissions=["change"])
    def reject_selected(self, request, queryset):
        for question in queryset:
            services.reject(question, request.user)
        count = len(queryset)
        message = ngettext("Rejected %(count)d question.", "Rejected %(count)d questions.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Mark selected questions as spam"), permissions=["change"])
    def mark_selected_as_spam(self, request, queryset):
        for question in queryset:
            services.mark_spam(question, request.user)
        count = len(queryset)
        message = ngettext(
            "Marked %(count)d question as spam.", "Marked %(count)d questions as spam.", count
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    def delete_model(self, request, obj):
        services.delete_question(obj, request.user)

    def delete_queryset(self, request, queryset):
        for question in queryset:
            services.delete_question(question, request.user)

    # --- The queue -------------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "urgent_waiting": urgent_waiting_summary()}
        return super().changelist_view(request, extra_context)

    # --- The moderation page ---------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        question = self.get_object(request, unquote(object_id))
        if question is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, question):
            raise PermissionDenied
        can_moderate = self.has_change_permission(request, question)
        form = ModerationForm(question=question)
        if request.method == "POST":
            if not can_moderate:
                raise PermissionDenied
            form = ModerationForm(request.POST, question=question)
            response, form = self._moderate(request, question, form)
            if response is not None:
                return response
            question = self.get_object(request, unquote(object_id)) or question
        return TemplateResponse(
            request,
            "admin/comments/question/moderate.html",
            self._moderation_context(request, question, form, can_moderate, extra_context),
        )

    def _moderate(self, request, question, form):
        """Carry out the button pressed; returns (redirect or None, form to show again)."""
        if not form.is_valid():  # also when no button was pressed
            return None, form
        action = form.action()
        if action == ModerationForm.INSERT_CANNED:
            return None, form.with_canned_reply_inserted()
        if action == ModerationForm.KEEP:
            return None, form.kept_for(question)
        data, user = form.cleaned_data, request.user
        operations = {
            ModerationForm.APPROVE_AND_REPLY: (
                lambda: services.approve_and_reply(
                    question, user, data["reply"], note=data["note"]
                ),
                gettext("The question is published with your reply."),
                "reply",
                True,
            ),
            ModerationForm.REPLY: (
                lambda: services.reply(question, user, data["reply"]),
                gettext("Your reply is published."),
                "reply",
                False,
            ),
            ModerationForm.APPROVE: (
                lambda: services.approve(question, user, note=data["note"]),
                gettext("The question is published."),
                None,
                True,
            ),
            ModerationForm.REDACT_FINDING: (
                lambda: self._remove_finding(question, user, data["redact_text"]),
                gettext("The text was replaced by “[removed]”."),
                None,
                False,
            ),
            ModerationForm.NOT_PERSONAL_DATA: (
                lambda: services.mark_not_personal_data(
                    question, user, data["finding_key"], note=data["note"]
                ),
                gettext("Marked as not personal data: it no longer stops approval."),
                None,
                False,
            ),
            ModerationForm.MARK_URGENT: (
                lambda: services.set_urgency(
                    question, user, urgent=True, category=data["urgent_category"]
                ),
                gettext("The question is marked as urgent: it comes first in the queue."),
                "urgent_category",
                False,
            ),
            ModerationForm.MARK_NOT_URGENT: (
                lambda: services.set_urgency(question, user, urgent=False),
                gettext("The question is marked as not urgent."),
                None,
                False,
            ),
            ModerationForm.REJECT: (
                lambda: services.reject(question, user, note=data["note"]),
                gettext("The question is rejected."),
                None,
                True,
            ),
            ModerationForm.SPAM: (
                lambda: services.mark_spam(question, user, note=data["note"]),
                gettext("The question is marked as spam."),
                None,
                True,
            ),
            ModerationForm.REDACT: (
                lambda: services.redact(question, user, data["redact_text"], span=form.span()),
                gettext("The text was replaced by “[removed]”."),
                "redact_text",
                False,
            ),
            ModerationForm.SAVE_NAME: (
                lambda: services.edit_question(question, user, display_name=data["display_name"]),
                gettext("The name shown with the question is saved."),
                "display_name",
                False,
            ),
        }
        operation, success, error_field, back_to_queue = operations[action]
        try:
            changed = operation()
        except ValidationError as error:
            # A refusal to publish is about the question, not the field being typed in.
            blocking = getattr(error, "code", None) == "personal_data"
            form.add_error(None if blocking else error_field, error)
            return None, form
        self.message_user(request, success, messages.SUCCESS)
        if action in ModerationForm.STAY_ON_PAGE:
            # Back to the page with the reply, the note and the canned reply as they
            # were typed: removing a detail must not lose the answer being written.
            fresh = changed if isinstance(changed, Question) else question
            return None, form.kept_for(fresh)
        if back_to_queue:
            url = reverse("admin:comments_question_changelist")
        else:
            url = reverse("admin:comments_question_change", args=[question.pk])
        preserved = {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts}
        return HttpResponseRedirect(add_preserved_filters(preserved, url)), form

    @staticmethod
    def _remove_finding(question, user, text):
        """A detected detail's "Remove": from the text, or from the name shown."""
        question.refresh_from_db(fields=["body", "display_name"])
        if text and text not in question.body and text in question.display_name:
            name = " ".join(question.display_name.replace(text, " ").split())
            return services.edit_question(question, user, display_name=name)
        return services.redact(question, user, text)

    def _moderation_context(self, request, question, form, can_moderate, extra_context):
        replies = list(question.replies.select_related("author"))
        history = list(
            AuditEntry.objects.filter(question=question)
            .select_related("actor")
            .order_by("-created_at", "-pk")
        )
        public_url = ""
        if question.article.is_visible():
            with translation.override(question.language):
                public_url = question.article.get_absolute_url()
        return {
            **self.admin_site.each_context(request),
            **(extra_context or {}),
            "opts": self.opts,
            "title": gettext("Moderate question #%(number)s") % {"number": question.pk},
            "subtitle": None,
            "question": question,
            "original": question,
            "form": form,
            "replies": replies,
            "history": history,
            "findings": question.personal_data_findings(),
            "dismissed": question.dismissed_findings,
            "urgency_label": question.get_urgent_category_display(),
            "can_moderate": can_moderate,
            "can_see_private_text": request.user.is_superuser,
            "public_url": public_url,
            "preserved_filters": self.get_preserved_filters(request),
            "canned_replies": {str(c.pk): c.body for c in form.fields["canned_reply"].queryset},
            "has_view_permission": True,
            "is_pending": question.status == Question.Status.PENDING,
            "is_approved": question.status == Question.Status.APPROVED,
        }


def urgent_waiting_summary():
    """How many urgent questions wait and how long the oldest has waited (one query)."""
    waiting = Question.objects.urgent_waiting()
    oldest = waiting["oldest"]
    return {
        "count": waiting["count"],
        "oldest": oldest,
        "waited": timesince(oldest) if oldest else "",
        "url": reverse("admin:comments_question_changelist") + "?is_urgent__exact=1",
    }


# --- Replies ------------------------------------------------------------------


@admin.register(Reply)
class ReplyAdmin(admin.ModelAdmin):
    """Published replies: midwives correct them here; new replies are written on the question."""

    list_display = ["summary", "question_link", "author_name", "created_at", "edited_at"]
    list_select_related = ["question"]
    search_fields = ["body", "author_name"]
    fields = ["question_link", "author_name", "created_at", "edited_at", "body"]
    readonly_fields = ["question_link", "author_name", "created_at", "edited_at"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("reply"))
    def summary(self, reply):
        return Truncator(reply.body).chars(100)

    @admin.display(description=_("question"))
    def question_link(self, reply):
        url = reverse("admin:comments_question_change", args=[reply.question_id])
        return format_html('<a href="{}">{}</a>', url, Truncator(reply.question.body).chars(80))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)

        class ReplyForm(form):
            def clean_body(self):
                # The same screening as a new reply: no personal contact details go out.
                return services.clean_reply_body(self.cleaned_data["body"])

        return ReplyForm

    def save_model(self, request, obj, form, change):
        services.edit_reply(obj, request.user, form.cleaned_data["body"])

    def delete_model(self, request, obj):
        services.delete_reply(obj, request.user)

    def delete_queryset(self, request, queryset):
        for reply in queryset:
            services.delete_reply(reply, request.user)


# --- Canned replies -------------------------------------------------------------


@admin.register(CannedReply)
class CannedReplyAdmin(admin.ModelAdmin):
    list_display = ["title", "language"]
    list_filter = ["language"]
    search_fields = ["title", "body"]


# --- Records ----------------------------------------------------------------------


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "question_link", "actor_name", "text_for_staff"]
    list_filter = ["action", "created_at"]
    search_fields = ["=question_number", "actor_name"]
    list_select_related = ["question"]
    show_full_result_count = False

    @admin.display(description=_("question"), ordering="question_number")
    def question_link(self, entry):
        if entry.question_id is None:
            return gettext("#%(number)s (deleted)") % {"number": entry.question_number}
        url = reverse("admin:comments_question_change", args=[entry.question_id])
        return format_html('<a href="{}">#{}</a>', url, entry.question_number)

    @admin.display(description=_("text"))
    def text(self, entry):
        if entry.action in AuditEntry.STATUS_ACTIONS:
            return f"{entry.before_display} → {entry.after_display}"
        return Truncator(entry.after or entry.before).chars(100)

    @admin.display(description=_("text"))
    def text_for_staff(self, entry):
        if entry.has_private_text:
            return gettext("(visible to superusers only)")
        return self.text(entry)

    def get_list_display(self, request):
        if request.user.is_superuser:
            return [name if name != "text_for_staff" else "text" for name in self.list_display]
        return self.list_display

    def get_fields(self, request, obj=None):
        fields = [
            "created_at",
            "action",
            "question_number",
            "question",
            "reply",
            "actor_name",
            "note",
            "before",
            "after",
        ]
        if obj is not None and obj.has_private_text and not request.user.is_superuser:
            fields = [name for name in fields if name not in ("before", "after")]
        return fields


@admin.register(ModeratorDigest)
class ModeratorDigestAdmin(ReadOnlyAdmin):
    list_display = ["sent_on", "sent_at", "pending_count", "urgent_count", "recipient_count"]
