"""English and Spanish pages: toggle, hreflang, lang attributes and outdated translations."""

import pytest

from healthinfo.models import ArticleTranslation, Reference, Section
from healthinfo.tests.factories import add_translation, make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def bilingual():
    article = make_article("cervical-insufficiency", title="Cervical insufficiency")
    english = article.translations.get()
    add_translation(article, "es", title="Insuficiencia cervical", source_revision=english.revision)
    return article


def test_toggle_links_to_the_same_article_in_the_other_language(client, bilingual):
    html = client.get("/en/articles/cervical-insufficiency/").content.decode()
    assert '<a href="/es/articles/cervical-insufficiency/" hreflang="es" lang="es">' in html


def test_toggle_without_a_translation_goes_to_that_languages_home_with_a_message(client):
    make_article("english-only")
    html = client.get("/en/articles/english-only/").content.decode()
    assert '<a href="/es/?untranslated=1" hreflang="es" lang="es">' in html
    spanish_home = client.get("/es/?untranslated=1").content.decode()
    assert "todavía no está disponible en este idioma" in spanish_home


def test_alternate_links_name_each_language_and_a_default(client, bilingual):
    html = client.get("/es/articles/cervical-insufficiency/").content.decode()
    base = "http://testserver"
    assert f'hreflang="en" href="{base}/en/articles/cervical-insufficiency/"' in html
    assert f'hreflang="es" href="{base}/es/articles/cervical-insufficiency/"' in html
    assert f'hreflang="x-default" href="{base}/en/articles/cervical-insufficiency/"' in html
    assert '<html lang="es">' in html


def test_alternate_links_leave_out_missing_languages(client):
    make_article("english-only")
    html = client.get("/en/articles/english-only/").content.decode()
    assert 'rel="alternate" hreflang="es"' not in html


def test_spanish_page_made_from_the_current_english_page_has_no_notice(client, bilingual):
    html = client.get("/es/articles/cervical-insufficiency/").content.decode()
    assert "outdated-notice" not in html


def test_changing_an_english_section_marks_the_spanish_page_outdated(
    client, bilingual, django_capture_on_commit_callbacks
):
    english = bilingual.translations.get(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        Section.objects.create(translation=english, order=9, heading="New", body="<p>New.</p>")
    assert list(ArticleTranslation.objects.outdated()) == [
        bilingual.translations.get(language="es")
    ]
    html = client.get("/es/articles/cervical-insufficiency/").content.decode()
    assert "outdated-notice" in html
    assert '<a href="/en/articles/cervical-insufficiency/" hreflang="en" lang="en">' in html
    assert "Leer la página en inglés" in html
    # English readers never see the notice.
    assert (
        "outdated-notice" not in client.get("/en/articles/cervical-insufficiency/").content.decode()
    )


@pytest.mark.parametrize("change", ["title", "reference", "delete_section"])
def test_every_kind_of_english_change_raises_the_revision(bilingual, change):
    english = bilingual.translations.get(language="en")
    before = english.revision
    if change == "title":
        english.title = "Cervical insufficiency (weak cervix)"
        english.save()
    elif change == "reference":
        Reference.objects.create(translation=english, order=5, title="New source")
    else:
        english.sections.first().delete()
    english.refresh_from_db()
    assert english.revision > before


def test_saving_without_changes_keeps_the_revision(bilingual):
    english = bilingual.translations.get(language="en")
    before = english.revision
    english.save()
    english.refresh_from_db()
    assert english.revision == before


def test_a_section_edit_moves_the_page_updated_date(bilingual):
    from datetime import timedelta

    from django.utils import timezone

    english = bilingual.translations.get(language="en")
    long_ago = timezone.now() - timedelta(days=100)
    ArticleTranslation.objects.filter(pk=english.pk).update(updated_at=long_ago)
    section = english.sections.first()
    section.heading = "What is it, exactly?"
    section.save()
    english.refresh_from_db()
    assert english.updated_at > long_ago + timedelta(days=99)
