"""Editors read versions, the audit trail and sent reminders; reviewers read versions."""

from django.db import migrations

from healthinfo.migrations._roles import ensure_permissions, grant, revoke

ROLES = {
    "Editors": [
        "healthinfo.view_version",
        "healthinfo.view_articleevent",
        "healthinfo.view_sentreminder",
    ],
    "Medical reviewers": ["healthinfo.view_version", "healthinfo.view_articleevent"],
}


def grant_permissions(apps, schema_editor):
    ensure_permissions(apps, ["healthinfo"])
    for group_name, permissions in ROLES.items():
        grant(apps, group_name, permissions)


def revoke_permissions(apps, schema_editor):
    for group_name, permissions in ROLES.items():
        revoke(apps, group_name, permissions)


class Migration(migrations.Migration):
    dependencies = [("healthinfo", "0004_versions_audit_reminders_calendar")]

    operations = [migrations.RunPython(grant_permissions, revoke_permissions)]
