"""Every save of an article keeps a revision; editors and the article's writer list them,
compare any two with the words marked, and restore one as a new revision."""

from http import HTTPStatus

import pytest
from reversion.models import Version

from articles.models import Article
from articles.revisions import revisions_of
from tests.articles.admin_forms import article_form_data, change_url
from tests.articles.newsroom import compare_url, restore_url, revisions_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def save(client, article, **changes):
    article.refresh_from_db()
    response = client.post(
        change_url(article), article_form_data(article.category, article, **changes)
    )
    assert response.status_code == HTTPStatus.FOUND, response.context["adminform"].form.errors
    article.refresh_from_db()
    return article


@pytest.fixture
def draft(journalist):
    return ArticleFactory(
        title="Cầu mới nối hai bờ sông",
        lead="Cây cầu dài 500 mét thông xe sáng nay.",
        body="<p>Cầu được xây trong hai năm.</p>",
        status=Article.Status.DRAFT,
        published_at=None,
        created_by=journalist,
    )


def test_each_save_keeps_who_when_and_the_content(journalist, journalist_client, draft):
    save(journalist_client, draft, title="Cầu mới nối đôi bờ sông")
    save(journalist_client, draft, lead="Cây cầu dài 520 mét thông xe chiều nay.")

    versions = list(revisions_of(draft))
    assert len(versions) == 2
    newest, oldest = versions
    assert newest.revision.user == journalist
    assert oldest.field_dict["title"] == "Cầu mới nối đôi bờ sông"
    assert newest.field_dict["lead"] == "Cây cầu dài 520 mét thông xe chiều nay."
    assert set(newest.field_dict) >= {"title", "lead", "body", "cover_image", "category_id"}
    assert newest.field_dict["status"] == Article.Status.DRAFT


def test_the_writer_and_editors_read_the_list_other_journalists_do_not(
    journalist_client, editor_client, other_journalist, draft
):
    from tests.support.accounts import logged_in

    save(journalist_client, draft, title="Tiêu đề thứ hai")

    assert journalist_client.get(revisions_url(draft)).status_code == HTTPStatus.OK
    listing = editor_client.get(revisions_url(draft))
    assert listing.status_code == HTTPStatus.OK
    assert "Lê Huy Kiên" in listing.text
    assert logged_in(other_journalist).get(revisions_url(draft)).status_code == (
        HTTPStatus.FORBIDDEN
    )


def test_two_revisions_compare_side_by_side_with_words_marked(journalist_client, draft):
    save(journalist_client, draft, title="Cầu mới nối hai bờ sông Hồng")
    save(
        journalist_client,
        draft,
        title="Cầu lớn nối hai bờ sông Hồng",
        body="<p>Cầu được xây trong ba năm.</p>",
    )
    newest, oldest = revisions_of(draft)

    page = journalist_client.get(compare_url(draft, oldest, newest))

    assert page.status_code == HTTPStatus.OK
    rows = {row.name: row for row in page.context["rows"]}
    assert "<del>mới</del>" in rows["title"].before
    assert "<ins>lớn</ins>" in rows["title"].after
    assert "<del>hai</del>" in rows["body"].before
    assert "<ins>ba</ins>" in rows["body"].after
    assert not rows["lead"].changed


def test_restoring_brings_the_content_back_as_a_new_revision(editor, editor_client, draft):
    save(editor_client, draft, title="Bản đầu tiên")
    save(editor_client, draft, title="Bản thứ hai", lead="Sapo thứ hai.")
    first = revisions_of(draft).last()

    confirm = editor_client.get(restore_url(draft, first))
    response = editor_client.post(restore_url(draft, first))

    assert confirm.status_code == HTTPStatus.OK
    assert response.status_code == HTTPStatus.FOUND
    draft.refresh_from_db()
    assert draft.title == "Bản đầu tiên"
    versions = list(revisions_of(draft))
    assert len(versions) == 3  # history kept: two saves and the restore
    assert versions[0].revision.user == editor
    assert "Khôi phục" in versions[0].revision.comment
    assert versions[2].field_dict["title"] == "Bản đầu tiên"
    assert versions[1].field_dict["title"] == "Bản thứ hai"


def test_restoring_does_not_publish_or_withdraw(editor_client):
    published = ArticleFactory(title="Bản đang đăng")
    save(editor_client, published, title="Bản đăng, sửa lần một")
    save(editor_client, published, title="Bản đăng, sửa lần hai", status=Article.Status.DRAFT)
    first = revisions_of(published).last()

    editor_client.post(restore_url(published, first))

    published.refresh_from_db()
    assert published.title == "Bản đăng, sửa lần một"
    assert published.status == Article.Status.DRAFT


def test_a_journalist_restoring_their_published_article_sends_it_to_an_editor(
    journalist, journalist_client, editor_client
):
    published = ArticleFactory(title="Bản đầu", created_by=journalist)
    save(editor_client, published, title="Bản đầu")
    save(editor_client, published, title="Bản biên tập")
    first = revisions_of(published).last()

    journalist_client.post(restore_url(published, first))

    published.refresh_from_db()
    assert published.title == "Bản biên tập"
    assert published.pending_change.title == "Bản đầu"


def test_reader_pages_never_read_the_revision_tables(
    client, editor_client, django_assert_max_num_queries
):
    article = ArticleFactory()
    save(editor_client, article, title="Có lịch sử")
    assert Version.objects.exists()

    with django_assert_max_num_queries(50) as captured:
        client.get(article.get_absolute_url())
        client.get("/")

    assert not [q["sql"] for q in captured.captured_queries if "reversion" in q["sql"]]
