"""
Triage with the self-harm model: what it adds to the rules, in both languages, and where
it must stay out (a question the rules already flagged, self-harm said not to be or
over, routine questions).
"""

import pytest

from comments.triage import MODEL_EVIDENCE, triage

MODEL_START = MODEL_EVIDENCE.split("%")[0]

# Self-harm in indirect wording from the labelled sets that the rules alone miss.
MISSED_BY_THE_RULES = [
    "i keep telling my husband where the important documents are and how to do the babys "
    "bottles without me",
    "ive become nothing but a drain on everyone since the birth, they'd breathe easier",
    "le di mi perro a mi madre y le deje todo ordenado, ya esta",
    "el domingo cuando se vayan todos a misa es el dia",
]


@pytest.mark.parametrize("question", MISSED_BY_THE_RULES)
def test_the_model_flags_self_harm_the_rules_miss_and_says_so(question):
    assert triage(question, model=None).category is None
    result = triage(question)
    assert result.category == "self_harm"
    assert len(result.evidence) == 1 and result.evidence[0].startswith(MODEL_START)
    assert result.self_harm_probability >= 0.5


@pytest.mark.parametrize(
    "question",
    [
        "is it safe to eat brie while pregnant?",
        "what's a good stretch for back pain at 30 weeks?",
        "¿puedo comer queso fresco en el embarazo?",
        "¿qué ejercicios son buenos para el dolor de espalda?",
    ],
)
def test_plain_routine_questions_stay_routine(question):
    result = triage(question)
    assert result.category is None
    assert result.self_harm_probability < 0.1


@pytest.mark.parametrize(
    "question",
    [
        "I self-harmed years ago, I'm well now",
        "I tried to end my life years ago but I've had therapy and I'm well now",
        "hace años me autolesionaba, ahora estoy bien",
        "hace años intenté quitarme la vida, pero ahora estoy bien y feliz",
    ],
)
def test_a_past_the_reader_says_is_over_is_not_brought_back(question):
    assert triage(question).category is None


@pytest.mark.parametrize(
    "question",
    [
        "I've never thought about hurting myself, I'm just exhausted",
        "I'm not having any thoughts of harming myself, just low",
        "no tengo ganas de morirme, solo estoy cansada",
        "no me estoy haciendo daño, solo estoy triste",
    ],
)
def test_self_harm_said_not_to_be_is_not_flagged_by_the_model(question):
    result = triage(question)
    # The words alone read as self-harm to the model: the rules' context turns them down.
    assert result.self_harm_probability >= 0.5
    assert result.category is None


def test_a_wish_to_die_laughed_off_stays_routine():
    assert triage("me quiero morir jajaja, otra vez acidez, qué tomo?").category is None
    assert triage("honestly I'll die haha if I see one more pram advert").category is None


@pytest.mark.parametrize(
    ("question", "category"),
    [("I can't stop bleeding", "bleeding"), ("he hit me in front of my son", "violence")],
)
def test_a_question_the_rules_flagged_keeps_their_category_and_evidence(question, category):
    rules = triage(question, model=None)
    result = triage(question)
    assert result.category == rules.category == category
    assert result.evidence == rules.evidence


def test_when_the_rules_find_self_harm_their_evidence_is_shown_not_the_models():
    result = triage("I want to kill myself")
    assert result.category == "self_harm"
    assert not any(item.startswith(MODEL_START) for item in result.evidence)


def test_without_the_model_there_is_no_probability():
    assert triage("hello", model=None).self_harm_probability is None
