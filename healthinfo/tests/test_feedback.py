"""'Was this information useful?': one vote per session, plain-text reasons, admin counts."""

import pytest
from django.test import Client

from healthinfo.models import Article, Feedback
from healthinfo.tests.factories import add_translation, make_article, make_user

pytestmark = pytest.mark.django_db

URL = "/en/articles/topic/feedback/"


@pytest.fixture
def topic():
    return make_article("topic", title="Topic")


def test_page_offers_yes_and_no_and_a_feedback_page_that_works_without_javascript(client, topic):
    html = client.get("/en/articles/topic/").content.decode()
    assert "Was this information useful?" in html
    assert f'action="{URL}"' in html and 'method="post"' in html
    assert 'name="useful" value="yes"' in html and 'name="useful" value="no"' in html
    # The page is shared by every reader: the token comes from a small request (site.js),
    # and without JavaScript a link leads to the same form on a page of its own.
    assert 'data-reader-tokens="/en/forms/tokens/"' in html
    assert f'href="{URL}"' in html
    page = client.get(URL).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page and 'name="useful" value="no"' in page


def test_yes_vote_is_recorded_and_thanked(client, topic):
    response = client.post(URL, {"useful": "yes"})
    assert response.status_code == 302
    assert response["Location"] == "/en/articles/topic/#feedback"
    vote = Feedback.objects.get()
    assert vote.useful and vote.language == "en" and vote.reason == ""
    assert "Thank you for your feedback" in client.get("/en/articles/topic/").content.decode()


def test_no_vote_keeps_a_plain_text_reason(client, topic):
    client.post(URL, {"useful": "no", "reason": "  <b>Too</b>\x07 short\n\n<script>x</script> "})
    assert Feedback.objects.get().reason == "Too short x"


def test_reason_given_with_yes_is_not_kept(client, topic):
    client.post(URL, {"useful": "yes", "reason": "anything"})
    assert Feedback.objects.get().reason == ""


def test_one_vote_per_session_per_article(client, topic):
    other = make_article("other")
    client.post(URL, {"useful": "yes"})
    client.post(URL, {"useful": "no"})
    client.post("/en/articles/other/feedback/", {"useful": "no"})
    assert Feedback.objects.filter(article=topic).count() == 1
    assert Feedback.objects.filter(article=other).count() == 1


def test_another_browser_session_may_vote(topic):
    Client().post(URL, {"useful": "yes"})
    Client().post(URL, {"useful": "no"})
    assert Feedback.objects.count() == 2


def test_vote_without_csrf_token_is_refused(topic):
    response = Client(enforce_csrf_checks=True).post(URL, {"useful": "yes"})
    assert response.status_code == 403
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"useful": "maybe"},
        {"useful": "no", "reason": "x" * 301},
        {"useful": "no", "reason": "null\x00byte"},
    ],
)
def test_bad_votes_get_the_form_again_and_store_nothing(client, topic, data):
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "Was this information useful?" in response.content.decode()
    assert not Feedback.objects.exists()


def test_votes_on_unpublished_or_unknown_articles_are_not_found(client):
    make_article("draft", status=Article.Status.DRAFT)
    assert client.post("/en/articles/draft/feedback/", {"useful": "yes"}).status_code == 404
    assert client.post("/en/articles/nothing/feedback/", {"useful": "yes"}).status_code == 404


def test_other_methods_are_not_allowed(client, topic):
    assert client.put(URL).status_code == 405


def test_spanish_vote_is_recorded_in_spanish(client, topic):
    add_translation(topic, "es", title="Tema")
    client.post("/es/articles/topic/feedback/", {"useful": "no", "reason": "Falta información"})
    assert Feedback.objects.get().language == "es"
    assert "Gracias" in client.get("/es/articles/topic/").content.decode()


def test_admin_shows_counts_and_share_of_no_sortable(client, topic):
    other = make_article("other")
    for useful in (True, False, False, False):
        Feedback.objects.create(article=topic, language="en", useful=useful)
    Feedback.objects.create(article=other, language="en", useful=True)
    client.force_login(make_user(groups=["Editors"]))
    response = client.get("/admin/healthinfo/article/", {"o": "-8"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "75%" in html and "0%" in html
    assert html.index(">topic<") < html.index(">other<")
    ascending = client.get("/admin/healthinfo/article/", {"o": "8"}).content.decode()
    assert ascending.index(">other<") < ascending.index(">topic<")


def test_editors_can_read_feedback_reasons_but_not_change_them(client, topic):
    vote = Feedback.objects.create(article=topic, language="en", useful=False, reason="Unclear")
    client.force_login(make_user(groups=["Editors"]))
    assert "Unclear" in client.get("/admin/healthinfo/feedback/").content.decode()
    assert client.get("/admin/healthinfo/feedback/add/").status_code == 403
    client.force_login(make_user(groups=["Midwives"]))
    assert client.get(f"/admin/healthinfo/feedback/{vote.pk}/change/").status_code == 403


def test_a_feedback_post_of_megabytes_is_refused_with_413_before_it_is_read(client):
    make_article("bulky", title="Bulky")
    response = client.post("/en/articles/bulky/feedback/", {"useful": "no", "reason": "x" * 10**6})
    assert response.status_code == 413
    assert not Feedback.objects.exists()
