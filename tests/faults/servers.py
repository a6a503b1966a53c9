"""Real servers for the fault tests, all private to the test and on 127.0.0.1 only: a PostgreSQL
cluster in a temporary folder (never the machine's shared one, which other tests use), a
redis-server, and the site under gunicorn with production settings.

Every wait has a deadline; every process is stopped and every folder removed afterwards.
"""

import contextlib
import glob
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import psycopg2
import pytest
from django.urls import reverse

from tests.ops.helpers import PRODUCTION_ENV, ROOT, clean_env, manage, web_command

START_TIMEOUT = 60  # seconds for a server to come up
HTTP_TIMEOUT = 15


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def missing(reason: str):
    """Skip, except in CI, where what the test needs must be there."""
    if running_in_ci():
        pytest.fail(f"fault test cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def require_postgresql_run() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip(
            "fault tests run against PostgreSQL: set DATABASE_URL to a postgres:// URL "
            "(CI does); they start their own PostgreSQL and Redis servers"
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = START_TIMEOUT) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        except OSError:
            time.sleep(0.1)
    return False


# --- PostgreSQL -----------------------------------------------------------------------------


def _postgres_bin(name: str) -> str | None:
    versions = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0,
    )
    return versions[-1] if versions else shutil.which(name)


class PrivatePostgres:
    """A PostgreSQL cluster of its own: initdb into a temporary folder, a free port."""

    def __init__(self):
        self.initdb, self.pg_ctl = _postgres_bin("initdb"), _postgres_bin("pg_ctl")
        if not self.initdb or not self.pg_ctl:
            missing("PostgreSQL's initdb and pg_ctl are not installed")
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="hnp-faults-pg-"))
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


# --- Redis ----------------------------------------------------------------------------------


class PrivateRedis:
    def __init__(self):
        self.binary = shutil.which("redis-server")
        if not self.binary:
            missing("redis-server is not installed")
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [
                self.binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],  # fmt: skip
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not wait_for_port(self.port, timeout=15):
            self.stop()
            raise RuntimeError("redis-server did not start")

    def freeze(self) -> None:
        """SIGSTOP: Redis keeps its connections and its data but answers nothing."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGCONT)  # a frozen Redis would not hear SIGTERM
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


# --- The site under gunicorn ----------------------------------------------------------------

# One category and an article open to comments; what every fault test starts from.
SEED = """
from articles.models import Article, Category
news = Category.objects.create(name="Thời sự", slug="thoi-su", position=1)
Article.objects.create(
    title="Bài đang mở bình luận", slug="mo-binh-luan", lead="Sapo.",
    body="<p>Nội dung bài viết.</p>", byline="PV", category=news, status=Article.Status.PUBLISHED,
)
"""


@dataclass
class Site:
    port: int
    process: subprocess.Popen
    log: Path
    env: dict[str, str]

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def site_env(workdir: Path, database_url: str, **overrides: str) -> dict[str, str]:
    """Production settings behind a TLS proxy (whose headers the client sends), on loopback."""
    return clean_env(
        **{
            **PRODUCTION_ENV,
            "ALLOWED_HOSTS": "127.0.0.1",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "DATABASE_URL": database_url,
            "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
            "TRUSTED_PROXIES": "127.0.0.1/32",
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            **overrides,
        }
    )


def prepare_database(env: dict[str, str], seed: str = SEED) -> None:
    for command in (("migrate", "--noinput"), ("collectstatic", "--noinput")):
        result = manage(*command, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
    seeded = manage("shell", "-c", seed, env=env)
    assert seeded.returncode == 0, seeded.stdout + seeded.stderr


def start_site(
    env: dict[str, str], workdir: Path, *, workers: int = 2, threads: int = 4, port: int = 0
) -> Site:
    """The site under gunicorn on ``port`` (a free one unless given: a restart on the same)."""
    port = port or free_port()
    log = workdir / f"gunicorn-{port}.log"
    command = web_command()
    assert command[0] == "gunicorn"
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603
            [str(Path(sys.executable).parent / "gunicorn"), *command[1:]],
            cwd=ROOT,
            env={
                **env,
                "GUNICORN_BIND": f"127.0.0.1:{port}",
                "GUNICORN_WORKERS": str(workers),
                "GUNICORN_THREADS": str(threads),
            },
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    site = Site(port=port, process=process, log=log, env=env)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the site did not start:\n{site.log_text()}")
        try:
            Client(site).get(reverse("healthz"))  # any answer: the health itself may vary
            return site
        except OSError:
            time.sleep(0.2)
    stop_site(site)
    pytest.fail(f"the site did not answer within {START_TIMEOUT} s:\n{site.log_text()}")


def stop_site(site: Site) -> None:
    if site.process.poll() is not None:
        return
    os.killpg(site.process.pid, signal.SIGTERM)
    try:
        site.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(site.process.pid, signal.SIGKILL)
        site.process.wait(timeout=10)


# --- A client that behaves like a browser behind the proxy ----------------------------------


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str


@dataclass
class Client:
    site: Site
    address: str = "203.0.113.10"
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, data=None, headers=None) -> Answer:
        sent = {
            "Host": f"127.0.0.1:{self.site.port}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            "User-Agent": "hnp-fault-test",
            **(headers or {}),
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            sent["Origin"] = f"https://127.0.0.1:{self.site.port}"
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            body = urlencode(data or {})
        connection = http.client.HTTPConnection("127.0.0.1", self.site.port, timeout=HTTP_TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return Answer(response.status, response.headers, text)

    def get(self, path: str, headers=None) -> Answer:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, data: dict) -> Answer:
        return self.request("POST", path, data)
