"""
Triage runs on every post: hostile repetitive text aimed at its patterns (the laughed-off
wish, a time alone, a young child, the itch, the self-harm cues) must not make a regular
expression backtrack for ever. A catastrophic pattern takes minutes on these; the linear
ones take well under a second.
"""

import signal

import pytest

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
    # The alarm only turns a hang into a failure, it does not time the code.
    def hang(*_args):
        raise AssertionError("a pattern backtracks catastrophically")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(20)
    try:
        result = triage(text)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert result.category is None or isinstance(result.category, str)
