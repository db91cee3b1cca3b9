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

# The rules alone: these are their wording and context (the model has its own tests).
pytestmark = pytest.mark.usefixtures("rules_alone")


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


# --- Generalising beyond the first set -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "weeks"),
    [
        ("semana 30, contracciones", 30),
        ("estoy de 34 y me duele", 34),
        ("5 months pregnant", 22),
        ("embarazada de 4 meses", 17),
        ("bled at 8 weeks, now 20 weeks", 20),
        ("I'm due in two weeks", 38),
        ("at term now", 40),
        ("31w with tightenings", 31),
    ],
)
def test_weeks_are_read_in_many_ways_and_the_present_one_wins(text, weeks):
    assert pregnancy_weeks(text) == weeks


@pytest.mark.parametrize(
    "question",
    [
        "I haven't had any bleeding, cramps or fluid, just tired",
        "no he tenido sangrado, dolor ni fiebre",
        "I don't think my waters have gone, 30 weeks",
        "I'm not having any thoughts of harming myself, just low",
        "casi me caigo pero no llegué a caerme",
        "My toddler climbs on me, no bumps or knocks so far",
    ],
)
def test_negation_reaches_through_lists_and_thought_words(question):
    assert not triage(question).is_urgent


def test_a_list_after_a_symptom_does_not_negate_it():
    assert category("No pain, bleeding heavily at 30 weeks") == "bleeding"


@pytest.mark.parametrize(
    "question",
    [
        "Does a high temperature in the first trimester cause birth defects?",
        "¿Se puede romper la bolsa sin darme cuenta?",
        "My midwife told me to watch for reduced movements, how many is normal?",
        "What's the difference between spotting and bleeding in early pregnancy?",
        "I'm due in two weeks and want to know how to tell when my waters have broken",
        "I had a bleed at 9 weeks, it's resolved now at 16 weeks. Can I swim?",
        "me caí hace dos meses antes de saber que estaba embarazada",
        "baby moved loads after dinner, he was quiet this morning but then started moving again",
    ],
)
def test_general_questions_instructions_and_resolved_events_are_routine(question):
    assert not triage(question).is_urgent, triage(question)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What do I do if I'm bleeding this much at 30 weeks?", "bleeding"),
        ("I bled at 12 weeks and now I'm bleeding again, 20 weeks", "bleeding"),
        ("parí hace un mes y se me sale algo por la vagina", "prolapse"),
        ("me quedé rígida y temblando, mi madre dice que fue un ataque", "fits"),
        ("mi hermana tiene 34 semanas y le dio una convulsión", "fits"),
        ("he hit me in front of my son", "violence"),
    ],
)
def test_a_symptom_described_now_is_not_hidden_by_context_around_it(question, expected):
    assert category(question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("me duele mucho la panza, dolor constante, 28 semanas", "abdominal_pain"),
        ("el papá del bebé me pega cuando toma", "violence"),
        ("havnt felt bby move all day 34 wks", "movements"),
        ("4 contractions in the last hour, 31 weeks", "preterm_labour"),
        ("siento ganas de pujar y tengo 33 semanas", "preterm_labour"),
        ("se me reventó la fuente, estoy de 34", "waters"),
        ("my waters broke and they're green, 39 weeks", "waters"),
    ],
)
def test_slang_regional_words_and_patterns_are_understood(question, expected):
    assert category(question) == expected


def test_waters_at_term_are_labour_not_an_emergency():
    assert not triage("my waters broke, I'm 39 weeks, when do I go in?").is_urgent
    assert category("my waters broke, I'm 33 weeks") == "waters"


def test_a_normal_temperature_reading_is_not_a_fever():
    assert not triage("Is a temperature of 37.2 a fever?").is_urgent
    assert category("temp is high, 38.4, and I'm shivering") == "fever"


@pytest.mark.parametrize(
    "question",
    [
        "My doctor says I'm low on iron and that's why I feel faint sometimes",
        "I had a panic attack and felt I couldn't breathe, but I'm calmer now",
        "I had a traumatic first birth with a lot of bleeding, will it happen again?",
        "el bebé se mueve tanto que no me deja dormir",
        "me preocupa romper aguas en el trabajo, ¿cómo lo notaría?",
        "mi médico dice que tengo la presión baja y por eso me mareo",
    ],
)
def test_lightheadedness_panic_earlier_births_and_worries_are_routine(question):
    assert not triage(question).is_urgent, triage(question)


