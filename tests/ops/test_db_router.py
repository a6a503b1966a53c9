"""Read replicas: public pages of anonymous readers read there, everything else the primary."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse
from django.test import RequestFactory

from articles.models import Article
from hnp.db_router import PrimaryReplicaRouter, read_replica_for
from hnp.middleware import ReplicaReadMiddleware
from tests.factories import UserFactory

router = PrimaryReplicaRouter()


@pytest.fixture
def replicas(settings):
    settings.DATABASE_REPLICAS = ["replica_1"]


def request_for(method: str, path: str, user=None, cookies=None):
    request = RequestFactory().generic(method, path)
    request.user = user or AnonymousUser()
    request.COOKIES.update(cookies or {})
    return request


def read_alias_while_serving(request):
    with read_replica_for(request):
        return router.db_for_read(Article) or DEFAULT_DB_ALIAS


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_an_anonymous_readers_page_reads_from_a_replica(replicas, method):
    assert read_alias_while_serving(request_for(method, "/bai-viet/tin-moi/")) == "replica_1"


@pytest.mark.parametrize(
    "path",
    ["/admin/articles/article/", "/ckeditor/browse/", "/captcha/image/abc/", "/healthz"],
)
def test_the_staff_area_captchas_and_the_health_check_read_from_the_primary(replicas, path):
    assert read_alias_while_serving(request_for("GET", path)) == DEFAULT_DB_ALIAS


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "OPTIONS"])
def test_requests_that_may_write_read_from_the_primary(replicas, method):
    assert read_alias_while_serving(request_for(method, "/binh-luan/gui/")) == DEFAULT_DB_ALIAS


def test_signed_in_staff_read_from_the_primary_even_on_public_pages(replicas):
    staff = UserFactory.build(is_staff=True)
    assert read_alias_while_serving(request_for("GET", "/", user=staff)) == DEFAULT_DB_ALIAS


def test_a_client_that_just_posted_reads_from_the_primary(replicas, settings):
    request = request_for("GET", "/bai-viet/tin-moi/", cookies={settings.REPLICA_PIN_COOKIE: "1"})
    assert read_alias_while_serving(request) == DEFAULT_DB_ALIAS


def test_without_replicas_everything_reads_from_the_primary():
    assert read_alias_while_serving(request_for("GET", "/")) == DEFAULT_DB_ALIAS


def test_outside_a_request_reads_go_to_the_primary(replicas):
    """Management commands, migrations, background work."""
    assert router.db_for_read(Article) is None


def test_writes_go_to_the_primary_and_only_the_primary_is_migrated(replicas):
    with read_replica_for(request_for("GET", "/")):
        assert router.db_for_write(Article) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "articles") is True
    assert router.allow_migrate("replica_1", "articles") is False
    assert router.allow_relation(Article(), Article()) is True


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_the_primary(replicas):
    """pytest-django runs this test inside a transaction, as a view in atomic() would be."""
    assert connections[DEFAULT_DB_ALIAS].in_atomic_block
    assert read_alias_while_serving(request_for("GET", "/")) == DEFAULT_DB_ALIAS


def test_a_post_pins_the_client_to_the_primary_for_a_few_seconds(replicas, settings):
    middleware = ReplicaReadMiddleware(lambda request: HttpResponse())
    response = middleware(request_for("POST", "/binh-luan/gui/"))
    pin = response.cookies[settings.REPLICA_PIN_COOKIE]
    assert pin["max-age"] == settings.REPLICA_PIN_SECONDS
    assert pin["httponly"]
    assert settings.REPLICA_PIN_COOKIE not in middleware(request_for("GET", "/")).cookies


def test_without_replicas_no_pin_cookie_is_set():
    middleware = ReplicaReadMiddleware(lambda request: HttpResponse())
    assert not middleware(request_for("POST", "/binh-luan/gui/")).cookies
