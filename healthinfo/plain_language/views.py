"""
The live plain-language check (JSON, for the editing page's script) and the
"Check a text" page, where an editor can paste or write text in the editor and
see the check as she types.
"""

from django import forms
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from healthinfo.editing.fields import HealthTextField, PlainSummaryField
from healthinfo.editing.views import staff_json_view
from healthinfo.editing.widgets import HealthTextWidget
from healthinfo.plain_language.analysis import formula_for
from healthinfo.plain_language.models import GlossaryTerm, ReadabilityTarget
from healthinfo.plain_language.text import html_blocks, text_blocks
from healthinfo.sanitize import EDITOR_MAX_BYTES, clean_editor_html, editor_html_too_large

# At most this many bodies in one check (an article's sections).
MAX_BODIES = 100


class CheckForm(forms.Form):
    """What the "Check a text" page sends (and shows again)."""

    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    summary = PlainSummaryField(label=_("Summary"), required=False)
    body = HealthTextField(label=_("Text"), required=False, widget=HealthTextWidget)


def _report(language, summary, headings, bodies):
    from healthinfo.plain_language.analysis import analyse

    blocks = [("text", block) for block in text_blocks(summary)]
    for index, body in enumerate(bodies):
        if index < len(headings) and headings[index].strip():
            blocks.append(("heading", " ".join(headings[index].split())))
        blocks.extend(("text", block) for block in html_blocks(clean_editor_html(body)))
    target = ReadabilityTarget.objects.for_languages().get(language)
    report = analyse(
        blocks, language, glossary=GlossaryTerm.objects.entries(language), target=target
    )
    data = report.as_dict()
    data["formula_help"] = str(formula_for(language).help_text)
    return data


@require_POST
@staff_json_view("healthinfo.view_article")
def check(request):
    """
    POST ``language``, ``summary`` and any number of ``heading``/``body``
    pairs (HTML, as the editor sends it); answer the check as JSON. Too much
    text is a 413 with a message, anything malformed a 400: never a 500.
    """
    try:
        data = request.POST
    except RequestDataTooBig:
        return JsonResponse({"error": str(_("The text is too large to check."))}, status=413)
    language = data.get("language")
    if language not in dict(settings.LANGUAGES):
        return JsonResponse({"error": str(_("Choose a language."))}, status=400)
    bodies = data.getlist("body")[:MAX_BODIES]
    headings = data.getlist("heading")[:MAX_BODIES]
    summary = data.get("summary", "")
    if any(editor_html_too_large(text) for text in [*bodies, summary]) or (
        sum(len(text) for text in bodies) > 4 * EDITOR_MAX_BYTES
    ):
        return JsonResponse({"error": str(_("The text is too large to check."))}, status=413)
    return JsonResponse(_report(language, summary, headings, bodies))


@staff_member_required
def check_page(request):
    """The "Check a text" page: the editor and the live check, side by side."""
    if not request.user.has_perm("healthinfo.view_article"):
        raise PermissionDenied
    form = CheckForm(request.POST or None, initial={"language": settings.LANGUAGE_CODE})
    report = None
    if request.method == "POST" and form.is_valid():
        report = _report(
            form.cleaned_data["language"],
            form.cleaned_data["summary"],
            [],
            [form.cleaned_data["body"] or ""],
        )
    from django.contrib import admin

    context = {
        **admin.site.each_context(request),
        "title": _("Check a text"),
        "form": form,
        "report": report,
        "media": form.media,
    }
    return TemplateResponse(request, "admin/healthinfo/plain_language/check.html", context)
