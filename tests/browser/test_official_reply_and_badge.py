"""A moderator answers a reader's question in the admin and the reader sees the reply; the
pending badge counts what waits."""

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


def test_a_moderator_answers_and_the_reader_sees_the_reply(open_page, news_site):
    article = news_site.featured
    question = CommentFactory(
        article=article, status=Comment.Status.PENDING, title="Bãi xe mở lúc mấy giờ?"
    )
    moderator = newsroom_user("kiemduyet-tl", "Moderator")
    staff = open_page("moderator")
    log_in_to_admin(staff, moderator)

    pending = Comment.objects.pending().count()
    expect(staff.locator(".pending-badge [data-pending-count]")).to_have_text(str(pending))

    staff.goto(reverse("admin:comments_comment_change", args=[question.pk]))
    staff.locator("#id_reply").fill("Bãi xe mở từ 6 giờ sáng.")
    staff.locator("input[name=_save]").click()
    expect(staff.locator(".pending-badge [data-pending-count]")).to_have_text(str(pending - 1))

    reader = open_page("reader", phone=True)
    reader.goto(article.get_absolute_url())
    reply = reader.locator(f"#binh-luan-{question.pk} .comment__reply")
    expect(reply).to_contain_text("Ban biên tập trả lời:")
    expect(reply).to_contain_text("Bãi xe mở từ 6 giờ sáng.")
