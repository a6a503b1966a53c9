"""Newsroom users for the admin and role tests.

Test modules load these fixtures with ``pytest_plugins = ["tests.articles.fixtures_admin"]``
(and never import this module themselves, so pytest can load it as a plugin). The groups come
from the data migration articles/migrations/0002_roles.py.
"""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tests.factories import UserFactory


def _newsroom_user(username: str, group: str, full_name: str):
    """``full_name`` as Vietnamese write it: family name first."""
    last_name, first_name = full_name.split(" ", 1)
    return UserFactory(
        username=username,
        first_name=first_name,
        last_name=last_name,
        is_staff=True,
        groups=[Group.objects.get(name=group)],
    )


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def journalist(db):
    return _newsroom_user("phongvien", "Journalist", "Lê Huy Kiên")


@pytest.fixture
def other_journalist(db):
    return _newsroom_user("phongvien2", "Journalist", "Nguyễn Thu Hà")


@pytest.fixture
def editor(db):
    return _newsroom_user("bientap", "Editor", "Trần Minh Anh")


@pytest.fixture
def journalist_client(journalist):
    return logged_in(journalist)


@pytest.fixture
def editor_client(editor):
    return logged_in(editor)
