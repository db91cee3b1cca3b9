"""The form under each article: "Was this information useful?"."""

from django import forms
from django.utils.translation import gettext_lazy as _

from healthinfo.models.feedback import REASON_MAX_LENGTH, clean_reason


class FeedbackForm(forms.Form):
    """ "Was this information useful?" Yes or No, with an optional reason on No."""

    useful = forms.TypedChoiceField(
        label=_("Was this information useful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
    )
    reason = forms.CharField(
        label=_("What was missing or unclear? (optional)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": REASON_MAX_LENGTH}),
        help_text=_("Please do not include personal details. We cannot reply here."),
    )

    def clean_reason(self):
        return clean_reason(self.cleaned_data.get("reason", ""))
