"""The Spanish catalogue covers every interface string and is compiled."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"


def msgids(path):
    """The set of msgids in a .po file (joined continuation lines; header excluded)."""
    ids, current, in_id = set(), None, False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            current, in_id = line[6:].strip('"'), True
        elif line.startswith('"') and in_id:
            current += line.strip('"')
        else:
            if in_id and current:
                ids.add(current)
            in_id = False
    return ids


def test_every_spanish_string_is_translated():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOGUE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d+ translated messages?\.\n", result.stderr), result.stderr


def test_catalogue_contains_every_string_marked_in_the_code(tmp_path):
    """Fails when a new translatable string was added without running `make makemessages`."""
    project = tmp_path / "project"
    shutil.copytree(
        settings.BASE_DIR,
        project,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".git",
            "media",
            "staticfiles",
            "node_modules",
            "*.pyc",
            "*.mo",
            "bench",
            "screenshots",
            "*.sqlite3",
        ),
    )
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "es",
            "--no-obsolete",
            "--no-location",
            "--verbosity",
            "0",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    missing = msgids(project / "locale" / "es" / "LC_MESSAGES" / "django.po") - msgids(CATALOGUE)
    assert not missing, f"Run `make makemessages` and translate: {sorted(missing)}"


@pytest.mark.django_db
def test_spanish_interface_is_served_from_the_compiled_catalogue(client):
    html = client.get("/es/").content.decode()
    assert "Saltar al contenido principal" in html
    with translation.override("es"):
        assert translation.gettext("Anonymous (not verified)") == "Anónimo (no verificado)"
