"""Search in readers' own words: the lay-term dictionary, partial matches, corrections."""

import pytest
from django.core.exceptions import ValidationError

from healthinfo.models import ArticleTranslation, LayTerm, Section
from healthinfo.search import search
from healthinfo.tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


def slugs(outcome, group="results"):
    ids = getattr(outcome, group).ids
    by_id = dict(ArticleTranslation.objects.filter(pk__in=ids).values_list("pk", "article__slug"))
    return [by_id[pk] for pk in ids]


def page(slug, title, text, *, summary="A page.", names="", language="en"):
    article = make_article(
        slug, title=title, summary=summary, alternate_names=names, sections=0, language=language
    )
    Section.objects.create(
        translation=article.translations.get(), order=1, heading="About", body=f"<p>{text}</p>"
    )
    return article


@pytest.fixture
def pages():
    page(
        "obstetric-cholestasis",
        "Obstetric cholestasis",
        "The main symptom is itching of the palms and soles, often worse at night.",
    )
    page(
        "gestational-diabetes",
        "Gestational diabetes",
        "High blood glucose that starts in pregnancy. You may feel thirsty.",
    )
    page(
        "preterm-labour",
        "Preterm labour",
        "A gush of fluid from your vagina may be your waters breaking.",
    )
    page("ectopic-pregnancy", "Ectopic pregnancy", "The egg implants in a fallopian tube.")


def test_the_dictionary_of_the_demo_topics_is_there_in_both_languages():
    assert LayTerm.objects.filter(language="en").count() > 50
    assert LayTerm.objects.filter(language="es").count() > 50
    itchy = LayTerm.objects.get(language="en", words__startswith="itchy\n")
    assert "itching" in itchy.means_list


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("itchy", "obstetric-cholestasis"),
        ("sugar", "gestational-diabetes"),
        ("waters", "preterm-labour"),
        ("tubal", "ectopic-pregnancy"),
    ],
)
def test_a_readers_word_finds_the_page_that_uses_the_medical_term(pages, query, expected):
    assert slugs(search(query, "en"))[:1] == [expected]


def test_an_entry_editors_add_works_at_once(pages, django_capture_on_commit_callbacks):
    assert slugs(search("oocyte", "en")) == []
    with django_capture_on_commit_callbacks(execute=True):
        LayTerm.objects.create(language="en", words="oocyte\nova", means="egg")
    assert slugs(search("oocyte", "en")) == ["ectopic-pregnancy"]
    with django_capture_on_commit_callbacks(execute=True):
        LayTerm.objects.filter(words__startswith="oocyte").delete()
    assert slugs(search("oocyte", "en")) == []


def test_a_multi_word_lay_phrase_is_one_concept(pages):
    LayTerm.objects.create(language="en", words="egg in the wrong place", means="ectopic")
    # "the" and "in" are small words; "egg wrong place" matches the phrase as a whole.
    assert slugs(search("my egg is in the wrong place", "en"))[:1] == ["ectopic-pregnancy"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"words": "", "means": "itching"}, "words"),
        ({"words": "itchy", "means": ""}, "means"),
        ({"words": "itchy", "means": "!!!"}, "means"),
        ({"words": "x" * 101, "means": "itching"}, "words"),
        ({"words": "\n".join(f"w{n}" for n in range(31)), "means": "itching"}, "words"),
    ],
)
def test_an_entry_without_real_words_is_refused_by_every_door(fields, field):
    with pytest.raises(ValidationError) as refused:
        LayTerm.objects.create(language="en", **fields)
    assert field in refused.value.message_dict
    assert not LayTerm.objects.filter(words=fields["words"], means=fields["means"]).exists()


def test_entries_are_tidied_one_phrase_per_line():
    term = LayTerm.objects.create(
        language="en", words="  itchy \n\nitchy\n scratchy  ", means="itching"
    )
    assert term.words == "itchy\nscratchy"


