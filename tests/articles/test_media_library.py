"""The media library: the editor's "browse" dialog lists the uploaded pictures from the
database, newest first, searchable by caption, everyone's or one's own; captions, credits and
alternative text are edited in the admin, and a picture in use cannot be deleted there."""

import datetime as dt
from http import HTTPStatus

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from articles import renditions
from articles.images import store_editor_image
from articles.library import LibraryImage
from articles.models import Article
from tests.articles.admin_forms import article_form_data
from tests.factories import ArticleFactory, UserFactory, camera_photo

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


def test_a_journalist_edits_a_pictures_caption_credit_and_alternative_text(journalist_client):
    image = picture("sua", caption="")

    response = journalist_client.post(
        reverse("admin:articles_libraryimage_change", args=[image.pk]),
        {"caption": "Phố cổ về đêm", "credit": "Minh Anh", "alt": "Dãy nhà cổ lên đèn"},
    )

    assert response.status_code == HTTPStatus.FOUND
    image.refresh_from_db()
    assert (image.caption, image.credit, image.alt) == (
        "Phố cổ về đêm",
        "Minh Anh",
        "Dãy nhà cổ lên đèn",
    )


def test_a_cover_chosen_from_the_library_gets_its_renditions_and_caption(
    journalist_client, category
):
    chosen = store_editor_image(
        SimpleUploadedFile("a.jpg", camera_photo((1600, 900)), "image/jpeg")
    )
    chosen.caption, chosen.credit = "Chợ hoa Quảng Bá", "Minh Anh"
    chosen.save()
    data = article_form_data(category, cover_from_library=chosen.pk)

    response = journalist_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[-3000:]
    article = Article.objects.get()
    assert article.cover_image.name == chosen.file.name
    assert article.cover_caption == "Chợ hoa Quảng Bá Ảnh: Minh Anh"
    assert article.cover_picture is not None
    thumbnail = renditions.url(article.cover_image, renditions.THUMBNAIL)
    assert default_storage.exists(thumbnail.removeprefix(settings.MEDIA_URL))
    assert list(chosen.articles.all()) == [article]


def test_the_library_autocomplete_finds_pictures_by_caption(journalist_client):
    picture("a", caption="Chợ hoa Quảng Bá")
    picture("b", caption="Cầu Long Biên")

    response = journalist_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "images", "term": "chợ"},
    )

    assert response.status_code == HTTPStatus.OK
    assert [item["text"] for item in response.json()["results"]] == ["Chợ hoa Quảng Bá"]


def test_a_cover_both_uploaded_and_chosen_is_refused_next_to_the_field(journalist_client, category):
    chosen = picture("chon", caption="Ảnh chọn")
    upload = SimpleUploadedFile("bia.jpg", camera_photo((800, 450)), "image/jpeg")
    data = article_form_data(category, cover_from_library=chosen.pk, cover_image=upload)

    response = journalist_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == HTTPStatus.OK
    assert not Article.objects.exists()
    assert response.context["adminform"].form.errors["cover_from_library"] == [
        "Hãy tải ảnh bìa mới lên hoặc chọn một ảnh trong thư viện, không chọn cả hai."
    ]
