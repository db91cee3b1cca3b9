"""Plain-language checks: scores, glossary, stored scores, the live check and the report."""

import pytest
from textstat.backend.metrics import flesch_kincaid_grade

from healthinfo.models import GlossaryTerm, ReadabilityScore, ReadabilityTarget, Section
from healthinfo.plain_language.analysis import GlossaryEntry, analyse, find_jargon
from healthinfo.plain_language.text import html_blocks
from healthinfo.tests.factories import make_article, make_user

PROSE = (
    "Your cervix is the neck of your womb. It usually stays closed until labour starts. "
    "Sometimes it opens too early, without pain, in the middle of pregnancy. "
    "This can lead to a baby being born too soon."
)
HARD = (
    "Cervical insufficiency, characterised by painless dilatation of the cervix in the "
    "second trimester in the absence of contractions, necessitates individualised "
    "management incorporating ultrasonographic surveillance and consideration of cerclage."
)


def test_the_english_grade_matches_textstat_on_ordinary_prose():
    report = analyse([PROSE], "en")
    assert report.score == pytest.approx(flesch_kincaid_grade(PROSE, "en"), abs=0.5)
    assert report.reading_age == pytest.approx(report.score + 5, abs=0.1)


def test_hard_clinical_prose_is_above_the_target_and_plain_prose_within_it():
    assert analyse([HARD], "en").above_target
    assert not analyse([PROSE], "en").above_target


def test_a_list_of_short_items_counts_as_short_sentences():
    blocks = html_blocks(
        "<p>Call us if you have:</p><ul><li>bleeding</li><li>fever</li>"
        "<li>pain</li><li>fluid leaking</li></ul>"
    )
    assert blocks == ["Call us if you have:", "bleeding", "fever", "pain", "fluid leaking"]
    assert analyse(blocks, "en").sentences == 5


def test_spanish_is_scored_with_inflesz_and_fernandez_huerta():
    easy = analyse(["El cuello del útero se abre antes de tiempo. Puede pasar sin dolor."], "es")
    hard = analyse(
        [
            "La insuficiencia cervical, caracterizada por la dilatación indolora del cuello "
            "uterino "
            "durante el segundo trimestre en ausencia de contracciones, requiere una vigilancia "
            "ecográfica individualizada y la consideración de un cerclaje profiláctico."
        ],
        "es",
    )
    assert easy.formula == "inflesz" and easy.fernandez_huerta is not None
    assert easy.score > 65 > hard.score
    assert hard.above_target and not easy.above_target
    assert str(hard.band) in {"very difficult", "somewhat difficult"}


def test_word_count_reading_time_longest_sentences_and_hardest_words():
    report = analyse([PROSE + " " + HARD], "en")
    assert report.words == len((PROSE + " " + HARD).split())
    assert report.reading_minutes == 1
    assert report.longest_sentences[0]["text"].startswith("Cervical insufficiency")
    assert report.longest_sentences[0]["words"] == 28
    words = [item["word"] for item in report.hard_words]
    assert "individualised" in words and "the" not in words


def test_a_glossary_term_is_flagged_only_when_the_page_does_not_explain_it():
    glossary = [GlossaryEntry("cerclage", ("cerclages",), ("stitch",))]
    assert find_jargon("You may need a cerclage.", glossary)[0]["plain"] == ["stitch"]
    assert find_jargon("You may need a cerclage (a stitch).", glossary) == []
    assert find_jargon("Cerclages are common.", glossary)[0]["found"] == "Cerclages"
    assert find_jargon("A cerclaged thing.", glossary) == []


@pytest.mark.django_db
def test_the_starter_glossary_is_there_in_both_languages():
    assert GlossaryTerm.objects.get(language="en", term="effacement").entry.plain[0] == "shortening"
    assert "stitch" in GlossaryTerm.objects.get(language="en", term="cerclage").plain_alternatives
    assert GlossaryTerm.objects.filter(language="es", term="cerclaje").exists()
    assert GlossaryTerm.objects.filter(language="es").count() >= 25


@pytest.mark.django_db(transaction=True)
def test_a_page_is_scored_when_it_changes_and_after_a_glossary_change_marked_out_of_date():
    # transaction=True empties the tables, the migrated starter glossary with them.
    GlossaryTerm.objects.get_or_create(
        language="en", term="cerclage", defaults={"plain_alternatives": "stitch"}
    )
    article = make_article("topic", sections=0)
    translation = article.translations.get()
    Section.objects.create(translation=translation, order=1, heading="What", body=f"<p>{HARD}</p>")
    score = ReadabilityScore.objects.get(translation=translation)
    assert score.score > 8 and "cerclage" in score.jargon and not score.stale
    GlossaryTerm.objects.create(language="en", term="trimester", plain_alternatives="three months")
    assert ReadabilityScore.objects.get(translation=translation).stale


