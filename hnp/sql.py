"""Written-out SQL for the reader pages' hottest queries (docs/performance.md says which and
why: building and compiling a query through the ORM costs more CPU than the database takes to
answer it). The apps write their own statements; this gives them what every statement needs:
the database that reads the model (the replica when there is one), quoted table and column
names, and values converted both ways. Only quoted names of our own models and placeholders
go into the SQL text; every value is a parameter.
"""

import datetime as dt

from django.db import connections, router
from django.utils import timezone


class WrittenSQL:
    def __init__(self, model):
        self.database = connections[router.db_for_read(model)]
        self.quote = self.database.ops.quote_name
        self.when = self.database.ops.adapt_datetimefield_value

    def table(self, model) -> str:
        return self.quote(model._meta.db_table)

    def column(self, model, name: str) -> str:
        """The column of field ``name`` (``pk``: the primary key)."""
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
        return self.quote(field.column)

    def columns(self, model, names, *, alias: str) -> str:
        """``alias."a", alias."b"…``: the columns of the fields ``names``."""
        return ", ".join(f"{alias}.{self.column(model, name)}" for name in names)

    def rows(self, sql: str, params) -> list[tuple]:
        with self.database.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


def aware(row: tuple, *indexes: int) -> tuple:
    """``row`` of written-out SQL with its times at ``indexes`` made aware: SQLite gives back
    UTC times without their zone, where the ORM would add it."""
    values = list(row)
    for index in indexes:
        if values[index] is not None and timezone.is_naive(values[index]):
            values[index] = timezone.make_aware(values[index], dt.UTC)
    return tuple(values)
