import pytest
from captcha.conf import settings as captcha_settings
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import UserFactory

KNOWN_PHONE = "0987654321"
KNOWN_IP = "198.51.100.77"


@pytest.fixture(autouse=True)
def _security_settings(settings):
    """Known limits for every test here, whatever the environment says."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.COMMENT_RATE_LIMIT = "0"
    settings.CAPTCHA_RATE_LIMIT = "0"
    settings.COMMENT_FLOOD_SECONDS = 0
    settings.TRUSTED_PROXIES = []


@pytest.fixture
def captcha_test_mode(monkeypatch):
    """The answer "PASSED" passes any captcha (django-simple-captcha keeps its own copy of
    the setting, so the copy is patched)."""
    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", True)


@pytest.fixture
def comment_data():
    return {
        "name": "Trần Văn Bình",
        "phone": "0987 654 321",
        "title": "Đèn đường hỏng",
        "content": "Đèn đường ngõ 12 hỏng cả tuần nay, buổi tối rất tối.",
        "captcha_0": "test-key",
        "captcha_1": "PASSED",
        "website": "",
    }


@pytest.fixture
def post_comment(client):
    def post(article, data, *, client=client, **extra):
        return client.post(reverse("comments:post", args=[article.pk]), data, **extra)

    return post


def _staff_in(group_name: str, username: str):
    return UserFactory(
        username=username, is_staff=True, groups=[Group.objects.get(name=group_name)]
    )


@pytest.fixture
def journalist(db):
    return _staff_in("Journalist", "phongvien")


@pytest.fixture
def editor(db):
    return _staff_in("Editor", "bientap")


@pytest.fixture
def moderator(db):
    return _staff_in("Moderator", "kiemduyet")
