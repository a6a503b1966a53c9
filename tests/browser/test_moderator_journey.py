"""Journey 3: a moderator approves a reader's comment in the admin; the reader then sees it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from comments.models import Comment
from tests.browser.helpers import log_in_to_admin
from tests.comments.factories import CommentFactory
from tests.support.accounts import newsroom_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_moderator_approves_a_pending_comment_and_the_reader_sees_it(open_page, news_site):
    article = news_site.featured
    waiting = CommentFactory(
        article=article,
        status=Comment.Status.PENDING,
        name="Phạm Quốc Bảo",
        phone="0912345678",
        title="Đề nghị lắp thêm đèn",
        content="Đoạn gần cầu còn tối, buổi tối đi bộ hơi sợ.",
    )
    still_waiting = CommentFactory(
        article=news_site.newer, status=Comment.Status.PENDING, title="Xe buýt có wifi không?"
    )
    moderator = newsroom_user("kiemduyet", "Moderator", "Thảo")

    reader = open_page("reader", phone=True)
    reader.goto(article.get_absolute_url())
    expect(reader.locator("#binh-luan")).not_to_contain_text(waiting.title)

    admin = open_page("moderator")
    log_in_to_admin(admin, moderator)
    admin.goto(reverse("admin:comments_comment_changelist"))
    expect(admin.locator("#content h1")).to_contain_text("2")  # comments waiting
    rows = admin.locator("#result_list tbody tr")
    for waiting_first in (rows.nth(0), rows.nth(1)):
        expect(waiting_first).to_contain_text("Chờ duyệt")
    rows.filter(has_text=waiting.title).get_by_role("checkbox").check()
    admin.locator("select[name=action]").select_option(label="Duyệt các bình luận đã chọn")
    admin.locator("#changelist-form button[name=index]").click()
    expect(admin.locator(".messagelist .success")).to_contain_text("1")
    expect(admin.locator("#content h1")).to_contain_text("1")

    reader.reload()
    approved = reader.locator(f"#binh-luan-{waiting.pk}")
    expect(approved.locator(".comment__title")).to_have_text(waiting.title)
    expect(approved.locator(".comment__name")).to_have_text(waiting.name)
    expect(approved.locator(".comment__content")).to_have_text(waiting.content)
    expect(reader.locator(".comments__count")).to_have_text("(3)")
    page_text = reader.locator("body").inner_text() + reader.content()
    for shown_as in ("0912345678", "0912 345 678", "912345678", "912 345 678"):
        assert shown_as not in page_text
    reader.goto(news_site.newer.get_absolute_url())
    expect(reader.locator("#binh-luan")).not_to_contain_text(still_waiting.title)
