"""Journey 2: a reader in trouble is told to get help at once, before any midwife has read it."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_reader_who_is_bleeding_sees_the_emergency_box_as_soon_as_she_posts(page):
    page.goto("/en/articles/placenta-praevia/")
    expect(page.locator("#emergency")).to_have_count(0)

    page.get_by_label("Your question").fill("I'm 20 weeks and bleeding heavily")
    page.get_by_role("button", name="Send question").click()

    emergency = page.get_by_role("alert").filter(has_text="If you need help now")
    expect(emergency).to_be_visible()
    expect(emergency).to_contain_text("Bleeding in pregnancy")
    expect(emergency).to_contain_text("Call your maternity unit now, or 999 if it is an emergency")
    expect(emergency.get_by_role("link", name="999")).to_have_attribute("href", "tel:999")
    # The box is where the page lands, not somewhere below the fold.
    assert page.url.endswith("#emergency")
    expect(emergency).to_be_in_viewport()
    expect(page.locator("#your-questions")).to_contain_text("I'm 20 weeks and bleeding heavily")


def test_spanish_reader_who_is_bleeding_sees_the_emergency_box_in_spanish(new_context):
    page = new_context(locale="es-ES").new_page()
    page.goto("/es/articles/cervical-insufficiency/")

    page.get_by_label("Su pregunta").fill("Estoy de 20 semanas y estoy sangrando mucho")
    page.get_by_role("button", name="Enviar pregunta").click()

    emergency = page.get_by_role("alert").filter(has_text="Si necesita ayuda ahora")
    expect(emergency).to_be_in_viewport()
    expect(emergency.get_by_role("link", name="999")).to_have_attribute("href", "tel:999")


def test_reader_writing_about_suicidal_thoughts_sees_the_crisis_box(page):
    page.goto("/en/articles/cervical-insufficiency/")
    page.get_by_label("Your question").fill(
        "Since we lost our son at 21 weeks I keep thinking about ending it all. "
        "I don't see the point any more."
    )
    page.get_by_role("button", name="Send question").click()

    crisis = page.get_by_role("alert").filter(has_text="You do not have to face this alone")
    expect(crisis).to_be_in_viewport()
    expect(crisis).to_contain_text("free and confidential")
    expect(crisis.get_by_role("link", name="116 123")).to_have_attribute("href", "tel:116123")
    expect(crisis.get_by_role("link", name="999")).to_have_attribute("href", "tel:999")
    # Not the maternity advice meant for bleeding or waters.
    expect(crisis).not_to_contain_text("maternity unit")


def test_a_refused_post_still_shows_the_crisis_box(page):
    page.goto("/en/articles/cervical-insufficiency/")
    page.get_by_label("Your question").fill("I just want to die, I can't do this any more")
    page.get_by_label("Email (optional)").fill("not an email address")
    page.get_by_role("button", name="Send question").click()

    expect(page.get_by_text("Please check your email address")).to_be_visible()
    crisis = page.get_by_role("alert").filter(has_text="You do not have to face this alone")
    expect(crisis).to_be_visible()
    expect(crisis.get_by_role("link", name="116 123")).to_have_attribute("href", "tel:116123")
    # Her words are kept for her to send again.
    expect(page.get_by_label("Your question")).to_have_value(
        "I just want to die, I can't do this any more"
    )
