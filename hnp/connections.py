"""The connection budget: what this deployment may open against PostgreSQL, checked before it
starts (``manage.py migrate``, which the compose `migrate` service runs before any web
container, and ``manage.py check --database default``).

Every gunicorn thread keeps one database connection (CONN_MAX_AGE). So the web containers ask
for WEB_REPLICAS × GUNICORN_WORKERS × GUNICORN_THREADS connections, twice that during a rolling
deploy (the new containers start before the old ones stop: docs/deploy.md), plus the jobs, the
backup and a one-off command. PostgreSQL accepts max_connections minus the ones it reserves
for superusers.

Through PgBouncer (DATABASE_POOLER=pgbouncer, as in docker-compose.yml) those are PgBouncer's
clients, bounded by PGBOUNCER_MAX_CLIENT_CONN, and PostgreSQL only sees PGBOUNCER_POOL_SIZE
connections, plus the direct ones (migrate, the backup, an administrator's psql).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DEFAULT_DB_ALIAS, connections

# Connections that are not the web containers': the jobs, the task worker, the backup, one
# manage.py command.
OTHER_CLIENTS = 4
# What goes straight to PostgreSQL beside PgBouncer: migrate, pg_dump, an administrator.
DIRECT_CONNECTIONS = 3


@dataclass(frozen=True)
class Budget:
    web_replicas: int
    workers: int
    threads: int
    pooler: str
    pool_size: int
    max_client_conn: int

    @property
    def clients(self) -> int:
        """Connections Django opens at the peak of a rolling deploy."""
        return 2 * self.web_replicas * self.workers * self.threads + OTHER_CLIENTS

    def problems(self, max_connections: int, reserved: int) -> list[str]:
        allowed = max_connections - reserved
        web = (
            f"2 × {self.web_replicas} web container(s) × {self.workers} worker(s) × "
            f"{self.threads} thread(s) (both sets of containers during a rolling deploy) "
            f"+ {OTHER_CLIENTS} (jobs, worker, backup, a command) = {self.clients}"
        )
        if self.pooler != "pgbouncer":
            if self.clients <= allowed:
                return []
            return [
                f"The connection budget is exceeded: {web} connections, but PostgreSQL accepts "
                f"{allowed} (max_connections {max_connections} − {reserved} reserved)."
            ]
        found = []
        if self.clients > self.max_client_conn:
            found.append(
                f"The connection budget is exceeded: {web} PgBouncer clients, but "
                f"PGBOUNCER_MAX_CLIENT_CONN is {self.max_client_conn}."
            )
        server = self.pool_size + DIRECT_CONNECTIONS
        if server > allowed:
            found.append(
                f"The connection budget is exceeded: PgBouncer's pool of {self.pool_size} "
                f"(PGBOUNCER_POOL_SIZE) + {DIRECT_CONNECTIONS} direct connections = {server}, "
                f"but PostgreSQL accepts {allowed} (max_connections {max_connections} − "
                f"{reserved} reserved)."
            )
        return found


def configured_budget() -> Budget:
    return Budget(**settings.CONNECTION_BUDGET)


def server_limits(alias: str = DEFAULT_DB_ALIAS) -> tuple[int, int]:
    """PostgreSQL's max_connections and the connections it keeps for superusers and roles
    with pg_use_reserved_connections (PostgreSQL 16+)."""
    # pg_settings rather than SHOW: a setting an older server lacks is simply not there.
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT name, setting FROM pg_settings WHERE name IN "
            "('max_connections', 'superuser_reserved_connections', 'reserved_connections')"
        )
        values = {"reserved_connections": 0} | {name: int(value) for name, value in cursor}
    return values["max_connections"], (
        values["superuser_reserved_connections"] + values["reserved_connections"]
    )


@register(Tags.database)
def check_connection_budget(app_configs, databases=None, **kwargs):
    if not databases or DEFAULT_DB_ALIAS not in databases:
        return []
    if connections[DEFAULT_DB_ALIAS].vendor != "postgresql":
        return []
    max_connections, reserved = server_limits()
    return [
        Error(
            problem,
            hint="Lower GUNICORN_WORKERS, GUNICORN_THREADS or WEB_REPLICAS, raise PostgreSQL's "
            "max_connections (POSTGRES_MAX_CONNECTIONS), or put PgBouncer in front; "
            "docs/deploy.md, 'Connections'.",
            id="hnp.E001",
        )
        for problem in configured_budget().problems(max_connections, reserved)
    ]
