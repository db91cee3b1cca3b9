"""
The kinds of self-harm cue added in issue 13f (``comments.self_harm_cues``): a time set,
finality, being with someone who died, a death she grieves, secrecy; and the strong cues
of each kind that flag alone (goodbyes written, things given away, tablets kept back or
ready, hurting herself "again", no future "for me", not caring whether she survives). A
wish said now is not the past, and two kinds must be said in different words. The
examples are written for these tests, not taken from the labelled sets.
"""

import pytest

from comments.tests.screening import kinds, strong_kinds
from comments.triage import Cue, cues_flag, triage

# The rules alone: these are their wording and context (the model has its own tests).
pytestmark = pytest.mark.usefixtures("rules_alone")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # A time alone as a whole sentence: a plan told without its act.
        ("Tonight. Please don't tell my mum I wrote here", "time"),
        ("esta noche. no sé a quién contárselo", "time"),
        # Finality.
        ("I have made my peace with it, the kids will be ok", "finality"),
        # Goodbyes written or recorded, letters for the family, things given away.
        ("I recorded a goodbye for my boys on my phone", "farewell"),
        ("there's a letter for each of my girls in the wardrobe", "farewell"),
        ("I've been giving all my books away to friends", "farewell"),
        ("dejé una carta para cada uno de mis hijos", "farewell"),
        ("le he dado mis joyas a mi prima", "farewell"),
        # Tablets kept back, counted or ready; a car in a closed garage.
        ("been holding back a few of my mirtazapine every night", "means"),
        ("I counted my co-codamol again", "means"),
        ("I've got the tablets ready in the bathroom", "means"),
        ("tengo las pastillas preparadas en la mesilla", "means"),
        ("llevo días escondiendo las pastillas que me dan", "means"),
        ("sat in the garage with the engine on for an hour", "means"),
        # Hurting herself again, or as what helps.
        ("I burned again last night after he went to bed", "self_injury"),
        ("hurting my arms is the only thing that works", "self_injury"),
        ("anoche me volví a cortar", "self_injury"),
        ("me muerdo la piel del brazo cuando estoy así", "self_injury"),
        # No future for her; not caring whether she lives; not being here for a coming day.
        ("honestly I can't see a future for me", "hopeless"),
        ("no veo ningún futuro para mí", "hopeless"),
        ("no le encuentro ganas a vivir", "hopeless"),
        ("I don't care if I survive the section", "death"),
        ("me da igual si me despierto o no", "death"),
        ("I won't be here for her christening", "death"),
        ("I keep praying I won't open my eyes again", "death"),
        ("can't be bothered with living", "death"),
        # Others better off, freer, with someone else.
        ("my husband would be freer without me", "burden"),
        ("my son would have a better life with my sister", "burden"),
        ("mi familia sería más libre sin mí", "burden"),
        ("solo soy un lastre para mi familia", "burden"),
        # Round 3: a method asked for, an accident staged, no fear of death, a ligature.
        ("what's the least painful way to go", "plan"),
        ("¿cuál es la forma menos dolorosa?", "plan"),
        ("I could make it look like an accident", "plan"),
        ("I'm not afraid of dying any more", "death"),
        ("ya no tengo miedo a morir", "death"),
        ("there's a rope in the loft", "means"),
        ("I tied a belt round my neck last night", "means"),
        ("I'm a danger to myself", "self_injury"),
        ("I keep planning my own funeral", "plan"),
        ("I banged my head against the wall until it stopped", "self_injury"),
        ("me doy cabezazos contra la pared", "self_injury"),
        ("it would be like I was never here", "death"),
        ("I'm seeing my daughter in heaven soon", "death"),
        ("quiero abrazar a mi niña que está en el cielo", "death"),
        ("can't stop thinking about all the tablets in the drawer", "thoughts"),
        ("no me quedan fuerzas para vivir", "hopeless"),
    ],
)
def test_a_strong_cue_of_the_new_patterns_flags_alone(question, kind):
    assert kind in strong_kinds(question)
    assert triage(question).category == "self_harm"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # A time set and an act left unnamed.
        ("after the funeral on monday I'm done", {"time", "finality"}),
        ("después de la cita del jueves lo hago", {"time", "plan"}),
        # Being with someone who died, with the loss told in another sentence.
        ("I just want to hold my boy again. He is with the angels", {"reunion", "loss"}),
        ("quiero irme con ella. Murió en enero", {"reunion", "loss"}),
        # A pet given away and not taken back; secrecy.
        ("gave my cat to the neighbour, I won't be having her back", {"farewell", "finality"}),
        ("le regalé mi perro a mi tía sin que se den cuenta", {"farewell", "secrecy"}),
        # Being at a high place.
        ("I went up to the roof again, I didn't jump", {"plan", "means"}),
    ],
)
def test_two_new_kinds_flag_together(question, expected):
    assert expected <= kinds(question)
    assert triage(question).category == "self_harm"


