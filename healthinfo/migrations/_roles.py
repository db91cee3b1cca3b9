"""
Helpers for the data migrations that create and extend the staff roles.

Lives beside the migrations (the loader skips modules starting with "_") so
the migrations that use it do not depend on application code.
"""


def ensure_permissions(apps, app_labels):
    """Create the default model permissions now: post_migrate has not run yet on a fresh database."""
    from django.contrib.auth.management import create_permissions

    for label in app_labels:
        app_config = apps.get_app_config(label)
        # Historical app configs have no models module; create_permissions skips those.
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def grant(apps, group_name, permissions):
    """Create ``group_name`` if needed and add ``permissions`` ("app_label.codename")."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for dotted in permissions:
        app_label, codename = dotted.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def revoke(apps, group_name, permissions):
    """Remove ``permissions`` from ``group_name`` (the reverse of ``grant``)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=group_name).first()
    if group is None:
        return
    for dotted in permissions:
        app_label, codename = dotted.split(".")
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )


def model_permissions(app_label, model, actions=("add", "change", "delete", "view")):
    return [f"{app_label}.{action}_{model}" for action in actions]
