"""
The emergency box fits what the reader wrote, and it is shown whatever happens to her post.
"""

import time

import pytest
from django.utils import translation

from comments.emergency import emergency_box, emergency_box_for_text
from comments.models import Question
from comments.tests.factories import form_data
from comments.tokens import form_token
from healthinfo.tests.factories import add_translation, make_article

pytestmark = pytest.mark.django_db

ASK = "/en/articles/stitch/questions/"
SUICIDAL = "Since we lost our daughter I keep thinking about ending it all."


@pytest.fixture
def article():
    article = make_article("stitch", title="Cervical stitch")
    add_translation(article, "es", title="Cerclaje")
    return article


def ask(client, path=ASK, **fields):
    return client.post(path, form_data(**fields))


def box_html(box):
    return " ".join(str(paragraph) for paragraph in box.paragraphs)


def test_thoughts_of_suicide_get_the_crisis_line_and_the_emergency_number(settings):
    settings.QUESTIONS_CRISIS_LINE_NUMBER = "116 123"
    box = emergency_box_for_text(SUICIDAL)
    assert box.category == "self_harm" and box.is_crisis
    html = box_html(box)
    assert '<a href="tel:116123">116 123</a>' in html and '<a href="tel:999">999</a>' in html
    assert "free and confidential" in html


def test_violence_at_home_gets_the_abuse_line(settings):
    settings.QUESTIONS_ABUSE_LINE_NUMBER = "0808 2000 247"
    box = emergency_box_for_text("My partner hit me in the stomach last night, I'm 20 weeks")
    assert box.category == "violence"
    assert '<a href="tel:08082000247">0808 2000 247</a>' in box_html(box)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("I haven't felt the baby move since this morning, 36 weeks", "movements"),
        ("My waters have gone at 33 weeks", "waters"),
        ("tightenings every 5 minutes at 31 weeks", "before 37 weeks"),
        ("worst headache of my life and blurry vision", "pre-eclampsia"),
    ],
)
def test_other_red_flags_get_advice_for_that_sign_and_the_maternity_unit(text, words):
    box = emergency_box_for_text(text)
    html = box_html(box)
    assert not box.is_crisis
    assert words in html and "maternity unit" in html and "tel:999" in html
    assert "crisis" not in html and "116" not in html


def test_no_box_without_a_red_flag():
    assert emergency_box_for_text("Can I eat brie?") is None


def test_the_box_is_in_the_readers_language():
    with translation.override("es"):
        box = emergency_box_for_text("quiero morirme")
        assert "gratuito y confidencial" in box_html(box)
        assert str(box.heading) == "No tiene que pasar por esto sola"


def test_each_site_sets_its_own_numbers_and_texts_per_language(settings):
    settings.EMERGENCY_PHONE_NUMBER = "112"
    settings.QUESTIONS_CRISIS_LINE_NUMBER = "024"
    settings.QUESTIONS_CRISIS_TEXT = {
        "en": "Call %(crisis_phone)s now & talk to us.",
        "es": "Llame al %(crisis_phone)s <ahora>.",
    }
    english = box_html(emergency_box("self_harm", "en"))
    spanish = box_html(emergency_box("self_harm", "es"))
    assert english == 'Call <a href="tel:024">024</a> now &amp; talk to us.'
    assert spanish == 'Llame al <a href="tel:024">024</a> &lt;ahora&gt;.'


# --- Shown whatever happens to the post --------------------------------------------------


def test_a_reader_who_writes_about_suicide_sees_the_crisis_box_on_the_article(client, article):
    response = ask(client, body=SUICIDAL)
    assert response.headers["Location"] == "/en/articles/stitch/#emergency"
    html = client.get("/en/articles/stitch/").content.decode()
    assert 'data-category="self_harm"' in html and "tel:116123" in html
    assert Question.objects.get().urgent_category == "self_harm"


def refused(response, status):
    html = response.content.decode()
    assert response.status_code == status, html[:300]
    assert not Question.objects.exists() or Question.objects.count() == 1
    return html


def test_the_box_shows_when_the_form_was_sent_too_fast(client, article):
    html = refused(ask(client, body=SUICIDAL, started=form_token(time.time())), 200)
    assert "That was very quick!" in html and 'data-category="self_harm"' in html


def test_the_box_shows_when_the_question_is_too_long(client, article):
    html = refused(ask(client, body="My waters have gone at 33 weeks. " + "x" * 2100), 200)
    assert "Please shorten your question" in html and 'data-category="waters"' in html


def test_the_box_shows_when_the_question_is_too_short(client, article):
    html = refused(ask(client, body="quiero morir"[:9]), 200)
    assert "a question needs at least" in html
    html = refused(ask(client, body="suicidal"), 200)  # eight letters, still a red flag
    assert 'data-category="self_harm"' in html


def test_the_box_shows_when_the_honeypot_was_filled(client, article):
    html = refused(ask(client, body=SUICIDAL, website="http://spam.example"), 200)
    assert 'data-category="self_harm"' in html


def test_the_box_shows_when_the_thread_is_closed(client, article):
    article.questions_closed = True
    article.save()
    html = refused(ask(client, body=SUICIDAL), 403)
    assert "Questions on this page are closed." in html and 'data-category="self_harm"' in html


def test_the_box_shows_when_the_same_question_was_already_sent(client, article):
    ask(client, body="I'm bleeding heavily at 20 weeks, soaked a pad")
    html = refused(ask(client, body="I'm bleeding heavily at 20 weeks, soaked a pad"), 200)
    assert "We already have this question" in html and 'data-category="bleeding"' in html


def test_the_box_shows_when_the_reader_hit_the_rate_limit(client, article, settings):
    settings.QUESTIONS_RATE_LIMIT = 1
    ask(client, body="Is it safe to swim at 30 weeks?")
    html = refused(ask(client, body=SUICIDAL), 429)
    assert "You have sent several questions" in html and 'data-category="self_harm"' in html


def test_the_box_shows_in_spanish_on_the_spanish_page(client, article):
    response = ask(
        client,
        path="/es/articles/stitch/questions/",
        body="quiero morirme",
        started=form_token(time.time()),
    )
    html = response.content.decode()
    assert 'data-category="self_harm"' in html and "No tiene que pasar por esto sola" in html


def test_a_refused_calm_question_shows_no_box(client, article):
    html = refused(ask(client, body="Can I swim?", started=form_token(time.time())), 200)
    assert 'id="emergency"' not in html


def test_a_huge_post_is_screened_only_as_far_as_a_question_can_go(client, article):
    # Just under the body cap (64 KB; a longer post is refused with 413 before screening).
    response = ask(client, body="a " * 30_000 + "I want to die")
    assert response.status_code == 200
    assert 'id="emergency"' not in response.content.decode()


@pytest.mark.parametrize(
    "body",
    [
        "I swallowed a whole packet of my sleeping tablets about an hour ago, 32 weeks.",
        "Me tomé 20 pastillas de lorazepam hace un rato, estoy de 30 semanas.",
    ],
)
def test_an_overdose_already_taken_gets_the_crisis_line(client, article, settings, body):
    settings.QUESTIONS_CRISIS_LINE_NUMBER = "116 123"
    box = emergency_box_for_text(body)
    assert box.category == "self_harm" and box.is_crisis
    ask(client, body=body)
    html = client.get("/en/articles/stitch/").content.decode()
    assert 'data-category="self_harm"' in html and "tel:116123" in html


def test_an_idiom_gets_no_crisis_line():
    assert emergency_box_for_text("This heartburn is killing me, what can I take?") is None
