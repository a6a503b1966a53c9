"""A commenter's phone number and IP address: seen only by moderators, never on a public page,
feed, sitemap, search or log line; erased after the retention period, or on request."""

import datetime as dt
import io
import logging
import re
from collections import deque
from html.parser import HTMLParser
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from comments.moderation import approve_comments
from comments.privacy import purge_commenter_data
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, UserFactory
from tests.security.conftest import KNOWN_IP, KNOWN_PHONE

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")
ERASE = reverse("admin:comments_comment_erase_commenter")
# The known phone number as the reader typed it, as stored, and in the international form.
PHONE_FORMS = (KNOWN_PHONE, "0987 654 321", "987654321", "+84987654321")
NEVER_CRAWLED = (
    "/admin/",
    "/ckeditor/",
    "/static/",
    "/media/",
    "/captcha/image/",
    "/captcha/audio/",
)


@pytest.fixture
def viewer(db):
    """Staff who may read comments but not moderate them."""
    user = UserFactory(username="chixem", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_comment"))
    return user


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- Who sees the phone number and the address in the admin ----------------------------------


def test_journalists_cannot_open_the_comments_at_all(journalist):
    comment = CommentFactory(phone=KNOWN_PHONE, ip_address=KNOWN_IP)
    client = logged_in(journalist)

    for url in (CHANGELIST, reverse("admin:comments_comment_change", args=[comment.pk])):
        response = client.get(url)
        assert response.status_code == HTTPStatus.FORBIDDEN
        assert KNOWN_PHONE not in response.content.decode()


def test_staff_without_the_moderation_permission_see_neither(viewer):
    comment = CommentFactory(phone=KNOWN_PHONE, ip_address=KNOWN_IP)
    client = logged_in(viewer)

    pages = [
        client.get(CHANGELIST),
        client.get(reverse("admin:comments_comment_change", args=[comment.pk])),
    ]

    for page in pages:
        assert page.status_code == HTTPStatus.OK
        html = page.content.decode()
        assert KNOWN_PHONE not in html and KNOWN_IP not in html
        assert comment.user_agent not in html


@pytest.mark.parametrize(
    "query", [f"phone={KNOWN_PHONE}", "phone__startswith=098", f"ip_address={KNOWN_IP}"]
)
def test_staff_without_the_permission_cannot_probe_by_phone_or_address_in_the_url(viewer, query):
    CommentFactory(phone=KNOWN_PHONE, ip_address=KNOWN_IP, title="Của người cần tìm")
    CommentFactory(phone="", title="Của người khác")

    response = logged_in(viewer).get(f"{CHANGELIST}?{query}")

    # Django's admin refuses a filter it does not allow (DisallowedModelAdminLookup).
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Của người cần tìm" not in response.content.decode()


@pytest.mark.parametrize("role", ["moderator", "editor"])
def test_moderators_and_editors_who_moderate_see_both(request, role):
    comment = CommentFactory(phone=KNOWN_PHONE, ip_address=KNOWN_IP)
    client = logged_in(request.getfixturevalue(role))

    html = client.get(reverse("admin:comments_comment_change", args=[comment.pk])).content
    filtered = client.get(f"{CHANGELIST}?phone={KNOWN_PHONE}")

    assert KNOWN_PHONE in html.decode() and KNOWN_IP in html.decode()
    assert filtered.status_code == HTTPStatus.OK


# --- Nothing public shows them ------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"href", "src", "action"} and value:
                self.links.append(value)


def crawl(client, start: list[str], limit: int = 80) -> dict[str, str]:
    """GET every page of the site reachable from ``start`` (same site, not the staff area)."""
    seen: dict[str, str] = {}
    queue = deque(start)
    while queue and len(seen) < limit:
        url = queue.popleft()
        parts = urlsplit(url)
        if parts.netloc not in {"", "testserver"} or parts.scheme not in {"", "http"}:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in seen or path.startswith(NEVER_CRAWLED):
            continue
        response = client.get(path)
        body = response.content.decode("utf-8", "replace")
        seen[path] = body
        if response.get("Content-Type", "").startswith(("text/html", "application/xml")):
            parser = _Links()
            parser.feed(body)
            queue.extend(urljoin(path, link) for link in parser.links)
            queue.extend(urlsplit(loc).path for loc in _xml_locations(body) if "testserver" in loc)
    return seen


def _xml_locations(body: str) -> list[str]:
    return [part.split("</loc>")[0] for part in body.split("<loc>")[1:]]


@pytest.fixture
def console_output(monkeypatch):
    [handler] = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    stream = io.StringIO()
    monkeypatch.setattr(handler, "stream", stream)
    return stream


def comment_status_token(article_page) -> str:
    """The token of the status link the article page shows the reader after posting."""
    return re.search(
        r'class="comments__status-link" href="/binh-luan/trang-thai/([^/]+)/"', article_page.text
    )[1]


def test_no_public_page_feed_sitemap_search_or_log_line_shows_them(
    client, caplog, console_output, moderator, comment_data, post_comment, captcha_test_mode
):
    caplog.set_level(logging.DEBUG)
    article = ArticleFactory(title="Phố đi bộ mới mở", slug="pho-di-bo-moi")
    posted = post_comment(article, comment_data, REMOTE_ADDR=KNOWN_IP)
    assert posted.status_code == HTTPStatus.FOUND
    status_token = comment_status_token(client.get(posted["Location"]))
    comment = Comment.objects.get()
    assert (comment.phone, comment.ip_address) == (KNOWN_PHONE, KNOWN_IP)
    approve_comments(comments=Comment.objects.all(), moderator=moderator)
    CommentFactory(article=article, phone=KNOWN_PHONE, ip_address=KNOWN_IP)

    pages = crawl(
        Client(),
        [
            reverse("articles:home"),
            article.get_absolute_url(),
            reverse("comments:write", kwargs={"slug": article.slug}),
            reverse("comments:status", kwargs={"token": status_token}),
            reverse("feed"),
            reverse("category-feed", kwargs={"slug": article.category.slug}),
            reverse("sitemap-index"),
            reverse("sitemap-news"),
            reverse("robots"),
            f"{reverse('articles:search')}?q={KNOWN_PHONE}",
            f"{reverse('articles:search')}?q={comment_data['name']}",
            reverse("healthz"),
            "/khong-co-trang-nay/",
        ],
    )

    assert article.get_absolute_url() in pages
    assert comment_data["title"] in pages[article.get_absolute_url()]  # the comment is shown
    assert any(path.startswith("/sitemap-") for path in pages if path != "/sitemap-news.xml")
    leaks = [
        (path, secret)
        for path, body in pages.items()
        for secret in (*PHONE_FORMS, KNOWN_IP)
        if secret in body and not (secret in path and path.startswith(reverse("articles:search")))
    ]
    assert leaks == []
    logs = caplog.text + console_output.getvalue()
    assert [secret for secret in (*PHONE_FORMS, KNOWN_IP) if secret in logs] == []


def test_the_search_page_does_not_find_comments_by_phone_number(client):
    article = ArticleFactory(title="Bài không liên quan")
    CommentFactory(article=article, phone=KNOWN_PHONE, status=Comment.Status.APPROVED)

    html = client.get(reverse("articles:search"), {"q": KNOWN_PHONE}).content.decode()

    assert f"Không tìm thấy bài viết nào cho “{KNOWN_PHONE}”." in html
    assert 'class="story-list search-results"' not in html


# --- Retention ------------------------------------------------------------------------------


def _aged(days: float, **fields) -> Comment:
    """A comment moderated ``days`` ago (posted an hour before that)."""
    moment = timezone.now() - dt.timedelta(days=days)
    fields = {"moderated_at": moment, **fields}
    return CommentFactory(
        phone=KNOWN_PHONE, ip_address=KNOWN_IP, created_at=moment - dt.timedelta(hours=1), **fields
    )


def test_personal_data_of_comments_moderated_before_the_retention_period_is_erased(settings):
    settings.COMMENT_PII_RETENTION_DAYS = 90
    old_approved = _aged(91, status=Comment.Status.APPROVED)
    old_rejected = _aged(120, status=Comment.Status.REJECTED)
    recent = _aged(89, status=Comment.Status.APPROVED)
    pending = _aged(200, status=Comment.Status.PENDING, moderated_at=None)
    blocklisted = _aged(100, status=Comment.Status.SPAM, moderated_at=None)

    erased = purge_commenter_data()

    assert erased == 3
    for comment in (old_approved, old_rejected, blocklisted):
        comment.refresh_from_db()
        assert (comment.phone, comment.ip_address, comment.user_agent) == ("", None, "")
        assert comment.name and comment.content  # what was public stays
    for comment in (recent, pending):
        comment.refresh_from_db()
        assert (comment.phone, comment.ip_address) == (KNOWN_PHONE, KNOWN_IP)


def test_the_retention_period_comes_from_the_settings(settings):
    settings.COMMENT_PII_RETENTION_DAYS = 30
    comment = _aged(31, status=Comment.Status.APPROVED)

    assert purge_commenter_data() == 1
    comment.refresh_from_db()
    assert comment.phone == ""


def test_the_command_erases_reports_and_can_run_again(settings):
    settings.COMMENT_PII_RETENTION_DAYS = 90
    _aged(91, status=Comment.Status.APPROVED)
    out = io.StringIO()

    call_command("purge_commenter_data", stdout=out)
    call_command("purge_commenter_data", stdout=out)

    assert out.getvalue().splitlines() == [
        "Personal data erased from 1 comment(s) moderated more than 90 days ago.",
        "Personal data erased from 0 comment(s) moderated more than 90 days ago.",
    ]
    assert not Comment.objects.with_personal_data().exists()


def test_the_default_retention_period_is_90_days():
    from django.conf import settings as live

    assert live.COMMENT_PII_RETENTION_DAYS == 90


# --- Erasure on request ---------------------------------------------------------------------


def test_a_moderator_finds_a_commenters_comments_then_anonymises_them(settings, client, moderator):
    settings.PAGE_CACHE = True
    article = ArticleFactory()
    theirs = [
        CommentFactory(article=article, name="Lê Thị Hoa", phone=KNOWN_PHONE, ip_address=KNOWN_IP),
        CommentFactory(name="Hoa", phone=KNOWN_PHONE, status=Comment.Status.PENDING),
    ]
    other = CommentFactory(article=article, name="Người khác", phone="0912345678")
    assert "Lê Thị Hoa" in Client().get(article.get_absolute_url()).content.decode()
    client.force_login(moderator)

    found = client.post(ERASE, {"phone": "+84 987 654 321", "mode": "anonymise"})

    assert found.status_code == HTTPStatus.OK
    html = found.content.decode()
    assert "Có 2 bình luận để lại số điện thoại này:" in html
    assert all(comment.title in html for comment in theirs)
    assert other.title not in html
    assert Comment.objects.filter(phone=KNOWN_PHONE).count() == 2  # nothing erased yet

    done = client.post(
        ERASE,
        {"phone": "+84 987 654 321", "mode": "anonymise", "checked_phone": KNOWN_PHONE,
         "confirm": "1"},
    )  # fmt: skip

    assert done.status_code == HTTPStatus.FOUND
    assert done["Location"] == CHANGELIST
    assert "Đã ẩn danh 2 bình luận." in client.get(CHANGELIST).content.decode()
    for comment in theirs:
        comment.refresh_from_db()
        assert (comment.name, comment.phone, comment.ip_address, comment.user_agent) == (
            "Bạn đọc ẩn danh",
            "",
            None,
            "",
        )
        assert comment.content  # the text stays where it was published
    other.refresh_from_db()
    assert (other.name, other.phone) == ("Người khác", "0912345678")
    public = Client().get(article.get_absolute_url()).content.decode()
    assert "Lê Thị Hoa" not in public and "Bạn đọc ẩn danh" in public


def test_a_moderator_can_delete_a_commenters_comments_instead(client, moderator):
    CommentFactory(phone=KNOWN_PHONE)
    CommentFactory(phone=KNOWN_PHONE)
    kept = CommentFactory(phone="0912345678")
    client.force_login(moderator)

    client.post(
        ERASE,
        {"phone": KNOWN_PHONE, "mode": "delete", "checked_phone": KNOWN_PHONE, "confirm": "1"},
    )

    assert list(Comment.objects.all()) == [kept]
    assert "Đã xóa 2 bình luận." in client.get(CHANGELIST).content.decode()


def test_nothing_is_erased_for_a_number_other_than_the_one_looked_up(client, moderator):
    """The moderator saw the list for one number, then changed the number before confirming."""
    CommentFactory(phone=KNOWN_PHONE)
    client.force_login(moderator)

    response = client.post(
        ERASE,
        {"phone": KNOWN_PHONE, "mode": "delete", "checked_phone": "0912345678", "confirm": "1"},
    )

    assert response.status_code == HTTPStatus.OK
    assert Comment.objects.filter(phone=KNOWN_PHONE).exists()


def test_a_number_that_is_not_a_phone_number_is_refused(client, moderator):
    client.force_login(moderator)

    response = client.post(ERASE, {"phone": "abc", "mode": "anonymise"})

    assert response.status_code == HTTPStatus.OK
    assert "Số điện thoại không hợp lệ." in response.content.decode()


def test_a_number_nobody_used_finds_nothing(client, moderator):
    client.force_login(moderator)

    response = client.post(ERASE, {"phone": KNOWN_PHONE, "mode": "anonymise"})

    assert "Không có bình luận nào để lại số điện thoại này." in response.content.decode()


def test_only_moderators_may_erase_and_only_they_see_the_link(client, moderator, viewer):
    CommentFactory(phone=KNOWN_PHONE)

    client.force_login(viewer)
    assert client.get(ERASE).status_code == HTTPStatus.FORBIDDEN
    data = {"phone": KNOWN_PHONE, "mode": "delete", "checked_phone": KNOWN_PHONE, "confirm": "1"}
    assert client.post(ERASE, data).status_code == HTTPStatus.FORBIDDEN
    assert ERASE not in client.get(CHANGELIST).content.decode()
    assert Comment.objects.count() == 1

    client.force_login(moderator)
    assert ERASE in client.get(CHANGELIST).content.decode()
    assert client.get(ERASE).status_code == HTTPStatus.OK


def test_the_erasure_page_needs_a_csrf_token(moderator):
    CommentFactory(phone=KNOWN_PHONE)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator)

    response = browser.post(
        ERASE,
        {"phone": KNOWN_PHONE, "mode": "delete", "checked_phone": KNOWN_PHONE, "confirm": "1"},
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Comment.objects.count() == 1
