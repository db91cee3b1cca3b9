"""Editing a live page makes a draft; readers keep the published version until it is published."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from healthinfo.models import (
    Article,
    ArticleEvent,
    DraftFigure,
    DraftReference,
    DraftSection,
    DraftTranslation,
)
from healthinfo.services import discard_draft, publish, restore_version_as_draft, start_draft
from healthinfo.tests.factories import (
    add_figure,
    add_translation,
    edit_draft,
    make_published_article,
    make_user,
    publish_change,
    sign_off,
)
from healthinfo.tests.test_article_admin import draft_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(settings):
    article = make_published_article(
        "pre-eclampsia", title="Pre-eclampsia", alternate_names="Toxaemia", summary="High blood."
    )
    add_figure(article.translations.get(), alt_text="Blood pressure chart")
    publish(article)  # the figure, published
    article.refresh_from_db()
    return article


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("editor", groups=["Editors"]))
    return client


PER_READER = re.compile(r'(name="(?:csrfmiddlewaretoken|started)" value=")[^"]*"')


def reader_page(client, article, language="en"):
    """The article page as a new reader gets it, without the values that differ per reader."""
    cache.clear()
    html = Client().get(f"/{language}/articles/{article.slug}/").content.decode()
    return PER_READER.sub(r'\1…"', html)


def test_a_draft_starts_as_a_copy_of_every_part_of_the_live_page(live):
    draft, created = start_draft(live, "en", make_user())
    assert created
    english = live.translations.get()
    assert draft.content_key() == english.content_key()
    assert [s.heading for s in draft.sections.all()] == ["Section 1", "Section 2"]
    assert [r.title for r in draft.references.all()] == ["Reference 1"]
    assert [f.alt_text for f in draft.figures.all()] == ["Blood pressure chart"]
    assert live.events.filter(action=ArticleEvent.Action.DRAFT_STARTED).count() == 1
    # Starting again opens the same draft.
    assert start_draft(live, "en")[0] == draft


@pytest.mark.parametrize(
    "change",
    ["title", "alternate_names", "summary", "section", "new_section", "reference", "figure"],
)
def test_editing_any_part_changes_the_draft_and_never_the_public_page(client, live, change):
    before = reader_page(client, live)
    revision = Article.objects.get(pk=live.pk).draft_revision
    draft, _created = start_draft(live, "en")
    if change in ("title", "alternate_names", "summary"):
        setattr(draft, change, "Changed in the draft")
        draft.save()
    elif change == "section":
        section = draft.sections.first()
        section.body = "<p>Changed in the draft</p>"
        section.save()
    elif change == "new_section":
        DraftSection.objects.create(translation=draft, order=9, heading="Changed", body="x")
    elif change == "reference":
        DraftReference.objects.filter(translation=draft).delete()
        DraftReference.objects.create(translation=draft, order=1, title="Changed in the draft")
    elif change == "figure":
        figure = DraftFigure.objects.get(translation=draft)
        figure.alt_text = "Changed in the draft"
        figure.save()
    live.refresh_from_db()
    assert live.draft_revision > revision
    assert [d.language for d in live.pending_publication().changed] == ["en"]
    assert reader_page(client, live) == before
    assert "Changed in the draft" not in before
    assert live.versions.count() == 2


def test_publishing_the_signed_off_draft_shows_it_to_readers_as_a_new_version(client, live):
    edit_draft(live, title="Pre-eclampsia and HELLP", section={"body": "<p>New advice.</p>"})
    sign_off(live)
    versions = publish(live, make_user())
    assert [v.number for v in versions] == [3]
    page = reader_page(client, live)
    assert "Pre-eclampsia and HELLP" in page and "New advice." in page
    assert not DraftTranslation.objects.exists()
    # The previous version's permalink keeps the old text.
    old = client.get("/en/articles/pre-eclampsia/versions/2/").content.decode()
    assert "New advice." not in old and "Body of section 1 of Pre-eclampsia." in old


def test_a_draft_of_one_language_leaves_the_other_languages_as_they_are(client, live):
    add_translation(live, "es", title="Preeclampsia")
    publish(live)
    edit_draft(live, "es", title="Preeclampsia y HELLP")
    sign_off(live, scope="partial")  # a whole-page one would date every language anew
    english_before = live.translations.get(language="en").content_key()
    versions = publish(live)
    assert [v.language for v in versions] == ["es"]
    assert live.translations.get(language="en").content_key() == english_before
    assert "Preeclampsia y HELLP" in reader_page(client, live, "es")


def test_a_new_language_starts_as_an_empty_draft_and_goes_live_when_signed_off(client, live):
    draft, _created = start_draft(live, "es")
    assert draft.live_translation() is None
    draft.title = "Preeclampsia"
    draft.save()
    DraftReference.objects.create(translation=draft, order=1, title="Guía")
    assert "Preeclampsia" not in reader_page(client, live, "es")
    sign_off(live)
    publish(live)
    assert "Preeclampsia" in reader_page(client, live, "es")


def test_discarding_a_draft_keeps_the_live_page_and_is_audited(live):
    draft = edit_draft(live, title="Abandoned idea")
    editor = make_user()
    discard_draft(draft, editor)
    assert not live.drafts.exists()
    assert live.translations.get().title == "Pre-eclampsia"
    event = live.events.get(action=ArticleEvent.Action.DRAFT_DISCARDED)
    assert event.actor == editor


def test_discarding_a_draft_twice_is_a_clear_error(live):
    from django.core.exceptions import ValidationError

    draft = edit_draft(live, title="Abandoned idea")
    discard_draft(draft)
    with pytest.raises(ValidationError, match="already published or discarded"):
        discard_draft(draft)


def test_restoring_an_old_version_makes_a_draft_and_never_takes_the_page_down(client, live):
    publish_change(live, title="Changed title")
    restore_version_as_draft(live.versions.get(number=1), make_user())
    live.refresh_from_db()
    assert live.is_visible()
    assert "Changed title" in reader_page(client, live)
    assert live.drafts.get().title == "Pre-eclampsia"


def test_editors_see_live_and_draft_side_by_side_on_the_article_page(editor_client, live):
    draft = edit_draft(live, title="Pre-eclampsia and HELLP")
    body = editor_client.get(f"/admin/healthinfo/article/{live.pk}/change/").content.decode()
    assert "Live with draft" in body
    assert "Pre-eclampsia" in body and "Pre-eclampsia and HELLP" in body
    assert f"/admin/healthinfo/drafttranslation/{draft.pk}/preview/" in body
    assert f"/admin/healthinfo/drafttranslation/{draft.pk}/compare/" in body
    assert f"/admin/healthinfo/drafttranslation/{draft.pk}/discard/" in body
    assert "awaiting sign-off by a medical reviewer" in body


def test_edit_link_explains_the_draft_then_starts_it(editor_client, live):
    url = f"/admin/healthinfo/article/{live.pk}/drafts/en/start/"
    page = editor_client.get(url)
    assert "readers keep seeing the live page" in page.content.decode()
    assert not live.drafts.exists()  # a GET changes nothing
    response = editor_client.post(url)
    draft = live.drafts.get()
    assert response["Location"] == f"/admin/healthinfo/drafttranslation/{draft.pk}/change/"
    # Once it exists, the link opens it.
    assert editor_client.get(url)["Location"] == response["Location"]


def test_unknown_language_for_a_draft_is_404(editor_client, live):
    assert (
        editor_client.get(f"/admin/healthinfo/article/{live.pk}/drafts/xx/start/").status_code
        == 404
    )


def test_compare_shows_the_draft_against_the_live_version(editor_client, live):
    draft = edit_draft(live, section={"body": "<p>New &lt;advice&gt;.</p>"})
    body = editor_client.get(
        f"/admin/healthinfo/drafttranslation/{draft.pk}/compare/"
    ).content.decode()
    assert 'class="diff-added"' in body and "New &lt;advice&gt;." in body
    assert 'class="diff-removed"' in body and "Body of section 1 of Pre-eclampsia." in body


def test_discard_page_asks_then_discards(editor_client, live):
    draft = edit_draft(live, title="Abandoned")
    url = f"/admin/healthinfo/drafttranslation/{draft.pk}/discard/"
    assert "will be lost" in editor_client.get(url).content.decode()
    assert live.drafts.exists()
    editor_client.post(url)
    assert not live.drafts.exists()
    # The admin's own delete page leads to the same, audited, path.
    other = edit_draft(live, title="Another")
    response = editor_client.post(f"/admin/healthinfo/drafttranslation/{other.pk}/delete/")
    assert response["Location"] == f"/admin/healthinfo/drafttranslation/{other.pk}/discard/"
    assert live.drafts.exists()


def test_the_live_page_admin_is_read_only_for_everyone(client, live):
    client.force_login(make_user(superuser=True))
    english = live.translations.get()
    response = client.post(
        f"/admin/healthinfo/articletranslation/{english.pk}/change/",
        {"title": "Hijacked", "language": "en", "article": live.pk},
    )
    assert response.status_code == 403
    assert client.get("/admin/healthinfo/articletranslation/add/").status_code == 403
    english.refresh_from_db()
    assert english.title == "Pre-eclampsia"


def test_saving_a_draft_in_the_admin_changes_the_draft_only(editor_client, live):
    draft = edit_draft(live)
    data = draft_form(draft) | {"title": "New title", "sections-0-heading": "New heading"}
    response = editor_client.post(f"/admin/healthinfo/drafttranslation/{draft.pk}/change/", data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "New title"
    assert draft.sections.first().heading == "New heading"
    assert live.translations.get().title == "Pre-eclampsia"
    assert live.events.filter(action=ArticleEvent.Action.EDITED).exists()


def test_a_second_editor_saving_the_same_draft_is_refused_with_a_clear_message(client, live):
    draft = edit_draft(live)
    first, second = make_user("ana", groups=["Editors"]), make_user("ben", groups=["Editors"])
    opened_by_both = draft_form(draft)
    client.force_login(first)
    client.post(
        f"/admin/healthinfo/drafttranslation/{draft.pk}/change/",
        opened_by_both | {"title": "Ana's title"},
    )
    client.force_login(second)
    response = client.post(
        f"/admin/healthinfo/drafttranslation/{draft.pk}/change/",
        opened_by_both | {"title": "Ben's title", "sections-0-heading": "Ben's heading"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "ana saved this draft at" in body and "Your changes were not saved" in body
    draft.refresh_from_db()
    assert draft.title == "Ana's title"
    assert draft.sections.first().heading == "Section 1"


def test_a_save_that_lost_the_race_after_validation_writes_nothing(client, live, monkeypatch):
    """The check in the form can pass for both; the claim of the row in save_model cannot."""
    from healthinfo.admin.drafts import DraftTranslationForm

    draft = edit_draft(live)
    data = draft_form(draft) | {"title": "Late title", "sections-0-heading": "Late heading"}
    original_clean = DraftTranslationForm.clean

    def clean_then_someone_saves(form):
        cleaned = original_clean(form)
        DraftTranslation.objects.filter(pk=draft.pk).update(revision=draft.revision + 5)
        return cleaned

    monkeypatch.setattr(DraftTranslationForm, "clean", clean_then_someone_saves)
    client.force_login(make_user(groups=["Editors"]))
    response = client.post(
        f"/admin/healthinfo/drafttranslation/{draft.pk}/change/", data, follow=True
    )
    assert response.status_code == 200
    assert "Your changes were not saved" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title != "Late title"
    assert draft.sections.first().heading == "Section 1"


@pytest.mark.parametrize("opened", ["", "abc", "-1", "9" * 30])
def test_a_missing_or_forged_revision_is_a_form_error(editor_client, live, opened):
    draft = edit_draft(live)
    data = draft_form(draft) | {"opened_revision": opened, "title": "Sneaky"}
    response = editor_client.post(f"/admin/healthinfo/drafttranslation/{draft.pk}/change/", data)
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.title != "Sneaky"


def test_drafts_are_never_found_by_readers(client, live):
    edit_draft(live, title="Secret working title")
    assert "Secret" not in client.get("/en/search/?q=secret").content.decode()
    assert "Secret" not in client.get("/en/a-z/").content.decode()
    assert "Secret" not in client.get("/sitemap.xml").content.decode()


def test_publishing_a_draft_changes_the_updated_date_readers_see(live):
    before = live.translations.get().updated_at
    publish_change(live, title="Retitled")
    assert live.translations.get().updated_at > before
    assert live.translations.get().updated_at <= timezone.now()


def test_a_new_article_is_written_as_drafts_and_published_after_its_sign_off(editor_client):
    from healthinfo.tests.factories import make_category

    category = make_category()
    response = editor_client.post(
        "/admin/healthinfo/article/add/",
        {"slug": "anaemia", "category": category.pk, "review_interval_months": ""},
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="anaemia")
    page = editor_client.get(f"/admin/healthinfo/article/{article.pk}/change/").content.decode()
    assert "Add a page in English" in page
    editor_client.post(f"/admin/healthinfo/article/{article.pk}/drafts/en/start/")
    draft = article.drafts.get()
    data = draft_form(draft) | {
        "title": "Anaemia in pregnancy",
        "sections-TOTAL_FORMS": 1,
        "sections-0-order": 1,
        "sections-0-heading": "What is it?",
        "sections-0-anchor": "",
        "sections-0-body": "<p>Too few red blood cells.</p>",
        "references-TOTAL_FORMS": 1,
        "references-0-order": 1,
        "references-0-title": "Anaemia guideline",
        "references-0-year": 2023,
    }
    response = editor_client.post(f"/admin/healthinfo/drafttranslation/{draft.pk}/change/", data)
    assert response.status_code == 302
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="need a medical sign-off"):
        publish(article)
    sign_off(article)
    publish(article)
    article.refresh_from_db()
    assert article.is_visible()
    assert "Too few red blood cells." in reader_page(None, article)


def test_a_reviewer_sees_the_article_page_read_only_with_its_drafts(client, live):
    edit_draft(live, title="Pre-eclampsia and HELLP")
    client.force_login(make_user(groups=["Medical reviewers"]))
    body = client.get(f"/admin/healthinfo/article/{live.pk}/change/").content.decode()
    assert "Pre-eclampsia and HELLP" in body
    assert 'name="_publish"' not in body
    draft = live.drafts.get()
    assert client.get(f"/admin/healthinfo/drafttranslation/{draft.pk}/preview/").status_code == 200
    response = client.post(
        f"/admin/healthinfo/drafttranslation/{draft.pk}/change/", draft_form(draft)
    )
    assert response.status_code == 403
    assert client.post(f"/admin/healthinfo/drafttranslation/{draft.pk}/discard/").status_code == 403
    assert client.post(f"/admin/healthinfo/article/{live.pk}/drafts/es/start/").status_code == 403


@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_the_same_draft_at_the_same_moment_one_is_refused(monkeypatch):
    """
    Real concurrency (PostgreSQL): both saves pass validation against the same
    revision at once; the row claim lets one through and refuses the other.
    """
    import threading

    from django.db import connection

    from healthinfo.admin.drafts import DraftTranslationForm

    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time: the race needs PostgreSQL")
    article = make_published_article("topic", title="Old title")
    draft = edit_draft(article)
    url = f"/admin/healthinfo/drafttranslation/{draft.pk}/change/"
    opened = draft_form(draft)
    editors = {name: make_user(name, groups=["Editors"]) for name in ("ana", "ben")}
    assert all(editor.groups.exists() for editor in editors.values())
    barrier = threading.Barrier(2, timeout=20)
    original_clean = DraftTranslationForm.clean

    def clean_together(form):
        cleaned = original_clean(form)
        barrier.wait()  # both have checked the revision; now both try to save
        return cleaned

    monkeypatch.setattr(DraftTranslationForm, "clean", clean_together)
    pages = {}

    def save(name):
        try:
            client = Client()
            client.force_login(editors[name])
            response = client.post(url, opened | {"title": f"{name}'s title"}, follow=True)
            pages[name] = response.content.decode()
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(name,)) for name in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    draft.refresh_from_db()
    winner = draft.title.split("'")[0]
    loser = ({"ana", "ben"} - {winner}).pop()
    assert winner in editors
    assert "Your changes were not saved" in pages[loser]
    assert "Your changes were not saved" not in pages[winner]


def test_the_preview_of_a_draft_shows_the_drafts_own_figures(editor_client, live):
    draft = edit_draft(live)
    figure = draft.figures.get()
    figure.alt_text = "Chart of the draft"
    figure.save()
    body = editor_client.get(
        f"/admin/healthinfo/drafttranslation/{draft.pk}/preview/"
    ).content.decode()
    assert 'alt="Chart of the draft"' in body
    assert 'alt="Blood pressure chart"' not in body
