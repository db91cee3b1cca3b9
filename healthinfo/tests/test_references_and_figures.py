"""References in one citation style; figures validated with Pillow and shown as <figure>."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from healthinfo.models import Figure, Reference
from healthinfo.models.articles import validate_figure_image, writing_live_content
from healthinfo.tests.factories import add_figure, make_article

pytestmark = pytest.mark.django_db


def reference(**fields):
    values = {
        "authors": "Roe J, Medina M",
        "title": "Cerclage for cervical insufficiency",
        "source": "Obstet Gynecol",
        "year": 2019,
        "volume": "133",
        "issue": "4",
        "pages": "770-778",
    }
    values.update(fields)
    return Reference(**values)


def test_citation_follows_the_site_style():
    assert reference().citation == (
        "Roe J, Medina M. Cerclage for cervical insufficiency. Obstet Gynecol. 2019;133(4):770-778."
    )


def test_citation_leaves_out_missing_parts_without_stray_punctuation():
    assert reference(authors="", volume="", issue="", pages="", source="NHS").citation == (
        "Cerclage for cervical insufficiency. NHS. 2019."
    )
    assert reference(title="Is it safe?", source="", year=None).citation == (
        "Roe J, Medina M. Is it safe? 133(4):770-778."
    )


def test_doi_is_stored_bare_and_linked():
    ref = reference(doi="https://doi.org/10.1097/AOG.0000000000003183", pmid=" 30870267 ")
    ref.clean()
    assert ref.doi == "10.1097/AOG.0000000000003183"
    assert ref.doi_url == "https://doi.org/10.1097/AOG.0000000000003183"
    assert ref.pubmed_url == "https://pubmed.ncbi.nlm.nih.gov/30870267/"


@pytest.mark.parametrize(("field", "value"), [("pmid", "abc"), ("doi", "not-a-doi")])
def test_malformed_identifiers_are_refused(field, value):
    with pytest.raises(ValidationError) as error:
        reference(**{field: value}).clean()
    assert field in error.value.message_dict


def test_page_shows_references_with_links_and_accessed_date(client):
    article = make_article("topic", references=0)
    translation = article.translations.get()
    ref = reference(
        translation=translation,
        doi="10.1097/AOG.0000000000003183",
        pmid="30870267",
        url="https://example.org/guideline",
        accessed_on=date(2024, 6, 1),
    )
    ref.save()
    html = client.get("/en/articles/topic/").content.decode()
    assert f'<span class="citation">{ref.citation}</span>' in html
    assert 'href="https://doi.org/10.1097/AOG.0000000000003183"' in html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/30870267/"' in html
    assert "(accessed 1 June 2024)" in html


def image_file(image_format="PNG", size=(20, 10), name="diagram.png"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP"])
def test_common_image_types_are_accepted(image_format):
    validate_figure_image(image_file(image_format))


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("fake.png", b"<svg onload=alert(1)>"),
        SimpleUploadedFile("empty.png", b""),
        SimpleUploadedFile("script.png", b"#!/bin/sh\nrm -rf /\n"),
    ],
)
def test_files_that_are_not_images_are_refused(upload):
    with pytest.raises(ValidationError, match="JPEG, PNG or WebP"):
        validate_figure_image(upload)


def test_other_image_types_are_refused():
    with pytest.raises(ValidationError, match="JPEG, PNG or WebP"):
        validate_figure_image(image_file("GIF", name="animation.gif"))


def test_images_with_too_many_pixels_are_refused():
    with pytest.raises(ValidationError, match="4000"):
        validate_figure_image(image_file(size=(4001, 10)))


def test_images_over_the_byte_limit_are_refused(settings):
    upload = image_file()
    upload.size = 6 * 1024 * 1024
    with pytest.raises(ValidationError, match="5 MB"):
        validate_figure_image(upload)


def test_figure_without_alt_text_fails_model_validation():
    translation = make_article().translations.get()
    figure = Figure(translation=translation, order=1, image=image_file(), alt_text="")
    with pytest.raises(ValidationError) as error:
        figure.full_clean()
    assert "alt_text" in error.value.message_dict


def test_uploaded_figure_records_its_size_and_renders_as_a_figure(client):
    translation = make_article("topic").translations.get()
    Figure.objects.create(
        translation=translation,
        order=1,
        image=image_file(size=(40, 30)),
        alt_text="The cervix with a stitch",
        caption="A cervical stitch",
        credit="HealthInfo",
    )
    html = client.get("/en/articles/topic/").content.decode()
    assert 'alt="The cervix with a stitch" width="40" height="30"' in html
    assert "<figcaption" in html and "A cervical stitch" in html and "Credit: HealthInfo" in html


def test_figure_text_is_escaped(client):
    translation = make_article("topic").translations.get()
    add_figure(translation, alt_text='"><script>alert(1)</script>', caption="<b>x</b>")
    html = client.get("/en/articles/topic/").content.decode()
    assert "<script>alert(1)" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


@pytest.mark.parametrize(
    ("doi", "url"),
    [
        ("10.1097/AOG.0000000000003183", "https://doi.org/10.1097/AOG.0000000000003183"),
        ("10.1097/AOG.0000000000003183", "http://dx.doi.org/10.1097/aog.0000000000003183"),
        ("", "https://doi.org/10.1097/AOG.0000000000003183"),
        ("", "https://doi.org/10.1097%2FAOG.0000000000003183"),
    ],
)
def test_a_doi_org_address_shows_the_doi_once_as_a_link(client, doi, url):
    article = make_article("topic", references=0)
    translation = article.translations.get(language="en")
    with writing_live_content():
        translation.references.create(title="Cerclage", doi=doi, url=url)
    html = client.get("/en/articles/topic/").content.decode()
    references = html[html.index('id="references-heading"') :]
    references = references[: references.index("</section>")]
    assert references.count("<a ") == 1
    assert references.lower().count("10.1097/aog.0000000000003183") == 2  # href and text
    assert (
        '<a class="doi" href="https://doi.org/10.1097/AOG.0000000000003183">'
        "doi:10.1097/AOG.0000000000003183</a>"
    ) in references


def test_an_address_elsewhere_is_shown_beside_the_doi(client):
    article = make_article("topic", references=0)
    translation = article.translations.get(language="en")
    with writing_live_content():
        translation.references.create(
            title="Cerclage", doi="10.1097/AOG.0000000000003183", url="https://www.nhs.uk/cerclage/"
        )
    html = client.get("/en/articles/topic/").content.decode()
    assert ">doi:10.1097/AOG.0000000000003183</a>" in html
    assert (
        '<a class="shows-address" href="https://www.nhs.uk/cerclage/">'
        "https://www.nhs.uk/cerclage/</a>"
    ) in html


def test_a_different_doi_in_the_address_is_not_hidden():
    ref = reference(doi="10.1000/one", url="https://doi.org/10.1000/two")
    assert ref.shown_doi == "10.1000/one"
    assert ref.shown_url == "https://doi.org/10.1000/two"
