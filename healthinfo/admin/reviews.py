from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from healthinfo import services, site_address
from healthinfo.admin.records import ReadOnlyAdmin
from healthinfo.forms import (
    DashboardFilterForm,
    RecordReviewForm,
    can_manage_reviews,
    id_in_range,
    reviewer_for,
)
from healthinfo.models import (
    AdditionalReviewer,
    ArticleEvent,
    CalendarToken,
    Review,
    ReviewAssignment,
    Reviewer,
    Version,
)
from healthinfo.plain_language.models import ReadabilityScore
from healthinfo.review_dashboard import BUCKETS, bucket_counts, dashboard_rows


@admin.register(Reviewer)
class ReviewerAdmin(admin.ModelAdmin):
    list_display = ["name", "credentials", "title", "affiliation", "user"]
    search_fields = ["name", "credentials", "affiliation"]
    list_select_related = ["user"]


class AdditionalReviewerInline(admin.TabularInline):
    """Sign-offs are part of the record: shown, never edited after the fact."""

    model = AdditionalReviewer
    extra = 0
    fields = readonly_fields = ["reviewer_name", "reviewer_credentials"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """
    Reviews are records: they are added through ``services.record_review`` (the
    add page is the "record a review" form) and only their notes change later.
    """

    list_display = ["article", "reviewed_on", "reviewer_name", "scope", "outcome", "of_what"]
    list_filter = ["scope", "outcome"]
    list_select_related = ["article"]
    search_fields = ["article__slug", "reviewer_name"]
    inlines = [AdditionalReviewerInline]
    date_hierarchy = "reviewed_on"
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        return [
            "article",
            "reviewer",
            "reviewer_name",
            "reviewer_credentials",
            "reviewed_on",
            "scope",
            "outcome",
            "of_what",
            "recorded",
            "evidence",
            "created_at",
            "approved_version",
        ]

    def get_fields(self, request, obj=None):
        return [*self.get_readonly_fields(request, obj), "notes"]

    @admin.display(description=_("of"))
    def of_what(self, review):
        if review.draft_revision is None:
            return _("the live page")
        return _("draft revision %(revision)s") % {"revision": review.draft_revision}

    @admin.display(description=_("recorded"))
    def recorded(self, review):
        recorder = review.recorded_by.get_username() if review.recorded_by else _("an import")
        if review.recorded_on_behalf:
            return _("recorded by %(recorder)s on behalf of %(reviewer)s") % {
                "recorder": recorder,
                "reviewer": review.reviewer_name,
            }
        return _("recorded by %(reviewer)s") % {"reviewer": review.reviewer_name}

    def has_delete_permission(self, request, obj=None):
        # Deleting a review would silently change the dates readers were shown.
        return False

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        user = request.user
        initial = self._initial_from_query(request)
        form = RecordReviewForm(request.POST or None, user=user, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                recorded = services.record_review(
                    data["article"],
                    data["reviewer"],
                    outcome=data["outcome"],
                    reviewed_on=data["reviewed_on"],
                    scope=data["scope"],
                    notes=data["notes"],
                    also_reviewed_by=data["also_reviewed_by"],
                    recorded_by=user,
                    assignment=data["assignment"],
                    draft_revision=data["draft_revision"],
                    evidence=data.get("evidence", ""),
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                self.log_addition(request, recorded, [{"added": {}}])
                self.message_user(request, _("The review is recorded."), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:healthinfo_reviewassignment_changelist"))
        return TemplateResponse(
            request,
            "admin/healthinfo/review/record.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("Record a review"),
                "subtitle": None,
                "form": form,
                # Without a linked reviewer, a reviewer's form has nothing to choose from.
                "not_linked": not form.is_editor and reviewer_for(user) is None,
                "draft_article": form.draft_article,
                "draft_links": draft_links(form.draft_article),
                "has_view_permission": True,
            },
        )

    def _initial_from_query(self, request):
        """Pre-fill from ``?assignment=`` (only one the user may complete) or ``?article=``."""
        initial = {}
        assignment_id = request.GET.get("assignment")
        if assignment_id:
            assignments = ReviewAssignment.objects.open()
            if not can_manage_reviews(request.user):
                assignments = assignments.for_user(request.user)
            assignment = assignments.filter(
                pk=assignment_id if assignment_id.isdigit() else None
            ).first()
            if assignment is None:
                raise PermissionDenied(_("This review is not assigned to you."))
            initial.update(
                assignment=assignment.pk,
                article=assignment.article_id,
                reviewer=assignment.reviewer_id,
            )
        elif request.GET.get("article", "").isdigit():
            initial["article"] = request.GET["article"]
        return initial


def add_errors(form, error):
    """A service's ``ValidationError`` on the form: on its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def draft_links(article):
    """Links to read an article's drafts: preview and comparison with live, per language."""
    if article is None:
        return []
    return [
        (
            draft.get_language_display(),
            reverse("admin:healthinfo_drafttranslation_preview", args=[draft.pk]),
            reverse("admin:healthinfo_drafttranslation_compare", args=[draft.pk]),
        )
        for draft in article.drafts.order_by("language")
    ]


DASHBOARD_PAGE_SIZE = 50
# Pages harder to read than their target shown on the dashboard (the rest: the report).
HARD_TO_READ_ROWS = 10


def harder_than_target():
    """
    Live pages harder to read than their language's target, for the dashboard:
    ``HARD_TO_READ_ROWS`` of them and one more to know there are more (two queries).
    """
    return list(
        ReadabilityScore.objects.above_target()
        .select_related("translation__article")
        .order_by("translation__title", "pk")[: HARD_TO_READ_ROWS + 1]
    )


def _bucket_query(query, bucket):
    """The dashboard's query string with another bucket (and the first page)."""
    query = query.copy()
    query["bucket"] = bucket
    return query.urlencode()


class AssignmentStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("open", _("To do")),
            ("awaiting_sign_off", _("Awaiting sign-off")),
            ("done", _("Done")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "awaiting_sign_off":
            return queryset.open().filter(article_draft_awaits_sign_off=True)
        if self.value() == "open":
            return queryset.open()
        if self.value() == "done":
            return queryset.filter(completed_by__isnull=False)
        return queryset


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(admin.ModelAdmin):
    """Editors assign reviews here; for a reviewer this list is "My reviews"."""

    list_display = [
        "article",
        "reviewer",
        "due_on",
        "assigned_by",
        "completed_by",
        "draft_state",
        "record_link",
    ]
    list_select_related = ["article", "reviewer", "assigned_by", "completed_by"]
    list_filter = [AssignmentStatusFilter]
    autocomplete_fields = ["article", "reviewer"]
    fields = ["article", "reviewer", "due_on"]
    search_fields = ["article__slug", "reviewer__name"]

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("dashboard/", wrap(self.dashboard_view), name="healthinfo_review_dashboard"),
            path("calendar/", wrap(self.calendar_view), name="healthinfo_review_calendar_link"),
            *super().get_urls(),
        ]

    def dashboard_view(self, request):
        """Editors' dashboard: articles by how soon their review is due."""
        if not can_manage_reviews(request.user):
            raise PermissionDenied
        filters = DashboardFilterForm(request.GET or None)
        bucket, category, sort = filters.values()
        today = timezone.localdate()
        counts = bucket_counts(category, today)
        page = Paginator(
            dashboard_rows(bucket, category, sort, today), DASHBOARD_PAGE_SIZE
        ).get_page(request.GET.get("page"))
        source = settings.LANGUAGE_CODE
        for article in page.object_list:
            titles = {t.language: t.title for t in article.translations.all()}
            article.display_title = titles.get(source) or next(iter(titles.values()), article.slug)
        query = request.GET.copy()
        query.pop("page", None)
        hard_to_read = harder_than_target()
        return TemplateResponse(
            request,
            "admin/healthinfo/review/dashboard.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("Review dashboard"),
                "subtitle": None,
                "filters": filters,
                "bucket": bucket,
                "buckets": [
                    (key, label, counts[key], _bucket_query(query, key))
                    for key, label in BUCKETS.items()
                ],
                "counts": counts,
                "page": page,
                "page_query": query.urlencode(),
                "today": today,
                "assign_url": reverse("admin:healthinfo_reviewassignment_add"),
                "record_url": reverse("admin:healthinfo_review_add"),
                "has_view_permission": True,
                "hard_to_read": hard_to_read[:HARD_TO_READ_ROWS],
                "more_hard_to_read": len(hard_to_read) > HARD_TO_READ_ROWS,
                "plain_language_report_url": reverse("admin:healthinfo_readabilityscore_changelist")
                + "?target=above",
            },
        )

    def calendar_view(self, request):
        """Show the user's secret calendar address; POST makes a new one (revoking the old)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            services.regenerate_calendar_token(request.user)
            self.message_user(
                request,
                _("Your calendar address is new: the old one no longer works."),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(request.path)
        token = CalendarToken.objects.filter(user=request.user).first()
        return TemplateResponse(
            request,
            "admin/healthinfo/review/calendar.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("Review calendar"),
                "subtitle": None,
                "feed_url": (
                    site_address.for_request(request) + token.get_absolute_url() if token else ""
                ),
                "has_view_permission": True,
            },
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            # An id no database can hold would fail in the autocomplete widget when the
            # form is shown again; such a value is simply no choice.
            request.POST = request.POST.copy()
            for name in ("article", "reviewer"):
                if not id_in_range(request.POST.get(name, "")):
                    request.POST[name] = ""
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).with_draft_state()
        if can_manage_reviews(request.user):
            return queryset
        return queryset.for_user(request.user)

    @admin.display(description=_("draft"))
    def draft_state(self, assignment):
        if not getattr(assignment, "article_draft_changes_content", False):
            return "–"
        if not assignment.article_draft_awaits_sign_off:
            return _("Draft signed off")
        return format_html(
            "<strong>{}</strong>",
            _("Awaiting sign-off (draft revision %(revision)s)")
            % {"revision": assignment.article.draft_revision},
        )

    def get_readonly_fields(self, request, obj=None):
        # An assignment's article and reviewer are fixed once made; only the date moves.
        return ["article", "reviewer"] if obj else []

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if not can_manage_reviews(request.user):
            extra_context["title"] = _("My reviews")
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("review"))
    def record_link(self, assignment):
        if not assignment.is_open:
            return _("Done")
        url = reverse("admin:healthinfo_review_add") + f"?assignment={assignment.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Record the review"))

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        created = services.assign_review(
            obj.article, obj.reviewer, due_on=obj.due_on, by=request.user
        )
        obj.pk, obj.assigned_by, obj._state.adding = created.pk, created.assigned_by, False


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
