"""
The midwife-facing evidence when only the model flagged self-harm: plain words and the
three words of the question that weighed most, in the midwife's language.
"""

from django.utils import translation

from comments.self_harm_model import SelfHarmModel
from comments.tests.factories import make_question
from comments.triage import model_evidence, readable_evidence, triage

QUESTION = "ive become nothing but a drain on everyone since the birth, they'd breathe easier"


def test_the_stored_evidence_is_english_plain_words_with_the_question_s_words():
    evidence = triage(QUESTION).evidence
    assert len(evidence) == 1
    assert evidence[0].startswith("wording like messages about self-harm: '")
    words = evidence[0].split(": ", 1)[1]
    assert 1 <= words.count("'") // 2 <= 3
    for quoted in words.split(", "):
        assert quoted.strip("'") in QUESTION


def test_the_evidence_is_shown_in_spanish_to_a_spanish_speaking_midwife():
    stored = model_evidence(["drain", "easier"])
    with translation.override("es"):
        assert readable_evidence(stored) == (
            "redacción parecida a la de mensajes sobre autolesiones: 'drain', 'easier'"
        )
    with translation.override("en"):
        assert readable_evidence(stored) == stored


def test_the_rules_evidence_is_the_reader_s_words_in_any_language():
    with translation.override("es"):
        assert readable_evidence("better off without me") == "better off without me"


def test_top_words_are_the_strongest_once_each_without_filler():
    model = SelfHarmModel(
        0.0,
        {"en:drain": 2.0, "en:drain_on": 1.5, "en:i": 3.0, "en:easier": 1.0, "en:birth": -1.0},
        0.5,
    )
    found = {
        "en:drain": "drain",
        "en:drain_on": "drain on",
        "en:i": "i",
        "en:easier": "easier",
        "en:birth": "birth",
    }
    assert model.top_words(found) == ["drain", "easier"]


def test_the_moderation_page_evidence_follows_the_active_language(db):
    question = make_question(
        is_urgent=True,
        urgent_category="self_harm",
        red_flags=[model_evidence(["drain"]), "no strength"],
    )
    with translation.override("es"):
        assert question.red_flag_evidence == [
            "redacción parecida a la de mensajes sobre autolesiones: 'drain'",
            "no strength",
        ]
