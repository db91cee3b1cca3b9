"""
Spotting personal details in a reader's question, so a midwife removes them before it is shown.

Detection flags a question; it never changes the text. Redaction is a person's
decision, made in the admin (see ``comments.services.redact``).
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

KIND_LABELS = {
    "email": _("email address"),
    "phone": _("phone number"),
    "number": _("long number (patient or hospital number?)"),
    "postcode": _("postcode"),
}

_PATTERNS = [
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    # UK postcodes: "SW1A 2AA", "M1 1AE", "b33 8th".
    ("postcode", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b", re.IGNORECASE)),
    # Nine to fifteen digits with the usual separators: "07700 900123",
    # "+44 (0)20 7946 0958", "612 34 56 78". Counted below.
    ("phone", re.compile(r"(?<![\w+])\+?\(?\d[\d\s().-]{7,20}\d(?!\w)")),
    # Six or more digits in a row, optionally after letters: "K4417823", "1234567".
    ("number", re.compile(r"\b[A-Z]{0,3}\d{6,}\b", re.IGNORECASE)),
]


@dataclass(frozen=True)
class Finding:
    """One personal detail found in a text: what kind, where, and the exact text."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def label(self):
        return KIND_LABELS[self.kind]


def _is_phone(candidate):
    digits = sum(char.isdigit() for char in candidate)
    # Line breaks inside a "number" mean two separate numbers, not one.
    return 9 <= digits <= 15 and "\n" not in candidate


def find_personal_data(text):
    """Personal details in ``text``, in order of appearance, without overlaps."""
    findings = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            candidate = match.group().strip()
            if kind == "phone" and not _is_phone(candidate):
                continue
            start = match.start() + (len(match.group()) - len(match.group().lstrip()))
            end = start + len(candidate)
            if any(start < other.end and other.start < end for other in findings):
                continue
            findings.append(Finding(kind, start, end, candidate))
    return sorted(findings, key=lambda finding: finding.start)


def has_personal_data(text):
    """True when ``text`` contains an email address, phone number, long number or postcode."""
    return bool(find_personal_data(text))
