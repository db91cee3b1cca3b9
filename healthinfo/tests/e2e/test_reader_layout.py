"""
The reader's page on a phone and on a wide screen: a header that leaves room
for the text, text that reflows at every text size, the review state and its
notices at the top, the contents list beside the text, and the print view.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

ARTICLE = "/en/articles/cervical-insufficiency/"
OVERDUE = "/en/articles/ectopic-pregnancy/"  # last reviewed 1,245 days ago in the demo
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SMALL_PHONE = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}
TEXT_SIZES = 4  # the default and three steps up (site.js: MAX = 3)

HEADER_HEIGHT = "document.querySelector('.site-header').getBoundingClientRect().height"
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wider = [...document.querySelectorAll('body *')].filter((element) => {
    const rect = element.getBoundingClientRect();
    // Past the right edge (the honeypot field sits far off the left edge on purpose).
    return element.checkVisibility() && rect.width > 0 && rect.right > width + 0.5;
  });
  return {
    scrollWidth: document.documentElement.scrollWidth,
    width: width,
    wider: wider.slice(0, 5).map((element) => element.outerHTML.slice(0, 80)),
  };
}"""


def box(locator):
    found = locator.bounding_box()
    assert found is not None, locator
    return found


@pytest.mark.parametrize("path", [ARTICLE, "/es/articles/cervical-insufficiency/", "/en/"])
def test_phone_header_takes_at_most_a_quarter_of_the_screen(new_context, path):
    page = new_context(**PHONE).new_page()
    page.goto(path)
    height = page.evaluate(HEADER_HEIGHT)
    assert height <= 0.25 * 844, height
    # The search stays in view; the topics wait behind the menu button.
    expect(page.get_by_role("searchbox")).to_be_visible()
    expect(page.get_by_role("navigation", name=re.compile("Topics|Temas"))).to_be_hidden()


