"""SECURITY.md's role × action table, tried cell by cell: each action is a real request by a
user of that role, and what happened must be what the table says."""

import re
from collections.abc import Callable
from http import HTTPStatus

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken

from articles.models import Article
from comments.models import Comment
from tests.articles.admin_forms import add_url, article_form_data
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, CategoryFactory, UserFactory
from tests.ops.helpers import ROOT
from tests.security import pictures
from tests.support.two_factor import RECOVERY_CODES, app_code, with_two_factor

pytestmark = pytest.mark.django_db

PHONE = "0912345678"
ROLES = ["Reader", "Journalist", "Editor", "Moderator", "Administrator"]


def documented_matrix() -> dict[str, dict[str, bool]]:
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    section = text.split("### Staff rights by task", 1)[1].split("\n### ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    assert header == ["Action", *ROLES]
    matrix = {}
    for row in rows[1:]:
        action, *cells = [cell.strip() for cell in row.strip("|").split("|")]
        if set(action) <= {"-"}:
            continue
        assert set(cells) <= {"✓", "✗"}, row
        matrix[action] = dict(zip(ROLES, (cell == "✓" for cell in cells), strict=True))
    return matrix


MATRIX = documented_matrix()


def _ok(response) -> bool:
    return response.status_code == HTTPStatus.OK


def read_published(client: Client) -> bool:
    return _ok(client.get(ArticleFactory().get_absolute_url()))


def preview(client: Client) -> bool:
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    response = client.get(draft.get_absolute_url())
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.NOT_FOUND)
    return _ok(response)


def open_admin(client: Client) -> bool:
    return _ok(client.get(reverse("admin:index")))


def see_articles(client: Client) -> bool:
    return _ok(client.get(reverse("admin:articles_article_changelist")))


def write_draft(client: Client) -> bool:
    client.post(add_url(), article_form_data(CategoryFactory()))
    return Article.objects.filter(status=Article.Status.DRAFT).exists()


def publish(client: Client) -> bool:
    data = article_form_data(
        CategoryFactory(), status=Article.Status.PUBLISHED, published_at=timezone.now()
    )
    client.post(add_url(), data)
    return Article.objects.filter(status=Article.Status.PUBLISHED).exists()


def upload_picture(client: Client) -> bool:
    picture = pictures.upload("anh.png", pictures.picture_bytes("PNG"))
    return _ok(client.post(reverse("ckeditor_upload"), {"upload": picture}))


def browse_pictures(client: Client) -> bool:
    return _ok(client.get(reverse("ckeditor_browse")))


def edit_categories(client: Client) -> bool:
    return _ok(client.get(reverse("admin:articles_category_add")))


def moderate_comments(client: Client) -> bool:
    comment = CommentFactory(status=Comment.Status.PENDING)
    client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "approve", "_selected_action": [comment.pk]},
    )
    comment.refresh_from_db()
    return comment.status == Comment.Status.APPROVED


def see_commenter_details(client: Client) -> bool:
    comment = CommentFactory(phone=PHONE, ip_address="198.51.100.42")
    response = client.get(reverse("admin:comments_comment_change", args=[comment.pk]))
    content = response.content.decode()
    shown = _ok(response) and PHONE in content and "198.51.100.42" in content
    assert shown or ("198.51.100.42" not in content and PHONE not in content)
    return shown


def erase_commenter_data(client: Client) -> bool:
    return _ok(client.get(reverse("admin:comments_comment_erase_commenter")))


def manage_staff(client: Client) -> bool:
    return _ok(client.get(reverse("admin:auth_user_changelist")))


def set_up_two_factor(client: Client) -> bool:
    return _ok(client.get(reverse("staff-two-factor")))


def make_new_recovery_codes(client: Client) -> bool:
    """With the app set up and this session having typed its code, as sign-in would do."""
    user_id = client.session.get(SESSION_KEY)
    if user_id is None:
        return _ok(client.get(reverse("staff-two-factor")))
    device = with_two_factor(get_user_model().objects.get(pk=user_id))
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    client.post(reverse("staff-two-factor"), {"code": app_code(device.bin_key)})
    codes = StaticToken.objects.filter(device__user_id=user_id).values_list("token", flat=True)
    return set(RECOVERY_CODES).isdisjoint(codes)


def reset_two_factor(client: Client) -> bool:
    device = with_two_factor(UserFactory(username="mat-dien-thoai", is_staff=True))
    client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [device.user_id]},
    )
    return not type(device).objects.filter(pk=device.pk).exists()


PROBES: dict[str, Callable[[Client], bool]] = {
    "Read a published article": read_published,
    "Preview an unpublished article at its public address": preview,
    "Open the admin": open_admin,
    "See the articles in the admin": see_articles,
    "Write a draft": write_draft,
    "Publish or schedule an article": publish,
    "Upload a picture in the editor": upload_picture,
    "Browse the editor's pictures": browse_pictures,
    "Edit categories": edit_categories,
    "Moderate reader comments": moderate_comments,
    "See a commenter's phone number and IP address": see_commenter_details,
    "Erase a commenter's data": erase_commenter_data,
    "Manage staff accounts": manage_staff,
    "Turn two-factor sign-in on for one's own account": set_up_two_factor,
    "Make new recovery codes for one's own account (with the app's code)": (
        make_new_recovery_codes
    ),
    "Reset someone's two-factor sign-in (a lost phone)": reset_two_factor,
}


def client_of(role: str) -> Client:
    client = Client()
    if role == "Reader":
        return client
    if role == "Administrator":
        user = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    else:
        user = UserFactory(
            username=role.lower(), is_staff=True, groups=[Group.objects.get(name=role)]
        )
    client.force_login(user)
    return client


def test_every_documented_action_is_tried_and_every_probe_is_documented():
    assert set(MATRIX) == set(PROBES)


@pytest.mark.parametrize(
    ("action", "role"),
    [(action, role) for action in MATRIX for role in ROLES],
    ids=[
        f"{re.sub(r'\\W+', '-', action.lower()).strip('-')}-{role.lower()}"
        for action in MATRIX
        for role in ROLES
    ],
)
def test_each_role_may_do_what_security_md_says_and_nothing_more(action, role):
    assert PROBES[action](client_of(role)) is MATRIX[action][role]
