"""The newsroom answers readers in public: "Ban biên tập trả lời:" under the comment, written
by staff only, plain text, shown at once, logged, and listed as answered or not."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from comments import moderation
from comments.models import Comment, ModerationDecision
from tests.comments.factories import CommentFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


def _change(client, comment, **data):
    return client.post(
        reverse("admin:comments_comment_change", args=[comment.pk]),
        {"status": comment.status, **data},
    )


def test_a_moderator_answers_a_question_and_readers_see_it_at_once(client, moderator, article):
    comment = CommentFactory(article=article, status="approved", title="Thư viện mở cửa?")
    assert "Ban biên tập trả lời:" not in client.get(article.get_absolute_url()).content.decode()
    client.force_login(moderator)

    response = _change(client, comment, reply="Có, từ 8 giờ đến 17 giờ.\nMời bạn ghé.")

    assert response.status_code == HTTPStatus.FOUND
    client.logout()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Ban biên tập trả lời:" in html
    assert "Có, từ 8 giờ đến 17 giờ.<br>" in html
    assert "Đã được ban biên tập trả lời" in html
    comment.refresh_from_db()
    assert (comment.replied_by, comment.replied_at is not None) == (moderator, True)
    decision = ModerationDecision.objects.get()
    assert (decision.action, decision.moderator) == ("reply", moderator)


def test_answering_a_pending_comment_approves_it(moderator, article):
    comment = CommentFactory(article=article, status="pending")

    moderation.publish_reply(comment=comment, moderator=moderator, text="Cảm ơn bạn.")

    assert comment.status == Comment.Status.APPROVED
    assert list(ModerationDecision.objects.order_by("pk").values_list("action", flat=True)) == [
        "approve",
        "reply",
    ]


def test_the_reply_is_plain_text(client, moderator, article):
    comment = CommentFactory(article=article, status="approved")

    moderation.publish_reply(
        comment=comment,
        moderator=moderator,
        text="<script>alert(1)</script>\u202eđảo\x00\r\n\r\n\r\n\r\nXong  ",
    )

    assert comment.reply == "<script>alert(1)</script>đảo\n\nXong"
    html = client.get(article.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_a_rejected_comment_cannot_be_answered(client, moderator):
    comment = CommentFactory(status="rejected")
    client.force_login(moderator)

    response = _change(client, comment, reply="Trả lời")

    assert response.status_code == HTTPStatus.OK
    assert "Không thể trả lời bình luận đã bị từ chối" in response.content.decode()
    assert Comment.objects.get().reply == ""


def test_staff_without_the_moderate_permission_cannot_reply(client, viewer):
    comment = CommentFactory(status="approved")
    client.force_login(viewer)

    _change(client, comment, reply="Không được phép")

    assert Comment.objects.get().reply == ""


def test_the_commenters_status_page_shows_the_reply(client, moderator):
    comment = CommentFactory(status="pending")
    moderation.publish_reply(comment=comment, moderator=moderator, text="Đã chuyển phòng ban.")

    html = client.get(comment.get_absolute_url()).content.decode()

    assert "Ban biên tập trả lời:" in html
    assert "Đã chuyển phòng ban." in html
    assert moderator.username not in html


def test_the_admin_lists_the_questions_still_unanswered(client, moderator):
    answered = CommentFactory(status="approved", title="Đã có trả lời")
    waiting = CommentFactory(status="approved", title="Còn chờ trả lời")
    CommentFactory(status="spam", title="Thư rác không phải câu hỏi")
    moderation.publish_reply(comment=answered, moderator=moderator, text="Vâng.")
    client.force_login(moderator)

    html = client.get(CHANGELIST, {"answered": "no"}).content.decode()

    assert waiting.title in html
    assert answered.title not in html
    assert "Thư rác không phải câu hỏi" not in html


def test_an_editor_corrects_a_reply_and_readers_see_the_correction_at_once(
    client, editor_client, editor, moderator, article
):
    comment = CommentFactory(article=article, status="approved", title="Thư viện mở lúc mấy giờ?")
    moderation.publish_reply(comment=comment, moderator=moderator, text="Mở cửa từ 8 giờ.")
    client.get(article.get_absolute_url())
    cached = client.get(article.get_absolute_url())
    assert (cached.headers["X-Page-Cache"], "Mở cửa từ 8 giờ." in cached.text) == ("hit", True)
    form = editor_client.get(reverse("admin:comments_comment_change", args=[comment.pk])).text
    assert "Mở cửa từ 8 giờ.</textarea>" in form  # the reply is there to be corrected

    response = _change(
        editor_client,
        comment,
        reply="Mở cửa từ <b>7 giờ 30</b>\u202e.\r\n\r\n\r\n\r\nThứ Hai nghỉ.  ",
    )

    assert response.status_code == HTTPStatus.FOUND
    html = client.get(article.get_absolute_url()).text
    assert "Mở cửa từ 8 giờ." not in html
    assert "Mở cửa từ &lt;b&gt;7 giờ 30&lt;/b&gt;.<br><br>Thứ Hai nghỉ.</div>" in html
    assert "Thứ Hai nghỉ." in client.get(comment.get_absolute_url()).text
    comment.refresh_from_db()
    assert (comment.reply, comment.replied_by) == (
        "Mở cửa từ <b>7 giờ 30</b>.\n\nThứ Hai nghỉ.",
        editor,
    )
    correction = ModerationDecision.objects.latest()
    assert (correction.action, correction.moderator, correction.note) == (
        "reply",
        editor,
        comment.reply,
    )
    assert ModerationDecision.objects.filter(action="reply").count() == 2
