"""Forms readers use to ask a question, and midwives use to moderate one."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.db.models import Case, When
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from comments import red_flags
from comments.models import CannedReply
from comments.text import clean_reader_text, count_links
from comments.tokens import form_age, form_token
from comments.triage import fold

QUESTION_MIN_LENGTH = 10
QUESTION_MAX_LENGTH = 2000
NAME_MAX_LENGTH = 50
# Raw text may exceed a limit by the markup and spaces that cleaning removes;
# beyond this many times the limit it is refused before cleaning (bleach) runs.
RAW_LENGTH_FACTOR = 2
# The longest body a question post can need: every field at its raw limit, each
# character percent-encoded as four UTF-8 bytes (12 bytes), plus the tokens.
# A longer post is refused with 413 before anything parses it.
QUESTION_POST_MAX_BYTES = 64 * 1024

# Names a reader may not post under, because readers would take them for staff.
STAFF_LIKE_NAMES = ("midwife", "matrona", "comadrona", "moderator", "moderador", "admin")


class ReaderTextField(forms.CharField):
    """
    A text field that keeps only plain, visible text (``comments.text``) before validating.

    ``limit`` is the longest cleaned text allowed. Text more than
    ``RAW_LENGTH_FACTOR`` times longer is refused as it arrives, so cleaning
    (several bleach passes) only ever runs on bounded input.
    """

    def __init__(self, *, limit, multiline=True, **kwargs):
        self.limit = limit
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if len(value) > RAW_LENGTH_FACTOR * self.limit:
            raise forms.ValidationError(
                self.error_messages["max_length"],
                code="max_length",
                params={"limit_value": self.limit, "show_value": len(value)},
            )
        return clean_reader_text(value, multiline=self.multiline) if value else value


class QuestionForm(forms.Form):
    """A reader's question: the text, an optional name and email, and two traps for bots."""

    body = ReaderTextField(
        label=_("Your question"),
        limit=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Please write your question."),
            "max_length": _(
                "Please shorten your question to %(limit_value)d characters or fewer "
                "(it has %(show_value)d)."
            ),
        },
        validators=[
            MinLengthValidator(
                QUESTION_MIN_LENGTH,
                message=_(
                    "Please tell us a little more: a question needs at least "
                    "%(limit_value)d characters."
                ),
            ),
            MaxLengthValidator(
                QUESTION_MAX_LENGTH,
                message=_(
                    "Please shorten your question to %(limit_value)d characters or fewer "
                    "(it has %(show_value)d)."
                ),
            ),
        ],
    )
    display_name = ReaderTextField(
        label=_("Name (optional)"),
        limit=NAME_MAX_LENGTH,
        multiline=False,
        required=False,
        max_length=NAME_MAX_LENGTH,
        help_text=_("Leave it empty to appear as “Anonymous (not verified)”."),
        error_messages={
            "max_length": _("Please use a name of %(limit_value)d characters or fewer.")
        },
    )
    email = forms.EmailField(
        label=_("Email (optional)"),
        required=False,
        help_text=_(
            "Only to tell you once when a midwife has answered. It is never shown on the site."
        ),
        error_messages={"invalid": _("Please check your email address, or leave it empty.")},
    )
    # The honeypot: hidden from people (and from screen readers), filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)
    started = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(self, *args, action="", **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = form_token()
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["display_name"].widget.attrs["autocomplete"] = "nickname"
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.form_id = "ask-form"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Field("body"),
            Field("display_name"),
            Field("email"),
            Div("website", css_class="question-trap", aria_hidden="true"),
            Field("started"),
            Submit("send", _("Send question")),
        )

    def clean_body(self):
        body = self.cleaned_data["body"]
        links = count_links(body)
        if links > settings.QUESTIONS_MAX_LINKS:
            raise forms.ValidationError(
                ngettext_lazy(
                    "Please include no more than %(limit)d web link.",
                    "Please include no more than %(limit)d web links.",
                    "limit",
                ),
                code="too_many_links",
                params={"limit": settings.QUESTIONS_MAX_LINKS},
            )
        return body

    def clean_display_name(self):
        name = self.cleaned_data["display_name"]
        folded = fold(name)
        if any(word in folded for word in (*STAFF_LIKE_NAMES, fold(settings.SITE_NAME))):
            raise forms.ValidationError(
                _("Please choose another name: names like “Midwife” are kept for our staff."),
                code="staff_name",
            )
        return name

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            # The reader must correct and resend anyway; a bot warning would only confuse.
            return cleaned
        if cleaned.get("website"):
            raise forms.ValidationError(
                _(
                    "We could not send your question. Please leave the field “Leave this "
                    "field empty” empty and send it again."
                ),
                code="trap",
            )
        age = form_age(cleaned.get("started"))
        if age is None:
            raise forms.ValidationError(
                _("Something went wrong with the form. Please press “Send question” again."),
                code="bad_token",
            )
        if age < settings.QUESTIONS_MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _(
                    "That was very quick! Please read your question through, then press "
                    "“Send question” again."
                ),
                code="too_fast",
            )
        if age > settings.QUESTIONS_FORM_MAX_AGE_SECONDS:
            raise forms.ValidationError(
                _(
                    "This form was open for a long time. Please check your question and press "
                    "“Send question” again."
                ),
                code="expired",
            )
        return cleaned

    def refuse(self, error):
        """Show ``error`` with the reader's text, without validating the form (it is not used)."""
        self.cleaned_data = {}
        self._errors = ErrorDict()
        self.add_error(None, error)

    def renew_token(self):
        """Give a form that is shown again a fresh timestamp (the reader's text is kept)."""
        if self.is_bound:
            self.data = self.data.copy()
            self.data[self.add_prefix("started")] = form_token()
        else:
            self.initial["started"] = form_token()


