import datetime as dt
import io
import re
from http import HTTPStatus
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db

FIGURE_BODY = (
    "<p>Sáng nay, cầu Long Biên đông người qua lại.</p>"
    '<figure class="image image-captioned"><img src="/media/uploads/cau.jpg" alt="Cầu Long Biên"'
    ' width="800" height="533"><figcaption>Cầu Long Biên lúc bình minh</figcaption></figure>'
    "<p>Đoạn kết của bài viết.</p>"
)


def png_upload(name: str = "bia.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 20), "#a30d12").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def cover_img(article: Article, alt: str) -> str:
    """The article page's cover: its copies 480, 800 and 1200 pixels wide to pick from."""
    srcset = ", ".join(
        f"{url} {width}w"
        for url, width in [
            (article.cover_480.url, 480),
            (article.cover_800.url, 800),
            (article.cover_1200.url, 1200),
        ]
    )
    return (
        f'<img src="{article.cover_800.url}" srcset="{srcset}"'
        f' sizes="(min-width: 45rem) 42rem, 100vw" width="800" height="450" alt="{alt}">'
    )


def detail_url(article: Article) -> str:
    return reverse("articles:detail", kwargs={"slug": article.slug})


def related_titles(html: str, section_id: str) -> list[str]:
    """The linked titles of the newer/older list, in page order; [] when the list is absent."""
    match = re.search(
        rf'<section class="related" aria-labelledby="{section_id}">(.*?)</section>', html, re.S
    )
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a>', match.group(1)) if match else []


@pytest.fixture
def timeline():
    """Twenty published articles an hour apart (index 0 is the oldest), with a draft, an
    article in review and a scheduled one in between that readers must never see listed."""
    start = timezone.now() - dt.timedelta(days=2)
    articles = [
        ArticleFactory(title=f"Tin số {n:02d}", published_at=start + dt.timedelta(hours=n))
        for n in range(20)
    ]
    ArticleFactory(
        title="Bản nháp giữa dòng thời gian",
        status=Article.Status.DRAFT,
        published_at=start + dt.timedelta(hours=10, minutes=30),
    )
    ArticleFactory(
        title="Bài chờ duyệt giữa dòng thời gian",
        status=Article.Status.REVIEW,
        published_at=start + dt.timedelta(hours=9, minutes=30),
    )
    ArticleFactory(title="Bài hẹn giờ", published_at=timezone.now() + dt.timedelta(hours=3))
    return articles


def test_article_page_shows_its_parts_in_the_portal_order(client):
    category = CategoryFactory(name="Đô thị", slug="do-thi")
    article = ArticleFactory(
        title="Hà Nội mở thêm tuyến xe buýt điện",
        lead="Từ tháng 9, ba tuyến xe buýt điện mới nối trung tâm với các khu đô thị phía tây.",
        body=FIGURE_BODY,
        byline="Huy Kiên",
        category=category,
        cover_image=png_upload(),
        cover_caption="Xe buýt điện trên phố Tràng Tiền",
        published_at=dt.datetime(2020, 8, 10, 0, 27, tzinfo=dt.UTC),
    )

    response = client.get(detail_url(article))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assertContains(response, "<title>Hà Nội mở thêm tuyến xe buýt điện · HNP</title>", html=True)
    assertContains(
        response,
        '<meta name="description" content="Từ tháng 9, ba tuyến xe buýt điện mới nối trung tâm'
        ' với các khu đô thị phía tây.">',
        html=True,
    )
    assertContains(
        response, '<h1 class="article__title">Hà Nội mở thêm tuyến xe buýt điện</h1>', html=True
    )
    # 00:27 UTC is 07:27 in Hà Nội.
    assertContains(
        response,
        '<time datetime="2020-08-10T07:27:00+07:00">07:27 10/08/2020</time>',
        html=True,
    )
    assertContains(
        response,
        f'<figure class="article__cover">{cover_img(article, "Xe buýt điện trên phố Tràng Tiền")}'
        "<figcaption>Xe buýt điện trên phố Tràng Tiền</figcaption></figure>",
        html=True,
    )
    assertContains(
        response,
        '<figure class="image image-captioned"><img src="/media/uploads/cau.jpg"'
        ' alt="Cầu Long Biên" width="800" height="533" loading="lazy">'
        "<figcaption>Cầu Long Biên lúc bình minh</figcaption></figure>",
        html=True,
    )
    assertContains(response, '<p class="article__byline">Huy Kiên</p>', html=True)
    in_order = [
        'href="/chuyen-muc/do-thi/"',
        "<h1",
        "07:27 10/08/2020",
        "Từ tháng 9, ba tuyến",
        'class="article__cover"',
        "Sáng nay, cầu Long Biên",
        "Đoạn kết của bài viết.",
        "Huy Kiên",
    ]
    main = html[html.index("<main") :]
    positions = [main.index(marker) for marker in in_order]
    assert positions == sorted(positions)


def test_cover_without_caption_uses_the_title_as_alt_text(client):
    article = ArticleFactory(title="Phố đi bộ Hồ Gươm", cover_image=png_upload(), cover_caption="")

    response = client.get(detail_url(article))

    assertContains(
        response,
        f'<figure class="article__cover">{cover_img(article, "Phố đi bộ Hồ Gươm")}</figure>',
        html=True,
    )


def test_tables_in_the_body_scroll_inside_their_own_wrapper(client):
    article = ArticleFactory(
        body="<table><tbody><tr><td>Quận</td><td>Dân số</td></tr></tbody></table>"
    )

    response = client.get(detail_url(article))

    assertContains(
        response,
        '<div class="table-scroll" role="region" tabindex="0"'
        ' aria-label="Bảng (vuốt ngang để xem hết)">'
        "<table><tbody><tr><td>Quận</td><td>Dân số</td></tr></tbody></table></div>",
        html=True,
    )


def test_middle_article_lists_five_newer_newest_first_and_ten_older_closest_first(client, timeline):
    response = client.get(detail_url(timeline[12]))

    html = response.content.decode()
    assert related_titles(html, "newer-articles") == [
        "Tin số 17",
        "Tin số 16",
        "Tin số 15",
        "Tin số 14",
        "Tin số 13",
    ]
    assert related_titles(html, "older-articles") == [f"Tin số {n:02d}" for n in range(11, 1, -1)]
    assertContains(response, "Các bài mới đăng")
    assertContains(response, "Các bài đã đăng")
    assert html.index("Các bài mới đăng") < html.index("Các bài đã đăng")


def test_lists_near_the_ends_show_only_what_exists(client, timeline):
    near_newest = client.get(detail_url(timeline[17])).content.decode()
    near_oldest = client.get(detail_url(timeline[3])).content.decode()

    assert related_titles(near_newest, "newer-articles") == ["Tin số 19", "Tin số 18"]
    assert related_titles(near_oldest, "older-articles") == ["Tin số 02", "Tin số 01", "Tin số 00"]
    assert related_titles(near_oldest, "newer-articles") == [
        f"Tin số {n:02d}" for n in range(8, 3, -1)
    ]


def test_newest_article_has_no_newer_list_and_oldest_no_older_list(client, timeline):
    newest = client.get(detail_url(timeline[-1]))
    oldest = client.get(detail_url(timeline[0]))

    assertNotContains(newest, "Các bài mới đăng")
    assert related_titles(newest.content.decode(), "older-articles") == [
        f"Tin số {n:02d}" for n in range(18, 8, -1)
    ]
    assertNotContains(oldest, "Các bài đã đăng")
    assert related_titles(oldest.content.decode(), "newer-articles") == [
        f"Tin số {n:02d}" for n in range(5, 0, -1)
    ]


@pytest.mark.parametrize(
    ("status", "published_in"),
    [
        (Article.Status.DRAFT, None),
        (Article.Status.REVIEW, None),
        (Article.Status.DRAFT, dt.timedelta(hours=-1)),
        (Article.Status.PUBLISHED, dt.timedelta(hours=2)),
    ],
    ids=["draft", "review", "draft-with-past-time", "scheduled"],
)
@pytest.mark.parametrize("reader", ["anonymous", "logged-in"])
def test_readers_get_404_for_articles_that_are_not_public(client, status, published_in, reader):
    published_at = timezone.now() + published_in if published_in is not None else None
    article = ArticleFactory(status=status, published_at=published_at)
    if reader == "logged-in":
        client.force_login(UserFactory(is_staff=False))

    response = client.get(detail_url(article))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_staff_preview_a_draft_with_a_banner_saying_it_is_not_public(client, staff_user):
    article = ArticleFactory(
        title="Dự thảo quy hoạch", status=Article.Status.DRAFT, published_at=None
    )
    client.force_login(staff_user)

    response = client.get(detail_url(article))

    assert response.status_code == HTTPStatus.OK
    assertContains(response, '<p class="preview-banner__title">Xem trước</p>', html=True)
    assertContains(response, "Bài viết này chưa công khai, độc giả chưa xem được.")
    assertContains(response, '<p class="article__time">Chưa đăng</p>', html=True)
    assertContains(response, '<meta name="robots" content="noindex, nofollow">', html=True)
    assert "no-cache" in response["Cache-Control"]


def test_staff_preview_of_a_scheduled_article_shows_when_it_goes_out(client, staff_user):
    article = ArticleFactory(published_at=dt.datetime(2099, 1, 2, 1, 30, tzinfo=dt.UTC))
    client.force_login(staff_user)

    response = client.get(detail_url(article))

    assertContains(response, "Xem trước")
    assertContains(response, "Hẹn giờ đăng lúc")
    assertContains(response, "08:30 02/01/2099")


def test_staff_see_a_published_article_without_the_preview_banner(client, staff_user):
    article = ArticleFactory()
    client.force_login(staff_user)

    response = client.get(detail_url(article))

    assertNotContains(response, "preview-banner")


def test_the_sidebar_lists_the_latest_other_articles_with_their_city_time(client, timeline):
    """Six, newest first, never the article itself nor what readers cannot see; each with its
    publish time as the portal prints it (Asia/Ho_Chi_Minh)."""
    newest = timeline[-1].published_at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))

    html = client.get(detail_url(timeline[-2])).content.decode()

    sidebar = re.search(r'aria-labelledby="sidebar-latest">(.*?)</section>', html, re.S).group(1)
    assert re.findall(r'<li><a href="[^"]+">([^<]+)</a>', sidebar) == [
        "Tin số 19",
        *(f"Tin số {n:02d}" for n in range(17, 12, -1)),
    ]
    shown = f'<time datetime="{newest:%Y-%m-%dT%H:%M:%S+07:00}">{newest:%H:%M %d/%m/%Y}</time>'
    assert shown in sidebar


