"""Template helpers for reader pages."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """
    One entry per site language: code, name in its own language, URL, and
    whether the current page exists in it.

    A view may put ``language_alternates`` ({code: url or None}) in the context
    when only some languages have the page; otherwise the current address is
    translated to each language prefix. ``fallback_url`` is that language's home
    page, saying the page is not available there, for when ``url`` is None.
    """
    request = context.get("request")
    alternates = context.get("language_alternates")
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        if alternates is not None:
            url = alternates.get(code)
        else:
            url = translate_url(request.get_full_path(), code) if request else None
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "available": url is not None,
                "fallback_url": _home_url(code) + "?untranslated=1",
            }
        )
    return links


def _home_url(code):
    with translation.override(code):
        return reverse("healthinfo:home")


@register.tag
def reader_slot(parser, token):
    """
    ``{% reader_slot "name" argument %}…{% endreader_slot %}``: a part of a page that
    belongs to one reader. What is inside is what a reader without a session sees;
    in a page rendered to be shared (``healthinfo.shared_pages``) it is marked, so
    that a reader with a session gets that stored page with her own part there.
    """
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError("reader_slot takes a name and an optional argument")
    name = parser.compile_filter(bits[1])
    argument = parser.compile_filter(bits[2]) if len(bits) == 3 else None
    nodelist = parser.parse(("endreader_slot",))
    parser.delete_first_token()
    return ReaderSlotNode(name, argument, nodelist)


class ReaderSlotNode(template.Node):
    def __init__(self, name, argument, nodelist):
        self.name = name
        self.argument = argument
        self.nodelist = nodelist

    def render(self, context):
        from healthinfo.shared_pages import shared_render, slot_markup

        html = self.nodelist.render(context)
        request = context.get("request")
        if request is None or shared_render(request) is None:
            return html
        argument = self.argument.resolve(context) if self.argument is not None else ""
        return slot_markup(self.name.resolve(context), argument, html)
