"""Two gunicorn servers of the site share one PostgreSQL and one Redis, as in production.

Each server runs the web containers' command (docker-compose.yml) with production settings
(DEBUG off, secure cookies, behind a TLS proxy, whose headers the client below sends) on its
own loopback port, against a scratch database made for this module and dropped afterwards, and
a Redis database number of its own. What one server writes, the other serves at once: a
publication, a moderation, a session, the comment rate limit's count.

Runs when DATABASE_URL is PostgreSQL and Redis answers; in CI (CI=true) with PostgreSQL, a
Redis that does not answer is a failure rather than a reason to skip.
"""

import os
import re
import secrets
import subprocess
import sys
import time
import uuid
from html import unescape
from html.parser import HTMLParser
from http import HTTPStatus
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest
import redis
from django.urls import reverse

from tests.ops.helpers import PRODUCTION_ENV, ROOT, clean_env, manage
from tests.support.servers import Client, Site, start_site, stop_site

pytestmark = pytest.mark.multiprocess

REDIS_URL = os.environ.get("HNP_TEST_REDIS_URL", "redis://127.0.0.1:6379/11")
ADMIN_PASSWORD = "mat-khau-quan-tri-" + secrets.token_hex(4)
# The moderators' e-mail about a new comment stays in the server process.
LOCMEM_EMAIL = "django.core.mail.backends.locmem.EmailBackend"


class FormFields(HTMLParser):
    """The values a browser would submit from the form whose id (or action) is given."""

    def __init__(self, form_id=None, action=None):
        super().__init__()
        self.form_id, self.action = form_id, action
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = (self.form_id and attrs.get("id") == self.form_id) or (
                self.action and attrs.get("action") == self.action
            )
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append(
                (attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
            )
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea[0], unescape(self._textarea[1]).lstrip("\n")))
            self._textarea = None


def form_fields(html: str, **which) -> dict[str, str]:
    parser = FormFields(**which)
    parser.feed(html)
    assert parser.fields, f"no form {which} on the page"
    return dict(parser.fields)


# --- The scratch database, Redis and the servers ----------------------------------------------


def _requirements() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("the multi-process test needs DATABASE_URL to be a postgres:// URL")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        message = f"the multi-process test needs Redis at {REDIS_URL} ({exc})"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return url


def _sql(url: str, statement: str, params=()):
    with psycopg2.connect(url) as db, db.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else None


SEED = """
from django.contrib.auth import get_user_model
from articles.models import Article, Category
get_user_model().objects.create_superuser("bientap", "bientap@example.vn", {password!r})
news = Category.objects.create(name="Thời sự", slug="thoi-su", position=1)
Article.objects.create(
    title="Bản nháp chờ xuất bản", slug="ban-nhap", lead="Sapo.", body="<p>Nội dung.</p>",
    byline="PV", category=news, status=Article.Status.DRAFT,
)
Article.objects.create(
    title="Bài đang mở bình luận", slug="mo-binh-luan", lead="Sapo.", body="<p>Nội dung.</p>",
    byline="PV", category=news, status=Article.Status.PUBLISHED,
)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Servers A and B, and the URL of the scratch database they share."""
    parts = urlsplit(_requirements())
    name = f"hnp_multiprocess_{uuid.uuid4().hex[:10]}"
    database_url = urlunsplit(parts._replace(path=f"/{name}"))
    server_url = urlunsplit(parts._replace(path="/postgres"))
    workdir = tmp_path_factory.mktemp("multiprocess")
    cache_prefix = f"hnp-test-{uuid.uuid4().hex[:10]}"
    env = clean_env(
        **{**PRODUCTION_ENV, "ALLOWED_HOSTS": "127.0.0.1", "EMAIL_BACKEND": LOCMEM_EMAIL},
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=cache_prefix,
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
        TRUSTED_PROXIES="127.0.0.1/32",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        COMMENT_RATE_LIMIT="3/1d",
        COMMENT_FLOOD_SECONDS="0",
        DJANGO_SUPERUSER_PASSWORD=ADMIN_PASSWORD,
        # These servers share sessions and content; the administrator signs in with the
        # password alone (two-factor sign-in: tests/security/test_two_factor.py).
        STAFF_TWO_FACTOR_REQUIRED="false",
    )
    admin_db = psycopg2.connect(server_url)
    admin_db.autocommit = True
    with admin_db.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    servers: list[Site] = []
    try:
        for command in (("migrate", "--noinput"), ("collectstatic", "--noinput")):
            result = manage(*command, env=env)
            assert result.returncode == 0, result.stdout + result.stderr
        seeded = manage("shell", "-c", SEED.format(password=ADMIN_PASSWORD), env=env)
        assert seeded.returncode == 0, seeded.stderr
        servers = [start_site(env, workdir, threads=1), start_site(env, workdir, threads=1)]
        yield {"A": servers[0], "B": servers[1], "database_url": database_url, "env": env}
    finally:
        for server in servers:
            stop_site(server)
        with admin_db.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin_db.close()
        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(match=f"{cache_prefix}:*"))
        if keys:
            client.delete(*keys)


def sign_in(browser: Client, server: Site) -> None:
    status, _headers, page = browser.at(server).get(reverse("admin:login"))
    assert status == HTTPStatus.OK
    fields = form_fields(page, form_id="login-form")
    fields.update(username="bientap", password=ADMIN_PASSWORD, next=reverse("admin:index"))
    status, headers, _page = browser.at(server).post(reverse("admin:login"), fields)
    assert status == HTTPStatus.FOUND, "the administrator could not sign in"
    assert headers["Location"] == reverse("admin:index")


def _article_id(site, slug: str) -> int:
    return _sql(site["database_url"], "SELECT id FROM articles_article WHERE slug = %s", (slug,))[
        0
    ][0]


