"""Read replicas against a real second database alias, on PostgreSQL.

``replica_1`` is a second connection to the test database, the way ``TEST: {"MIRROR":
"default"}`` sets replicas up in tests. The tests commit their data (``transaction=True``) so
that the second connection sees it, and tell from the queries each connection ran which
database a page read from.
"""

from http import HTTPStatus

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ArticleFactory, UserFactory

replica_db = pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, "replica_1"])


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup, django_db_blocker):
    """Declared before the tests' database access is set up, as settings.py would declare it."""
    if connections[DEFAULT_DB_ALIAS].vendor != "postgresql":
        pytest.skip("replicas are tested on PostgreSQL (set DATABASE_URL to a postgres:// URL)")
    primary = connections[DEFAULT_DB_ALIAS].settings_dict
    connections.settings["replica_1"] = {
        **primary,
        "TEST": {**primary["TEST"], "MIRROR": "default"},
    }
    try:
        yield "replica_1"
    finally:
        connections["replica_1"].close()
        del connections["replica_1"]
        del connections.settings["replica_1"]


@pytest.fixture(autouse=True)
def _replicas_configured(settings):
    settings.DATABASE_REPLICAS = ["replica_1"]


def reads(alias: str):
    return CaptureQueriesContext(connections[alias])


def touched(captured, table: str) -> bool:
    return any(table in query["sql"] for query in captured.captured_queries)


@replica_db
def test_a_public_article_page_is_read_from_the_replica(client):
    article = ArticleFactory(title="Cầu Long Biên mở cửa lại")
    with reads("replica_1") as on_replica, reads(DEFAULT_DB_ALIAS) as on_primary:
        response = client.get(article.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert "Cầu Long Biên mở cửa lại" in response.content.decode()
    assert touched(on_replica, "articles_article")
    assert not touched(on_primary, "articles_article")


@replica_db
def test_the_admin_never_reads_from_the_replica(client):
    ArticleFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    with reads("replica_1") as on_replica, reads(DEFAULT_DB_ALIAS) as on_primary:
        changelist = client.get(reverse("admin:articles_article_changelist"))
        home = client.get(reverse("articles:home"))
    assert changelist.status_code == HTTPStatus.OK
    assert home.status_code == HTTPStatus.OK
    assert touched(on_primary, "articles_article")
    assert on_replica.captured_queries == []


@replica_db
def test_the_login_page_and_a_post_never_read_from_the_replica(client, settings):
    with reads("replica_1") as on_replica:
        assert client.get(reverse("admin:login")).status_code == HTTPStatus.OK
        response = client.post(reverse("admin:login"), {"username": "x", "password": "y"})
        pinned = client.get(reverse("articles:home"))
    assert response.cookies[settings.REPLICA_PIN_COOKIE].value == "1"
    assert pinned.status_code == HTTPStatus.OK
    assert on_replica.captured_queries == []
