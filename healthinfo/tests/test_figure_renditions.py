"""Responsive figure renditions and uploads kept across a form error (healthinfo/figures/)."""

import io
from datetime import timedelta

import pytest
from django import forms
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from healthinfo.figures.renditions import make_renditions, planned_widths
from healthinfo.figures.services import ensure_renditions
from healthinfo.figures.uploads import KeptImageField, keep, purge_kept_uploads
from healthinfo.models import Figure, FigureRenditions
from healthinfo.tests.factories import make_article


def image_bytes(size=(1500, 1000), mode="RGB", image_format="JPEG"):
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 30, 30, 128) if mode == "RGBA" else (200, 30, 30)).save(
        buffer, image_format
    )
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_widths_never_exceed_the_original():
    assert planned_widths(1500) == [320, 640, 960, 1280, 1500]
    assert planned_widths(200) == [200]
    assert planned_widths(4000)[-1] == 1920


def test_renditions_are_webp_with_a_jpeg_or_png_fallback_and_no_metadata():
    made = make_renditions(io.BytesIO(image_bytes()))
    assert {(r.width, r.format) for r in made} >= {(320, "webp"), (320, "jpeg"), (1500, "webp")}
    assert all(Image.open(io.BytesIO(r.content)).info.get("exif") is None for r in made)
    transparent = make_renditions(io.BytesIO(image_bytes((400, 300), "RGBA", "PNG")))
    assert {r.format for r in transparent} == {"webp", "png"}


@pytest.mark.django_db(transaction=True)
def test_renditions_are_made_once_at_upload_and_shown_with_srcset(client):
    article = make_article("topic")
    figure = Figure.objects.create(
        translation=article.translations.get(),
        image=SimpleUploadedFile("photo.jpg", image_bytes(), "image/jpeg"),
        alt_text="A scan of the cervix",
    )
    stored = FigureRenditions.objects.get(source=figure.image.name)
    assert len(stored.items) == 10
    assert ensure_renditions(figure.image.name).pk == stored.pk  # not made twice
    page = client.get("/en/articles/topic/").content.decode()
    assert '<source type="image/webp" srcset="' in page and " 320w" in page
    assert 'sizes="(min-width: 800px) 736px' in page and 'alt="A scan of the cervix"' in page


@pytest.mark.django_db
def test_an_unreadable_image_gets_no_renditions_and_the_page_shows_the_original():
    assert ensure_renditions("figures/missing.png") is None


class FigureForm(forms.Form):
    image = KeptImageField()
    alt_text = forms.CharField()


def test_an_upload_survives_an_error_in_another_field():
    upload = SimpleUploadedFile("scan.jpg", image_bytes((400, 300)), "image/jpeg")
    first = FigureForm({"alt_text": ""}, {"image": upload})
    assert not first.is_valid() and "alt_text" in first.errors
    html = str(first["image"])
    assert "scan.jpg is kept" in html
    token = html.split('name="image-kept" value="')[1].split('"')[0]
    second = FigureForm({"alt_text": "A scan", "image-kept": token}, {})
    assert second.is_valid(), second.errors
    assert second.cleaned_data["image"].name == "scan.jpg"
    assert second.cleaned_data["image"].read(2) == b"\xff\xd8"


def test_a_forged_or_expired_reference_is_a_clear_form_error(settings):
    form = FigureForm({"alt_text": "x", "image-kept": "uploads-pending/../../etc/passwd"}, {})
    assert not form.is_valid() and "could not be kept" in form.errors["image"][0]


def test_an_upload_that_is_not_an_image_is_never_kept():
    upload = SimpleUploadedFile("scan.jpg", b"not an image", "image/jpeg")
    form = FigureForm({"alt_text": ""}, {"image": upload})
    assert not form.is_valid()
    assert "image-kept" not in str(form["image"])


def test_kept_files_older_than_a_day_are_purged():
    token = keep(SimpleUploadedFile("a.png", image_bytes((10, 10), image_format="PNG")))
    assert token
    assert purge_kept_uploads() == 0
    assert purge_kept_uploads(now=timezone.now() + timedelta(days=2)) == 1
    assert default_storage.listdir("uploads-pending")[0] == []
