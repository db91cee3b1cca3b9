"""
The rich-text editor's own dialogs in both languages: django-prose-editor passes
their words to window.gettext; our JavaScript catalogue (djangojs.po, served by
the admin's /admin/jsi18n/) translates them, and every page with the editor
loads it before the editor.
"""

import json
import re
from pathlib import Path

import django_prose_editor
import pytest
from django.conf import settings
from django.utils.translation.trans_real import DjangoTranslation

from healthinfo.tests.factories import edit_draft, make_article, make_user

PACKAGE_EDITOR = (
    Path(django_prose_editor.__file__).parent / "static" / "django_prose_editor" / "editor.js"
)
OUR_LIST = Path(settings.BASE_DIR) / "healthinfo" / "editing" / "prose-editor-strings.js"
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "djangojs.po"


def package_strings():
    """The words the installed package passes to its gettext (``pX`` in its bundle)."""
    source = PACKAGE_EDITOR.read_text()
    name = re.search(r"(\w+)=window\.gettext\|\|", source).group(1)
    return set(re.findall(rf'\b{name}\("([^"]+)"\)', source))


def served_catalogue(client, language):
    response = client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    text = response.content.decode()
    found = re.search(r"const newcatalog = (\{.*?\});", text, re.S)
    return json.loads(found.group(1)) if found else {}  # no catalogue: the words themselves


def test_our_list_holds_exactly_the_packages_dialog_words():
    listed = set(re.findall(r'gettext_noop\("([^"]+)"\)', OUR_LIST.read_text()))
    assert len(package_strings()) > 20
    assert listed == package_strings()


def test_every_dialog_word_has_a_spanish_translation_in_our_catalogue():
    assert "#, fuzzy" not in CATALOGUE.read_text()
    spanish = DjangoTranslation("es", domain="djangojs")  # the compiled catalogue
    for text in package_strings():
        assert spanish.gettext(text) != text or text == "URL", text


@pytest.mark.django_db
def test_the_javascript_catalogue_serves_the_dialogs_words_in_spanish(client):
    client.force_login(make_user(groups=["Editors"]))
    spanish = served_catalogue(client, "es")
    assert spanish["Edit Link"] == "Editar el enlace"
    assert spanish["Open in new window"] == "Abrir en una ventana nueva"
    assert spanish["Table Properties"] == "Propiedades de la tabla"
    assert package_strings() <= set(spanish)
    assert "Edit Link" not in served_catalogue(client, "en")  # English is the words themselves


def script_sources(body):
    """``(src, type)`` of the page's scripts that have a ``src``, in order."""
    scripts = []
    for tag in re.findall(r"<script\b[^>]*>", body):
        src = re.search(r'\ssrc="([^"]+)"', tag)
        kind = re.search(r'\stype="([^"]+)"', tag)
        if src:
            scripts.append((src.group(1), kind.group(1) if kind else ""))
    return scripts


def assert_catalogue_before_editor(body):
    scripts = script_sources(body)
    sources = [src for src, _type in scripts]
    assert "/admin/jsi18n/" in sources
    catalogue = sources.index("/admin/jsi18n/")
    # A classic script runs where it is; the editor is a module, run after the page is read.
    assert scripts[catalogue][1] == ""
    assert any("health-editor.js" in src and kind == "module" for src, kind in scripts)
    assert re.search(
        r'<script src="/admin/jsi18n/" nonce="[^"]+"|<script src="/admin/jsi18n/"', body
    )


@pytest.mark.django_db
def test_the_editing_page_loads_the_catalogue_before_the_editor(client):
    client.force_login(make_user(groups=["Editors"]))
    draft = edit_draft(make_article("topic"), title="Topic")
    response = client.get(f"/admin/healthinfo/drafttranslation/{draft.pk}/change/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "data-health-editor" in body
    assert_catalogue_before_editor(body)


@pytest.mark.django_db
def test_the_check_a_text_page_loads_the_catalogue_too(client):
    client.force_login(make_user(groups=["Editors"]))
    body = client.get("/admin/plain-language/").content.decode()
    assert "data-health-editor" in body
    assert_catalogue_before_editor(body)


def test_the_makefile_keeps_the_javascript_catalogue():
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    target = makefile[makefile.index("\nmakemessages:") :].split("\n\n")[0]
    assert "--domain djangojs" in target and "--no-obsolete" in makefile
