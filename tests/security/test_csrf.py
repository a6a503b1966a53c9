"""Every form a visitor can post refuses a POST without a valid CSRF token (403) and stores
nothing. The view-count beacon is the one exception, by design: it changes nothing a person
reads back and answers the same whatever happens (articles/views_most_read.py)."""

import re
from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser():
    """A client that checks CSRF tokens as the site does for real browsers."""
    return Client(enforce_csrf_checks=True)


def test_the_comment_form_without_a_token_is_refused(browser, article, comment_data):
    response = browser.post(reverse("comments:post", args=[article.pk]), comment_data)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Comment.objects.exists()


def test_the_plain_comment_pages_form_without_a_token_is_refused(
    browser, article, comment_data, captcha_test_mode
):
    page = browser.get(reverse("comments:write", kwargs={"slug": article.slug}))
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()

    response = browser.post(reverse("comments:post", args=[article.pk]), comment_data)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Comment.objects.exists()


def test_the_plain_comment_pages_form_with_its_token_is_accepted(
    browser, article, comment_data, captcha_test_mode
):
    page = browser.get(reverse("comments:write", kwargs={"slug": article.slug}))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]

    response = browser.post(
        reverse("comments:post", args=[article.pk]),
        {**comment_data, "csrfmiddlewaretoken": token},
    )

    assert response.status_code == HTTPStatus.FOUND
    assert Comment.objects.count() == 1


def test_a_token_from_another_visitor_is_refused(article, comment_data, captcha_test_mode):
    """A token only works with the cookie it came with."""
    other = Client(enforce_csrf_checks=True)
    other.get(reverse("comments:write", kwargs={"slug": article.slug}))
    stolen = other.cookies[settings.CSRF_COOKIE_NAME].value
    victim = Client(enforce_csrf_checks=True)
    victim.get(reverse("comments:write", kwargs={"slug": article.slug}))

    response = victim.post(
        reverse("comments:post", args=[article.pk]),
        {**comment_data, "csrfmiddlewaretoken": stolen},
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Comment.objects.exists()


def test_the_admin_login_without_a_token_is_refused(browser):
    UserFactory(username="bientap", is_staff=True)

    response = browser.post(
        reverse("admin:login"), {"username": "bientap", "password": "mat-khau-thu-nghiem-42"}
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert SESSION_KEY not in browser.session
    assert not AccessAttempt.objects.exists()


def test_a_post_from_another_site_over_https_is_refused_even_with_a_token(
    article, comment_data, captcha_test_mode
):
    """Over HTTPS Django also checks that the Origin is the site's own."""
    browser = Client(enforce_csrf_checks=True)
    browser.get(reverse("comments:write", kwargs={"slug": article.slug}), secure=True)
    token = browser.cookies[settings.CSRF_COOKIE_NAME].value

    response = browser.post(
        reverse("comments:post", args=[article.pk]),
        {**comment_data, "csrfmiddlewaretoken": token},
        secure=True,
        headers={"Origin": "https://evil.example"},
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Comment.objects.exists()


def test_the_view_count_beacon_is_the_one_exempt_post_and_stores_nothing_in_the_database(
    browser, article, django_assert_num_queries
):
    """It needs no token (a cached page carries none), writes no row, and says nothing back."""
    with django_assert_num_queries(0):
        response = browser.post(reverse("articles:count_view", args=[article.pk]))

    assert response.status_code == HTTPStatus.NO_CONTENT
    assert response.content == b""