def test_feeling_fine_after_a_fall_or_a_fit_does_not_make_it_routine():
    assert category("I fell on my bump this morning but I feel fine now, 30 weeks") == "trauma"
    assert category("bleeding heavily this morning, it stopped and I'm fine now") is None


def test_one_sided_pain_with_feeling_faint_in_early_pregnancy_is_urgent():
    assert category("sharp pain low on the right, 6 weeks, and I feel faint") == "abdominal_pain"


@pytest.mark.parametrize(
    "question",
    [
        "Nobody would even notice if I was gone",
        "I've been stockpiling my sleeping tablets",
        "I just want everything to stop",
        "he pensado en hacerme cortes otra vez",
        "nadie me echaría de menos si me muero",
    ],
)
def test_passive_wishes_and_preparations_show_the_crisis_line(question):
    assert category(question) == "self_harm"


def test_a_fall_that_did_not_happen_is_routine():
    assert not triage("I slipped on the wet floor but caught myself and didn't fall").is_urgent
    assert not triage("me resbalé pero no llegué a caerme").is_urgent
    assert category("I slipped on the wet floor and landed on my bump") == "trauma"


def test_a_clause_that_says_it_stopped_ends_the_symptom_but_a_baby_that_stopped_does_not():
    assert not triage("I was bleeding at 10 weeks but it stopped").is_urgent
    assert not triage("Tuve un sangrado a las 6 semanas pero paró").is_urgent
    assert category("sangrado fuerte pero no paró, 30 semanas") == "bleeding"
    assert category("baby stopped moving this morning, 34 weeks") == "movements"
    assert category("el bebé paró de moverse, 34 semanas") == "movements"


def test_someone_else_who_is_pregnant_is_the_patient():
    assert category("my sister is 38 weeks and just had a seizure") == "fits"
    assert not triage("my sister had a seizure years ago, is it hereditary?").is_urgent


def test_a_bit_breathless_is_routine():
    assert not triage("Is it normal to feel a bit breathless at 33 weeks?").is_urgent


# --- Self-harm: acts, means, indirect wishes, and idioms that use the same words -------


@pytest.mark.parametrize(
    "question",
    [
        "I swallowed a full box of paracetamol an hour ago",
        "took 12 of my fluoxetine with vodka, feel sick",
        "just necked a strip of my codeine, 29 weeks",
        "I overdosed last night and haven't told anyone",
        "me he tragado una caja entera de calmantes",
        "me tomé 30 comprimidos de lorazepam",
        "I slashed my thighs with a blade again tonight",
        "I burnt my arm with a cigarette on purpose",
        "me quemé el brazo con el mechero a propósito",
    ],
)
def test_acts_already_done_or_under_way_are_self_harm(question):
    assert category(question) == "self_harm"


@pytest.mark.parametrize(
    "question",
    [
        "I've hidden a stash of tablets, enough for when I need them",
        "I keep thinking about the rope in the shed",
        "recorded a goodbye video for my boys",
        "estoy juntando pastillas desde hace semanas",
        "tengo escondidas muchas pastillas para cuando no pueda más",
        "he pensado en ahorcarme",
        "ya tengo pensado cómo lo voy a hacer",
        "I pray every night that I won't wake up",
        "I'm so tired of living like this",
        "estoy cansada de vivir, mi hijo tiene un mes",
        "solo quiero desaparecer",
        "ojalá no despertar mañana",
        "la vida no tiene sentido sin mi bebé",
        "ya no tiene sentido seguir, nada mejora",
        "honestly I don't care whether I live or die",
        "I searched for ways to die last night",
        "I'd be better off dead",
        "ojalá no hubiera nacido",
        "estaría mejor muerta",
    ],
)
def test_means_plans_and_indirect_wishes_are_self_harm(question):
    assert category(question) == "self_harm"


@pytest.mark.parametrize(
    "question",
    [
        "these braxton hicks are killing me, 35 weeks",
        "pelvic pain is literally killing me, what helps?",
        "I nearly died of shame when my waters... no wait, it was just wee",
        "dying to find out what we're having!",
        "dying for a glass of wine, how long after the birth?",
        "me muero de sueño a las 8 semanas",
        "me moría de vergüenza en la ecografía",
        "el ciático me está matando",
        "estoy muerta de cansancio con el bebé",
        "quiero desaparecer del chat de la guardería jaja",
        "no le veo sentido a pagar un curso de preparación al parto",
        "no le veo sentido a seguir intentando la lactancia",
        "ojalá me muriera de risa como tú jaja",
        "I could sleep forever, is this tiredness normal?",
        "I wish it was all over and she was here!",
    ],
)
def test_idioms_that_use_the_words_innocently_are_not_self_harm(question):
    assert category(question) is None


