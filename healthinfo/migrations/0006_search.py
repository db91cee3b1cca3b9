"""
Search: a stored, weighted search document per translation with a GIN index,
and the vocabulary (with a trigram index) for "Did you mean …?".

The document is stored rather than an expression index because it spans two
tables (the translation and its sections), which an expression index cannot.
The pg_trgm extension and both indexes exist on PostgreSQL only.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from healthinfo.migrations._postgres import AddIndexOnPostgres


def fill_search_documents(apps, schema_editor):
    # Uses the application's code: the documents must match what saves produce.
    from healthinfo.search import rebuild_search_documents

    if apps.get_model("healthinfo", "ArticleTranslation").objects.exists():
        rebuild_search_documents()


class Migration(migrations.Migration):
    dependencies = [
        ("healthinfo", "0005_version_roles"),
    ]

    operations = [
        TrigramExtension(),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[("en", "English"), ("es", "Spanish")],
                        max_length=10,
                        verbose_name="language",
                    ),
                ),
                ("word", models.CharField(max_length=60, verbose_name="word")),
            ],
            options={
                "verbose_name": "search term",
                "verbose_name_plural": "search terms",
            },
        ),
        migrations.AddField(
            model_name="articletranslation",
            name="search_text",
            field=models.TextField(blank=True, editable=False, verbose_name="searchable text"),
        ),
        migrations.AddField(
            model_name="articletranslation",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        AddIndexOnPostgres(
            model_name="articletranslation",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="translation_search_vector"
            ),
        ),
        AddIndexOnPostgres(
            model_name="searchterm",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["word"], name="search_term_trgm", opclasses=["gin_trgm_ops"]
            ),
        ),
        migrations.AddConstraint(
            model_name="searchterm",
            constraint=models.UniqueConstraint(
                fields=("language", "word"), name="unique_search_term"
            ),
        ),
        migrations.RunPython(fill_search_documents, migrations.RunPython.noop),
    ]
