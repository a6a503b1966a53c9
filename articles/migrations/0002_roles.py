"""The newsroom's roles as Django groups, so that every deployment starts with them.

Journalists write: they add and change articles and move them between draft and review; the
admin (articles/admin.py) keeps them from publishing, from changing someone else's published
article and from deleting published articles. Editors may do everything with articles and
categories, including publishing and scheduling (``articles.publish_article``).

The "Moderator" group for reader comments is created by the comments app's own migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Journalist": [
        ("articles", "article", ["add", "change", "delete", "view"]),
        ("articles", "category", ["view"]),
    ],
    "Editor": [
        ("articles", "article", ["add", "change", "delete", "view", "publish"]),
        ("articles", "category", ["add", "change", "delete", "view"]),
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created by a post_migrate signal, after every migration has
    # run; on a fresh database they do not exist yet at this point.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    # Another app adds its own role the same way, e.g. the comments app's "Moderator".
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, actions in grants:
            codenames = [f"{action}_{model}" for action in actions]
            permissions = Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
            group.permissions.add(*permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
