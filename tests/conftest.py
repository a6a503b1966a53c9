import time
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches

from hnp import ratelimit
from tests.factories import ArticleFactory, CategoryFactory, UserFactory
from tests.support.accounts import logged_in, newsroom_user


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploads to its own temporary folder, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _no_embed_thumbnails(settings):
    """Tests never ask YouTube for a thumbnail; tests/articles/test_embeds.py fakes the answer."""
    settings.EMBED_THUMBNAILS = False


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests run with DEBUG=False and no collectstatic, so the manifest storage that production
    uses would fail on every {% static %}: use the plain storage with the same URLs."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _two_factor_optional(settings):
    """Tests run with DEBUG=False, where production requires two-factor sign-in of Editors,
    Moderators and superusers; here it is optional, as in `make run`, so that tests can sign
    staff in with force_login. tests/security/test_two_factor.py turns the requirement on."""
    settings.STAFF_TWO_FACTOR_REQUIRED = False


@pytest.fixture(autouse=True)
def _clear_cache():
    """The caches are on, as in production; each test starts with them empty."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _rate_limit_window_holds_still(monkeypatch):
    """hnp.ratelimit counts in fixed windows of the clock (a 10-minute limit starts afresh at
    :00, :10, :20...). A test that goes over a limit must do it within one window: one that
    ran across a boundary got 302 where 429 was due. The limiter's clock stands still at the
    test's start; a test about the windows themselves passes ``now``."""
    stopped = time.time()
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: stopped))


@pytest.fixture
def category(db):
    return CategoryFactory()


@pytest.fixture
def article(db):
    return ArticleFactory()


@pytest.fixture
def staff_user(db):
    """A member of the newsroom who writes articles (a Journalist): rights go by task, so a
    bare ``is_staff`` may neither preview nor use the editor (SECURITY.md)."""
    return UserFactory(is_staff=True, groups=[Group.objects.get(name="Journalist")])


# --- The newsroom's accounts (the groups come from the data migrations) ---------------------


@pytest.fixture
def journalist(db):
    return newsroom_user("phongvien", "Journalist", "Lê Huy Kiên")


@pytest.fixture
def other_journalist(db):
    return newsroom_user("phongvien2", "Journalist", "Nguyễn Thu Hà")


@pytest.fixture
def editor(db):
    return newsroom_user("bientap", "Editor", "Trần Minh Anh")


@pytest.fixture
def moderator(db):
    return newsroom_user("kiemduyet", "Moderator", "Phạm Thị Lan")


@pytest.fixture
def journalist_client(journalist):
    return logged_in(journalist)


@pytest.fixture
def editor_client(editor):
    return logged_in(editor)
