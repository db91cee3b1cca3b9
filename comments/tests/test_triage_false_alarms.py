"""
False alarms removed in issue 13f, each by a general reading rather than a sentence: a
wish to die laughed off ("lol", "jaja"), the idiom "se me cae la cara de vergüenza", a
young child's blow while playing, scratching an itch until it bleeds, blood from the
skin, everyday words that are not misspellings of a rule word ("quiero" is not
"quieto"), a letter to the baby for when she is older, the only thing keeping her sane,
feeling a burden for asking for help. The real thing in the same words stays urgent.
The examples are written for these tests, not taken from the labelled sets.
"""

import pytest

from comments.triage import Slot, analyse, triage

# The rules alone: these are their wording and context (the model has its own tests).
pytestmark = pytest.mark.usefixtures("rules_alone")


@pytest.mark.parametrize(
    "question",
    [
        "i want to die lol, when does the sickness stop?",
        "honestly I'll die haha if I see one more pram advert",
        "me quiero morir jajaja, otra vez acidez, qué tomo?",
    ],
)
def test_a_wish_to_die_laughed_off_is_a_figure_of_speech(question):
    assert triage(question).category is None


def test_a_wish_to_die_without_a_laugh_stays_self_harm():
    assert triage("i want to die, when does this stop").category == "self_harm"
    assert triage("me quiero morir, ya no puedo más").category == "self_harm"


def test_a_face_falling_off_for_shame_is_not_a_fall():
    assert triage("se me cae la cara de vergüenza si me hago caca en el parto").category is None
    assert triage("me caí por las escaleras, 30 semanas").category == "trauma"


@pytest.mark.parametrize(
    "question",
    [
        "my 2 year old keeps hitting my tummy when he climbs on me, is that ok?",
        "my toddler kicks my bump when we're playing on the sofa",
        "mi hija de dos años me da golpes en la barriga cuando jugamos",
    ],
)
def test_a_young_childs_blow_while_playing_is_not_urgent(question):
    assert triage(question).category is None


def test_a_hard_blow_from_a_child_with_pain_stays_urgent():
    result = triage("My toddler kicked me really hard in the bump, now I've got pain, 33 weeks")
    assert result.category == "trauma"


@pytest.mark.parametrize(
    "question",
    [
        "my skin is so itchy I've scratched my legs until they bled, is it cholestasis?",
        "scratching my bump at night till it bleeds, the stretch marks itch, what helps?",
        "me pica tanto la piel que me he rascado hasta sangrar, 34 semanas",
        "me pica muchísimo la barriga y me rasco hasta hacerme heridas",
    ],
)
def test_scratching_an_itch_until_it_bleeds_is_the_itch(question):
    assert triage(question).category is None


def test_scratching_when_the_itch_is_denied_stays_self_harm():
    question = "me rasco los brazos hasta sangrar pero no es por picor, es para sentir algo"
    assert triage(question).category == "self_harm"


def test_a_cut_finger_bleeding_is_not_bleeding_in_pregnancy():
    assert triage("me corté el dedo cocinando y sangra mucho").category is None
    assert triage("estoy sangrando mucho, 20 semanas").category == "bleeding"


def test_an_everyday_word_is_not_a_misspelling_of_a_rule_word():
    # "quiero" is one letter from "quieto" (a still baby), "quedarme" from "quemarme".
    assert not Slot.compile("quieto", "es").matches(analyse("quiero", "es").tokens[0])
    assert not Slot.compile("=quemarme", "es").matches(analyse("quedarme", "es").tokens[0])
    assert Slot.compile("=quemarme", "es").matches(analyse("quemrme", "es").tokens[0])
    question = "cuando mi marido esté trabajando de noche, puedo quedarme sola con 38 semanas?"
    assert triage(question).category is None


@pytest.mark.parametrize(
    "question",
    [
        "writing letters to my baby in a journal, anyone else do this?",
        "I want to write a letter to my baby for when she turns 18",
        "the pregnancy pillow is the only thing keeping me sane",
        "me siento una carga pidiéndole a mi madre que me ayude con la casa",
    ],
)
def test_keepsakes_comfort_and_asking_for_help_are_not_self_harm(question):
    assert triage(question).category is None


def test_goodbye_letters_to_the_children_stay_self_harm():
    assert triage("I've written letters to my kids to say goodbye").category == "self_harm"
    assert triage("soy una carga para todos, no quiero seguir").category == "self_harm"
