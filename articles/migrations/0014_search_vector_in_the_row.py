"""On PostgreSQL, keep each article's search vector in the table's row (``STORAGE MAIN``)
instead of in the TOAST table.

A vector of a 5 KB article is about 3 KB and does not compress, so with the default storage
(``EXTENDED``) PostgreSQL moved it out of the row, and a search read it from the TOAST table
twice per candidate: once to match it, once to rank it. In the row, the ranking of a common
word's 200 newest matches took 0.18 ms instead of 0.68 (docs/search.md). A vector too large
for a page still goes to the TOAST table, so nothing else changes.

``SET STORAGE`` applies to rows written after it, so the articles already stored are rewritten
(their generated vector is computed again on update): about a minute per 100,000 articles.
Not in one transaction: ``ALTER TABLE`` locks the table against reading until its transaction
ends, so it commits at once, and the rows are rewritten in batches that each commit, while
readers are served; an article saved meanwhile waits for one batch at most.
"""

from django.db import migrations

BATCH = 2000


def keep_in_row(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE articles_article ALTER COLUMN search_vector SET STORAGE MAIN"
    )
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM articles_article")
        (last,) = cursor.fetchone()
        for first in range(0, last, BATCH):
            cursor.execute(
                "UPDATE articles_article SET search_text = search_text WHERE id > %s AND id <= %s",
                [first, first + BATCH],
            )


def move_out_of_row(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE articles_article ALTER COLUMN search_vector SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("articles", "0013_tag_counts"),
    ]

    operations = [
        migrations.RunPython(keep_in_row, move_out_of_row),
    ]
