"""
The self-harm cue model (``comments.self_harm_cues``): a strong cue flags self-harm on
its own, two different kinds of weaker cue flag it together, one weak cue does not, and
idioms, negation, someone else and a past that is over do not count. The examples are
written for these tests, not taken from the labelled sets.
"""

import pytest

from comments import self_harm_cues
from comments.emergency import emergency_box
from comments.tests.screening import kinds, strong_kinds
from comments.triage import Cue, cues_flag, triage

# The rules alone: these are their wording and context (the model has its own tests).
pytestmark = pytest.mark.usefixtures("rules_alone")


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
        ("I can't go on like this, tonight seems like the time", {"hopeless", "time"}),
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
    assert {"hopeless", "farewell", "time"} <= {cue.kind for cue in result.cues}
    evidence = " ".join(result.evidence)
    assert "hopelessness: hopeless" in evidence and "a time set: tonight" in evidence


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


# --- The wider lexicons (entrapment, burden as relief, a lost baby, places, ligatures,
# burning on purpose, thoughts she fears acting on, text-speak), in fresh wording.


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("some days I just want to fall asleep and never wake", "death"),
        ("I wish I could disappear for good", "death"),
        ("I want to go and join my baby, I miss him so much", "death"),
        ("honestly thinking about how to unalive myself", "death"),
        ("I don't see myself still being around at christmas", "death"),
        ("my family would manage fine without me", "burden"),
        ("they'd be relieved once I'm gone", "burden"),
        ("I've got my tablets counted out on the table", "means"),
        ("I burn my arm with a lighter when it gets loud in my head", "self_injury"),
        ("I hit myself on purpose when the baby won't settle", "self_injury"),
        ("I'm terrified I'll act on it when I'm alone with her", "thoughts"),
        ("part of me wants to end it", "thoughts"),
        ("solo quiero irme con mi angelito", "death"),
        ("quiero estar con mi angelito en el cielo, ya no sufriría", "death"),
        ("todos estarían mejor si yo no estuviera", "burden"),
        ("seria un descanso para todos que ya no estuviera", "burden"),
        ("me he pasado con las pastillas para dormir", "means"),
        ("me quemo la piel con el mechero cuando estoy sola", "self_injury"),
        ("me provoco cortes cuando nadie me ve", "self_injury"),
        ("una parte de mi quiere desaparecer", "thoughts"),
        ("no tiene caso seguir viviendo asi", "hopeless"),
    ],
)
def test_the_wider_strong_cues_flag_alone(question, kind):
    assert kind in strong_kinds(question)
    assert triage(question).category == "self_harm"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "nothing is ever going to get better and the kids deserve a better mum",
            {"hopeless", "burden"},
        ),
        ("I keep driving up to the multi storey after work", {"means", "thoughts"}),
        (
            "there's a cord in the loft I could use and I keep thinking about it",
            {"means", "thoughts"},
        ),
        ("I keep wondering how it would feel to step off the balcony", {"means", "thoughts"}),
        ("tomorrow when he's at work I'll take all my tablets", {"means", "time"}),
        ("no le encuentro sentido a nada. Esta noche lo hago", {"hopeless", "plan"}),
        (
            "a veces me dan ganas de estrellar el coche, me siento atrapada",
            {"thoughts", "hopeless"},
        ),
        ("he pensado en las vias del tren, nada va a mejorar", {"means", "hopeless"}),
    ],
)
def test_the_wider_weak_cues_flag_together(question, expected):
    assert expected <= kinds(question)
    assert triage(question).category == "self_harm"


@pytest.mark.parametrize(
    "question",
    [
        "the multi-storey car park at the hospital is full, where else can we park?",
        "there's no way out of our lease before the baby is due, can we still move?",
        "I'm so tired of heartburn, what's the point of eating at all?",
        "is it ok to use my sharp knives for chopping when my hands are numb?",
        "we crossed the bridge on foot and I was breathless, is that normal?",
        "I topped myself up with water all day, still thirsty, is it diabetes?",
        "can I wear a maternity support belt around my bump at night?",
        "my partner will be relieved when I'm home from hospital",
        "I wonder what it will feel like to hold her for the first time",
        "part of me wants a home birth, is it safe?",
        "I'm scared I'll act on my cravings for chocolate and gain too much",
        "I keep looking down at my bump, it seems small for 30 weeks",
        "tonight when he's at work I'll pack the hospital bag, what goes in it?",
        "el puente de mayo vamos a la playa en coche, cada cuánto paro?",
        "puedo usar cuchillas de afeitar para las piernas embarazada?",
        "tengo todas las pastillas de hierro, las tomo con zumo de naranja?",
        "me he pasado con las pastillas de hierro sin querer, es grave?",
        "no tiene caso tomar jengibre para las náuseas, no me funciona",
        "estoy atrapada en el ascensor del hospital jaja, a las 20 semanas es peligroso?",
        "ya no puedo dormir boca arriba, es normal?",
        "tengo ganas de saltar de alegría, estoy de 20 semanas",
        "sería un alivio para todos que naciera ya, estoy de 41 semanas",
        "me corto el pelo en el embarazo, es malo?",
        "me quemé con la plancha sin querer, qué me pongo?",
        "me hice un corte con el cuchillo pelando patatas",
        "una parte de mí quiere volver al trabajo pronto",
        "quiero que se acabe el embarazo ya, estoy harta del ardor",
    ],
)
def test_the_same_words_said_innocently_are_not_self_harm(question):
    assert triage(question).category != "self_harm"
