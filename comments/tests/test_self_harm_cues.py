"""
The self-harm cue model (``comments.self_harm_cues``): a strong cue flags self-harm on
its own, two different kinds of weaker cue flag it together, one weak cue does not, and
idioms, negation, someone else and a past that is over do not count. The examples are
written for these tests, not taken from the labelled sets.
"""

import pytest

from comments import self_harm_cues
from comments.emergency import emergency_box
from comments.triage import Cue, cues_flag, triage


def kinds(text):
    return {cue.kind for cue in triage(text).cues}


def strong_kinds(text):
    return {cue.kind for cue in triage(text).cues if cue.strong}


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("I've been hiding some of my sleeping pills in my handbag", "means"),
        ("llevo semanas juntando las pastillas para dormir", "means"),
        ("I sometimes press my nails into my arms until it hurts", "self_injury"),
        ("quiero cortarme otra vez", "self_injury"),
        ("I'm frightened of what I might do when I'm alone", "self_injury"),
        ("sometimes I hope I just never wake up", "death"),
        ("estoy harta de vivir así", "death"),
        ("my partner and the baby would be happier without me", "burden"),
    ],
)
def test_a_strong_cue_alone_flags_self_harm(question, kind):
    result = triage(question)
    assert kind in strong_kinds(question)
    assert result.category == "self_harm"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("I feel so hopeless. I've started writing letters", {"hopeless", "farewell"}),
        ("there is a bridge near us and I keep thinking about it", {"means", "thoughts"}),
        ("I can't go on like this, tonight seems like the time", {"hopeless", "plan"}),
        ("soy una carga para todos y no le veo salida", {"burden", "hopeless"}),
        ("no aguanto más. Esta noche lo voy a hacer", {"hopeless", "plan"}),
    ],
)
def test_two_different_weak_cue_kinds_flag_self_harm_across_sentences(question, expected):
    result = triage(question)
    assert expected <= kinds(question)
    assert not any(cue.strong for cue in result.cues)
    assert result.category == "self_harm"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("can I take the train into town at 37 weeks?", "means"),
        ("my mum gave me her old pram, is it safe for a newborn?", "farewell"),
        ("I can't take this heartburn anymore, what helps?", "hopeless"),
        ("no puedo más con las náuseas, ¿cuándo se pasan?", "hopeless"),
        ("we cross a bridge on the school run, is the bumpy road ok?", "means"),
    ],
)
def test_one_weak_cue_alone_does_not_flag(question, kind):
    result = triage(question)
    assert kinds(question) == {kind}
    assert not result.is_urgent


def test_two_cues_of_the_same_kind_are_still_one_kind():
    assert not cues_flag((Cue("means", False, "bridge"), Cue("means", False, "rope")))
    assert cues_flag((Cue("means", False, "bridge"), Cue("plan", False, "tonight")))
    assert cues_flag((Cue("self_injury", True, "cutting myself"),))
    assert not cues_flag(())


@pytest.mark.parametrize(
    "question",
    [
        # Idioms
        "I'm dying to know if it's a girl, when can they tell?",
        "me muero de ganas de conocerla",
        # Negation
        "I've never hurt myself and I'm not hopeless, just tired",
        "no tengo ganas de morirme, solo estoy cansada",
        # Someone else
        "my cousin cut herself as a teenager and I worry about her",
        "mi hermana dice que es una carga y que no ve salida, ¿cómo la ayudo?",
        "I'm sick of living with my in-laws, can we move at 34 weeks?",
        # A past clearly over, and a question about medicines
        "years ago I used to cut myself but I've been well for ages, can I take sertraline?",
        "hace años me hacía cortes, ahora estoy bien, ¿puedo tomar antidepresivos?",
        # Accidents
        "I cut myself chopping onions, do I need a tetanus jab?",
    ],
)
def test_idioms_negation_someone_else_and_a_resolved_past_do_not_flag(question):
    result = triage(question)
    assert not any(cue.strong for cue in result.cues), result.cues
    assert not cues_flag(result.cues)
    assert result.category != "self_harm"


def test_the_triage_says_which_cues_fired_for_the_midwife():
    result = triage("I feel hopeless and I've given away my things. It will be tonight")
    assert result.category == "self_harm"
    assert {"hopeless", "farewell", "plan"} <= {cue.kind for cue in result.cues}
    evidence = " ".join(result.evidence)
    assert "hopelessness: hopeless" in evidence and "plan: tonight" in evidence


def test_a_question_flagged_by_its_cues_gets_the_crisis_line(settings):
    settings.QUESTIONS_CRISIS_LINE_NUMBER = "116 123"
    question = "everything feels pointless and I keep looking at the rope in the garage"
    box = emergency_box(triage(question).category, "en")
    assert box.category == "self_harm" and box.is_crisis


def test_every_cue_has_a_known_kind_and_language():
    assert {cue.kind for cue in self_harm_cues.CUES} == set(self_harm_cues.KINDS)
    for language in ("en", "es"):
        assert {cue.kind for cue in self_harm_cues.CUES if cue.language == language} == set(
            self_harm_cues.KINDS
        ), language


def test_a_spanish_cue_is_not_matched_by_an_english_word_with_the_same_stem():
    # Both languages' cues read every question; the Spanish stemmer makes "more" and
    # "morir" both "mor", so "any more" once counted as a death cue and, with "can't take
    # any more" (hopelessness), flagged a question about heartburn.
    result = triage("i cant take any more of this heartburn, what antacid can i take?")
    assert not result.is_urgent
    assert "death" not in {cue.kind for cue in result.cues}
    assert triage("a veces pienso en la muerte y no veo salida").category == "self_harm"
