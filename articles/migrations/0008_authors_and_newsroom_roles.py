"""Authors made from the bylines already printed, and the newsroom roles' rights on the new
models.

Each distinct byline becomes an Author (its slug made the way Article slugs are) linked to
every article printed with it: one UPDATE per byline, however many articles there are.

Editors manage authors and add corrections; journalists pick an author page for their
articles (the autocomplete needs the view right).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.text import vietnamese_slugify

GRANTS = {
    "Journalist": [("author", ["view"])],
    "Editor": [
        ("author", ["add", "change", "delete", "view"]),
        ("correction", ["add", "change", "delete", "view"]),
    ],
}


def authors_from_bylines(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Author = apps.get_model("articles", "Author")
    taken = set(Author.objects.values_list("slug", flat=True))
    bylines = (
        Article.objects.filter(author__isnull=True)
        .exclude(byline="")
        .values_list("byline", flat=True)
        .distinct()
        .order_by("byline")
    )
    for byline in list(bylines):
        name = " ".join(byline.split())
        author = Author.objects.filter(name=name).first()
        if author is None:
            base = vietnamese_slugify(name)[:150].strip("-") or "tac-gia"
            slug, n = base, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            author = Author.objects.create(name=name, slug=slug)
        Article.objects.filter(byline=byline, author__isnull=True).update(author=author)


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
                content_type__app_label="articles", content_type__model__in=["author", "correction"]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_newsroom_tools"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(authors_from_bylines, migrations.RunPython.noop),
        migrations.RunPython(grant_rights, take_rights_back),
    ]
