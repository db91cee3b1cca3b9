"""
Red-flag triage finds readers who may need urgent care, by clinical category, in
English and Spanish. (Its recall and false alarms on the labelled set are held
in ``test_screening_figures.py``; these tests pin down each mechanism.)
"""

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from comments import red_flags
from comments.triage import fold, pregnancy_weeks, stem, triage


def category(text):
    return triage(text).category


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("I keep thinking about ending it all since we lost her", "self_harm"),
        ("quiero morirme, no puedo más", "self_harm"),
        ("my partner pushed me down the stairs last night", "violence"),
        ("I'm 31 weeks with tightenings every 5 minutes", "preterm_labour"),
        ("Tengo contracciones cada 10 minutos y estoy de 30 semanas", "preterm_labour"),
        ("my waters went at 33 weeks", "waters"),
        ("water burst at 34 weeks", "waters"),
        ("se me rompió la fuente", "waters"),
        ("wet knickers all day, not wee, 31 weeks", "waters"),
        ("worst headache of my life and spots in front of my eyes", "pre_eclampsia"),
        ("filling a pad every hour", "bleeding"),
        ("no kicks since this morning, 36 weeks", "movements"),
        ("I fainted in the kitchen", "fainting"),
        ("she had a fit and is confused now", "fits"),
        ("chest pain and I can't catch my breath", "chest_breathing"),
        ("I fell on my bump on the ice", "trauma"),
        ("something is coming out of my vagina", "prolapse"),
        ("temperature of 38.6 and shivery", "fever"),
        ("sharp pain on one side and pain in my shoulder tip, 6 weeks", "abdominal_pain"),
    ],
)
def test_each_category_is_recognised_in_a_readers_words(question, expected):
    assert category(question) == expected


def test_the_most_serious_category_decides_when_several_show():
    result = triage("I'm bleeding heavily and I want to die")
    assert {flag.category for flag in result.flags} == {"bleeding", "self_harm"}
    assert result.category == "self_harm"


def test_every_category_has_a_label_and_rules_in_both_languages():
    for slug in red_flags.CATEGORIES:
        assert red_flags.CATEGORY_LABELS[slug]
        languages = {rule.language for rule in red_flags.RULES if rule.category == slug}
        assert languages == {"en", "es"}, slug


def test_words_are_stemmed_with_snowball_in_each_language():
    assert stem("bleeding", "en") == stem("bleeds", "en") == "bleed"
    assert stem("movimientos", "es") == stem("movimiento", "es")
    assert category("It bleeds every time I stand up, 30 weeks") == "bleeding"


@pytest.mark.parametrize(
    "question",
    [
        "bleding alot at 11 wks",
        "I had a siezure this morning",
        "my contarctions are every 4 minutes, 32 weeks",
        "I feinted at work",
    ],
)
def test_misspellings_one_letter_away_still_match(question):
    assert triage(question).is_urgent


def test_a_misspelling_must_start_with_the_right_letter():
    assert category("I was sitting down all day, 30 weeks") is None  # not "fitting"


def test_case_and_accents_are_ignored():
    assert category("ESTOY SANGRANDO MUCHO") == category("estoy sangrando mucho") == "bleeding"
    assert category("No noto al bebé desde ayer, 34 semanas") == "movements"
    assert category("No noto al bebe desde ayer, 34 semanas") == "movements"


def test_fold_spells_out_english_negative_contractions_with_or_without_apostrophe():
    assert fold("I CAN’T feel") == "i ca not feel"
    assert fold("baby hasnt moved, dont know") == "baby has not moved, do not know"


