"""The newsroom's accounts for tests: staff in the groups the data migrations create."""

from django.contrib.auth.models import Group
from django.test import Client

from tests.factories import UserFactory

PASSWORD = "mat-khau-thu-nghiem-42"  # what UserFactory sets


def newsroom_user(username: str, role: str, full_name: str = ""):
    """A staff account in the group ``role`` (Journalist, Editor, Moderator); ``full_name`` as
    Vietnamese write it, family name first."""
    last_name, _, first_name = full_name.partition(" ")
    return UserFactory(
        username=username,
        first_name=first_name,
        last_name=last_name,
        is_staff=True,
        groups=[Group.objects.get(name=role)],
    )


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
