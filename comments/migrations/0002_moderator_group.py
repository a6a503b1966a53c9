"""The Moderator group, and comment moderation for editors.

Moderators may view comments and approve, reject or mark them as spam, and nothing else.
Editors get the same on top of their article permissions; journalists get nothing on comments.
Groups are fetched with get_or_create, so it does not matter whether the articles app's roles
migration created the Editor group first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATION_CODENAMES = ["view_comment", "change_comment", "moderate_comment"]
GROUPS = ["Moderator", "Editor"]


def grant_moderation(apps, schema_editor):
    # Permissions are normally created by post_migrate, after every migration has run.
    app_config = apps.get_app_config("comments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.filter(
            content_type__app_label="comments", codename__in=MODERATION_CODENAMES
        )
    )
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke_moderation(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="comments", codename__in=MODERATION_CODENAMES
    )
    for group in Group.objects.filter(name="Editor"):
        group.permissions.remove(*permissions)
    Group.objects.filter(name="Moderator").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("articles", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_moderation, revoke_moderation)]
