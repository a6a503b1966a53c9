"""Two people save the same article: the second save, made from an out-of-date form, is
refused with a clear message and the differences, and loses nothing typed."""

from http import HTTPStatus

import pytest

from articles.models import Article
from tests.articles.admin_forms import article_form_data, change_url
from tests.articles.newsroom import non_field_errors
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(journalist):
    return ArticleFactory(
        title="Phố đi bộ mở rộng",
        lead="Thêm ba tuyến phố đi bộ.",
        status=Article.Status.DRAFT,
        published_at=None,
        created_by=journalist,
    )


def test_every_save_makes_a_new_version(editor_client, draft):
    before = draft.version

    editor_client.post(change_url(draft), article_form_data(draft.category, draft, title="Mới"))

    draft.refresh_from_db()
    assert draft.version == before + 1


def test_the_second_of_two_saves_is_refused_with_the_differences(
    editor_client, journalist_client, draft
):
    opened_by_both = article_form_data(draft.category, draft)
    first = editor_client.post(
        change_url(draft), {**opened_by_both, "lead": "Thêm bốn tuyến phố đi bộ."}
    )

    second = journalist_client.post(
        change_url(draft), {**opened_by_both, "title": "Phố đi bộ mở rộng từ cuối tuần"}
    )

    assert first.status_code == HTTPStatus.FOUND
    assert second.status_code == HTTPStatus.OK
    message = non_field_errors(second)
    assert "Trần Minh Anh đã lưu bài này lúc" in message
    assert "Bản của bạn chưa được lưu" in message
    assert 'value="Phố đi bộ mở rộng từ cuối tuần"' in second.text
    rows = {row.name: row for row in second.context["adminform"].form.conflict["rows"]}
    assert "<ins>từ cuối tuần</ins>" in rows["title"].after
    assert "<del>bốn</del>" in rows["lead"].before
    assert "Lưu bản của tôi thay cho bản mới hơn" in second.text
    draft.refresh_from_db()
    assert draft.title == "Phố đi bộ mở rộng"
    assert draft.lead == "Thêm bốn tuyến phố đi bộ."


def test_the_writer_may_save_over_after_seeing_the_differences(
    editor_client, journalist_client, draft
):
    opened_by_both = article_form_data(draft.category, draft)
    editor_client.post(change_url(draft), {**opened_by_both, "lead": "Sapo của biên tập viên."})
    draft.refresh_from_db()

    confirmed = journalist_client.post(
        change_url(draft),
        {
            **opened_by_both,
            "title": "Bản của phóng viên",
            "overwrite_newer": "on",
            "conflict_version": draft.version,
        },
    )

    assert confirmed.status_code == HTTPStatus.FOUND
    draft.refresh_from_db()
    assert draft.title == "Bản của phóng viên"


def test_confirming_against_an_even_newer_save_is_refused_again(
    editor_client, journalist_client, draft
):
    opened_by_both = article_form_data(draft.category, draft)
    editor_client.post(change_url(draft), {**opened_by_both, "lead": "Lần một."})
    draft.refresh_from_db()
    seen = draft.version
    editor_client.post(change_url(draft), article_form_data(draft.category, draft, lead="Lần hai."))

    response = journalist_client.post(
        change_url(draft),
        {**opened_by_both, "overwrite_newer": "on", "conflict_version": seen},
    )

    assert response.status_code == HTTPStatus.OK
    draft.refresh_from_db()
    assert draft.lead == "Lần hai."


def test_a_form_without_its_version_is_refused(editor_client, draft):
    data = article_form_data(draft.category, draft, title="Không có phiên bản")
    del data["edit_version"]

    response = editor_client.post(change_url(draft), data)

    assert response.status_code == HTTPStatus.OK
    assert "tải lại bài" in non_field_errors(response)
