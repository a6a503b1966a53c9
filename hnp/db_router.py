"""Send the reads of public pages to read replicas, and everything else to the primary.

With ``DATABASE_REPLICA_URLS`` set, settings.py adds the aliases ``replica_1``, ``replica_2``…
and lists them in ``DATABASE_REPLICAS``. ``hnp.middleware.ReplicaReadMiddleware`` picks one
replica per request (so every query of a page sees the same snapshot) when the request is an
anonymous reader's ``GET`` or ``HEAD`` outside the staff area, and only then does
``PrimaryReplicaRouter`` send reads there. Everything else uses ``default``, the primary:
writes, the admin and the editor, signed-in users, captcha images (made a moment before, maybe
not yet replicated), the health check, management commands, reads inside a transaction, and a
client that has just posted (pinned by a short-lived cookie so a reader sees their own comment
status).
"""

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

_replica_alias: ContextVar[str | None] = ContextVar("replica_alias", default=None)


def replica_allowed(request) -> bool:
    """May this request read from a replica (assuming replicas are configured)?"""
    user = getattr(request, "user", None)
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(settings.REPLICA_EXCLUDED_PATH_PREFIXES)
        and settings.REPLICA_PIN_COOKIE not in request.COOKIES
        and not (user is not None and user.is_authenticated)
    )


@contextmanager
def read_replica_for(request) -> Iterator[str | None]:
    """While serving ``request``, route reads to one replica if the request allows it."""
    alias = None
    if settings.DATABASE_REPLICAS and replica_allowed(request):
        alias = secrets.choice(settings.DATABASE_REPLICAS)
    token = _replica_alias.set(alias)
    try:
        yield alias
    finally:
        _replica_alias.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        alias = _replica_alias.get()
        if alias is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return None  # Django's default: the instance's own database, else the primary
        return alias

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS  # replicas receive the schema through replication
