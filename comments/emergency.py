"""
The emergency box: what a reader whose words show a red flag is told to do now.

``emergency_box(category)`` gives the box for a red-flag category (see
``comments.red_flags``), ``emergency_box_for_text(text)`` screens a text first.
``templates/comments/_emergency_box.html`` renders it. The box fits the
category: thoughts of suicide or self-harm get a crisis line as well as the
emergency number, violence at home a domestic abuse line, everything else the
maternity unit and emergency advice for that warning sign.

It is shown wherever a reader's words arrive: on the article once an urgent
question is sent, and on the question page when a post is refused (rate
limit, duplicate, closed thread, too short or long, the time trap), because
a refusal must never hide the advice.

Numbers and texts are per site (``settings.EMERGENCY_PHONE_NUMBER``,
``QUESTIONS_CRISIS_LINE_NUMBER``, ``QUESTIONS_ABUSE_LINE_NUMBER``,
``QUESTIONS_EMERGENCY_TEXT`` and ``QUESTIONS_CRISIS_TEXT`` by language); the
built-in texts are translated.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from comments import red_flags
from comments.triage import triage

CRISIS = "self_harm"
VIOLENCE = "violence"

HEADINGS = {
    CRISIS: _("You do not have to face this alone"),
    VIOLENCE: _("If you are not safe at home"),
}
DEFAULT_HEADING = _("If you need help now")

# What each warning sign needs, in the reader's words.
ADVICE = {
    "bleeding": _("Bleeding in pregnancy, or heavy bleeding after birth, needs to be checked now."),
    "waters": _(
        "If your waters may have broken, or fluid is leaking, your maternity unit needs to "
        "check you and your baby now, whatever the time."
    ),
    "movements": _(
        "A change in your baby's movements needs checking straight away. Do not wait until "
        "tomorrow, and do not use a home heartbeat monitor to reassure yourself."
    ),
    "abdominal_pain": _(
        "Severe tummy pain needs checking now. In early pregnancy, pain on one side with "
        "shoulder-tip pain or feeling faint can be an ectopic pregnancy, which is an emergency."
    ),
    "pre_eclampsia": _(
        "A severe headache, changes in your vision, pain under your ribs or sudden swelling "
        "of your face, hands or feet can be signs of pre-eclampsia, which needs checking now."
    ),
    "fever": _(
        "A high temperature or signs of infection in pregnancy or after birth need checking "
        "today, and at once if you feel very unwell."
    ),
    "preterm_labour": _(
        "Regular tightenings, period-like pains or pressure before 37 weeks can mean labour "
        "is starting early."
    ),
    "prolapse": _(
        "If you can feel or see something coming down or out of your vagina, you need help now."
    ),
    "fainting": _("Fainting or collapsing in pregnancy or after birth needs checking now."),
    "chest_breathing": _("Chest pain or sudden breathlessness is an emergency."),
    "fits": _("A fit (seizure) in pregnancy or after birth is an emergency."),
    "trauma": _(
        "After a fall, an accident or a blow to your bump, your baby needs checking, even if "
        "you feel fine."
    ),
}

# The emergency numbers are dialled at once for these; the rest start with the unit.
CALL_EMERGENCY_FIRST = frozenset({"fits", "chest_breathing", "fainting", "prolapse"})

DEFAULT_EMERGENCY_TEXT = _(
    "Please do not wait for an answer here. Call your maternity unit now, or %(phone)s if it "
    "is an emergency."
)
EMERGENCY_FIRST_TEXT = _("Call %(phone)s now, then your maternity unit.")
DEFAULT_CRISIS_TEXT = _(
    "If you might act on these thoughts or are not safe now, call %(phone)s. To talk to "
    "someone now, day or night, call %(crisis_phone)s: it is free and confidential. You can "
    "also tell your midwife or GP; they will help you, not judge you."
)
DEFAULT_VIOLENCE_TEXT = _(
    "If you are in danger now, call %(phone)s. Your midwife can see you on your own and help "
    "you stay safe."
)
ABUSE_LINE_TEXT = _("The domestic abuse helpline is free and open day and night: %(abuse_phone)s.")


def phone_link(number):
    """``number`` as a link a phone can call."""
    return format_html('<a href="tel:{}">{}</a>', re.sub(r"[^\d+]", "", number), number)


def _fill(text):
    """``text`` escaped, with %(phone)s, %(crisis_phone)s, %(abuse_phone)s as call links."""
    html = str(conditional_escape(str(text)))
    numbers = {
        "phone": settings.EMERGENCY_PHONE_NUMBER,
        "crisis_phone": settings.QUESTIONS_CRISIS_LINE_NUMBER,
        "abuse_phone": settings.QUESTIONS_ABUSE_LINE_NUMBER,
    }
    for name, number in numbers.items():
        html = html.replace(f"%({name})s", str(phone_link(number)) if number else "")
    return mark_safe(html)


def _site_text(setting, language, default):
    """The site's own text for ``language`` (settings), else the built-in translated one."""
    texts = getattr(settings, setting, None) or {}
    own = texts.get(language) if isinstance(texts, dict) else None
    return own or default


@dataclass(frozen=True)
class EmergencyBox:
    """The box a reader sees: a heading and paragraphs of advice (safe HTML)."""

    category: str
    heading: str
    paragraphs: tuple

    @property
    def is_crisis(self):
        return self.category == CRISIS

    @property
    def label(self):
        return red_flags.CATEGORY_LABELS.get(self.category, "")


def emergency_box(category, language=None):
    """The emergency box for a red-flag ``category`` (None when there is no category)."""
    if not category:
        return None
    language = (language or get_language() or settings.LANGUAGE_CODE)[:2]
    if category == CRISIS:
        paragraphs = [_fill(_site_text("QUESTIONS_CRISIS_TEXT", language, DEFAULT_CRISIS_TEXT))]
    elif category == VIOLENCE:
        paragraphs = [_fill(DEFAULT_VIOLENCE_TEXT)]
        if settings.QUESTIONS_ABUSE_LINE_NUMBER:
            paragraphs.append(_fill(ABUSE_LINE_TEXT))
    else:
        advice = ADVICE.get(category)
        action = EMERGENCY_FIRST_TEXT if category in CALL_EMERGENCY_FIRST else None
        general = _site_text("QUESTIONS_EMERGENCY_TEXT", language, action or DEFAULT_EMERGENCY_TEXT)
        paragraphs = [_fill(text) for text in (advice, general) if text]
    return EmergencyBox(
        category=category,
        heading=HEADINGS.get(category, DEFAULT_HEADING),
        paragraphs=tuple(paragraphs),
    )


def emergency_box_for_text(text, language=None):
    """Screen ``text`` and return its emergency box, or None when it shows no red flag."""
    return emergency_box(triage(text).category, language)


def emergency_box_for_questions(questions, language=None):
    """The box for the most serious of ``questions`` marked urgent, or None."""
    found = {question.urgent_category or "" for question in questions if question.is_urgent}
    if not found:
        return None
    category = next((slug for slug in red_flags.CATEGORIES if slug in found), "")
    # Urgent without a category (marked before categories existed): the general advice.
    return emergency_box(category, language) if category else _general_box(language)


def _general_box(language=None):
    language = (language or get_language() or settings.LANGUAGE_CODE)[:2]
    text = _site_text("QUESTIONS_EMERGENCY_TEXT", language, DEFAULT_EMERGENCY_TEXT)
    return EmergencyBox(category="", heading=DEFAULT_HEADING, paragraphs=(_fill(text),))
