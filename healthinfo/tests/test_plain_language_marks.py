"""
The plain-language report of one page: its text as readers see it, with the
longest sentences and the hardest words marked (labelled for screen readers,
escaped), computed by the plain-language module.
"""

import re

import pytest

from healthinfo.models import Section, writing_live_content
from healthinfo.plain_language.analysis import analyse
from healthinfo.plain_language.highlight import highlight
from healthinfo.tests.factories import edit_draft, make_article, make_user

LONG = (
    "When the neck of the womb opens too early in the middle of a pregnancy without any pain "
    "or any other sign at all, the baby can be born much sooner than anyone would want."
)
SHORT = "Ask your midwife. She can help."
HARD_WORD = "ultrasonographic"


def marked(blocks):
    """The marks of ``highlight``'s blocks: long sentences and hard words, as text."""
    long, hard = [], []
    for block in blocks:
        for sentence in block.sentences:
            text = "".join(run.text for run in sentence.runs)
            if sentence.words:
                long.append((text.strip(), sentence.words))
            hard.extend(run.text for run in sentence.runs if run.syllables)
    return long, hard


def plain(blocks):
    return [
        "".join(run.text for sentence in block.sentences for run in sentence.runs)
        for block in blocks
    ]


def test_the_longest_sentences_and_hardest_words_are_marked_where_they_are():
    blocks = [
        ("heading", "Ultrasonographic checks"),
        ("text", f"{SHORT} {LONG} We will do an {HARD_WORD} scan."),
    ]
    report = analyse(blocks, "en")
    assert [item["text"] for item in report.longest_sentences] == [LONG]
    result = highlight(blocks, report)
    long, hard = marked(result)
    assert long == [(LONG, 35)]
    assert hard == ["Ultrasonographic", HARD_WORD]
    # Nothing is lost or moved: the runs are the text, in order.
    assert plain(result) == [text for _kind, text in blocks]
    assert [block.is_heading for block in result] == [True, False]


def test_a_page_without_long_sentences_or_hard_words_has_no_marks():
    blocks = [("text", SHORT)]
    assert marked(highlight(blocks, analyse(blocks, "en"))) == ([], [])


def test_spanish_marks_use_the_spanish_thresholds():
    sentence = (
        "Cuando el cuello del útero se abre demasiado pronto en mitad del embarazo sin dolor "
        "ni ninguna otra señal, el bebé puede nacer mucho antes de lo que nadie querría nunca."
    )
    blocks = [
        ("text", f"Pregunte a su matrona. {sentence} Haremos una vigilancia individualizada.")
    ]
    long, hard = marked(highlight(blocks, analyse(blocks, "es")))
    assert long == [(sentence, 31)]
    assert "individualizada" in hard


@pytest.fixture
def page():
    article = make_article("cervix", title="Cervical insufficiency", sections=0)
    translation = article.translations.get()
    with writing_live_content():
        Section.objects.create(
            translation=translation,
            order=1,
            heading="What is it?",
            body=(
                f"<p>{SHORT} {LONG}</p><p>An {HARD_WORD} scan &lt;script&gt;alert(1)&lt;/script&gt;"
                " checks A &amp; B.</p><ul><li>Fever</li></ul>"
            ),
        )
    return translation


@pytest.fixture
def editor_client(client):
    client.force_login(make_user(groups=["Editors"]))
    return client


def url(translation):
    return f"/admin/healthinfo/readabilityscore/page/{translation.pk}/"


@pytest.mark.django_db
def test_the_report_of_a_page_shows_its_text_with_the_findings_marked(editor_client, page):
    body = editor_client.get(url(page)).content.decode()
    long = re.search(
        r'<mark class="plain-language-long" title="([^"]+)">(.*?)</small></mark>', body
    )
    assert long.group(1) == "Long sentence: 35 words"
    assert long.group(2).startswith('<span class="visually-hidden">Long sentence: </span>When')
    assert "(35 words)" in long.group(2)
    assert (
        '<mark class="plain-language-hard" title="Hard word: 5 syllables">'
        f'<span class="visually-hidden">Hard word: </span>{HARD_WORD}</mark>'
    ) in body
    assert "<h3>What is it?</h3>" in body
    assert "<p>Fever</p>" in body
    assert "Ask your midwife. She can help. <mark" in body  # short sentences unmarked


@pytest.mark.django_db
def test_the_marked_text_is_escaped(editor_client, page):
    body = editor_client.get(url(page)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>alert(1)" not in body
    assert "A &amp; B." in body


@pytest.mark.django_db
def test_the_report_of_a_page_is_in_spanish_for_a_spanish_editor(editor_client, page):
    body = editor_client.get(url(page), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<span class="visually-hidden">Frase larga: </span>' in body
    assert 'title="Palabra difícil: 5 sílabas"' in body
    assert "La página publicada (Inglés), revisada ahora." in body


@pytest.mark.django_db
def test_the_report_lists_link_to_each_pages_marked_text(editor_client, page):
    from healthinfo.plain_language.scoring import score_translation

    score_translation(page)
    body = editor_client.get("/admin/healthinfo/readabilityscore/").content.decode()
    assert f'<a href="{url(page)}">Text with findings marked</a>' in body


@pytest.mark.django_db
def test_only_staff_who_see_the_report_see_a_page_and_an_unknown_page_is_a_404(client, page):
    assert client.get(url(page)).status_code == 302  # to the login page
    client.force_login(make_user(groups=["Midwives"]))
    assert client.get(url(page)).status_code == 403
    client.force_login(make_user(groups=["Editors"]))
    assert client.get(url(page)).status_code == 200
    assert client.get("/admin/healthinfo/readabilityscore/page/999999/").status_code == 404


@pytest.mark.django_db
def test_the_report_of_a_page_costs_a_fixed_number_of_queries(
    editor_client, page, django_assert_max_num_queries
):
    with writing_live_content():
        for order in range(2, 30):
            Section.objects.create(
                translation=page,
                order=order,
                heading=f"Part {order}",
                body=f"<p>Part {order}: {LONG}</p>",
            )
    with django_assert_max_num_queries(10):
        response = editor_client.get(url(page))
    assert response.content.decode().count('class="plain-language-long" title=') == 5


@pytest.mark.django_db
def test_the_editing_page_links_to_its_drafts_marked_text(editor_client, page):
    draft = edit_draft(page.article, section={"body": f"<p>{SHORT} {LONG} Draft words.</p>"})
    body = editor_client.get(f"/admin/healthinfo/drafttranslation/{draft.pk}/change/").content
    draft_url = f"/admin/healthinfo/readabilityscore/draft/{draft.pk}/"
    assert f'<a href="{draft_url}">' in body.decode()
    marked_draft = editor_client.get(draft_url).content.decode()
    assert "The draft (English) as last saved, checked now." in marked_draft
    assert "Draft words." in marked_draft
    assert 'title="Long sentence: 35 words"' in marked_draft
    assert "Draft words." not in editor_client.get(url(page)).content.decode()


@pytest.mark.django_db
def test_a_drafts_marked_text_needs_the_right_to_see_drafts(client, page):
    draft = edit_draft(page.article, title="Changed")
    draft_url = f"/admin/healthinfo/readabilityscore/draft/{draft.pk}/"
    client.force_login(make_user(groups=["Midwives"]))
    assert client.get(draft_url).status_code == 403
    client.force_login(make_user(groups=["Editors"]))
    assert client.get(draft_url).status_code == 200
    assert client.get("/admin/healthinfo/readabilityscore/draft/999999/").status_code == 404