class ModerationForm(forms.Form):
    """
    The midwife's form on the question page: reply, redact, rename, approve, reject, spam.

    Which button was pressed decides what happens (``action()``). "Insert" adds
    the chosen canned reply to the reply text on the server, so the page works
    without JavaScript; with it, ``question_admin.js`` inserts it in place.
    """

    APPROVE_AND_REPLY = "_approve_and_reply"
    REPLY = "_reply"
    APPROVE = "_approve"
    REJECT = "_reject"
    SPAM = "_spam"
    REDACT = "_redact"
    REDACT_FINDING = "_redact_finding"
    NOT_PERSONAL_DATA = "_not_personal_data"
    SAVE_NAME = "_save_name"
    INSERT_CANNED = "_insert_canned"
    MARK_URGENT = "_mark_urgent"
    MARK_NOT_URGENT = "_mark_not_urgent"
    # The form's first button: pressing Enter in a text box sends this, which changes nothing.
    KEEP = "_keep"
    ACTIONS = (
        APPROVE_AND_REPLY,
        REPLY,
        APPROVE,
        REJECT,
        SPAM,
        REDACT,
        REDACT_FINDING,
        NOT_PERSONAL_DATA,
        SAVE_NAME,
        INSERT_CANNED,
        MARK_URGENT,
        MARK_NOT_URGENT,
        KEEP,
    )
    # Buttons that change part of the question and come back to the page with
    # everything the midwife typed (reply, note, canned reply) still there.
    STAY_ON_PAGE = frozenset(
        {REDACT, REDACT_FINDING, NOT_PERSONAL_DATA, SAVE_NAME, MARK_URGENT, MARK_NOT_URGENT, KEEP}
    )

    reply = forms.CharField(
        label=_("Reply"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "class": "vLargeTextField"}),
        help_text=_("Signed with your public display name. Web addresses become links."),
    )
    canned_reply = forms.ModelChoiceField(
        label=_("Canned reply"),
        queryset=CannedReply.objects.none(),
        required=False,
        empty_label=_("Choose a canned reply…"),
    )
    note = forms.CharField(
        label=_("Note for the audit log (optional)"),
        max_length=300,
        required=False,
        help_text=_("For example why a question was rejected. Readers never see it."),
    )
    redact_text = forms.CharField(
        label=_("Text to remove"),
        max_length=QUESTION_MAX_LENGTH,
        required=False,
        strip=False,
        help_text=_(
            "Type or paste the personal details, or select them in the question above. "
            "They are replaced by “[removed]”."
        ),
    )
    redact_start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    redact_end = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    display_name = forms.CharField(
        label=_("Name shown"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        help_text=_("Empty shows “Anonymous (not verified)”."),
    )
    urgent_category = forms.ChoiceField(
        label=_("What makes it urgent"),
        required=False,
        choices=[
            ("", "—"),
            *((slug, red_flags.CATEGORY_LABELS[slug]) for slug in red_flags.CATEGORIES),
        ],
    )

    def __init__(self, *args, question, **kwargs):
        self.question = question
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("display_name", question.display_name)
        initial.setdefault("urgent_category", question.urgent_category)
        super().__init__(*args, **kwargs)
        # Canned replies in the question's language first.
        self.fields["canned_reply"].queryset = CannedReply.objects.order_by(
            Case(When(language=question.language, then=0), default=1), "language", "title"
        )

    def action(self):
        """The button that was pressed, or None."""
        if not self.is_bound:
            return None
        return next((name for name in self.ACTIONS if name in self.data), None)

    def clean(self):
        cleaned = super().clean()
        action = self.action()
        if action is None:
            raise forms.ValidationError(_("Choose what to do with the question."), code="no_action")
        if action == self.REDACT_FINDING:
            # A detected detail's own "Remove" button: its value is the text to remove.
            cleaned["redact_text"] = self.data.get(self.REDACT_FINDING, "")
            cleaned["redact_start"] = cleaned["redact_end"] = None
        if (
            action in (self.REDACT, self.REDACT_FINDING)
            and not cleaned.get("redact_text", "").strip()
        ):
            self.add_error("redact_text", _("Enter the text to remove."))
        if action == self.INSERT_CANNED and not cleaned.get("canned_reply"):
            self.add_error("canned_reply", _("Choose a canned reply to insert."))
        if action == self.NOT_PERSONAL_DATA:
            cleaned["finding_key"] = self.data.get(self.NOT_PERSONAL_DATA, "")
        return cleaned

    def span(self):
        """The (start, end) the midwife selected in the question, if any."""
        start, end = self.cleaned_data.get("redact_start"), self.cleaned_data.get("redact_end")
        return (start, end) if start is not None and end is not None else None

    def with_canned_reply_inserted(self):
        """A new form like this one, with the chosen canned reply added to the end of the reply."""
        data = {name: self.cleaned_data.get(name) for name in ("reply", "note", "display_name")}
        canned = self.cleaned_data["canned_reply"].body
        data["reply"] = f"{data['reply'].rstrip()}\n\n{canned}" if data["reply"].strip() else canned
        data["canned_reply"] = self.cleaned_data["canned_reply"]
        return ModerationForm(initial=data, question=self.question)

    def kept_for(self, question):
        """
        A fresh form for ``question`` (just changed) that keeps what the midwife typed:
        the reply, the note and the canned reply chosen. The name and the urgency are
        the question's own again.
        """
        cleaned = getattr(self, "cleaned_data", {})
        data = {name: cleaned.get(name) or "" for name in ("reply", "note")}
        if cleaned.get("canned_reply"):
            data["canned_reply"] = cleaned["canned_reply"]
        return ModerationForm(initial=data, question=question)
