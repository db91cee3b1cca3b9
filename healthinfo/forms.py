"""Forms of the review workflow (used by the admin views in healthinfo/admin/reviews.py)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from healthinfo.models import Article, Review, ReviewAssignment, Reviewer

# The largest primary key any of our databases can be asked about.
MAX_ID = 2**63 - 1


def id_in_range(value):
    """False for a whole number no primary key can be (anything else is left to the form)."""
    try:
        number = int(str(value))
    except ValueError:
        return True  # not a number at all: the form field says so
    return 0 < number <= MAX_ID


class SafeModelChoiceField(forms.ModelChoiceField):
    """A choice by id where an absurd number is an invalid choice, not a database error."""

    def to_python(self, value):
        if value not in self.empty_values and not id_in_range(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value or ():
            if not id_in_range(item):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)


def can_manage_reviews(user):
    """Editors (and superusers) assign reviews and may record any review."""
    return user.is_active and user.has_perm("healthinfo.add_reviewassignment")


def reviewer_for(user):
    """The ``Reviewer`` linked to ``user``'s account, or None."""
    return Reviewer.objects.filter(user=user).first() if user.is_authenticated else None


class RecordReviewForm(forms.Form):
    """
    Record a review. A reviewer records only their own review of an article
    assigned to them; an editor may record any reviewer's review on their
    behalf, with evidence of the sign-off.

    When the article has a draft, the review is of the draft by default: the
    form carries the draft revision it was opened at, so a sign-off never
    covers changes made after the reviewer read the draft.
    """

    SUBJECT_DRAFT, SUBJECT_LIVE = "draft", "live"

    article = SafeModelChoiceField(queryset=Article.objects.none(), label=_("Article"))
    reviewer = SafeModelChoiceField(queryset=Reviewer.objects.none(), label=_("Reviewer"))
    also_reviewed_by = SafeModelMultipleChoiceField(
        queryset=Reviewer.objects.all(),
        required=False,
        label=_("Also reviewed by"),
        widget=forms.CheckboxSelectMultiple,
    )
    reviewed_on = forms.DateField(
        label=_("Reviewed on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    scope = forms.ChoiceField(
        label=_("Scope"), choices=Review.Scope.choices, initial=Review.Scope.WHOLE_PAGE
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Review.Outcome.choices)
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea
    )
    subject = forms.ChoiceField(
        label=_("What was reviewed"),
        choices=[
            (SUBJECT_DRAFT, _("The draft changes awaiting sign-off")),
            (SUBJECT_LIVE, _("The live page")),
        ],
        initial=SUBJECT_LIVE,
        required=False,
        widget=forms.RadioSelect,
    )
    evidence = forms.CharField(
        label=_("Evidence of the reviewer's sign-off"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Needed when you record someone else's review: how their sign-off reached you "
            "(for example “email of 3 June to the editors”)."
        ),
    )
    assignment = SafeModelChoiceField(
        queryset=ReviewAssignment.objects.none(), required=False, widget=forms.HiddenInput
    )
    draft_revision = forms.IntegerField(
        required=False, min_value=0, max_value=2**31 - 1, widget=forms.HiddenInput
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The draft revision may be filled in on the way back (see clean()).
        self.data = self.data.copy()
        self.user = user
        self.is_editor = can_manage_reviews(user)
        if not self.is_editor:
            del self.fields["evidence"]
        article = self._initial_article()
        self.draft_article = article if article is not None and article.drafts.exists() else None
        if self.draft_article is not None and not self.is_bound:
            self.fields["subject"].initial = self.SUBJECT_DRAFT
            self.fields["draft_revision"].initial = self.draft_article.draft_revision
        open_assignments = ReviewAssignment.objects.open()
        if self.is_editor:
            self.fields["article"].queryset = Article.objects.all()
            self.fields["reviewer"].queryset = Reviewer.objects.all()
        else:
            reviewer = reviewer_for(user)
            open_assignments = open_assignments.filter(reviewer=reviewer)
            self.fields["article"].queryset = Article.objects.filter(
                pk__in=open_assignments.values("article")
            )
            self.fields["reviewer"].queryset = Reviewer.objects.filter(
                pk=getattr(reviewer, "pk", None)
            )
            self.fields["reviewer"].initial = reviewer
        self.fields["assignment"].queryset = open_assignments

    def _initial_article(self):
        value = self.initial.get("article")
        if isinstance(value, Article):
            return value
        if value is None or not id_in_range(value) or not str(value).isdigit():
            return None
        return Article.objects.filter(pk=value).first()

    def clean_reviewed_on(self):
        reviewed_on = self.cleaned_data["reviewed_on"]
        if reviewed_on > timezone.localdate():
            raise ValidationError(_("A review cannot be dated in the future."))
        return reviewed_on

    def clean(self):
        cleaned_data = super().clean()
        article, reviewer = cleaned_data.get("article"), cleaned_data.get("reviewer")
        assignment = cleaned_data.get("assignment")
        if article is None or reviewer is None:
            return cleaned_data
        if assignment is not None and (
            assignment.article_id != article.pk or assignment.reviewer_id != reviewer.pk
        ):
            raise ValidationError(_("This assignment is not an open one for this article."))
        if assignment is None:
            # A reviewer's review completes their assignment for that article.
            cleaned_data["assignment"] = (
                self.fields["assignment"]
                .queryset.filter(article=article, reviewer=reviewer)
                .order_by("due_on", "pk")
                .first()
            )
        if reviewer.user_id is None or reviewer.user_id != self.user.pk:
            if not self.is_editor:
                raise ValidationError(_("You can record only your own review."))
            if not cleaned_data.get("evidence", "").strip():
                self.add_error(
                    "evidence",
                    _(
                        "You are recording %(reviewer)s’s review: say how their sign-off "
                        "reached you."
                    )
                    % {"reviewer": reviewer.name},
                )
        self._clean_subject(article, cleaned_data)
        return cleaned_data

    def _clean_subject(self, article, cleaned_data):
        has_draft = article.drafts.exists()
        # Not said: a draft awaiting sign-off is what a review of this article is about.
        subject = cleaned_data.get("subject") or (
            self.SUBJECT_DRAFT if has_draft else self.SUBJECT_LIVE
        )
        if subject != self.SUBJECT_DRAFT:
            cleaned_data["draft_revision"] = None
            return
        if not has_draft:
            self.add_error(
                "subject",
                _("This article has no draft awaiting sign-off: choose the live page."),
            )
            return
        if cleaned_data.get("draft_revision") is None:
            # Opened without knowing the article: name the revision now and ask again,
            # so the reviewer confirms what they signed off.
            self.data["draft_revision"] = article.draft_revision
            self.add_error(
                "subject",
                _(
                    "This article's draft is at revision %(revision)s. Check that this is the "
                    "draft you reviewed, then record the review again."
                )
                % {"revision": article.draft_revision},
            )


class DashboardFilterForm(forms.Form):
    """The dashboard's filters from the query string; anything invalid falls back to defaults."""

    bucket = forms.ChoiceField(required=False)
    category = SafeModelChoiceField(queryset=None, required=False, label=_("Category"))
    sort = forms.ChoiceField(required=False, label=_("Sort by"))

    def __init__(self, *args, **kwargs):
        from healthinfo.models import Category
        from healthinfo.review_dashboard import BUCKETS, SORTS

        super().__init__(*args, **kwargs)
        self.fields["bucket"].choices = list(BUCKETS.items())
        self.fields["sort"].choices = [(key, label) for key, (label, _order) in SORTS.items()]
        self.fields["category"].queryset = Category.objects.prefetch_related("translations")

    def values(self):
        """(bucket, category, sort), with defaults for anything missing or invalid."""
        data = self.cleaned_data if self.is_valid() else {}
        return (
            data.get("bucket") or "overdue",
            data.get("category"),
            data.get("sort") or "due",
        )
