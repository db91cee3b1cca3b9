"""Helpers of the screening tests (triage, self-harm cues, personal details)."""

import signal
from contextlib import contextmanager

from comments.triage import triage


def kinds(text):
    """The kinds of self-harm cue triage finds in ``text``."""
    return {cue.kind for cue in triage(text).cues}


def strong_kinds(text):
    """The kinds of the strong cues (those that flag self-harm alone) in ``text``."""
    return {cue.kind for cue in triage(text).cues if cue.strong}


@contextmanager
def no_catastrophic_backtracking(seconds=20):
    """
    Fail, rather than hang, when the block runs for ``seconds``: a catastrophic
    pattern takes minutes on hostile repetitive text, any linear one milliseconds.
    The alarm only turns a hang into a failure; it does not time the code.
    """

    def hang(*_args):
        raise AssertionError("a pattern backtracks catastrophically")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
