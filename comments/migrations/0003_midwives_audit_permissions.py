"""Let midwives read the moderation audit log and the digest records."""

from django.db import migrations

from healthinfo.migrations._roles import ensure_permissions, grant, revoke

PERMISSIONS = ["comments.view_auditentry", "comments.view_moderatordigest"]


def grant_to_midwives(apps, schema_editor):
    ensure_permissions(apps, ["comments"])
    grant(apps, "Midwives", PERMISSIONS)


def revoke_from_midwives(apps, schema_editor):
    revoke(apps, "Midwives", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_moderation"),
        ("healthinfo", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_to_midwives, revoke_from_midwives)]
