"""
The first lay-term dictionary, in English and Spanish, for the site's topics:
symptoms and everyday names mapped to the terms the pages use, and each
Spanish entry's English terms (and the other way round), so that a reader's
words also find pages not yet translated. Editors keep it from here on in
the admin. The entries are in ``data/lay_terms.json``.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent / "data" / "lay_terms.json"


def entries():
    for entry in json.loads(DATA.read_text(encoding="utf-8")):
        yield {
            "language": entry["language"],
            "words": "\n".join(entry["words"]),
            "means": "\n".join(entry["means"]),
            "other_language_means": "\n".join(entry["other_language_means"]),
        }


def add_entries(apps, schema_editor):
    LayTerm = apps.get_model("healthinfo", "LayTerm")
    LayTerm.objects.bulk_create(LayTerm(**entry) for entry in entries())


def remove_entries(apps, schema_editor):
    LayTerm = apps.get_model("healthinfo", "LayTerm")
    for entry in entries():
        LayTerm.objects.filter(language=entry["language"], words=entry["words"]).delete()


class Migration(migrations.Migration):
    dependencies = [("healthinfo", "0012_search_documents_lay_terms")]

    operations = [migrations.RunPython(add_entries, remove_entries)]
