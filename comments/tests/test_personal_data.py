"""Personal details in questions are spotted so that a midwife removes them."""

import pytest

from comments.personal_data import find_personal_data, has_personal_data


def kinds(text):
    return [(finding.kind, finding.text) for finding in find_personal_data(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please email me at priya.k@example.com", [("email", "priya.k@example.com")]),
        ("Can someone ring me on 07700 900123?", [("phone", "07700 900123")]),
        ("My number is +44 (0)20 7946 0958", [("phone", "+44 (0)20 7946 0958")]),
        ("Llámeme al +34 612 34 56 78, por favor", [("phone", "+34 612 34 56 78")]),
        ("My hospital number is K4417823", [("number", "K4417823")]),
        ("NHS number 485 777 3456", [("phone", "485 777 3456")]),
        ("I live near SW1A 2AA", [("postcode", "SW1A 2AA")]),
        ("postcode m1 1ae", [("postcode", "m1 1ae")]),
    ],
)
def test_personal_details_are_found(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I'm 34 weeks, 2 days, and my blood pressure was 140/90 on 12/03/2024.",
        "My glucose was 7.8 at 2 hours and 5.3 fasting.",
        "I take B12 3 times a day and 10.000 IU of vitamin D.",
        "Between 2019 and 2024 I had 3 miscarriages.",
        "Estoy de 35 semanas y peso 68 kg.",
    ],
)
def test_ordinary_pregnancy_numbers_are_not_personal_details(text):
    assert not has_personal_data(text)


def test_findings_give_positions_in_the_text_and_do_not_overlap():
    text = "Call 07700 900123 or write to sam.t@example.com"
    findings = find_personal_data(text)
    assert [text[f.start : f.end] for f in findings] == ["07700 900123", "sam.t@example.com"]


def test_findings_have_readable_labels():
    (finding,) = find_personal_data("ring 07700 900123")
    assert str(finding.label) == "phone number"