def test_articles_published_at_the_same_minute_are_both_listed_in_order(client, timeline):
    twin = ArticleFactory(title="Tin song sinh", published_at=timeline[12].published_at)

    html = client.get(detail_url(timeline[12])).content.decode()
    twin_html = client.get(detail_url(twin)).content.decode()

    assert related_titles(html, "newer-articles")[-1] == "Tin song sinh"
    assert related_titles(twin_html, "older-articles")[0] == "Tin số 12"


@pytest.mark.parametrize("published_count", [3, 30])
def test_article_page_query_count_does_not_grow_with_the_archive(
    client, django_assert_num_queries, published_count
):
    """Guards against a query per article of the newer/older lists (a column for_listing()
    defers, read by the template) and per category of the navigation: the content version
    (the page cache's miss), the article with its category, author and count of correction
    notes (the notes themselves only when there are some), its tags, the newer, older, latest
    and most-read lists (one query), the related articles (one query), the navigation, the
    comment thread (its count with its first page), and the site settings of the masthead and
    footer."""
    categories = CategoryFactory.create_batch(3)
    start = timezone.now() - dt.timedelta(days=3)
    articles = [
        ArticleFactory(category=categories[n % 3], published_at=start + dt.timedelta(hours=n))
        for n in range(published_count)
    ]

    with django_assert_num_queries(8):
        response = client.get(detail_url(articles[published_count // 2]))

    assert response.status_code == HTTPStatus.OK
