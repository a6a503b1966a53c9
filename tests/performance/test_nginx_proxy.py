"""deploy/nginx.conf, the proxy of docker-compose.yml: micro-caches anonymous reader pages for
the few seconds Django's s-maxage allows, never a personal or private page, and serves the
static files itself. Run against Debian's nginx with a small stand-in for gunicorn."""

import http.server
import shutil
import threading
import time
import urllib.error
import urllib.request

import pytest

from tests.ops.helpers import ROOT, compose
from tests.ops.proxies import Nginx

pytestmark = pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")


def test_compose_builds_the_proxy_with_the_web_images_static_files():
    proxy = compose()["services"]["proxy"]
    dockerfile = (ROOT / proxy["build"]["dockerfile"]).read_text()

    assert proxy["build"]["additional_contexts"] == {"site": "service:web"}
    assert "COPY --from=site /app/staticfiles /srv/static" in dockerfile
    assert "COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf" in dockerfile
    assert "alias /srv/static/;" in (ROOT / "deploy" / "nginx.conf").read_text()


class _Upstream(http.server.BaseHTTPRequestHandler):
    """Answers like the site: /public is a reader page, /private a page for staff; a search
    is marked public like Django's reader pages."""

    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        type(self).hits.append(self.path)
        body = f"page {self.path} #{len(type(self).hits)}".encode()
        if self.path.startswith("/public/database-away") and len(type(self).hits) > 1:
            self.send_response(503)  # the site's page while the database is away
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Cookie")
        if self.path.startswith(("/public", "/tim-kiem/")):
            self.send_header("Cache-Control", "max-age=0, public, s-maxage=2")
        else:
            self.send_header("Cache-Control", "max-age=0, no-cache, no-store, private")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy(tmp_path):
    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    _Upstream.hits = []
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "site.0123456789ab.css").write_text("body{}")
    (static / "css" / "site.css").write_text("body{}")
    nginx = Nginx(tmp_path / "nginx", [upstream.server_address[1]], static=static)
    yield nginx.url
    nginx.stop()
    upstream.shutdown()


def get(url: str, **headers: str):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (127.0.0.1 only)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.read().decode(), dict(response.headers)


def test_an_anonymous_reader_page_is_kept_for_its_s_maxage_and_never_longer(proxy):
    first, first_headers = get(f"{proxy}/public")
    second, second_headers = get(f"{proxy}/public", Cookie="csrftoken=abc")
    # Once expired, the next reader waits for a fresh copy rather than getting the old one
    # (the expiry is checked against nginx's clock: give it a moment to tick).
    deadline = time.monotonic() + 8
    time.sleep(2)
    while time.monotonic() < deadline:
        third, third_headers = get(f"{proxy}/public")
        if third_headers["X-Micro-Cache"] != "HIT":
            break
        time.sleep(0.25)
    fourth, fourth_headers = get(f"{proxy}/public")

    assert first_headers["X-Micro-Cache"] == "MISS"
    assert second_headers["X-Micro-Cache"] == "HIT"
    assert second == first
    assert third_headers["X-Micro-Cache"] == "EXPIRED"
    assert third.endswith("#2")
    assert fourth_headers["X-Micro-Cache"] == "HIT"
    assert fourth == third


def test_while_the_site_answers_503_readers_get_the_last_copy(proxy):
    first, _headers = get(f"{proxy}/public/database-away")
    deadline = time.monotonic() + 8
    time.sleep(2)
    while time.monotonic() < deadline:
        body, headers = get(f"{proxy}/public/database-away")
        if headers["X-Micro-Cache"] != "HIT":
            break
        time.sleep(0.25)

    assert headers["X-Micro-Cache"] == "STALE"
    assert body == first


@pytest.mark.parametrize(
    "cookie",
    ["sessionid=abc", "messages=xyz", "a=1; hnp_binh_luan=t", "csrftoken=abc; hnp_primary=1"],
)
def test_a_request_with_any_cookie_but_the_csrf_token_never_gets_nor_fills_the_cache(proxy, cookie):
    get(f"{proxy}/public")

    body, headers = get(f"{proxy}/public", Cookie=cookie)

    assert headers["X-Micro-Cache"] == "BYPASS"
    assert body.endswith("#2")


def test_a_private_page_is_never_kept(proxy):
    get(f"{proxy}/private")

    body, headers = get(f"{proxy}/private")

    assert headers["X-Micro-Cache"] != "HIT"
    assert body.endswith("#2")


def test_static_files_are_served_by_nginx_hashed_ones_for_a_year(proxy):
    _body, hashed = get(f"{proxy}/static/css/site.0123456789ab.css")
    _body, plain = get(f"{proxy}/static/css/site.css")

    assert hashed["Cache-Control"] == "public, max-age=31536000, immutable"
    assert plain["Cache-Control"] == "public, max-age=3600"
    assert _Upstream.hits == []


def status_of(url: str, **headers: str) -> int:
    try:
        get(url, **headers)
    except urllib.error.HTTPError as error:
        return error.code
    return 200


def test_searches_are_limited_per_client_and_a_forged_forwarded_header_changes_nothing(proxy):
    """Issue 18: 30 searches a minute with a burst of 20 per address (limit_req), then 429.
    The client here is not Caddy's network, so the X-Forwarded-For it writes is not believed:
    a new forged address for every search does not reset the count."""
    statuses = [
        status_of(f"{proxy}/tim-kiem/?q=tu-khoa-{number}", **{"X-Forwarded-For": f"6.6.6.{number}"})
        for number in range(40)
    ]

    assert statuses[:20] == [200] * 20
    assert statuses.count(429) >= 15
    assert len([hit for hit in _Upstream.hits if hit.startswith("/tim-kiem/")]) <= 22


def test_searches_are_never_kept_in_the_micro_cache(proxy):
    _body, headers = get(f"{proxy}/tim-kiem/?q=ha-noi")
    _body, again = get(f"{proxy}/tim-kiem/?q=ha-noi")

    assert "X-Micro-Cache" not in headers
    assert "X-Micro-Cache" not in again
    assert _Upstream.hits.count("/tim-kiem/?q=ha-noi") == 2
