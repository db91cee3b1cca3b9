"""
The published pages' small search vectors in a narrow table of their own
(``SearchHead``), so ranking reads small rows and no article: filled here from
the stored documents of every published article.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

from healthinfo.migrations._postgres import AddIndexOnPostgres


def fill_heads(apps, schema_editor):
    heads = apps.get_model("healthinfo", "SearchHead")._meta.db_table
    documents = apps.get_model("healthinfo", "SearchDocument")._meta.db_table
    articles = apps.get_model("healthinfo", "Article")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {heads} (translation_id, article_id, language, head, unpublish_at)
            SELECT d.translation_id, d.article_id, d.language, d.head, a.unpublish_at
            FROM {documents} AS d JOIN {articles} AS a ON a.id = d.article_id
            WHERE a.status = 'published'
            """
        )


def analyze_heads(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        heads = apps.get_model("healthinfo", "SearchHead")._meta.db_table
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {heads}")


def empty_heads(apps, schema_editor):
    apps.get_model("healthinfo", "SearchHead").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("healthinfo", "0016_sent_reminder_sign_off"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchHead",
            fields=[
                (
                    "translation",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
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
                ("head", django.contrib.postgres.search.SearchVectorField(null=True)),
                (
                    "unpublish_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="unpublish at"),
                ),
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
                "verbose_name": "published search head",
                "verbose_name_plural": "published search heads",
            },
        ),
        migrations.RunPython(fill_heads, empty_heads),
        AddIndexOnPostgres(
            model_name="searchhead",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["head"], name="search_head_head", fastupdate=False
            ),
        ),
        migrations.RunPython(analyze_heads, migrations.RunPython.noop),
    ]
