"""Create the three staff roles so that a fresh production database has them."""

from django.db import migrations

from healthinfo.migrations._roles import ensure_permissions, grant, model_permissions

EDITOR_MODELS = [
    "category",
    "categorytranslation",
    "article",
    "articletranslation",
    "section",
    "reference",
    "figure",
    "reviewer",
    "review",
    "additionalreviewer",
    "reviewassignment",
]

READ_ONLY_FOR_REVIEWERS = [
    "category",
    "categorytranslation",
    "article",
    "articletranslation",
    "section",
    "reference",
    "figure",
    "reviewer",
    "review",
    "additionalreviewer",
    "reviewassignment",
]

ROLES = {
    "Editors": [p for model in EDITOR_MODELS for p in model_permissions("healthinfo", model)],
    "Medical reviewers": [
        *(f"healthinfo.view_{model}" for model in READ_ONLY_FOR_REVIEWERS),
        "healthinfo.add_review",
        "healthinfo.add_additionalreviewer",
    ],
    "Midwives": [
        *model_permissions("comments", "question", ("change", "view")),
        *model_permissions("comments", "reply"),
        *model_permissions("comments", "cannedreply"),
    ],
}


def create_roles(apps, schema_editor):
    ensure_permissions(apps, ["healthinfo", "comments"])
    for group_name, permissions in ROLES.items():
        grant(apps, group_name, permissions)


def delete_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("healthinfo", "0001_initial"),
        ("comments", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, delete_roles)]
