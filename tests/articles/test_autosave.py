"""What someone types is kept aside every 30 seconds and when they leave the page, never
saved into the article, and offered back when they open it again."""

from http import HTTPStatus

import pytest

from articles.models import Article, Autosave
from tests.articles.admin_forms import add_url, article_form_data, change_url
from tests.articles.newsroom import editing_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(journalist):
    return ArticleFactory(title="Bản đang đăng", created_by=journalist)


def typed(article=None, **fields):
    return {
        "autosave": "1",
        "edit_version": article.version if article else "",
        "title": "Tiêu đề đang gõ",
        "lead": "Sapo đang gõ",
        "body": "<p>Đoạn đang viết dở</p>",
        "category": "",
        "category_label": "",
        **fields,
    }


def test_an_autosave_keeps_the_typing_without_touching_the_article(
    journalist, journalist_client, published
):
    response = journalist_client.post(editing_url(published), typed(published))

    assert response.status_code == HTTPStatus.OK
    assert "saved_at" in response.json()
    autosave = Autosave.objects.get()
    assert autosave.user == journalist
    assert autosave.data["title"] == "Tiêu đề đang gõ"
    assert autosave.base_version == published.version
    published.refresh_from_db()
    assert published.title == "Bản đang đăng"
    assert Article.objects.published().get() == published


def test_the_next_autosave_replaces_the_last(journalist_client, published):
    journalist_client.post(editing_url(published), typed(published, title="Một"))
    journalist_client.post(editing_url(published), typed(published, title="Hai"))

    assert Autosave.objects.get().data["title"] == "Hai"


def test_the_form_offers_the_unsaved_work_back(journalist_client, published):
    journalist_client.post(editing_url(published), typed(published))

    config = journalist_client.get(change_url(published)).context["editing_config"]

    assert config["offer"]["data"]["lead"] == "Sapo đang gõ"
    assert config["offer"]["version"] == published.version
    assert config["text"]["offer"] == "Khôi phục bản đang soạn lúc %(time)s?"


def test_a_new_article_has_its_autosave_too(journalist_client):
    journalist_client.post(editing_url(), typed())

    config = journalist_client.get(add_url()).context["editing_config"]

    assert config["offer"]["data"]["title"] == "Tiêu đề đang gõ"


def test_saving_the_article_forgets_the_autosave(editor_client, category):
    article = ArticleFactory(category=category, status=Article.Status.DRAFT, published_at=None)
    editor_client.post(editing_url(article), typed(article))

    editor_client.post(change_url(article), article_form_data(category, article))

    assert not Autosave.objects.exists()


def test_each_person_has_their_own(journalist_client, editor_client, published):
    journalist_client.post(editing_url(published), typed(published, title="Của phóng viên"))
    editor_client.post(editing_url(published), typed(published, title="Của biên tập"))

    offer = journalist_client.get(change_url(published)).context["editing_config"]["offer"]

    assert offer["data"]["title"] == "Của phóng viên"
    assert Autosave.objects.count() == 2


def test_an_expired_session_is_refused_and_keeps_nothing_on_the_server(client, published):
    response = client.post(editing_url(published), typed(published))

    assert response.status_code == HTTPStatus.FOUND  # to the login page
    assert not Autosave.objects.exists()


def test_someone_who_may_not_edit_the_article_cannot_autosave_it(other_journalist, published):
    from tests.support.accounts import logged_in

    response = logged_in(other_journalist).post(editing_url(published), typed(published))

    assert response.status_code == HTTPStatus.FORBIDDEN
