"""
Search: a stored document per translation (section text with its boundaries,
a whole weighted vector with a GIN index and a small one for ranking), and the
lay-term dictionary editors keep (Editors may add, change and delete entries).

The GIN indexes exist on PostgreSQL only. The documents of existing pages are
built here with the application's code, so they match what saves produce.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

from healthinfo.migrations._postgres import AddIndexOnPostgres
from healthinfo.migrations._roles import ensure_permissions, grant, model_permissions, revoke

EDITORS = "Editors"


def build_documents(apps, schema_editor):
    from healthinfo.search import rebuild_search_documents

    if apps.get_model("healthinfo", "ArticleTranslation").objects.exists():
        rebuild_search_documents()


def grant_permissions(apps, schema_editor):
    ensure_permissions(apps, ["healthinfo"])
    grant(apps, EDITORS, model_permissions("healthinfo", "layterm"))


def revoke_permissions(apps, schema_editor):
    revoke(apps, EDITORS, model_permissions("healthinfo", "layterm"))


class Migration(migrations.Migration):
    dependencies = [
        ("healthinfo", "0011_starter_glossary_and_roles"),
    ]

    operations = [
        migrations.CreateModel(
            name="LayTerm",
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
                        help_text="The language readers write these words in.",
                        max_length=10,
                        verbose_name="language",
                    ),
                ),
                (
                    "words",
                    models.TextField(
                        help_text="One word or phrase per line, as readers type it, for example “itchy” or “losing a baby”. Small words such as “a” or “my” are ignored when matching.",
                        verbose_name="readers write",
                    ),
                ),
                (
                    "means",
                    models.TextField(
                        help_text="One term per line, in the same language, as the pages write it.",
                        verbose_name="pages say",
                    ),
                ),
                (
                    "other_language_means",
                    models.TextField(
                        blank=True,
                        help_text="Optional: the same terms in the other site language (English for a Spanish entry), so that pages with no translation in the reader's language are found.",
                        verbose_name="pages in the other language say",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
            ],
            options={
                "verbose_name": "lay term",
                "verbose_name_plural": "lay terms (search dictionary)",
                "ordering": ["language", "words"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("words", ""), _negated=True),
                            models.Q(("means", ""), _negated=True),
                        ),
                        name="lay_term_not_empty",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "translation",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="healthinfo.articletranslation",
                        verbose_name="article translation",
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
                ("text", models.TextField(blank=True, verbose_name="section text")),
                ("vector", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("head", django.contrib.postgres.search.SearchVectorField(null=True)),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="healthinfo.article",
                        verbose_name="article",
                    ),
                ),
            ],
            options={
                "verbose_name": "search document",
                "verbose_name_plural": "search documents",
                "indexes": [
                    models.Index(fields=["language", "article"], name="search_document_language")
                ],
            },
        ),
        AddIndexOnPostgres(
            model_name="searchdocument",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["vector"], name="search_document_vector"
            ),
        ),
        AddIndexOnPostgres(
            model_name="searchdocument",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["head"], name="search_document_head"
            ),
        ),
        migrations.RunPython(build_documents, migrations.RunPython.noop),
        migrations.RunPython(grant_permissions, revoke_permissions),
    ]
