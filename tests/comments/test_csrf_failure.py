"""A comment refused for its CSRF token (a tab left open for a day, cookies off) gives the
reader back everything they typed, with a fresh token and captcha; other forms get a
Vietnamese 403 page."""

import re
from http import HTTPStatus

import pytest
from captcha.models import CaptchaStore
from django.test import Client
from django.urls import reverse

from comments.models import Comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def test_a_comment_without_a_valid_token_comes_back_with_everything_typed(
    strict_client, article, comment_data
):
    url = reverse("comments:post", kwargs={"article_id": article.pk})
    response = strict_client.post(url, comment_data)

    assert response.status_code == HTTPStatus.FORBIDDEN
    html = response.content.decode()
    assert "Bình luận của bạn chưa được gửi vì biểu mẫu đã hết hạn." in html
    assert 'value="Nguyễn Thị Lan"' in html
    assert 'value="Cần thêm chỗ gửi xe"' in html
    assert "Mong thành phố sớm mở thêm bãi xe." in html
    assert 'value="0912 345 678"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert CaptchaStore.objects.count() == 1
    assert "/captcha/image/" in html
    assert "no-store" in response["Cache-Control"]
    assert not Comment.objects.exists()


def test_the_comment_sent_again_from_that_page_is_accepted(strict_client, article, comment_data):
    url = reverse("comments:post", kwargs={"article_id": article.pk})
    html = strict_client.post(url, comment_data).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    response = strict_client.post(url, {**comment_data, "csrfmiddlewaretoken": token})

    assert response.status_code == HTTPStatus.FOUND
    assert Comment.objects.get().title == "Cần thêm chỗ gửi xe"


def test_other_forms_get_a_vietnamese_403_page(strict_client, db):
    response = strict_client.post(
        reverse("admin:login"), {"username": "ai-do", "password": "mat-khau"}
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    html = response.content.decode()
    assert "Biểu mẫu đã hết hạn" in html
    assert "CSRF verification failed" not in html
