"""A journalist's edit of their published article waits for an editor; readers keep the
published version until an editor publishes the change (or sends it back with a note)."""

from http import HTTPStatus

import pytest
from django.core import mail

from articles.models import Article, PendingChange, ReviewDecision
from articles.revisions import revisions_of
from tests.articles.admin_forms import article_form_data, change_url
from tests.articles.newsroom import decisions_url, pending_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(journalist):
    return ArticleFactory(
        title="Chợ Tân Phong mở cửa lại",
        lead="Chợ mở cửa sau sáu tháng cải tạo.",
        body="<p>Tiểu thương trở lại từ sáng nay.</p>",
        created_by=journalist,
    )


def propose(client, article, **changes):
    return client.post(change_url(article), article_form_data(article.category, article, **changes))


def test_readers_keep_the_published_version(client, journalist_client, published):
    response = propose(journalist_client, published, title="Chợ Tân Phong mở cửa trở lại")

    assert response.status_code == HTTPStatus.FOUND
    follow = journalist_client.get(response["Location"])
    assert "Độc giả vẫn đọc bản đang đăng" in follow.text
    published.refresh_from_db()
    assert published.title == "Chợ Tân Phong mở cửa lại"
    assert "Chợ Tân Phong mở cửa lại" in client.get(published.get_absolute_url()).text
    assert PendingChange.objects.get(article=published).title == "Chợ Tân Phong mở cửa trở lại"


def test_the_journalist_goes_on_from_their_own_change(journalist_client, published):
    propose(journalist_client, published, title="Bản sửa lần một")

    form = journalist_client.get(change_url(published)).context["adminform"].form

    assert form.initial["title"] == "Bản sửa lần một"


def test_the_editor_sees_the_change_compared_with_the_live_version(
    journalist_client, editor_client, published
):
    propose(journalist_client, published, lead="Chợ mở cửa sau bảy tháng cải tạo.")

    form_page = editor_client.get(change_url(published))
    page = editor_client.get(pending_url(published))

    assert (
        form_page.context["adminform"].form.initial["lead"] == "Chợ mở cửa sau sáu tháng cải tạo."
    )
    assert "đã gửi một bản sửa" in form_page.text
    rows = {row.name: row for row in page.context["rows"]}
    assert "<del>sáu</del>" in rows["lead"].before
    assert "<ins>bảy</ins>" in rows["lead"].after


def test_the_editor_publishes_the_change_and_the_journalist_is_told(
    journalist, journalist_client, editor, editor_client, published
):
    propose(journalist_client, published, title="Chợ Tân Phong mở cửa trở lại")

    response = editor_client.post(
        pending_url(published), {"decision": "publish", "note": "Đã sửa chính tả."}
    )

    assert response.status_code == HTTPStatus.FOUND
    published.refresh_from_db()
    assert published.title == "Chợ Tân Phong mở cửa trở lại"
    assert not PendingChange.objects.exists()
    assert revisions_of(published).first().revision.user == editor
    decision = ReviewDecision.objects.get(recipient=journalist)
    assert decision.outcome == ReviewDecision.Outcome.CHANGE_PUBLISHED
    page = journalist_client.get(decisions_url())
    assert "Bản sửa đã được đăng" in page.text
    assert "Đã sửa chính tả." in page.text


def test_sending_a_change_back_needs_a_note_and_keeps_it_for_the_journalist(
    journalist, journalist_client, editor_client, published
):
    propose(journalist_client, published, title="Tiêu đề chưa ổn")

    refused = editor_client.post(pending_url(published), {"decision": "return", "note": ""})
    returned = editor_client.post(
        pending_url(published), {"decision": "return", "note": "Tiêu đề cần nêu thời gian."}
    )

    assert refused.status_code == HTTPStatus.OK
    assert "Hãy ghi chú cho phóng viên" in refused.text
    assert returned.status_code == HTTPStatus.FOUND
    pending = PendingChange.objects.get()
    assert pending.returned_at is not None
    assert Article.objects.needing_an_editor().count() == 0
    form_page = journalist_client.get(change_url(published))
    assert "Tiêu đề cần nêu thời gian." in form_page.text
    assert form_page.context["adminform"].form.initial["title"] == "Tiêu đề chưa ổn"


def test_journalists_cannot_publish_their_own_change(journalist_client, published):
    propose(journalist_client, published, title="Tự đăng")

    response = journalist_client.post(pending_url(published), {"decision": "publish"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    published.refresh_from_db()
    assert published.title == "Chợ Tân Phong mở cửa lại"


def test_the_writer_may_discard_their_change(journalist_client, published):
    propose(journalist_client, published, title="Đổi ý")

    journalist_client.post(pending_url(published), {"decision": "discard"})

    assert not PendingChange.objects.exists()


def test_editors_edit_the_live_article_directly(editor_client, published):
    response = propose(editor_client, published, title="Biên tập viên sửa thẳng")

    assert response.status_code == HTTPStatus.FOUND
    published.refresh_from_db()
    assert published.title == "Biên tập viên sửa thẳng"
    assert not PendingChange.objects.exists()
    assert not mail.outbox
