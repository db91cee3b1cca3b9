"""
Triage runs on every post: hostile repetitive text aimed at its patterns (the laughed-off
wish, a time alone, a young child, the itch, the self-harm cues) must not make a regular
expression backtrack for ever. A catastrophic pattern takes minutes on these; the linear
ones take well under a second.
"""

import pytest

from comments.tests.screening import no_catastrophic_backtracking
from comments.triage import triage

HOSTILE = [
    "want to " * 250 + "die",
    "i want to die " + "ha" * 900,
    "me quiero morir " + "ja" * 900 + "!",
    "tonight. " * 230,
    ". " * 1000 + "tonight",
    "esta noche" + " " * 1900 + ".",
    "2 year " * 280 + "old",
    "daughter (" * 190 + "3)",
    "hijo de " * 240 + "dos años",
    "itch " + "not " * 480 + "itching",
    "no es por " * 190 + "picor",
    "scratch" * 280,
    "rasc" * 480 + "ando",
    "not be " * 280 + "here for",
    "gave my " * 240 + "things away",
    "counted " * 240 + "tablets",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_repetitive_text_cannot_make_triage_backtrack_for_ever(text):
    with no_catastrophic_backtracking():
        result = triage(text)
    assert result.category is None or isinstance(result.category, str)
