"""PgBouncer (the pgbouncer service) bounds what the site opens against PostgreSQL, and the
site works through it; start-up refuses a deployment whose connections do not fit.

PgBouncer is Debian's, started by the service's own script (deploy/pgbouncer-entrypoint.sh)
with the shipped deploy/pgbouncer.ini, in front of a scratch database on the PostgreSQL that
DATABASE_URL names; the site runs under gunicorn with the web containers' command."""

import os
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest
from django.urls import reverse

from harness.processes import free_port, wait_for_port
from tests.ops.helpers import ROOT, clean_env, manage
from tests.ops.proxies import require
from tests.support.servers import (
    SEED,
    Client,
    prepare_database,
    site_env,
    start_site,
    stop_site,
)

POOL_SIZE = 2
PASSWORD = "mat-khau-" + uuid.uuid4().hex[:8]


def _postgres() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("PgBouncer is tried against PostgreSQL: set DATABASE_URL to a postgres:// URL")
    return url


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    parts = urlsplit(_postgres())
    name = f"hnp_pgbouncer_{uuid.uuid4().hex[:10]}"
    server = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name, urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with server.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


@pytest.fixture(scope="module")
def pgbouncer(scratch):
    require("pgbouncer")
    parts = urlsplit(scratch[1])
    # PgBouncer refuses to run as root: as the postgres user then, in a folder it may use.
    folder = Path(tempfile.mkdtemp(prefix="hnp-pgbouncer-"))
    (folder / "password").write_text(PASSWORD + "\n")
    as_user = []
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
        for path in (folder, folder / "password"):
            shutil.chown(path, "postgres")
    port = free_port()
    env = {
        "PATH": os.environ["PATH"],
        "PGBOUNCER_RUN_DIR": str(folder / "run"),
        "PGBOUNCER_TEMPLATE": str(ROOT / "deploy" / "pgbouncer.ini"),
        "POSTGRES_PASSWORD_FILE": str(folder / "password"),
        "POSTGRES_USER": parts.username or "postgres",
        "DB_HOST": parts.hostname or "127.0.0.1",
        "DB_PORT": str(parts.port or 5432),
        "PGBOUNCER_LISTEN_ADDR": "127.0.0.1",
        "PGBOUNCER_LISTEN_PORT": str(port),
        "PGBOUNCER_POOL_SIZE": str(POOL_SIZE),
    }
    with (folder / "pgbouncer.log").open("w") as log:
        process = subprocess.Popen(  # noqa: S603
            [*as_user, "sh", str(ROOT / "deploy" / "pgbouncer-entrypoint.sh")],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    if not wait_for_port(port, timeout=15):
        process.terminate()
        pytest.fail(f"PgBouncer did not start:\n{(folder / 'pgbouncer.log').read_text()}")
    user = parts.username or "postgres"
    yield f"postgres://{user}:{PASSWORD}@127.0.0.1:{port}/{scratch[0]}"
    process.terminate()
    process.wait(timeout=15)
    shutil.rmtree(folder, ignore_errors=True)


def server_connections(direct_url: str, name: str) -> int:
    with psycopg2.connect(direct_url) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
            "AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
            [name],
        )
        return cursor.fetchone()[0]


def test_the_site_through_pgbouncer_uses_no_more_server_connections_than_its_pool(
    scratch, pgbouncer, tmp_path
):
    name, direct_url = scratch
    prepare_database(site_env(tmp_path, direct_url), SEED)  # migrations go straight to the db
    env = site_env(tmp_path, pgbouncer, DATABASE_POOLER="pgbouncer")
    site = start_site(env, tmp_path, workers=2, threads=4)  # 8 connections to PgBouncer
    article = reverse("articles:detail", kwargs={"slug": "mo-binh-luan"})
    statuses, most = [], 0

    def read():
        # A signed-in editor's cookie: no page cache, every request queries the database.
        editor = Client(site, cookies={"sessionid": "khong-hop-le"})
        for _ in range(15):
            statuses.append(editor.get(article).status)

    try:
        readers = [threading.Thread(target=read) for _ in range(12)]
        for reader in readers:
            reader.start()
        while any(reader.is_alive() for reader in readers):
            most = max(most, server_connections(direct_url, name))
            time.sleep(0.05)
    finally:
        stop_site(site)

    assert statuses and set(statuses) == {HTTPStatus.OK}
    assert 0 < most <= POOL_SIZE


def test_the_budget_check_passes_through_pgbouncer_and_names_what_does_not_fit(pgbouncer):
    fits = manage(
        "check",
        "--database",
        "default",
        env=clean_env(DATABASE_URL=pgbouncer, DATABASE_POOLER="pgbouncer", WEB_REPLICAS="4"),
    )
    too_big = manage(
        "check",
        "--database",
        "default",
        env=clean_env(
            DATABASE_URL=pgbouncer, DATABASE_POOLER="pgbouncer", PGBOUNCER_POOL_SIZE="500"
        ),
    )

    assert fits.returncode == 0, fits.stderr
    assert too_big.returncode != 0
    assert "connection budget is exceeded: PgBouncer's pool of 500" in too_big.stderr


def test_migrate_refuses_to_start_a_deployment_postgresql_cannot_serve(scratch):
    """Without PgBouncer, every gunicorn thread of every container is a server connection."""
    result = manage(
        "migrate",
        "--noinput",
        env=clean_env(
            DATABASE_URL=scratch[1], WEB_REPLICAS="8", GUNICORN_WORKERS="4", GUNICORN_THREADS="2"
        ),
    )

    assert result.returncode != 0
    assert (
        "2 × 8 web container(s) × 4 worker(s) × 2 thread(s) (both sets of containers during a "
        "rolling deploy) + 4 (jobs, worker, backup, a command) = 132 connections" in result.stderr
    )
    assert "max_connections" in result.stderr
