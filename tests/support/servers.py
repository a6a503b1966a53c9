"""The live-server machinery of tests/ops and tests/faults, on top of harness/ (which bench/
uses too): the site under gunicorn with production settings behind a TLS proxy, a private
PostgreSQL cluster and redis-server, and a client that behaves like a browser behind the proxy.

Every wait has a deadline; every process is stopped and every folder removed afterwards.
"""

import http.client
import os
import subprocess
from dataclasses import dataclass, field, replace
from http.cookies import SimpleCookie
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from harness.gunicorn import start_gunicorn, wait_until_answering
from harness.postgres import PrivatePostgres
from harness.processes import MissingTool, ServerError, free_port, stop_process_group
from harness.redis import PrivateRedis
from tests.ops.helpers import PRODUCTION_ENV, clean_env, manage

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
    with log.open("w") as output:
        process = start_gunicorn(env, port=port, output=output, workers=workers, threads=threads)
    site = Site(port=port, process=process, log=log, env=env)
    try:
        # Any answer will do: the health itself may vary.
        wait_until_answering(
            process, lambda: Client(site).get(reverse("healthz")) is not None,
            describe=site.log_text,
        )  # fmt: skip
    except ServerError as error:
        pytest.fail(str(error))
    return site


def stop_site(site: Site) -> None:
    stop_process_group(site.process)


def start_private_postgres() -> PrivatePostgres:
    try:
        return PrivatePostgres()
    except MissingTool as error:
        missing(str(error))


def start_private_redis() -> PrivateRedis:
    try:
        return PrivateRedis()
    except MissingTool as error:
        missing(str(error))


# --- A client that behaves like a browser behind the proxy ----------------------------------


class Answer(NamedTuple):
    status: int
    headers: http.client.HTTPMessage
    body: str


@dataclass
class Client:
    """Keeps its cookies, and sends what nginx would: the scheme and the reader's address.
    ``at(other_site)`` is the same browser (same cookies) talking to another server."""

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
            body = urlencode(data or {}, doseq=True)
        connection = http.client.HTTPConnection("127.0.0.1", self.site.port, timeout=HTTP_TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Answer(response.status, response.headers, text)

    def at(self, site: Site) -> "Client":
        return replace(self, site=site)

    def get(self, path: str, headers=None) -> Answer:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, data: dict) -> Answer:
        return self.request("POST", path, data)
