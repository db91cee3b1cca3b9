"""Red-flag triage finds readers who may need urgent care, in English and Spanish."""

import pytest

from comments.triage import find_red_flags, fold, stem

URGENT_QUESTIONS = [
    # (question as a frightened reader writes it, a phrase that must be found)
    (
        "I'm 20 weeks and bleeding heavily, bright red, I've soaked a pad in the last half "
        "hour. My scan said low lying placenta. What should I do??",
        "bleeding",
    ),
    (
        "My waters have just broken at 32 weeks, there was a gush and it's still trickling. "
        "My partner is at work. Do I go in now?",
        "waters broken",
    ),
    (
        "I'm 33 weeks and my baby seems quieter today than usual, but she's still moving a "
        "bit. I don't want to waste anyone's time.",
        "baby quieter",
    ),
    (
        "baby hasnt moved since last night and i tried cold water and lying on my side",
        "baby not moving",
    ),
    (
        "I CAN'T FEEL THE BABY MOVING since this morning, is that normal at 36 weeks",
        "not feel baby",
    ),
    (
        "I had my baby 5 days ago and now I have a severe headache and flashing lights in my eyes.",
        "severe headache",
    ),
    ("Sharp, severe pain under my ribs on the right since lunchtime. 35 weeks.", "severe pain"),
    ("I've had a fever of 38.5 since yesterday and feel shivery, 29 weeks pregnant.", "fever"),
    (
        "Since the stillbirth I can't see the point any more, sometimes I think about ending it "
        "and I want to die.",
        "want to die",
    ),
    ("I keep thinking everyone would be better off without me.", "better off without me"),
    (
        "Estoy de 35 semanas y el bebé se mueve menos desde ayer. Normalmente da muchas patadas "
        "por la noche y anoche casi nada.",
        "se mueve menos",
    ),
    (
        "Se me rompió la fuente esta mañana y sigo perdiendo líquido, estoy de 30 semanas.",
        "rompi la fuente",  # the first form in the settings stands for all of them
    ),
    ("Estoy SANGRANDO mucho, de color rojo vivo, ¿qué hago?", "sangrado"),
    (
        "Di a luz hace 5 días y hoy tengo un dolor de cabeza muy fuerte y veo lucecitas.",
        "veo lucecitas",
    ),
    ("Tengo fiebre desde anoche y escalofríos, embarazada de 28 semanas", "fiebre"),
    ("No quiero vivir así, a veces pienso en hacerme daño.", "no quiero vivir"),
    ("el bebe no se mueve desde esta manana", "no se mueve"),
]


@pytest.mark.parametrize(("question", "phrase"), URGENT_QUESTIONS)
def test_urgent_questions_are_flagged(question, phrase):
    assert phrase in find_red_flags(question)


CALM_QUESTIONS = [
    "I had a stitch put in at 14 weeks after losing my son at 21 weeks last year. Is it "
    "normal to feel some pulling or mild cramps with a stitch?",
    "I'm 8 weeks pregnant again after pre-eclampsia. Is there anything I can do to stop it "
    "happening again?",
    "Tengo diabetes gestacional y la controlo con dieta, pero el azúcar en ayunas me sale alto.",
    "Me hicieron un análisis de sangre la semana pasada y todavía no tengo los resultados.",
    "We'd like to try again after an ectopic pregnancy. Can I still get pregnant with one tube?",
]


@pytest.mark.parametrize("question", CALM_QUESTIONS)
def test_everyday_questions_are_not_flagged(question):
    assert find_red_flags(question) == []


NEGATED = [
    "I have no bleeding at all, just some cramps.",
    "I haven't had any bleeding but my back aches.",
    "No pain or bleeding, just tired all the time.",
    "I'm not bleeding, only a bit of discharge.",
    "I don't have a fever but I feel achy.",
    "No tengo sangrado, solo algo de flujo.",
    "Sin sangrado y sin dolor, pero muy cansada.",
    "No tengo fiebre, pero me duele la garganta.",
    "Ya no sangro desde el martes.",
]


@pytest.mark.parametrize("question", NEGATED)
def test_plainly_negated_phrases_do_not_fire(question):
    assert find_red_flags(question) == []


NOT_REALLY_NEGATED = [
    ("I can't stop bleeding", "bleeding"),
    ("I'm not sure if I'm bleeding or if it's discharge", "bleeding"),
    ("No cramps yesterday, but today I'm bleeding", "bleeding"),
    ("Ayer no, pero hoy estoy sangrando", "sangrado"),
    ("I don't want to live like this any more", "not want to live"),
]


@pytest.mark.parametrize(("question", "phrase"), NOT_REALLY_NEGATED)
def test_a_negation_elsewhere_in_the_sentence_does_not_hide_a_red_flag(question, phrase):
    assert phrase in find_red_flags(question)


def test_matching_ignores_case_and_accents():
    assert find_red_flags("SANGRADO abundante") == find_red_flags("sangrado abundante")
    assert "no noto al bebe" in find_red_flags("No noto al bebé desde ayer")


def test_simple_word_forms_match():
    assert stem("bleeding", "en") == stem("bleeds", "en")
    assert stem("movimientos", "es") == stem("movimiento", "es")
    assert "bleeding" in find_red_flags("It bleeds every time I stand up")


def test_spanish_blood_test_is_not_spanish_bleeding():
    assert stem("sangre", "es") != stem("sangrado", "es")


def test_each_phrase_is_reported_once_even_in_several_forms():
    flags = find_red_flags("It bleeds, and it is still bleeding")
    assert flags == ["bleeding"]  # not "bleed" as well


def test_phrases_match_with_a_few_words_in_between_but_not_across_sentences():
    assert "waters broken" in find_red_flags("My waters have just broken")
    assert find_red_flags("The waters park was lovely. The vase was broken.") == []


def test_phrase_lists_come_from_settings(settings):
    settings.QUESTIONS_RED_FLAGS = {"en": ["itching palms"], "es": []}
    assert find_red_flags("My itching palms keep me awake") == ["itching palms"]
    assert find_red_flags("I am bleeding") == []


def test_a_language_without_its_own_rules_uses_the_english_ones(settings):
    settings.QUESTIONS_RED_FLAGS = {"fr": ["saignement"]}
    assert find_red_flags("J'ai un saignement") == ["saignement"]


def test_fold_spells_out_english_negative_contractions_with_or_without_apostrophe():
    assert fold("I CAN’T feel") == "i ca not feel"
    assert fold("baby hasnt moved, dont know") == "baby has not moved, do not know"


def test_a_phrase_inside_a_longer_matched_phrase_is_reported_once():
    found = find_red_flags("Estoy de 35 semanas y el bebé se mueve menos desde ayer.")
    assert found == ["se mueve menos"]
