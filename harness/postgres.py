"""A PostgreSQL cluster of its own (initdb into a temporary folder, a free port), never the
machine's shared one, which other tests use: the fault tests stop and start it."""

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg2

from .processes import MissingTool, free_port


def _postgres_bin(name: str) -> str | None:
    versions = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0,
    )
    return versions[-1] if versions else shutil.which(name)


class PrivatePostgres:
    def __init__(self):
        self.initdb, self.pg_ctl = _postgres_bin("initdb"), _postgres_bin("pg_ctl")
        if not self.initdb or not self.pg_ctl:
            raise MissingTool("PostgreSQL's initdb and pg_ctl are not installed")
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="hnp-private-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "postgres.log"
        # PostgreSQL refuses to run as root: run it as the postgres user then.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.folder, "postgres")
        self._run(
            self.initdb, "-D", str(self.data), "-U", "postgres", "--auth=trust",
            "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        self.start()

    def _run(self, *command: str, timeout: float = 60) -> None:
        result = subprocess.run(  # noqa: S603
            [*self.as_user, *command],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def database_url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.folder}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=200"
        )
        self._run(
            self.pg_ctl, "start", "-D", str(self.data), "-l", str(self.log), "-o", options,
            "-w", "-t", "60",
        )  # fmt: skip

    def stop(self) -> None:
        self._run(self.pg_ctl, "stop", "-D", str(self.data), "-m", "fast", "-w", "-t", "60")

    def create_database(self, name: str) -> str:
        connection = psycopg2.connect(self.url)
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{name}"')
        finally:
            connection.close()
        return self.database_url(name)

    def sql(self, name: str, statement: str, params=()):
        connection = psycopg2.connect(self.database_url(name))
        try:
            with connection, connection.cursor() as cursor:
                cursor.execute(statement, params)
                return cursor.fetchall() if cursor.description else None
        finally:
            connection.close()

    def remove(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
