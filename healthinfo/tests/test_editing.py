"""The editor's fields and its article-link endpoint (healthinfo/editing/)."""

import pytest
from django import forms
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from healthinfo.editing.fields import HealthTextField, PlainSummaryField
from healthinfo.editing.widgets import HealthTextWidget
from healthinfo.models import Article
from healthinfo.tests.factories import add_translation, make_article, make_user

pytestmark = pytest.mark.django_db
URL = "/admin/editing/articles/"


class BodyForm(forms.Form):
    body = HealthTextField()
    summary = PlainSummaryField(required=False)


def test_a_five_megabyte_paste_is_refused_with_a_message_that_says_why():
    form = BodyForm({"body": "<p>" + "<img src='data:image/png;base64," + "A" * 5_000_000 + "'>"})
    assert not form.is_valid()
    message = form.errors["body"][0]
    assert "too large to save" in message and "pictures" in message and "MB" in message


def test_a_body_is_cleaned_on_the_server_whatever_the_browser_sent():
    form = BodyForm({"body": '<p onclick="x()">Rest <script>alert(1)</script><b>well</b></p>'})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["body"] == "<p>Rest <b>well</b></p>"


def test_a_body_of_only_empty_markup_counts_as_empty():
    form = BodyForm({"body": "<p>&nbsp;</p><p><br></p>"})
    assert not form.is_valid() and "body" in form.errors


@pytest.mark.parametrize(
    "body",
    ["<p>See [[bed rest!]]</p>", "<p>See [[bed-rest</p>", "<p>See bed-rest]] now</p>"],
)
def test_a_badly_written_link_token_is_a_form_error(body):
    form = BodyForm({"body": body})
    assert not form.is_valid()
    assert "[[" in " ".join(form.errors["body"])


def test_well_written_link_tokens_are_accepted():
    form = BodyForm({"body": "<p>See [[bed-rest]] and [[preterm-labour|early labour]].</p>"})
    assert form.is_valid(), form.errors


def test_a_pasted_summary_becomes_one_line_of_plain_text():
    form = BodyForm(
        {
            "body": "<p>x</p>",
            "summary": '<p class="MsoNormal">A <b>weak</b>\n cervix &amp; you</p>'
            "<script>x</script>",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["summary"] == "A weak cervix & you"


def test_the_widget_carries_its_configuration_and_our_own_scripts():
    html = HealthTextWidget(language="es").render("body", "<p>x</p>", {"id": "id_body"})
    assert "data-health-editor=" in html and "/admin/editing/articles/" in html
    media = str(HealthTextWidget().media)
    assert "healthinfo/editor/health-editor.js" in media
    assert "django_prose_editor/editor.js" in media
    assert "http://" not in media and "https://" not in media  # no CDN


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.text(max_size=300))
def test_any_body_gives_a_form_answer_never_an_exception(body):
    form = BodyForm({"body": body})
    if form.is_valid():
        assert "<script" not in form.cleaned_data["body"].lower()


@pytest.fixture
def articles():
    cervix = make_article(
        "cervical-insufficiency", title="Cervical insufficiency", alternate_names="Weak cervix"
    )
    add_translation(cervix, "es", title="Insuficiencia cervical")
    make_article("bed-rest", title="Bed rest")
    make_article("draft-page", title="Cervical draft", status=Article.Status.DRAFT)
    return cervix


def test_the_article_list_finds_published_articles_by_title_or_other_name(client, articles):
    client.force_login(make_user(groups=["Editors"]))
    found = client.get(URL, {"q": "weak cervix", "language": "en"}).json()["results"]
    assert found == [
        {"slug": "cervical-insufficiency", "title": "Cervical insufficiency", "language": "en"}
    ]
    slugs = [r["slug"] for r in client.get(URL, {"q": "cerv"}).json()["results"]]
    assert "draft-page" not in slugs  # drafts cannot be linked to


def test_the_article_list_names_articles_in_the_page_language_first(client, articles):
    client.force_login(make_user(groups=["Editors"]))
    found = client.get(URL, {"q": "cervical", "language": "es"}).json()["results"]
    assert found[0]["title"] == "Insuficiencia cervical" and found[0]["language"] == "es"


@pytest.mark.parametrize("group", [None, "Midwives"])
def test_the_article_list_is_for_staff_who_may_see_articles(client, articles, group):
    if group:
        client.force_login(make_user(groups=[group]))
    assert client.get(URL, {"q": "cerv"}).status_code == 403


def test_the_article_list_runs_a_fixed_number_of_queries(
    client, articles, django_assert_max_num_queries
):
    client.force_login(make_user(groups=["Editors"]))
    for number in range(30):
        make_article(f"extra-{number}", title=f"Cervix extra {number}")
    # session, user, user and group permissions, the search
    with django_assert_max_num_queries(5):
        response = client.get(URL, {"q": "cervi"})
    assert len(response.json()["results"]) == 20


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=500), language=st.text(max_size=8))
@example(query="cervi\x00x", language="\x00")
@example(query="\x00", language="en")
def test_any_query_answers_with_json(admin_client, query, language):
    response = admin_client.get(URL, {"q": query, "language": language})
    if "\x00" in query + language:  # refused as a malformed address (MalformedRequestMiddleware)
        assert response.status_code == 400
        return
    assert response.status_code == 200 and "results" in response.json()