@pytest.mark.parametrize(
    "question",
    [
        "I have no bleeding at all, just some cramps.",
        "I haven't had any bleeding but my back aches.",
        "No pain or bleeding, just tired all the time.",
        "I'm not bleeding, only a bit of discharge.",
        "I don't have a fever but I feel achy.",
        "No tengo sangrado, solo algo de flujo.",
        "Sin sangrado y sin dolor, pero muy cansada.",
        "No tengo fiebre, pero me duele la garganta.",
        "Ya no sangro desde el martes.",
    ],
)
def test_plainly_negated_red_flags_do_not_fire(question):
    assert not triage(question).is_urgent


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("I can't stop bleeding", "bleeding"),
        ("No cramps yesterday, but today I'm bleeding heavily", "bleeding"),
        ("Ayer no, pero hoy estoy sangrando mucho", "bleeding"),
        ("I don't want to live like this any more", "self_harm"),
        ("I haven't felt the baby move since yesterday, 35 weeks", "movements"),
    ],
)
def test_a_negation_elsewhere_or_inside_the_red_flag_does_not_hide_it(question, expected):
    assert category(question) == expected


@pytest.mark.parametrize(
    "question",
    [
        "What are the signs of pre-eclampsia? My mum had it.",
        "What should I do if my waters break before 37 weeks?",
        "¿Cómo sé si he roto aguas?",
        "I had some bleeding at 8 weeks in my last pregnancy and it was fine.",
        "My sister had her waters go at 32 weeks, does it run in families?",
        "Tuve convulsiones de pequeña, ¿tengo que decirlo?",
        "Can bleeding gums be a pregnancy thing?",
        "I get out of breath walking up the stairs at 34 weeks",
        "Is it normal not to feel the baby move yet at 17 weeks?",
        "Mild cramps that come and go at 7 weeks, no bleeding",
        "Can stress cause bleeding in pregnancy?",
        "¿El estrés puede provocar un sangrado?",
    ],
)
def test_general_questions_the_past_and_other_people_are_routine(question):
    assert not triage(question).is_urgent


def test_suicidal_thoughts_are_never_dismissed_as_a_general_question():
    assert category("What if I keep thinking about killing myself after the birth?") == "self_harm"


def test_frequency_patterns_count_as_regular_contractions():
    assert category("pains every 7 or 8 minutes, 32 weeks") == "preterm_labour"
    assert category("my bump goes hard about 4 times an hour, 28+5") == "preterm_labour"
    assert category("dolores cada 7 u 8 minutos, 32 semanas") == "preterm_labour"


def test_contractions_at_term_are_not_preterm_labour():
    assert category("contractions every 5 minutes, 39 weeks") is None


def test_weeks_of_pregnancy_are_read_in_both_languages():
    assert pregnancy_weeks("I'm 31 weeks") == 31
    assert pregnancy_weeks("34+2 and worried") == 34
    assert pregnancy_weeks("estoy de 30 semanas") == 30
    assert pregnancy_weeks("I gave birth 2 weeks ago") is None


def test_a_severe_blood_pressure_reading_is_a_red_flag():
    assert category("blood pressure at home 160/105, 35 weeks") == "pre_eclampsia"
    assert category("my blood pressure was 120/70 at the clinic") is None


def test_a_red_flag_does_not_span_two_sentences():
    assert not triage("The waters park was lovely. The vase was broken.").is_urgent


def test_the_evidence_names_the_words_of_the_question():
    result = triage("My waters have just gone at 33 weeks!")
    assert result.evidence == ["waters have just gone"]


def test_a_site_can_add_its_own_patterns(settings):
    settings.QUESTIONS_EXTRA_RED_FLAGS = {"en": {"fever": ["itching palms"]}}
    assert category("My itching palms keep me awake") == "fever"


@hypothesis_settings(max_examples=60, deadline=None)
@given(st.text(max_size=3000))
def test_any_text_is_screened_without_error(text):
    result = triage(text)
    assert result.category in (None, *red_flags.CATEGORIES)


def test_a_huge_text_is_screened_only_as_far_as_a_question_can_go():
    result = triage("word " * 100_000 + "I want to die")
    assert not result.is_urgent  # beyond the bound: never reached, never slow
