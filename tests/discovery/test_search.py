"""Reader search: Vietnamese with or without diacritics, only published articles, odd queries."""

import datetime as dt
import re
from http import HTTPStatus
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from articles.search import MAX_QUERY_LENGTH
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def hours_ago(hours: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(hours=hours)


def search_url(query: str, **params) -> str:
    return f"{reverse('articles:search')}?{urlencode({'q': query, **params})}"


def found_titles(response) -> list[str]:
    """The titles of the results, in page order."""
    html = response.content.decode()
    match = re.search(r'<ul class="story-list search-results">(.*?)</ul>', html, re.S)
    return (
        re.findall(r'class="story__title"><a href="[^"]+">([^<]+)</a>', match[1]) if match else []
    )


def search(client, query: str, **params) -> list[str]:
    response = client.get(search_url(query, **params))
    assert response.status_code == HTTPStatus.OK
    return found_titles(response)


@pytest.fixture
def liem():
    """Two articles about Nam Từ Liêm, one that is not, and one about a road (đường)."""
    return {
        "title": ArticleFactory(
            title="Nam Từ Liêm khánh thành công viên mới", published_at=hours_ago(5)
        ),
        "body": ArticleFactory(
            title="Giao thông cuối tuần",
            body="<p>Đường Lê Đức Thọ ở <strong>Nam Từ Liêm</strong> được mở rộng.</p>",
            published_at=hours_ago(2),
        ),
        "other": ArticleFactory(title="Bắc Từ Liêm trồng thêm cây xanh", published_at=hours_ago(1)),
    }


@pytest.mark.parametrize("query", ["nam tu liem", "Nam Từ Liêm", "NAM TU LIEM", "nAm  từ   LIÊM"])
def test_search_ignores_case_and_diacritics(client, liem, query):
    assert sorted(search(client, query)) == sorted([liem["title"].title, liem["body"].title])


def test_d_matches_the_letter_đ_both_ways(client):
    article = ArticleFactory(title="Đường Đê La Thành thông xe")

    assert search(client, "duong de la thanh") == [article.title]
    assert search(client, "ĐƯỜNG đê") == [article.title]


def test_every_word_must_appear_as_a_whole_word(client):
    ArticleFactory(title="Hà Nội mở tuyến buýt mới")
    bus = ArticleFactory(title="Tuyến buýt điện đầu tiên", lead="Xe chạy êm.")

    assert search(client, "buýt điện") == [bus.title]
    assert search(client, "buy") == []  # a part of a word is not the word


def test_search_reads_title_lead_and_body_text_but_not_html(client):
    lead = ArticleFactory(title="Tin một", lead="Lễ hội hoa sen ở Hồ Tây.")
    body = ArticleFactory(
        title="Tin hai",
        body='<p>Khách tham quan <a href="https://example.com/sen">chụp ảnh</a> hoa sen.</p>'
        '<figure class="image image-captioned"><img src="/media/ho-tay.jpg" alt="Hồ Tây" '
        'width="800" height="600"><figcaption>Ảnh: Thu Hà</figcaption></figure>',
    )

    assert sorted(search(client, "hoa sen")) == sorted([lead.title, body.title])
    assert search(client, "thu ha") == [body.title]  # a caption is text readers see
    for markup in ("strong", "figure", "figcaption", "href", "example", "https", "width", "800"):
        assert search(client, markup) == [], markup


def test_paragraphs_are_separate_words(client):
    article = ArticleFactory(title="Tin ngắn", body="<p>Hà Nội</p><p>Sài Gòn</p>")

    assert search(client, "noi sai") == [article.title]
    assert search(client, "noisai") == []


def test_only_published_articles_are_found(client):
    ArticleFactory(title="Bản nháp về cầu Long Biên", status=Article.Status.DRAFT)
    ArticleFactory(title="Bài chờ duyệt về cầu Long Biên", status=Article.Status.REVIEW)
    ArticleFactory(
        title="Bài hẹn giờ về cầu Long Biên", published_at=timezone.now() + dt.timedelta(hours=2)
    )
    published = ArticleFactory(title="Cầu Long Biên tròn 120 tuổi")

    assert search(client, "long bien") == [published.title]


def test_an_edited_article_is_found_by_its_new_words(client):
    article = ArticleFactory(title="Tin cũ")
    article.title = "Chợ Đồng Xuân sửa chữa"
    article.save(update_fields=["title"])

    assert search(client, "dong xuan") == ["Chợ Đồng Xuân sửa chữa"]
    assert search(client, "tin cu") == []


def test_the_title_counts_more_than_the_body_then_the_newest_first(client):
    in_body_new = ArticleFactory(
        title="Tin sáng nay", body="<p>Bàn về rác thải.</p>", published_at=hours_ago(1)
    )
    in_title_old = ArticleFactory(title="Rác thải ở chợ đầu mối", published_at=hours_ago(30))
    in_body_old = ArticleFactory(
        title="Tin hôm qua", body="<p>Bàn về rác thải.</p>", published_at=hours_ago(20)
    )

    titles = search(client, "rac thai")

    if connection.vendor == "postgresql":
        assert titles == [in_title_old.title, in_body_new.title, in_body_old.title]
    else:  # SQLite has no ranking: newest first
        assert titles == [in_body_new.title, in_body_old.title, in_title_old.title]


# --- The search page -----------------------------------------------------------------------


def test_the_header_has_a_labelled_search_box_on_every_page(client):
    response = client.get(reverse("articles:home"))

    assertContains(
        response,
        '<label class="visually-hidden" for="site-search-q">Tìm kiếm tin tức</label>',
        html=True,
    )
    assertContains(response, '<form class="site-search" action="/tim-kiem/" method="get"')
    assertContains(response, 'id="site-search-q" name="q"')


def test_an_empty_query_shows_the_form_and_searches_nothing(client, django_assert_num_queries):
    """Only the content version (the empty search page is kept like the other pages) and the
    navigation are read, with the site settings (once, then cached): no count, no results, no
    suggestions."""
    ArticleFactory(title="Tin bất kỳ")

    with django_assert_num_queries(3):
        response = client.get(reverse("articles:search"))

    assert response.status_code == HTTPStatus.OK
    assertContains(response, '<input class="search-form__input" type="search"')
    assertNotContains(response, "search-results")
    assertNotContains(response, "Không tìm thấy")


def test_results_say_how_many_and_show_the_query_back(client):
    ArticleFactory(title="Phố đi bộ Hồ Gươm mở lại")

    response = client.get(search_url("hồ gươm"))

    assertContains(response, "Tìm thấy 1 bài viết cho “hồ gươm”.")
    assertContains(response, 'value="hồ gươm"')
    assertContains(response, "<title>Tìm kiếm: hồ gươm · HNP</title>", html=True)
    assertContains(response, '<meta name="robots" content="noindex, follow">', html=True)


def test_nothing_found_gives_suggestions_and_the_latest_articles(client):
    latest = ArticleFactory(title="Tin mới nhất trong ngày")

    response = client.get(search_url("khủng long bạo chúa"))

    assert response.status_code == HTTPStatus.OK
    assertContains(response, "Không tìm thấy bài viết nào cho “khủng long bạo chúa”.")
    assertContains(response, "Kiểm tra lại chính tả của từ khóa.")
    assertContains(response, "Dùng ít từ hơn hoặc từ khóa chung hơn.")
    assertContains(response, latest.title)


def test_the_query_is_shown_escaped(client):
    response = client.get(search_url('<script>alert("x")</script>'))

    assert response.status_code == HTTPStatus.OK
    assertNotContains(response, '<script>alert("x")</script>')
    assertContains(
        response,
        '<h2 class="search-empty__title" id="search-empty-title">'
        'Không tìm thấy bài viết nào cho “&lt;script&gt;alert("x")&lt;/script&gt;”.</h2>',
        html=True,
    )


@pytest.mark.parametrize(
    "query",
    [
        "a" * 10_000,
        "nhà " * 3_000,
        "!!! ??? ... ;;; ---",
        "' OR 1=1; DROP TABLE articles_article; --",
        "%_\\%",
        '"><img src=x onerror=alert(1)>',
        "tin & | ! ( ) : * <-> 'x'",
        "\x00\x01 null",
        "😀 漢字 العربية",
    ],
    ids=[
        "10000-chars",
        "3000-words",
        "punctuation",
        "sql",
        "like-wildcards",
        "html",
        "tsquery-operators",
        "control-chars",
        "other-scripts",
    ],
)
def test_odd_queries_get_a_normal_page(client, query):
    ArticleFactory(title="Tin về nhà ở xã hội")

    response = client.get(search_url(query))

    assert response.status_code == HTTPStatus.OK
    assertContains(response, '<h1 class="page-header__title">Tìm kiếm</h1>', html=True)


def test_a_long_query_is_cut_before_searching(client):
    ArticleFactory(title="Nhà ở xã hội")

    response = client.get(search_url("nhà " + "x" * 20_000))

    shown = re.search(r'id="search-page-q" name="q" value="([^"]*)"', response.text)[1]
    assert shown == ("nhà " + "x" * 20_000)[:MAX_QUERY_LENGTH]
    assert found_titles(response) == []  # "nhà xxxx…" cut: the second word is no real word


def test_like_wildcards_match_only_themselves(client):
    ArticleFactory(title="Giá xăng tăng 5%")

    assert search(client, "%") == []
    assert search(client, "_") == []


def test_results_come_in_numbered_pages_that_keep_the_query(client):
    for n in range(45):
        ArticleFactory(title=f"Dự án cầu Tứ Liên số {n}", published_at=hours_ago(n + 1))

    first = client.get(search_url("cau tu lien"))
    second = client.get(search_url("cau tu lien", page=2))

    assert found_titles(first)[0] == "Dự án cầu Tứ Liên số 0"
    assert found_titles(second)[0] == "Dự án cầu Tứ Liên số 20"
    assertContains(first, 'href="?q=cau+tu+lien&amp;page=2"')
    assertContains(first, 'href="?q=cau+tu+lien&amp;page=3"')
    assertContains(second, 'href="/tim-kiem/?q=cau+tu+lien" rel="prev"')
    assertContains(second, "Trang 2/3")


@pytest.mark.parametrize("matching", [3, 30])
def test_search_query_count_does_not_grow_with_results(client, django_assert_num_queries, matching):
    """Guards against a query per result (its category, or a column for_listing() defers):
    navigation, the ranking of the matches (which counts them too), one page of results, the
    site settings (once, then cached)."""
    for n in range(matching):
        ArticleFactory(title=f"Lễ hội mùa thu {n}", published_at=hours_ago(n + 1))

    with django_assert_num_queries(4):
        response = client.get(search_url("le hoi"))

    assert len(found_titles(response)) == min(matching, 20)


def test_nothing_found_costs_a_fixed_number_of_queries(client, django_assert_num_queries):
    """Navigation, the ranking that finds nothing, the latest articles as suggestions, the site
    settings (once, then cached)."""
    ArticleFactory.create_batch(8)

    with django_assert_num_queries(4):
        response = client.get(search_url("khong co tu nay"))

    assert response.status_code == HTTPStatus.OK


def test_only_punctuation_searches_nothing(client, django_assert_num_queries):
    """A query with no word left after normalising runs no search, and says nothing was
    found: navigation, the latest articles and the site settings (once, then cached) only."""
    ArticleFactory.create_batch(3)

    with django_assert_num_queries(3):
        response = client.get(search_url("?!…—"))

    assertContains(response, "Không tìm thấy bài viết nào")


def test_only_the_newest_matches_are_ranked_and_shown(client, monkeypatch):
    monkeypatch.setattr("articles.search.MAX_RESULTS", 3)
    for n in range(5):
        ArticleFactory(title=f"Bản tin giao thông {n}", published_at=hours_ago(n + 1))

    response = client.get(search_url("giao thong"))

    assert sorted(found_titles(response)) == [f"Bản tin giao thông {n}" for n in range(3)]
    assertContains(response, "Có nhiều bài viết khớp với “giao thong”: hiển thị 3 bài mới nhất.")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the vector exists on PostgreSQL")
def test_the_search_vector_is_kept_in_the_articles_row():
    # Out of the row (PostgreSQL's default for a value this size), ranking read each
    # candidate's vector from the TOAST table twice; docs/search.md.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute"
            " WHERE attrelid = 'articles_article'::regclass AND attname = 'search_vector'"
        )
        assert cursor.fetchone() == ("m",)
