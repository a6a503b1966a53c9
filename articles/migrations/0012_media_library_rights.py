"""The newsroom roles' rights on the media library and the tags (issue 14).

Journalists see the library and edit pictures' captions, credits and alternative text, and see
the tags (the admin's suggestions); editors may also delete pictures no article shows, and
manage the tags (rename, merge by hand, delete).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Journalist": [("libraryimage", ["change", "view"]), ("tag", ["view"])],
    "Editor": [
        ("libraryimage", ["change", "delete", "view"]),
        ("tag", ["add", "change", "delete", "view"]),
    ],
}


def grant_rights(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for model, actions in grants:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="articles",
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )


def take_rights_back(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="articles",
                content_type__model__in=["libraryimage", "tag"],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_pending_change_tags"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_rights, take_rights_back)]
