"""The media library: the editor's "browse" dialog lists the uploaded pictures from the
database, newest first, searchable by caption, everyone's or one's own; captions, credits and
alternative text are edited in the admin, and a picture in use cannot be deleted there."""

import datetime as dt
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.library import LibraryImage
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def picture(name: str, *, caption="", credit="", alt="", by=None, minutes_ago=0) -> LibraryImage:
    image = LibraryImage(
        width=1200,
        height=800,
        caption=caption,
        credit=credit,
        alt=alt,
        uploaded_by=by,
        uploaded_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
    )
    image.file.name = f"uploads/2026/12/{name}.jpg"
    image.save()
    return image


@pytest.fixture
def journalist(client):
    user = UserFactory(is_staff=True, is_superuser=True, first_name="Hà", last_name="Trần Thu")
    client.force_login(user)
    return user


def gallery(client, **query) -> str:
    response = client.get(reverse("ckeditor_browse"), {"CKEditorFuncNum": "3", **query})
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_the_dialog_lists_the_library_newest_first_with_caption_credit_and_uploader(
    client, journalist
):
    picture("cu", caption="Hồ Gươm mùa thu", minutes_ago=30)
    picture("moi", caption="Cầu Long Biên", credit="Minh Anh", alt="Cây cầu sắt", by=journalist)

    html = gallery(client)

    assert html.index("Cầu Long Biên") < html.index("Hồ Gươm mùa thu")
    assert "Ảnh: Minh Anh" in html
    assert "Trần Thu Hà" in html
    assert 'data-alt="Cây cầu sắt"' in html
    assert "1200 × 800" in html


def test_the_dialog_searches_captions_and_keeps_the_editors_parameters(client, journalist):
    picture("a", caption="Hồ Gươm mùa thu")
    picture("b", caption="Cầu Long Biên")

    html = gallery(client, q="hồ gươm")

    assert "Hồ Gươm mùa thu" in html and "Cầu Long Biên" not in html
    assert '<input type="hidden" name="CKEditorFuncNum" value="3">' in html
    assert 'value="hồ gươm"' in html


def test_a_search_without_result_says_so(client, journalist):
    picture("a", caption="Hồ Gươm")

    assert "Không có ảnh nào khớp với tìm kiếm." in gallery(client, q="sân bay")


def test_each_journalist_sees_everything_and_can_filter_to_their_own(client, journalist):
    picture("mine", caption="Ảnh của tôi", by=journalist)
    picture("theirs", caption="Ảnh của đồng nghiệp", by=UserFactory(is_staff=True))

    everything, own = gallery(client), gallery(client, mine="1")

    assert "Ảnh của tôi" in everything and "Ảnh của đồng nghiệp" in everything
    assert "Ảnh của tôi" in own and "Ảnh của đồng nghiệp" not in own


@pytest.mark.parametrize("count", [2, 20])
def test_the_dialog_reads_the_library_in_a_fixed_number_of_queries(
    client, journalist, django_assert_max_num_queries, count
):
    """Guards against a query per picture (its uploader): session, user, count, page."""
    for n in range(count):
        picture(f"p{n}", caption=f"Ảnh {n}", by=journalist)

    with django_assert_max_num_queries(6):
        gallery(client)


def test_the_admin_refuses_to_delete_a_picture_an_article_shows(client, journalist, settings):
    image = picture("dung", caption="Đang dùng")
    ArticleFactory(
        title="Bài có ảnh", body=f'<p><img src="{settings.MEDIA_URL}{image.file.name}" alt=""></p>'
    )

    response = client.post(
        reverse("admin:articles_libraryimage_delete", args=[image.pk]), {"post": "yes"}
    )

    assert response.status_code == HTTPStatus.OK  # the page saying why, not a redirect
    assert LibraryImage.objects.filter(pk=image.pk).exists()
    assert "Bài có ảnh" in response.content.decode()