# --- The tests --------------------------------------------------------------------------------


def test_both_servers_are_healthy_and_pass_the_containers_health_check(site):
    for server in (site["A"], site["B"]):
        status, headers, body = Client(server).get(reverse("healthz"))
        assert status == HTTPStatus.OK
        assert '"database": "ok"' in body and '"cache": "ok"' in body
        assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"])
    check = subprocess.run(  # noqa: S603
        [sys.executable, "deploy/healthcheck.py"],
        cwd=ROOT,
        env={**site["env"], "GUNICORN_BIND": f"0.0.0.0:{site['A'].port}"},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert check.returncode == 0, check.stderr


def test_requests_are_logged_on_standard_output_with_their_id(site):
    _status, headers, _body = Client(site["A"]).get(reverse("admin:login"))
    request_id = headers["X-Request-ID"]
    deadline = time.monotonic() + 10
    while request_id not in site["A"].log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    [line] = [line for line in site["A"].log.read_text().splitlines() if request_id in line]
    assert re.search(rf"INFO hnp\.access \[{request_id}\] GET /admin/login/ 200 [\d.]+ms$", line)


def test_a_session_signed_in_on_one_server_works_on_the_other(site):
    editor = Client(site["A"])
    sign_in(editor, site["A"])
    status, _headers, page = editor.at(site["B"]).get(reverse("admin:index"))
    assert status == HTTPStatus.OK
    assert "bientap" in page


def test_an_article_published_through_one_server_is_visible_through_the_other_at_once(site):
    reader, editor = Client(site["A"]), Client(site["A"])
    article_url = reverse("articles:detail", kwargs={"slug": "ban-nhap"})
    assert reader.at(site["B"]).get(article_url)[0] == HTTPStatus.NOT_FOUND

    sign_in(editor, site["A"])
    change_url = reverse("admin:articles_article_change", args=[_article_id(site, "ban-nhap")])
    status, _headers, page = editor.at(site["A"]).get(change_url)
    assert status == HTTPStatus.OK
    fields = form_fields(page, form_id="article_form")
    fields["status"] = "published"
    status, _headers, page = editor.at(site["A"]).post(change_url, fields)
    assert status == HTTPStatus.FOUND, page

    status, _headers, page = reader.at(site["B"]).get(article_url)
    assert status == HTTPStatus.OK
    assert "Bản nháp chờ xuất bản" in page


def test_a_comment_posted_on_one_server_is_approved_on_the_other_and_shows_on_both(site):
    reader, moderator = Client(site["A"], address="203.0.113.21"), Client(site["A"])
    post_url = reverse("comments:post", args=[_article_id(site, "mo-binh-luan")])
    article_url = reverse("articles:detail", kwargs={"slug": "mo-binh-luan"})
    write_url = reverse("comments:write", kwargs={"slug": "mo-binh-luan"})
    status, _headers, page = reader.at(site["A"]).get(write_url)
    assert status == HTTPStatus.OK
    fields = form_fields(page, action=post_url)
    answer = _sql(
        site["database_url"],
        "SELECT response FROM captcha_captchastore WHERE hashkey = %s",
        (fields["captcha_0"],),
    )[0][0]
    fields.update(
        name="Bạn đọc Hà Đông",
        phone="0912 345 678",
        title="Đường Quang Trung ngập",
        content="Sáng nay nước ngập tới đầu gối ở đoạn gần chợ.",
        captcha_1=answer,
    )
    status, _headers, _page = reader.at(site["A"]).post(post_url, fields)
    assert status == HTTPStatus.FOUND
    for server in (site["A"], site["B"]):
        assert "Đường Quang Trung ngập" not in reader.at(server).get(article_url)[2]

    [(comment_id,)] = _sql(
        site["database_url"],
        "SELECT id FROM comments_comment WHERE title = %s",
        ("Đường Quang Trung ngập",),
    )
    sign_in(moderator, site["B"])
    changelist_url = reverse("admin:comments_comment_changelist")
    status, _headers, page = moderator.at(site["B"]).get(changelist_url)
    assert status == HTTPStatus.OK
    status, _headers, _page = moderator.at(site["B"]).post(
        changelist_url,
        {
            "csrfmiddlewaretoken": form_fields(page, form_id="changelist-form")[
                "csrfmiddlewaretoken"
            ],
            "action": "approve",
            "_selected_action": str(comment_id),
            "index": "0",
        },
    )
    assert status == HTTPStatus.FOUND

    for server in (site["A"], site["B"]):
        status, _headers, page = Client(server).get(article_url)
        assert status == HTTPStatus.OK
        assert "Đường Quang Trung ngập" in page
        assert "0912" not in page


def test_the_comment_rate_limit_counts_posts_made_through_both_servers(site):
    """COMMENT_RATE_LIMIT is 3 a day here; every attempt counts, valid or not."""
    reader = Client(site["A"], address="203.0.113.99")
    path = reverse("comments:post", args=[_article_id(site, "mo-binh-luan")])
    page = reader.at(site["A"]).get(reverse("comments:write", kwargs={"slug": "mo-binh-luan"}))[2]
    attempt = {**form_fields(page, action=path), "name": "Spam", "captcha_1": "sai"}
    statuses = [
        reader.at(server).post(path, attempt)[0]
        for server in (site["A"], site["B"], site["A"], site["B"])
    ]
    assert statuses[:3] == [HTTPStatus.BAD_REQUEST] * 3  # counted, then refused by the form
    assert statuses[3] == HTTPStatus.TOO_MANY_REQUESTS

    reader.address = "203.0.113.100"  # another reader, with a count of their own
    assert reader.at(site["B"]).post(path, attempt)[0] == HTTPStatus.BAD_REQUEST
