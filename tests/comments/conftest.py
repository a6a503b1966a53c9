import pytest
from captcha.conf import settings as captcha_settings
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _captcha_test_mode(monkeypatch):
    """The answer "PASSED" passes any captcha.

    django-simple-captcha copies its settings when it is imported, so overriding
    settings.CAPTCHA_TEST_MODE has no effect: the copy is patched instead.
    """
    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", True)


@pytest.fixture
def real_captcha(monkeypatch):
    """The real captcha check, for the tests about the captcha itself."""
    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", False)


@pytest.fixture(autouse=True)
def _comment_settings(settings):
    """Known comment rules for every test here, whatever the environment says."""
    # Users are made in many tests here; the real password hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.COMMENT_RATE_LIMIT = "0"
    settings.COMMENT_FLOOD_SECONDS = 0
    settings.COMMENT_DUPLICATE_WINDOW_HOURS = 24
    settings.COMMENT_MAX_LINKS = 2
    settings.COMMENT_BLOCKLIST = ["casino", "cá độ", "lô đề", "vay tiền nhanh"]
    settings.COMMENT_CLOSE_AFTER_DAYS = 0
    settings.COMMENTS_PER_PAGE = 50
    settings.TRUSTED_PROXIES = []


@pytest.fixture
def comment_data():
    """A valid submission of the comment form (the captcha passes in CAPTCHA_TEST_MODE)."""
    return {
        "name": "Nguyễn Thị Lan",
        "phone": "0912 345 678",
        "title": "Cần thêm chỗ gửi xe",
        "content": "Khu vực này buổi sáng rất đông.\nMong thành phố sớm mở thêm bãi xe.",
        "captcha_0": "test-key",
        "captcha_1": "PASSED",
        "website": "",
    }


@pytest.fixture
def post_comment(client):
    """POST the comment form for ``article`` the way the article page's form does."""

    def post(article, data, *, client=client, **extra):
        return client.post(reverse("comments:post", args=[article.pk]), data, **extra)

    return post


@pytest.fixture
def viewer(db):
    """Staff who may look at comments but not moderate them."""
    user = UserFactory(username="chixem", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_comment"))
    return user
