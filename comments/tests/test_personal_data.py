"""
Personal details in questions and replies are spotted, by kind, in English and Spanish.
(The recall and false alarms on the labelled set are held in ``test_screening_figures.py``.)
"""

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from comments.personal_data import (
    CONTACT_KINDS,
    find_personal_data,
    has_personal_data,
    nhs_number_is_valid,
)
from comments.tests.screening import no_catastrophic_backtracking


def kinds(text, **options):
    return [(finding.kind, finding.text) for finding in find_personal_data(text, **options)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please email me at priya.k@example.com", [("email", "priya.k@example.com")]),
        ("Can someone ring me on 07700 900123?", [("phone", "07700 900123")]),
        ("My number is +44 (0)20 7946 0958", [("phone", "+44 (0)20 7946 0958")]),
        ("Llámeme al +34 612 34 56 78, por favor", [("phone", "+34 612 34 56 78")]),
        ("mi móvil es 612345678", [("phone", "612345678")]),
        ("Mi teléfono: 91 123 45 67", [("phone", "91 123 45 67")]),
        ("My hospital number is K4417823", [("hospital_number", "K4417823")]),
        ("NHC 00987654, Hospital La Paz", [("hospital_number", "00987654")]),
        ("NHS number 485 777 3456", [("nhs_number", "485 777 3456")]),
        ("nhs no 9434765919", [("nhs_number", "9434765919")]),
        ("I was born on 12/03/1990", [("date_of_birth", "12/03/1990")]),
        ("Nací el 5 de mayo de 1988", [("date_of_birth", "5 de mayo de 1988")]),
        ("I live near SW1A 2AA", [("postcode", "SW1A 2AA")]),
        ("código postal 08012", [("postcode", "08012")]),
        ("I live at 14 Elm Road, Bristol", [("address", "14 Elm Road")]),
        ("Vivo en la calle Mayor 5, 3ºB, Madrid", [("address", "calle Mayor 5, 3ºB")]),
        ("My name is Sarah Jones and I'm 30 weeks", [("name", "Sarah Jones")]),
        ("Hola, me llamo María García López", [("name", "María García López")]),
        ("Many thanks, Hannah O'Brien (34 weeks)", [("name", "Hannah O'Brien")]),
        ("Mi marido, Javier Moreno, dice que exagero", [("name", "Javier Moreno")]),
    ],
)
def test_personal_details_are_found_by_kind(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I'm 34 weeks, 2 days, and my blood pressure was 140/90 on 12/03/2024.",
        "My glucose was 7.8 at 2 hours and 5.3 fasting.",
        "I take B12 3 times a day and 10.000 IU of vitamin D.",
        "Between 2019 and 2024 I had 3 miscarriages.",
        "Estoy de 35 semanas y peso 68 kg.",
        "My scan is on 14/05/2025 at 10:30",
        "I'm Sarah, 24 weeks, first baby",
        "I was born in 1993, is my age a risk?",
        "Is Church Street clinic open on Saturdays?",
        "hCG was 15000 at 6 weeks and 31000 two days later",
        "Should I call 111 or 999?",
        "The helpline on 0800 014 7800 was engaged",
        "Llamé al 900 123 456 y no contestaban",
    ],
)
def test_pregnancy_numbers_dates_and_helplines_are_not_personal_details(text):
    assert not has_personal_data(text), kinds(text)


def test_configured_contacts_are_not_personal_details(settings):
    settings.QUESTIONS_ALLOWED_CONTACTS = ["020 7946 0000", "midwives@example.org"]
    assert kinds("Ring 020 7946 0000 or write to midwives@example.org") == []
    settings.QUESTIONS_HELPLINE_NUMBER = "0113 496 0000"
    assert kinds("call us on 0113 496 0000") == []


def test_findings_give_positions_in_the_text_and_do_not_overlap():
    text = "Call 07700 900123 or write to sam.t@example.com"
    findings = find_personal_data(text)
    assert [text[f.start : f.end] for f in findings] == ["07700 900123", "sam.t@example.com"]


def test_findings_have_readable_labels_and_keys():
    (finding,) = find_personal_data("ring 07700 900123")
    assert str(finding.label) == "phone number"
    assert finding.key == "phone:07700 900123"


