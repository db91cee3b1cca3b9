"""
The database itself refuses to change a published version (and, on PostgreSQL,
to delete one), whatever the path: raw SQL, a bulk update, another program.

Only ``published_by`` may change (it is set to NULL when that account is
deleted). SQLite gets no delete trigger: Django empties test databases there
with DELETE, where PostgreSQL uses TRUNCATE, which row triggers do not see.
"""

from django.db import migrations

POSTGRES_FORWARDS = """
CREATE FUNCTION healthinfo_version_immutable() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'published versions cannot be deleted';
    END IF;
    IF (NEW.article_id, NEW.language, NEW.number, NEW.title, NEW.content, NEW.published_at)
        IS DISTINCT FROM
       (OLD.article_id, OLD.language, OLD.number, OLD.title, OLD.content, OLD.published_at) THEN
        RAISE EXCEPTION 'published versions cannot be changed';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER healthinfo_version_immutable BEFORE UPDATE OR DELETE ON healthinfo_version
    FOR EACH ROW EXECUTE FUNCTION healthinfo_version_immutable();
"""
POSTGRES_BACKWARDS = """
DROP TRIGGER IF EXISTS healthinfo_version_immutable ON healthinfo_version;
DROP FUNCTION IF EXISTS healthinfo_version_immutable();
"""
SQLITE_FORWARDS = """
CREATE TRIGGER healthinfo_version_immutable
BEFORE UPDATE OF article_id, language, number, title, content, published_at
ON healthinfo_version
BEGIN
    SELECT RAISE(ABORT, 'published versions cannot be changed');
END;
"""
SQLITE_BACKWARDS = "DROP TRIGGER IF EXISTS healthinfo_version_immutable;"

SQL = {
    "postgresql": (POSTGRES_FORWARDS, POSTGRES_BACKWARDS),
    "sqlite": (SQLITE_FORWARDS, SQLITE_BACKWARDS),
}


def run(direction):
    def operation(apps, schema_editor):
        statements = SQL.get(schema_editor.connection.vendor)
        if statements:
            schema_editor.execute(statements[direction])

    return operation


class Migration(migrations.Migration):
    dependencies = [("healthinfo", "0008_review_approved_version")]

    operations = [migrations.RunPython(run(0), run(1))]
