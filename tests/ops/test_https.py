"""HTTPS as docker-compose.yml serves it: Caddy (deploy/Caddyfile) with a certificate for the
domain, nginx (deploy/nginx.conf) behind it, the site under gunicorn behind that.

The local mode (DOMAIN=localhost) is what runs here: Caddy signs the certificate with its own
authority, which the client below trusts and checks, as a browser would a public one. Getting a
public certificate needs the internet and a domain, so that part is Caddy's own behaviour,
untested here (docs/deploy.md)."""

import gzip
import http.client
import ssl
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.ops.proxies import Caddy, Nginx
from tests.support.servers import prepare_database, site_env, start_site, stop_site


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("https")
    env = site_env(
        workdir,
        f"sqlite:///{workdir}/db.sqlite3",
        ALLOWED_HOSTS="localhost,127.0.0.1",
        TRUSTED_PROXIES="127.0.0.1/32",
    )
    prepare_database(env)
    site = start_site(env, workdir, workers=1, threads=2)
    nginx = Nginx(workdir / "nginx", [site.port], static=workdir / "static")
    caddy = Caddy(workdir / "caddy", nginx.port)
    yield caddy
    caddy.stop()
    nginx.stop()
    stop_site(site)


def https_get(caddy: Caddy, path: str, **headers: str):
    """A GET as a browser that trusts Caddy's local authority makes it to https://localhost."""
    context = ssl.create_default_context(cafile=str(caddy.root_certificate))
    connection = http.client.HTTPSConnection(
        "localhost", caddy.https_port, context=context, timeout=15
    )
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


def test_plain_http_is_redirected_to_https(chain):
    connection = http.client.HTTPConnection("127.0.0.1", chain.http_port, timeout=15)
    try:
        connection.request("GET", "/thoi-su/", headers={"Host": "localhost"})
        response = connection.getresponse()
    finally:
        connection.close()

    assert response.status == HTTPStatus.PERMANENT_REDIRECT
    # Caddy's HTTPS port is 443 in docker-compose.yml, hence no port in the address.
    assert response.headers["Location"] == "https://localhost/thoi-su/"


def test_a_reader_page_comes_over_https_with_a_valid_certificate_hsts_and_compression(chain):
    article = reverse("articles:detail", kwargs={"slug": "mo-binh-luan"})

    response, body = https_get(chain, article, **{"Accept-Encoding": "gzip"})

    assert response.status == HTTPStatus.OK  # not 301: Django knows the request was HTTPS
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Bài đang mở bình luận" in gzip.decompress(body).decode()


def test_the_certificate_is_refused_for_another_name(chain):
    context = ssl.create_default_context(cafile=str(chain.root_certificate))
    connection = http.client.HTTPSConnection(
        "127.0.0.1", chain.https_port, context=context, timeout=15
    )
    with pytest.raises(ssl.SSLError):
        connection.request("GET", "/", headers={"Host": "localhost"})
    connection.close()