def test_dismissed_findings_are_left_out():
    text = "Ring 07700 900123 or 07700 900456"
    assert kinds(text, dismissed=["phone:07700 900123"]) == [("phone", "07700 900456")]


def test_replies_can_be_screened_for_contact_details_only():
    text = "Dear Sarah Jones, please ring 07700 900123"
    assert kinds(text, kinds=CONTACT_KINDS) == [("phone", "07700 900123")]


def test_the_nhs_check_digit_is_checked():
    assert nhs_number_is_valid("9434765919")
    assert not nhs_number_is_valid("9434765918")


def test_a_name_needs_two_capitalised_words_after_an_introduction():
    assert kinds("I'm Doctor Who's biggest fan") == []
    assert kinds("I'm under the Princess Anne") == []
    assert kinds("Soy primeriza y tengo 38 años") == []


@hypothesis_settings(max_examples=80, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_is_screened_without_error_and_findings_are_in_it(text):
    for finding in find_personal_data(text):
        assert text[finding.start : finding.end] == finding.text


HOSTILE = [
    "calle " + "de " * 700 + "x",
    "Calle " + "De " * 700,
    "I'm " + "Ana " * 500,
    "my name is " + "ana " * 500,
    "thanks, " + "Ana Bel " * 250 + "?",
    "0" * 2000,
    "1 " * 1000,
    "(1) " * 500,
    "a." * 1000 + "@",
    "12 " + "Elm " * 600,
    "born " + "1/" * 1000,
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_repetitive_text_cannot_make_the_patterns_backtrack_for_ever(text):
    with no_catastrophic_backtracking():
        find_personal_data(text[:2000])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("email me: kerry.j at gmail dot com", [("email", "kerry.j at gmail dot com")]),
        ("my email's tasha(at)btinternet.com", [("email", "tasha(at)btinternet.com")]),
        ("mi correo: pilar arroba gmail punto com", [("email", "pilar arroba gmail punto com")]),
        ("llámame al 044 55 1234 5678", [("phone", "044 55 1234 5678")]),
        ("born 1993-02-17", [("date_of_birth", "1993-02-17")]),
        ("DOB 12 Mar 91, is my age a problem?", [("date_of_birth", "12 Mar 91")]),
        ("I was born on the 3rd of May, 1990", [("date_of_birth", "3rd of May, 1990")]),
        ("mi fecha de nac. es 30.01.1999", [("date_of_birth", "30.01.1999")]),
        ("mi CURP es GOMA910312MDFRRN08", [("hospital_number", "GOMA910312MDFRRN08")]),
        ("mi número de expediente es 2023-45871", [("hospital_number", "2023-45871")]),
        ("CP44100, ¿qué hospital me toca?", [("postcode", "44100")]),
        ("vivo en Calle 5 de Mayo 123, Puebla", [("address", "Calle 5 de Mayo 123")]),
        ("estoy en la calle hidalgo numero 45", [("address", "calle hidalgo numero 45")]),
        ("vivo en la Calle 10 # 45-20, Bogotá", [("address", "Calle 10 # 45-20")]),
        ("we live at 41 Meadow Way", [("address", "41 Meadow Way")]),
        ("I'm called Bethany Hughes", [("name", "Bethany Hughes")]),
        ("Hello, Zoe Patterson here, 34 weeks", [("name", "Zoe Patterson")]),
        ("Name: Chloe Williams. Question: can I fly?", [("name", "Chloe Williams")]),
        ("me llamo Valentina y mi apellido es Morales", [("name", "Morales")]),
        ("Atentamente: Paula Ortega", [("name", "Paula Ortega")]),
    ],
)
def test_details_written_in_other_ways_are_found(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I'm at work until 6pm, back at home. com is short for company",
        "I'm looking at gmail dot com for the leaflet",
        "Call the unit on 0300 123 4567 or 999",
        "Estoy de 28+3, tensión 120/80, cita el 15/03",
        "Me llamo Ana y estoy de 9 semanas",
        "mi nombre es lo de menos",
    ],
)
def test_lookalikes_of_the_new_formats_are_left_alone(text):
    assert kinds(text) == []