@pytest.mark.parametrize(
    "question",
    [
        "I took my iron tablets and vitamin D this morning",
        "I took 2 paracetamol for a headache, can I take more?",
        "took 500 mg of paracetamol, is that ok at 20 weeks?",
        "I accidentally took my pregnancy vitamins twice",
        "I didn't cut my arm on purpose, it was the garden fence, do I need a tetanus jab?",
        "I cut my finger chopping carrots, can I use plasters?",
        "me tomé todas las vitaminas del bote sin querer",
        "me corté con una lata abriendo la comida",
        "tengo guardados los medicamentos en un cajón alto",
        "I'm so tired of being pregnant, 40 weeks",
        "I've been cutting back on caffeine",
        "how many paracetamol can I take in a day for toothache?",
        "I can't keep going to the loo every hour",
        "I self-harmed as a teenager but I'm well now; is citalopram ok when breastfeeding?",
    ],
)
def test_medicines_taken_as_meant_accidents_and_the_past_are_not_self_harm(question):
    assert category(question) is None


@pytest.mark.parametrize(
    "question",
    [
        "I have never taken an overdose, I just want to know the safe dose",
        "I'm not hurting myself, just low",
        "no me estoy haciendo daño, solo estoy triste",
    ],
)
def test_negated_acts_are_not_self_harm(question):
    assert category(question) is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("he's been so still since lunch, usually he's rolling about, 32 weeks", "movements"),
        ("la nena está paradita desde anoche, 33 semanas", "movements"),
        ("ya no da patadas como antes, 36 semanas", "movements"),
        ("llevo desde la mañana sin sentirla, 35 semanas", "movements"),
        ("feels like my insides are falling out down below, 1 week after the birth", "prolapse"),
        ("noto como un huevo en la vagina desde el parto", "prolapse"),
        ("me está cayendo agua sin parar, 33 semanas", "waters"),
    ],
)
def test_movements_prolapse_and_waters_in_other_words(question, expected):
    assert category(question) == expected


def test_no_noticing_without_the_baby_and_water_from_the_shower_are_routine():
    assert category("llevo una semana sin notar náuseas, 30 semanas, ¿es normal?") is None
    assert category("me cae agua de la ducha en la cicatriz, ¿pasa algo?") is None


@pytest.mark.parametrize(
    "question",
    [
        "I dream about dying most nights now",
        "the voices in my head keep telling me to drown",
        "I keep picturing swerving into oncoming traffic",
        "pienso todo el rato en la muerte",
        "morirme sería un descanso",
        "serían más felices con otra madre, estarían mejor con otra",
        "me siento una carga",
        "mi cabeza me dice que me tire por la ventana",
    ],
)
def test_thoughts_of_death_commands_and_burdens_are_self_harm(question):
    assert category(question) == "self_harm"


@pytest.mark.parametrize(
    "question",
    [
        "I keep thinking about dying in labour, is a c-section safer?",
        "pienso mucho en la muerte de mi padre desde que estoy embarazada",
        "quiero desaparecer un finde con mi marido antes del parto",
        "ya tengo todo preparado para irme al hospital",
        "me hice un corte con el cuchillo pelando patatas",
    ],
)
def test_fears_breaks_and_accidents_in_the_same_words_are_not_self_harm(question):
    assert category(question) is None


@pytest.mark.parametrize(
    "question",
    [
        "the only thing keeping me going is my little boy, otherwise I'd be gone",
        "there's no reason for me to live anymore",
        "I've said my goodbyes to my sisters",
        "I'm standing on the bridge near my house",
        "I keep hitting myself when I get angry",
        "lo único que me frena es mi hija",
        "no tengo ningún motivo para seguir viva",
        "ya me despedí de todos",
        "estoy en la azotea y no quiero bajar",
        "quiero que parezca un accidente",
    ],
)
def test_what_a_risk_assessment_asks_about_is_self_harm(question):
    assert category(question) == "self_harm"


@pytest.mark.parametrize(
    "question",
    [
        "my mum will kill me if I don't find out the sex lol",
        "will the midwife see my old self-harm scars at the booking appointment?",
        "there's no reason to worry about a few Braxton Hicks, is there?",
        "I'm on the edge of my seat waiting for the scan",
        "no me queda leche por la tarde, ¿es normal?",
    ],
)
def test_the_same_words_said_lightly_or_about_the_past_are_not_self_harm(question):
    assert category(question) is None
