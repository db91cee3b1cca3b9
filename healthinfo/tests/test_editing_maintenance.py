"""
The editing tools' scheduled jobs and loose ends: purging kept uploads,
scoring plain language, backfilling figure renditions, archived versions'
images, and kept uploads that belong to the user who uploaded them.
"""

import io
import os
from datetime import timedelta

import pytest
from django import forms
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone
from PIL import Image

from healthinfo.figures.uploads import KeptImageField, keep
from healthinfo.models import (
    Figure,
    FigureRenditions,
    GlossaryTerm,
    ReadabilityScore,
    writing_live_content,
)
from healthinfo.tests.factories import make_article, make_published_article, make_user


def image_bytes(size=(800, 600), image_format="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, image_format)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def store(name, content):
    return default_storage.save(name, io.BytesIO(content))


# --- Kept uploads -------------------------------------------------------------------


def test_the_purge_command_removes_kept_uploads_older_than_a_day(media):
    keep(SimpleUploadedFile("old.png", image_bytes((10, 10), "PNG")))
    assert "Removed 0 kept upload(s)" in run("purge_kept_uploads")
    old = (timezone.now() - timedelta(days=2)).timestamp()
    for path in (media / "uploads-pending").rglob("*.png"):
        os.utime(path, (old, old))
    assert "Removed 1 kept upload(s)" in run("purge_kept_uploads")


class OwnedFigureForm(forms.Form):
    image = KeptImageField()
    alt_text = forms.CharField()

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].owner = user


@pytest.mark.django_db
def test_a_kept_upload_can_be_sent_back_only_by_the_user_who_uploaded_it():
    alice, mallory = make_user("alice"), make_user("mallory")
    upload = SimpleUploadedFile("scan.jpg", image_bytes(), "image/jpeg")
    first = OwnedFigureForm({"alt_text": ""}, {"image": upload}, user=alice)
    assert not first.is_valid()
    token = str(first["image"]).split('name="image-kept" value="')[1].split('"')[0]

    theirs = OwnedFigureForm({"alt_text": "A scan", "image-kept": token}, {}, user=mallory)
    assert not theirs.is_valid() and "could not be kept" in theirs.errors["image"][0]
    anonymous = OwnedFigureForm({"alt_text": "A scan", "image-kept": token}, {})
    assert not anonymous.is_valid()
    hers = OwnedFigureForm({"alt_text": "A scan", "image-kept": token}, {}, user=alice)
    assert hers.is_valid(), hers.errors


# --- Plain language ----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_scoring_command_scores_unscored_and_out_of_date_pages_only():
    article = make_article("topic")
    translation = article.translations.get()
    ReadabilityScore.objects.filter(translation=translation).delete()
    assert "Scored 1 page(s)." in run("score_plain_language")
    assert ReadabilityScore.objects.get(translation=translation).score is not None
    assert "Scored 0 page(s)." in run("score_plain_language")
    GlossaryTerm.objects.create(language="en", term="gravid", plain_alternatives="pregnant")
    assert ReadabilityScore.objects.get(translation=translation).stale
    assert "Scored 1 page(s)." in run("score_plain_language")
    assert not ReadabilityScore.objects.get(translation=translation).stale
    assert "Scored 1 page(s)." in run("score_plain_language", "--all")


# --- Renditions ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_backfill_makes_renditions_for_figures_and_archived_images_once():
    article = make_published_article("topic")
    translation = article.translations.get()
    name = store("figures/old-upload.jpg", image_bytes())
    with writing_live_content():
        # Stored before renditions existed: a row written without the upload signal.
        Figure.objects.bulk_create(
            [Figure(translation=translation, image=name, alt_text="An old diagram")]
        )
    output = run("make_figure_renditions")
    assert "Made renditions of 1 image(s)" in output
    assert FigureRenditions.objects.filter(source=name).exists()
    assert "Made renditions of 0 image(s); 1 had them already." in run("make_figure_renditions")


@pytest.mark.django_db
def test_the_backfill_names_images_it_cannot_read_and_exits_non_zero():
    article = make_article("topic")
    with writing_live_content():
        Figure.objects.bulk_create(
            [Figure(translation=article.translations.get(), image="figures/gone.png", alt_text="x")]
        )
    with pytest.raises(CommandError, match="1 image"):
        run("make_figure_renditions")


@pytest.mark.django_db(transaction=True)
def test_an_archived_version_shows_its_image_with_renditions(client, settings):
    from healthinfo.services import publish
    from healthinfo.tests.factories import review

    article = make_article("topic", status="draft")
    translation = article.translations.get()
    name = store("figures/scan.jpg", image_bytes((1500, 1000)))
    with writing_live_content():
        Figure.objects.create(translation=translation, image=name, alt_text="A scan of the cervix")
    from healthinfo.figures.services import ensure_renditions

    ensure_renditions(name)
    review(article)
    publish(article)
    settings.MEDIA_URL = "/new-media/"  # the address of the same file changed since
    page = client.get("/en/articles/topic/versions/1/").content.decode()
    assert '<source type="image/webp" srcset="/new-media/renditions/figures/scan-320w.webp' in page
    assert 'src="/new-media/renditions/figures/scan-960w.jpg"' in page
    assert 'alt="A scan of the cervix"' in page and 'width="1500" height="1000"' in page


@pytest.mark.django_db(transaction=True)
def test_the_demos_figures_get_renditions_and_loading_again_changes_nothing(client, media):
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    name = "figures/demo/cervix-length.png"
    assert len(FigureRenditions.objects.get(source=name).items) == 8  # 320, 640, 960 and 1200 px
    page = client.get("/en/articles/cervical-insufficiency/").content.decode()
    assert '<source type="image/webp" srcset="/media/renditions/figures/demo/' in page
    assert "Diagram of two wombs" in page
    files = sorted(path.name for path in media.rglob("*") if path.is_file())
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    assert sorted(path.name for path in media.rglob("*") if path.is_file()) == files
    spanish = client.get("/es/articles/cervical-insufficiency/").content.decode()
    assert "Esquema de dos úteros" in spanish