@pytest.mark.django_db
def test_the_live_check_scores_posted_text_for_staff_only(client):
    url = "/admin/plain-language/check/"
    assert client.post(url, {"language": "en", "body": "<p>x</p>"}).status_code == 403
    client.force_login(make_user(groups=["Editors"]))
    data = client.post(url, {"language": "en", "body": [f"<p>{HARD}</p>"]}).json()
    assert data["above_target"] and data["jargon"][0]["term"] in {
        "cerclage",
        "cervical insufficiency",
    }
    assert client.post(url, {"language": "xx"}).status_code == 400
    huge = "<p>" + "a " * 300_000 + "</p>"
    assert client.post(url, {"language": "en", "body": huge}).status_code == 413


@pytest.mark.django_db
def test_the_report_lists_pages_above_their_target_first(client, django_assert_max_num_queries):
    ReadabilityTarget.objects.create(language="en", target=8)
    for number, body in enumerate([PROSE, HARD, PROSE, HARD]):
        article = make_article(f"page-{number}", title=f"Page {number}", sections=0)
        Section.objects.create(
            translation=article.translations.get(), order=1, heading="H", body=f"<p>{body}</p>"
        )
    from healthinfo.models import ArticleTranslation
    from healthinfo.plain_language.scoring import score_pages

    score_pages(ArticleTranslation.objects.all())
    client.force_login(make_user(groups=["Editors"]))
    with django_assert_max_num_queries(12):
        response = client.get("/admin/healthinfo/readabilityscore/")
    text = response.content.decode()
    assert text.index("Page 1") < text.index("Page 0") and text.index("Page 3") < text.index(
        "Page 2"
    )
    assert "Harder than the target (8)" in text


@pytest.mark.django_db
def test_the_check_page_shows_the_editor_and_works_without_javascript(client):
    client.force_login(make_user(groups=["Editors"]))
    page = client.get("/admin/plain-language/")
    assert b"data-health-editor" in page.content and b"plain-language.js" in page.content
    response = client.post("/admin/plain-language/", {"language": "en", "body": f"<p>{HARD}</p>"})
    assert b"harder than the target" in response.content


def scored_pages(*bodies):
    from healthinfo.models import ArticleTranslation
    from healthinfo.plain_language.scoring import score_pages

    articles = []
    for number, body in enumerate(bodies):
        article = make_article(f"page-{number}", title=f"Page {number}", sections=0)
        Section.objects.create(
            translation=article.translations.get(), order=1, heading="H", body=f"<p>{body}</p>"
        )
        articles.append(article)
    score_pages(ArticleTranslation.objects.all())
    return articles


@pytest.mark.django_db
def test_pages_above_their_target_can_be_filtered_in_the_article_list(client):
    ReadabilityTarget.objects.create(language="en", target=8)
    plain, hard = scored_pages(PROSE, HARD)
    unscored = make_article("unscored", title="Not scored yet")
    ReadabilityScore.objects.filter(translation__article=unscored).delete()
    assert list(
        ReadabilityScore.objects.above_target().values_list("translation__article", flat=True)
    ) == [hard.pk]
    client.force_login(make_user(groups=["Editors"]))
    listed = {}
    for value in ("above", "within", "unscored"):
        page = client.get("/admin/healthinfo/article/", {"plain_language": value}).content.decode()
        listed[value] = {a.slug for a in (plain, hard, unscored) if f">{a.slug}<" in page}
    assert listed == {"above": {"page-1"}, "within": {"page-0"}, "unscored": {"unscored"}}


@pytest.mark.django_db
def test_the_review_dashboard_lists_pages_harder_to_read_than_their_target(client):
    ReadabilityTarget.objects.create(language="en", target=8)
    scored_pages(PROSE, HARD)
    client.force_login(make_user(groups=["Editors"]))
    page = client.get("/admin/healthinfo/reviewassignment/dashboard/").content.decode()
    panel = page[page.index("Harder to read than the target") :]
    assert "Page 1" in panel and "Page 0" not in panel
    assert "/admin/healthinfo/readabilityscore/?target=above" in panel
