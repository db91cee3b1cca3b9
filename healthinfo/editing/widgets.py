"""
The rich-text editor for section bodies.

``HealthTextWidget`` is a textarea that our module
``static/healthinfo/editor/health-editor.js`` turns into a ProseMirror editor
(through django-prose-editor, served from our own static files). Without
JavaScript it stays a textarea of HTML, which the field cleans the same way.
The toolbar offers what a health page needs and nothing that the sanitiser
would throw away: headings (levels 3 and 4, below the section's own heading),
bulleted and numbered lists, bold, italic, links, tables, undo, and "Link to
an article", which writes a ``[[slug|text]]`` token chosen from a searchable
list of published articles.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import ProseEditorWidget, prose_editor_base_media, prose_editor_js
from js_asset import Media, Script

CONFIG_ATTRIBUTE = "data-health-editor"


def editor_labels():
    """The words of the editor's own controls, translated on the server."""
    return {
        "toolbar": _("Formatting"),
        "articleLink": _("Link to an article"),
        "dialogTitle": _("Link to another article"),
        "search": _("Find a published article"),
        "searchHelp": _("Type part of its title or another name, then choose it from the list."),
        "linkText": _("Link text (leave empty to use the article's title)"),
        "insert": _("Insert link"),
        "cancel": _("Cancel"),
        "noResults": _("No published article matches."),
        "failed": _("The list of articles could not be loaded. Try again."),
        "results": _("%(count)s articles found"),
        # The toolbar's buttons, by the package's name for each (its own labels are English).
        "buttons": {
            "bulletList": _("Bulleted list"),
            "orderedList": _("Numbered list"),
            "orderedListProperties": _("List properties"),
            "bold": _("Bold"),
            "italic": _("Italic"),
            "link": _("Insert a link"),
            "unlink": _("Remove the link"),
            "table": _("Insert a table"),
            "table:addColumnAfter": _("Add a column"),
            "table:deleteColumn": _("Delete the column"),
            "table:addRowAfter": _("Add a row"),
            "table:deleteRow": _("Delete the row"),
            "table:mergeCells": _("Merge cells"),
            "table:splitCell": _("Split the cell"),
            "table:toggleHeaderCell": _("Header cell on or off"),
            "table:deleteTable": _("Delete the table"),
            "history:undo": _("Undo"),
            "history:redo": _("Redo"),
        },
        # The table dialog's answers to "Include header row" (its other words come
        # from the JavaScript catalogue, locale/es/LC_MESSAGES/djangojs.po).
        "yes": _("Yes"),
        "no": _("No"),
        "textStyle": _("Text style"),
        "paragraph": _("Paragraph"),
        "heading": _("Heading %(level)s"),
        "tooLarge": _(
            "This text is too large to save (more than %(limit)s). If you pasted from Word or "
            "Google Docs, pictures in the text make it this large: remove them and add them as "
            "figures."
        ),
    }


class HealthTextWidget(ProseEditorWidget):
    """
    The editor for a section body. ``language`` is the page's language: the
    article list offers titles in it first.
    """

    def __init__(self, attrs=None, *, language=None, max_bytes=None):
        self.language = language
        self.max_bytes = max_bytes
        default_attrs = {"rows": 12, "data-plain-language-source": "html"}
        super().__init__(attrs={**default_attrs, **(attrs or {})}, preset="healthinfo")

    @property
    def media(self):
        return prose_editor_base_media + Media(
            css={"all": ["healthinfo/editor/health-editor.css"]},
            js=[prose_editor_js, Script("healthinfo/editor/health-editor.js", type="module")],
        )

    def get_config(self):
        from healthinfo.sanitize import EDITOR_MAX_BYTES

        return {
            "headingLevels": [3, 4],
            "articleSearchUrl": reverse("editing:article_choices"),
            "language": self.language or "",
            "maxBytes": self.max_bytes or EDITOR_MAX_BYTES,
            "labels": editor_labels(),
        }

    def get_context(self, name, value, attrs):
        context = super(ProseEditorWidget, self).get_context(name, value, attrs)
        context["widget"]["attrs"][CONFIG_ATTRIBUTE] = json.dumps(
            self.get_config(), separators=(",", ":"), cls=DjangoJSONEncoder
        )
        return context
