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
    expect(emergency).to_contain_text("Call 999 or your maternity unit now")
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
