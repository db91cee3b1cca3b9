"""Template filters for readers' questions and midwives' replies."""

from django import template
from django.conf import settings
from django.utils.translation import get_language

from comments.embed import emergency_phone_link
from comments.emergency import phone_link
from comments.text import render_reader_text

register = template.Library()


@register.filter
def reader_text(text):
    """Plain text from a reader or a midwife as safe HTML (see ``render_reader_text``)."""
    return render_reader_text(text)


@register.simple_tag(takes_context=True)
def urgent_questions_waiting(context):
    """
    For the admin's home page: the urgent questions waiting (``urgent_waiting_summary``),
    or None for staff who may not see questions. One query.
    """
    from comments.admin import urgent_waiting_summary

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("comments.view_question"):
        return None
    return urgent_waiting_summary()


@register.simple_tag
def midwife_hours():
    """
    When the midwives answer and where to get help meanwhile, for the reader's language:
    {"hours": "Monday to Friday, 9am to 5pm", "helpline": link or "", "email": address or ""}.
    """
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    hours = settings.QUESTIONS_MIDWIFE_HOURS
    number = settings.QUESTIONS_HELPLINE_NUMBER
    return {
        "hours": hours.get(language) or hours.get(settings.LANGUAGE_CODE, ""),
        "helpline": phone_link(number) if number else "",
        "email": settings.QUESTIONS_HELPLINE_EMAIL,
    }


@register.simple_tag
def emergency_phone():
    """The emergency phone number readers are told to call, as a link a phone can call."""
    return emergency_phone_link()
