from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import path
from pytest_django.asserts import assertContains, assertNotContains

from config.urls import urlpatterns as site_urlpatterns
from hnp import errors
from tests.factories import CategoryFactory


def _broken_view(request):
    raise RuntimeError("the database went away")


# This module doubles as the URLconf of the 500 test: the site's pages plus one that fails.
urlpatterns = [path("hong/", _broken_view), *site_urlpatterns]
handler404 = "hnp.errors.page_not_found"
handler500 = "hnp.errors.server_error"


@pytest.mark.django_db
def test_missing_page_is_a_404_in_the_site_style(client, settings):
    settings.DEBUG = False
    CategoryFactory(name="Thời sự", slug="thoi-su")

    response = client.get("/trang-khong-ton-tai/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assertContains(
        response,
        '<h1 class="error-page__title">Không tìm thấy trang</h1>',
        html=True,
        status_code=HTTPStatus.NOT_FOUND,
    )
    assertContains(
        response,
        '<link rel="stylesheet" href="/static/css/site.css">',
        status_code=HTTPStatus.NOT_FOUND,
    )
    assertContains(
        response,
        '<a href="/chuyen-muc/thoi-su/">Thời sự</a>',
        html=True,
        status_code=HTTPStatus.NOT_FOUND,
    )
    assertContains(
        response,
        '<a class="button" href="/">Về trang chủ</a>',
        html=True,
        status_code=HTTPStatus.NOT_FOUND,
    )


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_crashing_page_answers_with_the_500_page(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)

    response = client.get("/hong/")

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assertContains(response, "Đã có lỗi xảy ra", status_code=HTTPStatus.INTERNAL_SERVER_ERROR)
    assertContains(
        response,
        '<link rel="stylesheet" href="/static/css/site.css">',
        status_code=HTTPStatus.INTERNAL_SERVER_ERROR,
    )


@pytest.mark.django_db
def test_500_page_renders_without_touching_the_database(rf, django_assert_num_queries):
    """The 500 page must not need the database (it may be what failed): no navigation."""
    with django_assert_num_queries(0):
        response = errors.server_error(rf.get("/"))

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assertContains(
        response,
        '<span class="site-name__word">HNP</span>',
        html=True,
        status_code=HTTPStatus.INTERNAL_SERVER_ERROR,
    )
    assertNotContains(response, "site-nav", status_code=HTTPStatus.INTERNAL_SERVER_ERROR)
