"""The shipped nginx configuration compresses pages, feeds, sitemaps, JSON, CSS and JavaScript
for browsers that accept gzip, says "Vary: Accept-Encoding" on each, and sends the same bytes
uncompressed to a client that does not accept it, even from its micro-cache. Run against
Debian's nginx (tests/ops/proxies.py) with a stand-in for gunicorn."""

import gzip
import http.client
import http.server
import threading

import pytest

from tests.ops.proxies import Nginx

BODIES = {
    "/page": ("text/html; charset=utf-8", "<p>Tin nóng trong ngày</p>\n" * 200),
    "/rss/": ("application/rss+xml; charset=utf-8", "<item><title>Tin</title></item>\n" * 200),
    "/sitemap.xml": ("application/xml", "<url><loc>https://hnp.example.vn/a/</loc></url>\n" * 200),
    "/api.json": ("application/json", '{"title": "Tin nóng", "id": 1}\n' * 200),
}
STATIC = {
    "css/site.0123456789ab.css": ("text/css", "body { margin: 0; color: #222; }\n" * 200),
    "js/site.0123456789ab.js": ("javascript", "document.title = 'HNP';\n" * 200),
}


class _Site(http.server.BaseHTTPRequestHandler):
    """Answers like the site would with Django's GZipMiddleware: compressed when asked, a public
    page for 60 s. (nginx must keep one uncompressed copy all the same.)"""

    def do_GET(self):  # noqa: N802 (http.server's name)
        content_type, text = BODIES[self.path.split("?")[0]]
        body = text.encode()
        self.send_response(200)
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=0, public, s-maxage=60")
        self.send_header("Vary", "Cookie")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("compression")
    for name, (_type, text) in STATIC.items():
        path = folder / "static" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    # WhiteNoise's storage writes a .gz copy next to each collected file: nginx sends it as is.
    css = folder / "static" / "css" / "site.0123456789ab.css"
    css.with_name(css.name + ".gz").write_bytes(gzip.compress(css.read_bytes()))
    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    nginx = Nginx(folder / "nginx", [site.server_address[1]], static=folder / "static")
    yield nginx
    nginx.stop()
    site.shutdown()


def get(proxy: Nginx, path: str, **headers: str):
    connection = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": "hnp.example.vn", **headers})
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


def varies_on_accept_encoding(response) -> bool:
    values = ",".join(response.headers.get_all("Vary") or [])
    return "accept-encoding" in [value.strip().lower() for value in values.split(",")]


@pytest.mark.parametrize("path", [*BODIES, *(f"/static/{name}" for name in STATIC)])
def test_what_the_site_sends_is_gzipped_for_browsers_that_accept_it(proxy, path):
    text = BODIES[path][1] if path in BODIES else STATIC[path.removeprefix("/static/")][1]

    response, body = get(proxy, path, **{"Accept-Encoding": "gzip, deflate, br, zstd"})

    assert response.status == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert varies_on_accept_encoding(response)
    assert gzip.decompress(body).decode() == text
    assert len(body) < len(text.encode()) / 4


@pytest.mark.parametrize("path", [*BODIES, *(f"/static/{name}" for name in STATIC)])
def test_a_client_that_does_not_accept_gzip_gets_the_plain_bytes(proxy, path):
    text = BODIES[path][1] if path in BODIES else STATIC[path.removeprefix("/static/")][1]

    response, body = get(proxy, path)

    assert "Content-Encoding" not in response.headers
    assert varies_on_accept_encoding(response)
    assert body.decode() == text


def test_the_micro_cache_serves_each_client_the_encoding_it_accepts(proxy):
    """The cached copy is kept uncompressed: a page first asked for by a browser that accepts
    gzip is still readable by one that does not, and the other way round."""
    first, zipped = get(proxy, "/page?first-asked-with-gzip", **{"Accept-Encoding": "gzip"})
    second, plain = get(proxy, "/page?first-asked-with-gzip")
    third, zipped_again = get(proxy, "/page?first-asked-with-gzip", **{"Accept-Encoding": "gzip"})

    assert first.headers["X-Micro-Cache"] == "MISS"
    assert second.headers["X-Micro-Cache"] == third.headers["X-Micro-Cache"] == "HIT"
    assert "Content-Encoding" not in second.headers
    assert plain.decode() == gzip.decompress(zipped).decode() == BODIES["/page"][1]
    assert gzip.decompress(zipped_again) == plain
