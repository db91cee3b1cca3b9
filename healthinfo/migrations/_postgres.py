"""
Migration operations that only touch PostgreSQL.

Full-text and trigram indexes use PostgreSQL index types; on SQLite (the
development database) the operations change the migration state, so
``makemigrations`` stays clean, but create nothing.
"""

from django.db import migrations


class AddIndexOnPostgres(migrations.AddIndex):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
