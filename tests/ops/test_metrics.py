"""GET /metrics gives Prometheus the site's counts (requests, latency, database, cache, pending
comments) summed over every gunicorn worker, and only to the addresses in METRICS_ALLOWED_IPS.

The site runs under the web containers' gunicorn command with two workers, against a SQLite
file and a redis-server of the test's own (tests/faults/servers.py)."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.support.servers import (
    SEED,
    Client,
    prepare_database,
    site_env,
    start_private_redis,
    start_site,
    stop_site,
)

PENDING = """
from articles.models import Article
from comments.models import Comment
article = Article.objects.get(slug="mo-binh-luan")
for number in range(3):
    Comment.objects.create(article=article, name="Bạn đọc", title=f"Chờ duyệt {number}",
                           content="Nội dung chờ duyệt.", status=Comment.Status.PENDING)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("metrics")
    redis_server = start_private_redis()
    env = site_env(
        workdir,
        f"sqlite:///{workdir}/db.sqlite3",
        REDIS_URL=redis_server.url,
        METRICS_ALLOWED_IPS="127.0.0.1/32,::1",
    )
    prepare_database(env, SEED + PENDING)
    server = start_site(env, workdir, workers=2, threads=2)
    yield server
    stop_site(server)
    redis_server.stop()


def samples(text: str, name: str) -> dict[str, float]:
    """Each sample of the metric ``name``: its labels as written, and its value."""
    found = {}
    for line in text.splitlines():
        if match := re.fullmatch(rf"{name}(\{{[^}}]*\}})? (\S+)", line):
            found[match[1] or ""] = float(match[2])
    return found


def test_prometheus_sees_requests_database_cache_and_pending_comments(site):
    article = reverse("articles:detail", kwargs={"slug": "mo-binh-luan"})
    reader = Client(site)
    for _ in range(6):  # spread over both workers
        assert reader.get(article).status == HTTPStatus.OK

    # As Prometheus asks a container: by its address, which ALLOWED_HOSTS does not list.
    scrape = Client(site, address="127.0.0.1").get(
        reverse("metrics"), headers={"Host": f"127.0.0.2:{site.port}"}
    )

    assert scrape.status == HTTPStatus.OK
    assert scrape.headers["Content-Type"].startswith("text/plain; version=")
    requests = samples(scrape.body, "hnp_http_requests_total")
    assert requests['{method="GET",status="200",view="articles:detail"}'] == 6
    latency = samples(scrape.body, "hnp_http_request_duration_seconds_count")
    assert latency['{view="articles:detail"}'] == 6
    assert samples(scrape.body, "hnp_db_queries_total")['{alias="default"}'] > 0
    cache = samples(scrape.body, "hnp_cache_operations_total")
    assert sum(value for labels, value in cache.items() if 'operation="get"' in labels) > 0
    assert samples(scrape.body, "hnp_comments_pending") == {"": 3}


def test_metrics_are_refused_to_anyone_else(site):
    reader = Client(site, address="203.0.113.10")
    assert reader.get(reverse("metrics")).status == HTTPStatus.NOT_FOUND


def test_without_allowed_addresses_there_are_no_metrics(client, settings, db):
    settings.METRICS_ALLOWED_IPS = []
    assert client.get(reverse("metrics"), REMOTE_ADDR="127.0.0.1").status_code == 404
