import pytest


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """The whole-page cache is what these tests are about (tests/conftest.py turns it off)."""
    settings.PAGE_CACHE = True
    settings.FRAGMENT_CACHE = True
    settings.PAGE_CACHE_SECONDS = 600
    settings.SHARED_CACHE_MAX_AGE = 5
    # Users are made in several tests here; the real password hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