def test_menu_button_opens_the_topics_and_text_size_from_the_keyboard(new_context):
    page = new_context(**PHONE).new_page()
    page.goto(ARTICLE)
    menu = page.locator(".site-menu > summary")
    expect(menu).to_have_accessible_name("Menu")
    for _stop in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.site-menu > summary')"):
            break
    else:
        pytest.fail("the menu button is not reachable with Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    topics = page.get_by_role("navigation", name="Topics")
    expect(topics).to_be_visible()
    expect(topics.get_by_role("link", name="Early pregnancy")).to_be_visible()
    expect(page.get_by_role("group", name="Text size")).to_be_visible()
    # The open menu covers the page rather than pushing it down: the header keeps its height.
    assert page.evaluate(HEADER_HEIGHT) <= 0.25 * 844
    page.keyboard.press("Tab")  # into the menu
    page.keyboard.press("Escape")
    expect(topics).to_be_hidden()
    assert page.evaluate("document.activeElement.matches('.site-menu > summary')")


def test_menu_works_without_javascript(new_context):
    page = new_context(**PHONE, java_script_enabled=False).new_page()
    page.goto(ARTICLE)
    assert page.evaluate is not None  # the page itself runs no script; Playwright may
    page.get_by_text("Menu", exact=True).click()
    topics = page.get_by_role("navigation", name="Topics")
    topics.get_by_role("link", name="Early pregnancy").click()
    expect(page).to_have_url(re.compile(r"/en/categories/early-pregnancy/$"))


def test_wide_screen_shows_topics_and_text_size_without_a_menu_button(page):
    page.goto(ARTICLE)
    expect(page.locator(".site-menu > summary")).to_be_hidden()
    expect(
        page.get_by_role("navigation", name="Topics").get_by_role("link", name="Early pregnancy")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Larger text")).to_be_visible()


@pytest.mark.parametrize("device", [SMALL_PHONE, PHONE], ids=["320px", "390px"])
@pytest.mark.parametrize(
    "path", [ARTICLE, "/es/articles/cervical-insufficiency/", "/en/search/?q=weak+cervix"]
)
def test_text_reflows_at_every_text_size(new_context, device, path):
    page = new_context(**device).new_page()
    page.goto(path)
    width = device["viewport"]["width"]
    sizes = []
    for step in range(TEXT_SIZES):
        if step:
            page.locator(".site-menu > summary").click()
            page.get_by_role("button", name=re.compile("Larger text|Texto más grande")).click()
            page.locator(".site-menu > summary").click()  # closed again
        sizes.append(
            page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
        )
        found = page.evaluate(OVERFLOW)
        assert found["scrollWidth"] <= width and found["wider"] == [], (step, found)
        button = box(page.locator(".site-search button"))
        assert button["x"] >= 0 and button["x"] + button["width"] <= width, (step, button)
        field = box(page.get_by_role("searchbox"))
        assert field["width"] >= 80, (step, field)  # still a field one can type in
    assert sizes == sorted(set(sizes)) and len(sizes) == TEXT_SIZES, sizes


def test_overdue_page_says_so_under_the_title_before_the_text(new_context):
    page = new_context(**PHONE).new_page()
    page.goto(OVERDUE)
    title = box(page.get_by_role("heading", level=1))
    line = page.locator(".review-line")
    expect(line).to_contain_text(re.compile(r"^Reviewed \d{1,2} \w{3} \d{4} by "))
    expect(line).not_to_contain_text("Next review")
    notice = page.locator(".overdue-notice")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text("was due for medical review")
    expect(notice).to_be_in_viewport()  # seen before any scrolling, on a phone
    first_section = box(page.locator(".article-section").first)
    assert title["y"] < box(line)["y"] < box(notice)["y"] < first_section["y"]
    # The full review box is still at the end.
    assert box(page.locator(".review-box"))["y"] > first_section["y"]


def test_review_line_in_spanish(page):
    page.goto("/es/articles/cervical-insufficiency/")
    expect(page.locator(".review-line")).to_contain_text(
        re.compile(r"Revisado el \d{1,2} \w{3,4}\.? \d{4} por .+ · Próxima revisión en \d{4}")
    )


def test_contents_list_stays_beside_the_text_on_a_wide_screen(page):
    page.goto(ARTICLE)
    contents = page.get_by_role("navigation", name="On this page")
    text = page.locator(".article-text")
    assert box(contents)["x"] + box(contents)["width"] <= box(text)["x"]
    page.locator(".article-section").nth(3).scroll_into_view_if_needed()
    page.mouse.wheel(0, 600)
    expect(contents).to_be_in_viewport()
    assert box(contents)["y"] >= 0


def test_contents_list_is_inline_on_a_phone(new_context):
    page = new_context(**PHONE).new_page()
    page.goto(ARTICLE)
    contents = box(page.get_by_role("navigation", name="On this page"))
    first_section = box(page.locator(".article-section").first)
    assert contents["y"] + contents["height"] <= first_section["y"]
    assert abs(contents["x"] - first_section["x"]) < 1


def test_summary_is_dark_and_normal_weight(page):
    page.goto(ARTICLE)
    style = page.locator(".article .lead").evaluate(
        "(element) => [getComputedStyle(element).color, getComputedStyle(element).fontWeight]"
    )
    assert style == ["rgb(31, 45, 51)", "400"]


def test_print_view_keeps_the_essentials_and_writes_full_addresses(page, site):
    page.goto(ARTICLE)
    page.emulate_media(media="print")
    for hidden in (".site-header", ".contents", ".ask-question", ".feedback", ".site-footer nav"):
        expect(page.locator(hidden).first).to_be_hidden()
    for shown in ("h1", ".review-line", ".disclaimer", ".references", ".review-box"):
        expect(page.locator(shown).first).to_be_visible()
    after = """(element) => getComputedStyle(element, '::after').content"""
    internal = page.locator(".article-section a[href^='/']").first
    path = internal.get_attribute("href")
    assert internal.evaluate(after) == f'" ({site.url}{path})"'
    external = page.locator(".references a[href^='https://doi.org/']").first
    assert external.evaluate(after) == f'" ({external.get_attribute("href")})"'
    assert page.locator(".article-section a[href^='#']").count() == 0 or (
        page.locator(".article-section a[href^='#']").first.evaluate(after) == "none"
    )


def test_english_words_on_the_spanish_site_on_a_phone_show_the_english_results(new_context):
    page = new_context(**PHONE).new_page()
    page.goto("/es/")
    page.get_by_role("searchbox", name="Buscar artículos").fill("weak cervix")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/es/search/\?q=weak\+cervix$"))
    english = page.get_by_role("region", name="Resultados en inglés")
    first = english.locator(".search-results > li").first
    expect(first).to_have_attribute("lang", "en")
    expect(first.get_by_role("link").first).to_have_text("Cervical insufficiency")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_page_audit_finds_invalid_html_and_accessibility_faults(browser, site):
    # The audit every test runs at its end (conftest.py), on a page made faulty on purpose.
    from healthinfo.tests.e2e.checks import PageAudit

    audit = PageAudit()
    context = browser.new_context(base_url=site.url)
    audit.watch(context)
    broken = (
        '<!DOCTYPE html><html lang="en"><head><title>Broken</title></head><body><main>'
        '<a href="https://x.example/a&quot;b">link</a><img src="/static/favicon.svg">'
        "<p></div></main></body></html>"
    )
    page = context.new_page()
    page.route(
        f"{site.url}/en/broken/",
        lambda route: route.fulfill(status=200, content_type="text/html", body=broken),
    )
    page.goto("/en/broken/")
    page.goto("/admin/login/")  # staff pages are not audited
    context.close()
    problems = audit.problems(browser)
    assert list(problems) == ["visited-get-200-en-broken"]
    found = "\n".join(problems["visited-get-200-en-broken"])
    assert "HTML: " in found and "Illegal character in path segment" in found
    assert "Stray end tag" in found
    assert "axe: image-alt (critical)" in found
