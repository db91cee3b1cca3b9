"""
Form fields for what editors write: section bodies (rich text) and summaries
(plain text).

Whatever the browser sends is checked and cleaned here, on the server: the
rich-text editor is a convenience, not a defence. A body is refused with a
clear message when it is too large (before anything parses it), cleaned by
``healthinfo.sanitize.clean_editor_html``, and refused when a ``[[`` link
token is written wrongly, so an editor learns about it while she can fix it
rather than when the page is published.
"""

import html
import re

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from healthinfo.editing.widgets import HealthTextWidget
from healthinfo.links import TOKEN, find_tokens
from healthinfo.sanitize import (
    EDITOR_MAX_BYTES,
    clean_editor_html,
    clean_plain_text,
    editor_html_too_large,
)

_BRACKETS = re.compile(r"\[\[|\]\]")
_SPACES = re.compile(r"\s+")


def _too_large_error(size, limit):
    return ValidationError(
        _(
            "This text is too large to save (%(size)s; the limit is %(limit)s). Text pasted "
            "from Word or Google Docs with pictures in it is often this large: remove the "
            "pictures and add them as figures instead, or split the text into sections."
        ),
        code="too_large",
        params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
    )


def link_token_errors(html):
    """
    Messages for every link token in ``html`` that is written wrongly: a slug
    that cannot be one, or a ``[[`` or ``]]`` without its other half.
    """
    errors = []
    for token in find_tokens(html):
        if not token.valid_slug:
            errors.append(
                ValidationError(
                    _(
                        "The link %(token)s is not written correctly: write [[slug]] or "
                        "[[slug|link text]], where the slug is the other article's address "
                        "(letters, numbers and hyphens)."
                    ),
                    code="bad_link_token",
                    params={"token": token.raw[:120]},
                )
            )
    leftover = TOKEN.sub("", strip_tags(html))
    if _BRACKETS.search(leftover):
        errors.append(
            ValidationError(
                _(
                    "A link to another article is missing its “[[” or “]]”. Write "
                    "[[slug]] or [[slug|link text]], or use the “Link to an article” button."
                ),
                code="unclosed_link_token",
            )
        )
    return errors


class HealthTextField(forms.CharField):
    """
    A section body: rich text from ``HealthTextWidget``, stored as sanitised HTML.

    ``max_bytes`` bounds the HTML the browser may send (checked before
    sanitising, so a 5 MB paste costs nothing but the request).
    """

    widget = HealthTextWidget

    def __init__(self, *, max_bytes=EDITOR_MAX_BYTES, **kwargs):
        self.max_bytes = max_bytes
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            size = editor_html_too_large(value, self.max_bytes)
            if size is not None:
                raise _too_large_error(size, self.max_bytes)
        value = super().to_python(value)
        return clean_editor_html(value) if value else value

    def validate(self, value):
        super().validate(value)
        if self.required and value and not strip_tags(value).strip():
            raise ValidationError(self.error_messages["required"], code="required")
        errors = link_token_errors(value or "")
        if errors:
            raise ValidationError(errors)


class PlainSummaryField(forms.CharField):
    """
    An article's summary: plain text, one paragraph.

    Summaries are reused as the page's meta description, its Open Graph and
    JSON-LD description, in lists and in search results, all of which show
    text, not HTML. Pasted markup is reduced to its words (not stored as
    escaped tags), line breaks and runs of spaces to one space.
    """

    def __init__(self, *, max_length=600, **kwargs):
        kwargs.setdefault(
            "widget", forms.Textarea(attrs={"rows": 3, "data-plain-language-source": "summary"})
        )
        super().__init__(max_length=max_length, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            limit = 20 * (self.max_length or 600)
            size = editor_html_too_large(value, limit)
            if size is not None:
                raise _too_large_error(size, limit)
            if "<" in value:
                value = html.unescape(strip_tags(clean_editor_html(value)))
            value = _SPACES.sub(" ", clean_plain_text(value))
        return super().to_python(value)
