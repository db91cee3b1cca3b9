"""Review reminders also tell reviewers about drafts awaiting their sign-off."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("healthinfo", "0015_draft_roles_and_version_sign_off"),
    ]

    operations = [
        migrations.AlterField(
            model_name="sentreminder",
            name="kind",
            field=models.CharField(
                choices=[
                    ("due_soon", "Due soon"),
                    ("overdue", "Overdue"),
                    ("awaiting_sign_off", "Draft awaiting sign-off"),
                ],
                max_length=20,
                verbose_name="kind",
            ),
        ),
    ]