@pytest.mark.parametrize(
    "question",
    [
        "solo quiero estar con mi hija en el cielo, la perdí hace tres meses",
        "I just want to be with my daughter in heaven, I lost her last year",
    ],
)
def test_a_wish_said_now_is_not_the_past_even_when_the_loss_is_dated(question):
    assert triage(question).category == "self_harm"


def test_a_dated_past_in_the_clause_of_the_cue_still_makes_it_history():
    assert triage("I used to want to disappear for good when I was a teenager").category is None


@pytest.mark.parametrize(
    "question",
    [
        "gave my bike to my brother and told him I won't be taking it back",
        "mi madre se quedó con mi perro y le dejé todo ordenado",
    ],
)
def test_goodbyes_to_someone_else_stay_hers(question):
    assert "farewell" in kinds(question)


def test_one_word_read_as_two_kinds_is_one_cue():
    # "my mum died" is a loss; the same word is no wish to die as well.
    same = (Cue("death", False, "died"), Cue("loss", False, "died"))
    assert not cues_flag(same)
    assert cues_flag((Cue("death", False, "die"), Cue("loss", False, "funeral")))
    assert triage("my mum died in March and I'm pregnant, any tips for grief?").category is None


@pytest.mark.parametrize(
    "question",
    [
        "we're going to the scan tonight, so excited",
        "giving away the baby clothes she's outgrown, anyone want them?",
        "I won't need these maternity jeans anymore",
        "after the scan on friday we'll tell his parents",
        "I'm done with this heartburn, what else can I take?",
        "my nan passed away and I wish she could meet the baby",
        "nobody knows I'm pregnant yet, when should I tell work?",
        "ya tengo todo preparado para irme al hospital",
        "el lunes es el día de la cita con la matrona",
        "how many paracetamol can I take in a day?",
        "cuántas pastillas de hierro tengo que tomar al día?",
        "I cut my hair again, is hair dye safe?",
        "we walked across the bridge on holiday, is walking a lot ok at 30 weeks?",
        "what's the least painful way to give birth?",
        "I'm not scared of dying in labour any more since the hypnobirthing class",
        "we've got a tow rope in the car boot",
        "is flying a danger to the baby at 30 weeks?",
        "I keep thinking about stopping my sertraline, is that safe?",
        "I'm meeting my baby soon, 39 weeks!",
        "can i go on the bridge walk at the park, it's quite high?",
        "quiero desaparecer del mapa en el parto jaja",
    ],
)
def test_the_same_words_said_innocently_do_not_flag(question):
    assert triage(question).category != "self_harm"


def test_the_midwife_sees_the_new_kinds_by_name():
    result = triage("after the funeral on monday I'm done")
    evidence = " ".join(result.evidence)
    assert "a time set: after the funeral" in evidence
    assert "finality:" in evidence