def test_editors_keep_the_dictionary_in_the_admin(client, django_capture_on_commit_callbacks):
    editor = make_user(groups=["Editors"])
    client.force_login(editor)
    assert client.get("/admin/healthinfo/layterm/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/healthinfo/layterm/add/",
            {
                "language": "en",
                "words": "preggers",
                "means": "pregnancy",
                "other_language_means": "",
            },
        )
    assert response.status_code == 302
    term = LayTerm.objects.get(words="preggers")
    assert (
        "“preggers” → preggers"
        in client.get(f"/admin/healthinfo/layterm/{term.pk}/change/").content.decode()
    )


def test_the_admin_explains_a_phrase_of_small_words_only(client):
    client.force_login(make_user(groups=["Editors"]))
    response = client.post(
        "/admin/healthinfo/layterm/add/",
        {"language": "en", "words": "it is\nsore", "means": "pain", "other_language_means": ""},
    )
    assert response.status_code == 200
    assert "can never match: it is" in response.content.decode()
    assert not LayTerm.objects.filter(means="pain", words__contains="sore").exists()


@pytest.mark.parametrize("group", ["Midwives", "Medical reviewers"])
def test_other_staff_cannot_change_the_dictionary(client, group):
    client.force_login(make_user(groups=[group]))
    assert client.get("/admin/healthinfo/layterm/add/").status_code == 403
    assert client.get("/admin/healthinfo/layterm/").status_code == 403


def test_pages_matching_most_words_come_when_none_matches_all(pages):
    outcome = search("itching palms tube", "en")
    assert outcome.results.complete == 0
    assert slugs(outcome)[:1] == ["obstetric-cholestasis"]


def test_pages_matching_every_word_come_before_those_matching_some(pages):
    outcome = search("fluid tube", "en")
    assert outcome.results.complete == 0
    page("both", "Tubes and fluid", "A tube full of fluid.")
    outcome = search("fluid tubes", "en")
    assert outcome.results.complete == 1
    assert slugs(outcome)[0] == "both"
    assert {"preterm-labour", "ectopic-pregnancy"} <= set(slugs(outcome)[1:])


def test_numbers_and_filler_words_are_not_needed(pages):
    outcome = search("really itchy at 32", "en")
    assert outcome.results.complete >= 1
    assert slugs(outcome)[0] == "obstetric-cholestasis"


def test_a_misspelling_that_finds_nothing_shows_the_corrected_results(client, pages):
    html = client.get("/en/search/", {"q": "cholestatis"}).content.decode()
    assert "Showing results for" in html and "<strong>cholestasis</strong>" in html
    assert "Obstetric cholestasis" in html
    assert 'href="/en/search/?q=cholestatis&amp;as_typed=1"' in html


def test_the_readers_own_words_can_still_be_searched(client, pages):
    html = client.get("/en/search/", {"q": "cholestatis", "as_typed": "1"}).content.decode()
    assert "Showing results for" not in html
    assert "0 results" in html


def test_a_misspelled_spanish_word_finds_the_english_only_page(client, pages):
    # "hiperemesiss" is near the Spanish spelling of an English word: the
    # correction comes from the English vocabulary.
    page("hyperemesis-gravidarum", "Hyperemesis gravidarum", "Severe sickness.")
    html = client.get("/es/search/", {"q": "hiperemesiss"}).content.decode()
    assert "Resultados en inglés" in html and "Hyperemesis gravidarum" in html
    assert "Mostrando resultados de" in html or "¿Quiso decir" in html


def test_a_word_no_page_uses_and_nothing_resembles_gets_no_suggestion(client, pages):
    html = client.get("/en/search/", {"q": "qwxzv"}).content.decode()
    assert "Did you mean" not in html and "Showing results for" not in html
    assert "No articles matched" in html


def test_a_word_in_a_title_counts_among_the_words_a_page_matches(pages):
    # Three words, no page with all: the page with one in its title and one in
    # its text (two) comes before the page with one.
    outcome = search("cholestasis night tube", "en")
    assert outcome.results.complete == 0
    assert outcome.results.best == 2
    assert slugs(outcome)[:2] == ["obstetric-cholestasis", "ectopic-pregnancy"]


def test_two_words_no_page_has_together_find_the_pages_with_either(pages):
    outcome = search("glucose tube", "en")
    assert outcome.results.complete == 0 and outcome.results.best == 1
    assert set(slugs(outcome)) == {"gestational-diabetes", "ectopic-pregnancy"}
