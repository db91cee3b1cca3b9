"""
The article editing page (one page per article and language): a new article
written on it, the order of its parts, uploads kept across errors, the live
preview, the plain-language check, and bad input sent through the page.
"""

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from healthinfo.models import Article, ArticleEvent, DraftTranslation
from healthinfo.tests.factories import (
    edit_draft,
    make_article,
    make_category,
    make_published_article,
    make_user,
)
from healthinfo.tests.test_article_admin import draft_form

pytestmark = pytest.mark.django_db

OFFICE_HTML = Path(__file__).parent / "office_html"
ADD = "/admin/healthinfo/drafttranslation/add/"


def change_url(draft):
    return f"/admin/healthinfo/drafttranslation/{draft.pk}/change/"


@pytest.fixture
def editor(client):
    client.force_login(make_user("ed", groups=["Editors"]))
    return client


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def empty_formsets(**counts):
    data = {}
    for prefix in ("sections", "references", "figures"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": counts.get(prefix, 0),
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    return data


def new_article_form(category, **fields):
    return {
        "title": "Anaemia in pregnancy",
        "slug": "",
        "alternate_names": "Low iron\nIron deficiency",
        "summary": "Anaemia means too few red blood cells.",
        "language": "en",
        "category": category.pk,
        **empty_formsets(sections=2, references=1),
        "sections-0-heading": "What is it?",
        "sections-0-body": "<p>Too few red blood cells.</p><ul><li>Tired</li><li>Pale</li></ul>",
        "sections-1-heading": "How is it treated?",
        "sections-1-body": "<p>Iron tablets.</p>",
        "references-0-title": "Anaemia guideline",
        "references-0-year": "2023",
        **fields,
    }


def image_bytes(size=(400, 300)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


def positions(html, *needles):
    return [html.index(needle) for needle in needles]


# --- One page, in the order editors think --------------------------------------------


def test_title_and_other_names_come_first_then_summary_then_the_parts(editor):
    draft = edit_draft(make_published_article("topic"))
    page = editor.get(change_url(draft)).content.decode()
    order = positions(
        page,
        'name="title"',
        'name="alternate_names"',
        'name="summary"',
        'name="sections-0-heading"',
        'name="references-0-title"',
        'name="figures-0-alt_text"',
    )
    assert order == sorted(order)
    assert "data-health-editor" in page  # the rich-text editor for section bodies
    assert 'name="_move" value="sections-1:up"' in page
    assert "data-plain-language-check" in page and "Flesch–Kincaid grade" in page


def test_a_new_article_is_written_on_one_page_as_a_draft_readers_cannot_see(editor, client):
    category = make_category()
    response = editor.post(ADD, new_article_form(category))
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    article = Article.objects.get(slug="anaemia-in-pregnancy")  # filled in from the title
    assert article.status == Article.Status.DRAFT and article.category == category
    draft = article.drafts.get()
    assert response["Location"] == change_url(draft)
    assert draft.language == "en" and draft.alternate_name_list == ["Low iron", "Iron deficiency"]
    assert [s.heading for s in draft.sections.all()] == ["What is it?", "How is it treated?"]
    assert [s.order for s in draft.sections.all()] == [1, 2]
    assert "<ul><li>Tired</li>" in draft.sections.first().body
    assert draft.references.get().title == "Anaemia guideline"
    assert not article.translations.exists()
    actions = set(article.events.values_list("action", flat=True))
    assert {ArticleEvent.Action.CREATED, ArticleEvent.Action.DRAFT_STARTED} <= actions
    assert client.get("/en/articles/anaemia-in-pregnancy/").status_code == 404


def test_a_new_article_in_spanish_gets_an_address_without_accents(editor):
    response = editor.post(
        ADD,
        new_article_form(make_category(), title="Anemia en el embarazo: qué hacer", language="es"),
    )
    assert response.status_code == 302
    draft = DraftTranslation.objects.get(article__slug="anemia-en-el-embarazo-que-hacer")
    assert draft.language == "es"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"slug": "topic"}, "Another article already has the address"),
        ({"title": "👶🏽 🤰", "slug": ""}, "Write the address in Latin letters"),
        ({"slug": "Not a slug!"}, "Enter a valid “slug”"),
        ({"title": ""}, "This field is required"),
    ],
)
def test_a_new_article_with_a_bad_title_or_address_is_a_form_error(editor, fields, message):
    make_article("topic")
    before = Article.objects.count()
    response = editor.post(ADD, new_article_form(make_category(), **fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Article.objects.count() == before


def test_only_editors_write_new_articles(client):
    for group in ("Medical reviewers", "Midwives"):
        client.force_login(make_user(group.lower().replace(" ", "-"), groups=[group]))
        assert client.get(ADD).status_code == 403
        assert client.post(ADD, new_article_form(make_category())).status_code == 403
    assert not Article.objects.exists()


def test_the_article_lists_add_button_leads_to_the_editing_page(editor):
    response = editor.get("/admin/healthinfo/article/add/")
    assert response.status_code == 302 and response["Location"] == ADD


def test_an_unpublished_articles_address_can_change_and_a_published_one_cannot(editor):
    draft_article = make_article("working-title", status=Article.Status.DRAFT)
    draft = edit_draft(draft_article)
    response = editor.post(change_url(draft), draft_form(draft) | {"slug": "final-title"})
    assert response.status_code == 302
    draft_article.refresh_from_db()
    assert draft_article.slug == "final-title"

    live = make_published_article("live-page")
    live_draft = edit_draft(live)
    page = editor.get(change_url(live_draft)).content.decode()
    assert 'name="slug"' not in page
    editor.post(change_url(live_draft), draft_form(live_draft) | {"slug": "renamed"})
    live.refresh_from_db()
    assert live.slug == "live-page"


# --- Order -----------------------------------------------------------------------------


def test_move_up_without_javascript_saves_the_swapped_order(editor):
    draft = edit_draft(make_published_article("topic"))  # two sections
    first, second = draft.sections.all()
    data = draft_form(draft) | {"_move": "sections-1:up"}
    response = editor.post(change_url(draft), data, follow=True)
    assert "Moved, and the draft is saved." in response.content.decode()
    assert [s.pk for s in draft.sections.order_by("order")] == [second.pk, first.pk]
    page = response.content.decode()
    assert page.index(second.heading) < page.index(first.heading)


def test_a_move_on_a_page_with_an_error_is_shown_in_its_new_order_unsaved(editor):
    draft = edit_draft(make_published_article("topic"))
    first, second = draft.sections.all()
    data = draft_form(draft) | {"_move": "sections-0:down", "title": ""}
    response = editor.post(change_url(draft), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index('value="Section 2"') < page.index('value="Section 1"')
    assert [s.pk for s in draft.sections.order_by("order")] == [first.pk, second.pk]


@pytest.mark.parametrize("move", ["sections-0:up", "sections-9:down", "nothing-0:up", "x", ""])
def test_a_move_at_an_end_or_of_nothing_changes_no_order(editor, move):
    draft = edit_draft(make_published_article("topic"))
    before = list(draft.sections.order_by("order").values_list("pk", flat=True))
    response = editor.post(change_url(draft), draft_form(draft) | {"_move": move})
    assert response.status_code in (200, 302)
    assert list(draft.sections.order_by("order").values_list("pk", flat=True)) == before


def test_a_new_section_goes_after_the_others(editor):
    draft = edit_draft(make_published_article("topic"))
    data = draft_form(draft) | {
        "sections-TOTAL_FORMS": 3,
        "sections-2-heading": "What happens next?",
        "sections-2-body": "<p>Follow-up.</p>",
        "sections-2-order": "",
    }
    assert editor.post(change_url(draft), data).status_code == 302
    assert [s.heading for s in draft.sections.order_by("order")][-1] == "What happens next?"


def test_a_blank_new_part_the_script_numbered_is_ignored(editor):
    draft = edit_draft(make_published_article("topic"))
    data = draft_form(draft) | {"sections-TOTAL_FORMS": 3, "sections-2-order": "3"}
    assert editor.post(change_url(draft), data).status_code == 302
    assert draft.sections.count() == 2


# --- Figures ---------------------------------------------------------------------------


def test_an_uploaded_figure_survives_an_error_elsewhere_on_the_page(editor, media):
    draft = edit_draft(make_published_article("topic"))
    upload = SimpleUploadedFile("scan.jpg", image_bytes(), "image/jpeg")
    data = draft_form(draft) | {
        "title": "",  # the error elsewhere
        "figures-TOTAL_FORMS": 1,
        "figures-0-alt_text": "A scan of the cervix",
        "figures-0-image": upload,
    }
    response = editor.post(change_url(draft), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "scan.jpg is kept while you fix the other errors" in page
    token = re.search(r'name="figures-0-image-kept" value="([^"]+)"', page)[1]
    data = draft_form(draft) | {
        "figures-TOTAL_FORMS": 1,
        "figures-0-alt_text": "A scan of the cervix",
        "figures-0-image-kept": token,
    }
    assert editor.post(change_url(draft), data).status_code == 302
    figure = draft.figures.get()
    assert figure.image.name.startswith("figures/") and figure.width == 400

    # Another editor cannot send the same kept file back.
    editor.force_login(make_user("someone-else", groups=["Editors"]))
    draft.refresh_from_db()
    data = draft_form(draft) | {
        "figures-TOTAL_FORMS": 2,
        "figures-1-alt_text": "Theirs",
        "figures-1-image-kept": token,
    }
    response = editor.post(change_url(draft), data)
    assert response.status_code == 200 and "could not be kept" in response.content.decode()


def test_a_figure_without_alt_text_is_refused_on_the_page(editor, media):
    draft = edit_draft(make_published_article("topic"))
    data = draft_form(draft) | {
        "figures-TOTAL_FORMS": 1,
        "figures-0-image": SimpleUploadedFile("scan.jpg", image_bytes(), "image/jpeg"),
        "figures-0-alt_text": "",
    }
    response = editor.post(change_url(draft), data)
    assert response.status_code == 200 and not draft.figures.exists()


# --- Bad input through the page -------------------------------------------------------------


def post_body(editor, draft, body, **extra):
    data = draft_form(draft) | {"sections-0-body": body, **extra}
    return editor.post(change_url(draft), data, follow=True)


@pytest.mark.parametrize("name", ["word_list_and_styles.html", "google_docs.html"])
def test_pasted_office_html_is_stored_clean(editor, name):
    draft = edit_draft(make_published_article("topic"))
    response = post_body(editor, draft, (OFFICE_HTML / name).read_text(encoding="utf-8"))
    assert response.status_code == 200
    body = draft.sections.order_by("order").first().body
    for trace in ("style=", "<span", "mso-", "<!--", "<o:p", "docs-internal", "<b "):
        assert trace not in body, trace
    assert "<li" in body


def test_script_and_event_handlers_never_reach_the_draft(editor):
    draft = edit_draft(make_published_article("topic"))
    hostile = (
        '<p onclick="alert(1)">Fine <a href="javascript:alert(2)">link</a></p>'
        "<script>alert(3)</script><svg onload=alert(4)></svg><iframe src=//x></iframe>"
    )
    post_body(editor, draft, hostile)
    body = draft.sections.order_by("order").first().body
    assert body.startswith("<p>Fine")
    for trace in ("onclick", "javascript:", "<script", "alert(3)", "onload", "<svg", "<iframe"):
        assert trace not in body, trace


def test_pasted_pictures_are_removed_with_a_message_that_says_where_they_go(editor):
    draft = edit_draft(make_published_article("topic"))
    response = post_body(
        editor, draft, '<p>Look:</p><p><img src="data:image/png;base64,iVBORw0KGgo=" alt=""></p>'
    )
    assert "<img" not in draft.sections.order_by("order").first().body
    assert "Pictures pasted into the text of" in response.content.decode()


def test_a_body_too_large_to_save_is_a_form_error_and_nothing_changes(editor):
    draft = edit_draft(make_published_article("topic"))
    before = draft.sections.order_by("order").first().body
    response = post_body(editor, draft, "<p>" + "word " * 120_000 + "</p>")  # 600 KB
    page = response.content.decode()
    assert response.status_code == 200 and "This text is too large to save" in page
    assert draft.sections.order_by("order").first().body == before


def test_a_five_megabyte_post_is_refused_with_a_page_that_says_why(editor):
    draft = edit_draft(make_published_article("topic"))
    before = draft.sections.order_by("order").first().body
    response = editor.post(
        change_url(draft), draft_form(draft) | {"sections-0-body": "x" * 5_000_000}
    )
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert draft.sections.order_by("order").first().body == before


@pytest.mark.parametrize("token", ["[[bed-rest", "see [[]] here", "[[Bad Slug!|x]]", "a ]] b"])
def test_a_broken_link_token_is_a_form_error_on_the_page(editor, token):
    draft = edit_draft(make_published_article("topic"))
    response = post_body(editor, draft, f"<p>{token}</p>")
    assert "written correctly" in response.content.decode() or "missing its" in (
        response.content.decode()
    )
    assert token not in draft.sections.order_by("order").first().body


def test_right_to_left_text_and_emoji_are_kept_and_bidi_overrides_removed(editor):
    draft = edit_draft(make_published_article("topic"))
    post_body(editor, draft, "<p>مرحبا 👶🏽 שלום \u202eevil</p>", title="Embarazo 🤰")
    draft.refresh_from_db()
    body = draft.sections.order_by("order").first().body
    assert "مرحبا 👶🏽 שלום" in body and "\u202e" not in body
    assert draft.title == "Embarazo 🤰"


# --- Preview and plain language -------------------------------------------------------------


def test_the_live_preview_shows_the_draft_in_a_frame_at_phone_width(editor):
    draft = edit_draft(make_published_article("topic"), title="Draft title")
    page = editor.get(f"/admin/healthinfo/drafttranslation/{draft.pk}/preview/live/?width=phone")
    html = page.content.decode()
    assert 'class="preview-frame width-phone"' in html
    assert f'src="/admin/healthinfo/drafttranslation/{draft.pk}/preview/"' in html
    preview = editor.get(f"/admin/healthinfo/drafttranslation/{draft.pk}/preview/")
    assert "Draft title" in preview.content.decode()
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    # Any other page still refuses to be framed.
    other = editor.get(change_url(draft))
    assert other["X-Frame-Options"] == "DENY"


def test_the_live_preview_knows_when_the_draft_was_saved(editor):
    draft = edit_draft(make_published_article("topic"))
    url = f"/admin/healthinfo/drafttranslation/{draft.pk}/revision/"
    before = editor.get(url).json()["revision"]
    editor.post(change_url(draft), draft_form(draft) | {"title": "Saved again"})
    assert editor.get(url).json()["revision"] > before
    assert editor.get("/admin/healthinfo/drafttranslation/999999/revision/").json()["gone"]


def test_the_preview_and_its_revision_are_for_staff_who_may_see_drafts(client):
    draft = edit_draft(make_published_article("topic"))
    client.force_login(make_user("mw", groups=["Midwives"]))
    for suffix in ("preview/live/", "revision/", "preview/"):
        response = client.get(f"/admin/healthinfo/drafttranslation/{draft.pk}/{suffix}")
        assert response.status_code == 403, suffix


def test_the_page_shows_the_drafts_plain_language_check_word_count_and_reading_time(editor):
    draft = edit_draft(
        make_published_article("topic"),
        section={"body": "<p>" + "The effacement of the cervix is measured. " * 40 + "</p>"},
    )
    page = editor.get(change_url(draft)).content.decode()
    assert re.search(r'data-result="words">\d{3}<', page)
    assert re.search(r'data-result="reading_minutes">\d+<', page)
    assert "effacement: say" in page  # a glossary term used without its plain words


def test_the_page_costs_the_same_for_a_long_article(editor, django_assert_max_num_queries):
    from healthinfo.tests.factories import add_translation

    short = edit_draft(make_published_article("short"))
    long_article = make_article("long", status=Article.Status.DRAFT, sections=0)
    add_translation(long_article, "es", title="Largo", sections=30)
    long = edit_draft(long_article, "es")
    editor.get(change_url(short))
    with django_assert_max_num_queries(24) as short_count:
        editor.get(change_url(short))
    with django_assert_max_num_queries(len(short_count.captured_queries)):
        editor.get(change_url(long))
