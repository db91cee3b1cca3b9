"""
Editors edit drafts, never the live rows; reviewers read drafts. The database
keeps a version's sign-off as unchangeable as the rest of it.

Live pages (translations, sections, references, figures) change only when a
draft is published, so editors keep only the view permission on them; the
publish service writes them. The version trigger of 0009 is extended to the
two columns that say who vouched for a version.
"""

from django.db import migrations

from healthinfo.migrations._roles import ensure_permissions, grant, model_permissions, revoke

DRAFT_MODELS = ["drafttranslation", "draftsection", "draftreference", "draftfigure"]
LIVE_MODELS = ["articletranslation", "section", "reference", "figure"]

GRANTED = {
    "Editors": [
        *(p for model in DRAFT_MODELS for p in model_permissions("healthinfo", model)),
        "healthinfo.view_nonclinicalchange",
    ],
    "Medical reviewers": [
        *(f"healthinfo.view_{model}" for model in DRAFT_MODELS),
        "healthinfo.view_nonclinicalchange",
    ],
}
REVOKED = {
    "Editors": [
        p
        for model in LIVE_MODELS
        for p in model_permissions("healthinfo", model, ("add", "change", "delete"))
    ],
}

COLUMNS = "article_id, language, number, title, content, published_at"
NEW_COLUMNS = f"{COLUMNS}, sign_off_id, non_clinical_change_id"


def postgres_function(columns):
    old = ", ".join(f"OLD.{column.strip()}" for column in columns.split(","))
    new = ", ".join(f"NEW.{column.strip()}" for column in columns.split(","))
    return f"""
CREATE OR REPLACE FUNCTION healthinfo_version_immutable() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'published versions cannot be deleted';
    END IF;
    IF ({new}) IS DISTINCT FROM ({old}) THEN
        RAISE EXCEPTION 'published versions cannot be changed';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
"""


def sqlite_trigger(columns):
    return f"""
CREATE TRIGGER healthinfo_version_immutable
BEFORE UPDATE OF {columns}
ON healthinfo_version
BEGIN
    SELECT RAISE(ABORT, 'published versions cannot be changed');
END;
"""


def trigger(columns):
    def operation(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(postgres_function(columns))
        elif vendor == "sqlite":
            schema_editor.execute("DROP TRIGGER IF EXISTS healthinfo_version_immutable")
            schema_editor.execute(sqlite_trigger(columns))

    return operation


def forwards(apps, schema_editor):
    ensure_permissions(apps, ["healthinfo"])
    for group_name, permissions in GRANTED.items():
        grant(apps, group_name, permissions)
    for group_name, permissions in REVOKED.items():
        revoke(apps, group_name, permissions)


def backwards(apps, schema_editor):
    for group_name, permissions in REVOKED.items():
        grant(apps, group_name, permissions)
    for group_name, permissions in GRANTED.items():
        revoke(apps, group_name, permissions)


class Migration(migrations.Migration):
    dependencies = [("healthinfo", "0014_drafts_and_sign_off")]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RunPython(trigger(NEW_COLUMNS), trigger(COLUMNS)),
    ]
