"""Internal link tokens: rendered in the reader's language, refused when they lead nowhere."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from healthinfo.links import Target, find_tokens, render_links
from healthinfo.models import Article, Review, Section
from healthinfo.sanitize import clean_editor_html
from healthinfo.services import record_review
from healthinfo.tests.factories import add_translation, make_article, make_reviewer
from healthinfo.validation import publication_errors

pytestmark = pytest.mark.django_db

EVIDENCE = "Signed review form, scanned."

TARGETS = {"bed-rest": Target("/en/articles/bed-rest/", "Bed rest", "en")}


def test_token_renders_as_a_link_with_the_target_title():
    html = render_links("<p>See [[bed-rest]].</p>", TARGETS, language="en")
    assert html == '<p>See <a href="/en/articles/bed-rest/">Bed rest</a>.</p>'


def test_token_with_text_uses_that_text():
    html = render_links("<p>Try [[bed-rest|resting in bed]].</p>", TARGETS, language="en")
    assert html == '<p>Try <a href="/en/articles/bed-rest/">resting in bed</a>.</p>'


def test_target_in_another_language_is_marked_with_its_language():
    html = render_links("[[bed-rest]]", TARGETS, language="es")
    assert 'hreflang="en" lang="en"' in html


def test_unresolved_token_becomes_plain_text_and_is_logged(caplog):
    html = render_links("<p>See [[bedrest-60-NEW]] and [[gone|this page]].</p>", {}, language="en")
    assert html == "<p>See bedrest 60 NEW and this page.</p>"
    assert "bedrest-60-NEW" in caplog.text


@pytest.mark.parametrize(
    "body",
    [
        "[[bed-rest",
        "bed-rest]]",
        "[[]]",
        "[[ | ]]",
        '<a href="[[bed-rest]]">x</a>',
        "[[<script>alert(1)</script>]]",
        "[[bed-rest|<em>resting</em>]] [[",
        "[[[[bed-rest]]]]",
        "[[bed rest]]",
    ],
)
def test_no_raw_token_ever_reaches_readers(body):
    # Bodies are sanitised on save; rendering works on what is stored.
    html = render_links(clean_editor_html(body), TARGETS, language="en")
    assert "[[" not in html and "]]" not in html
    assert "<script" not in html


def test_title_of_target_is_escaped():
    targets = {"x": Target("/en/articles/x/", "<b>Bold</b> & co", "en")}
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in render_links("[[x]]", targets, language="en")


def test_tokens_are_found_with_their_text():
    tokens = find_tokens("[[a]] and [[b-c|words here]]")
    assert [(t.slug, t.text) for t in tokens] == [("a", ""), ("b-c", "words here")]


def test_page_links_to_the_target_in_the_readers_language(client):
    target = make_article("bed-rest", title="Bed rest")
    add_translation(target, "es", title="Reposo en cama")
    article = make_article("topic")
    spanish = add_translation(article, "es", title="Tema")
    Section.objects.create(translation=spanish, order=5, heading="Ver", body="<p>[[bed-rest]]</p>")
    html = client.get("/es/articles/topic/").content.decode()
    assert '<a href="/es/articles/bed-rest/">Reposo en cama</a>' in html


def test_page_shows_a_link_to_an_unpublished_article_as_text(client):
    make_article("secret", title="Secret", status=Article.Status.DRAFT)
    article = make_article("topic")
    Section.objects.create(
        translation=article.translations.get(), order=5, heading="See", body="<p>[[secret]]</p>"
    )
    html = client.get("/en/articles/topic/").content.decode()
    assert "[[secret]]" not in html and "/en/articles/secret/" not in html
    assert "<p>secret</p>" in html


def reviewed_draft_with(body):
    article = make_article("topic", status=Article.Status.DRAFT)
    Section.objects.create(
        translation=article.translations.get(), order=5, heading="See", body=body
    )
    record_review(article, make_reviewer(), outcome=Review.Outcome.NO_CHANGE, evidence=EVIDENCE)
    return article


def test_publication_is_refused_naming_each_bad_token():
    make_article("bed-rest")
    article = reviewed_draft_with("<p>[[bed-rest]] [[bedrest-60-NEW]] [[nope|here]]</p>")
    assert publication_errors(article) == [
        "English: the link [[bedrest-60-NEW]] in “See” does not lead to a published article.",
        "English: the link [[nope|here]] in “See” does not lead to a published article.",
    ]


def test_publication_accepts_links_to_published_articles_and_to_itself():
    make_article("bed-rest")
    assert publication_errors(reviewed_draft_with("<p>[[bed-rest]] [[topic]]</p>")) == []


def test_check_links_lists_broken_tokens_and_fails(capsys):
    article = make_article("topic")
    Section.objects.create(
        translation=article.translations.get(), order=5, heading="See", body="[[missing]]"
    )
    with pytest.raises(CommandError, match="1 unresolved"):
        call_command("check_links")
    assert "topic (en) · See: [[missing]]" in capsys.readouterr().out


def test_check_links_passes_when_every_token_resolves(capsys):
    make_article("bed-rest")
    article = make_article("topic")
    Section.objects.create(
        translation=article.translations.get(), order=5, heading="See", body="[[bed-rest]]"
    )
    make_article("draft", status=Article.Status.DRAFT)
    call_command("check_links")
    assert "Every link token" in capsys.readouterr().out


def test_demo_content_has_no_broken_links(capsys):
    call_command("load_demo", allow_production=True, verbosity=0)
    call_command("check_links")
    assert "Every link token" in capsys.readouterr().out


def test_link_to_an_article_hidden_for_being_long_overdue_is_plain_text(client, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.REVIEW_UNPUBLISH_AFTER_DAYS_OVERDUE = 30
    make_article("stale", title="Stale", next_review_due=timezone.localdate() - timedelta(days=31))
    article = make_article("topic")
    Section.objects.create(
        translation=article.translations.get(), order=5, heading="See", body="<p>[[stale]]</p>"
    )
    html = client.get("/en/articles/topic/").content.decode()
    assert "/en/articles/stale/" not in html and "<p>stale</p>" in html


def test_publish_service_refuses_a_broken_link_and_stays_a_draft():
    from django.core.exceptions import ValidationError

    from healthinfo import services

    article = reviewed_draft_with("<p>[[bedrest-60-NEW]]</p>")
    with pytest.raises(ValidationError) as error:
        services.publish(article)
    assert error.value.messages == [
        "English: the link [[bedrest-60-NEW]] in “See” does not lead to a published article."
    ]
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
