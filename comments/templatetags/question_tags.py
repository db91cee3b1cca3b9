"""Template filters for readers' questions and midwives' replies."""

from django import template

from comments.embed import emergency_phone_link
from comments.text import render_reader_text

register = template.Library()


@register.filter
def reader_text(text):
    """Plain text from a reader or a midwife as safe HTML (see ``render_reader_text``)."""
    return render_reader_text(text)


@register.simple_tag
def emergency_phone():
    """The emergency phone number readers are told to call, as a link a phone can call."""
    return emergency_phone_link()
