"""Tags ("Từ khóa"): typed in the admin with suggestions, shown under the article, each with a
paginated page and a feed; and the "Tin liên quan" chosen by shared tags, then by category."""

import datetime as dt
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, Tag
from tests.articles.admin_forms import article_form_data
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def hours_ago(hours: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(hours=hours)


def related_titles(client, article) -> list[str]:
    html = client.get(article.get_absolute_url()).content.decode()
    if 'id="related-articles"' not in html:
        return []
    section = html[html.index('id="related-articles"') :]
    section = section[: section.index("</section>")]
    return [part.split("</a>")[0].split(">")[-1] for part in section.split("<li>")[1:]]


def test_tags_typed_in_the_admin_are_saved_with_vietnamese_slugs(admin_client, category):
    data = article_form_data(category, tags="Quy hoạch, Nam Từ Liêm, đường sắt đô thị")

    response = admin_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == HTTPStatus.FOUND
    article = Article.objects.get()
    assert sorted(tag.slug for tag in article.tags.all()) == [
        "duong-sat-do-thi",
        "nam-tu-liem",
        "quy-hoach",
    ]


def test_the_same_tag_in_another_case_is_the_same_tag(category):
    first, second = ArticleFactory.create_batch(2)
    first.tags.add("Hà Nội")
    second.tags.add("hà nội")

    assert Tag.objects.count() == 1


def test_the_admin_suggests_existing_tags_those_starting_with_the_text_first(admin_client):
    Tag.objects.create(name="Giao thông")
    Tag.objects.create(name="An toàn giao thông")
    Tag.objects.create(name="Giáo dục")

    response = admin_client.get(reverse("admin:articles_tag_suggest"), {"q": "giao"})

    assert response.json() == {"tags": ["Giao thông", "An toàn giao thông"]}


def test_the_article_form_offers_the_suggestions_in_a_datalist(admin_client):
    html = admin_client.get(reverse("admin:articles_article_add")).content.decode()

    assert 'list="id_tags_suggestions"' in html
    assert '<datalist id="id_tags_suggestions"></datalist>' in html
    assert "admin_hnp/tag_suggest.js" in html


def test_the_article_shows_its_tags_as_links(client):
    article = ArticleFactory()
    article.tags.add("Quy hoạch", "Nam Từ Liêm")

    response = client.get(article.get_absolute_url())

    assertContains(
        response,
        '<a class="article-tags__tag" href="/tu-khoa/nam-tu-liem/" rel="tag">Nam Từ Liêm</a>',
        html=True,
    )
    assertContains(response, 'href="/tu-khoa/quy-hoach/"')


def test_the_tag_page_lists_published_articles_newest_first_in_pages(client):
    tagged = [ArticleFactory(title=f"Tin {n:02d}", published_at=hours_ago(n)) for n in range(25)]
    draft = ArticleFactory(title="Bản nháp có từ khóa", status=Article.Status.DRAFT)
    later = ArticleFactory(title="Bài hẹn giờ có từ khóa", published_at=hours_ago(-3))
    ArticleFactory(title="Bài không có từ khóa")
    for article in [*tagged, draft, later]:
        article.tags.add("Quy hoạch")

    first = client.get(reverse("articles:tag", kwargs={"slug": "quy-hoach"}))
    second = client.get(reverse("articles:tag", kwargs={"slug": "quy-hoach"}), {"page": 2})

    assert first.status_code == HTTPStatus.OK
    html = first.content.decode()
    assert html.index("Tin 00") < html.index("Tin 01") < html.index("Tin 19")
    assertNotContains(first, "Tin 20")
    assertContains(second, "Tin 24")
    for response in (first, second):
        assertNotContains(response, "Bản nháp")
        assertNotContains(response, "Bài hẹn giờ")
        assertNotContains(response, "Bài không có từ khóa")
    assertContains(first, 'href="/rss/tu-khoa/quy-hoach/"')


def test_the_tag_pages_count_follows_publishing_tagging_and_deleting(client):
    """The tag page's count is a column kept up to date (``Tag.published_total``): a page
    appears and disappears as its twenty-first article comes and goes, however it goes."""
    articles = [ArticleFactory(published_at=hours_ago(n + 1)) for n in range(21)]
    for article in articles:
        article.tags.add("Quy hoạch")
    ArticleFactory(published_at=hours_ago(-3)).tags.add("Quy hoạch")  # scheduled
    tag = Tag.objects.get(slug="quy-hoach")
    page_2 = reverse("articles:tag", kwargs={"slug": "quy-hoach"}) + "?page=2"

    def visible() -> int:
        tag.refresh_from_db()
        return tag.visible_article_count()

    assert visible() == 21
    assert client.get(page_2).status_code == HTTPStatus.OK
    last = articles[-1]

    last.status = Article.Status.DRAFT
    last.save()
    assert visible() == 20
    assert client.get(page_2).status_code == HTTPStatus.NOT_FOUND

    last.status = Article.Status.PUBLISHED
    last.save()
    assert visible() == 21
    last.tags.remove("Quy hoạch")
    assert visible() == 20
    last.tags.add("Quy hoạch", "Giao thông")
    assert visible() == 21
    last.tags.clear()
    assert visible() == 20
    last.tags.set(["Quy hoạch"])
    assert visible() == 21
    assert client.get(page_2).status_code == HTTPStatus.OK

    last.delete()
    assert visible() == 20
    assert client.get(page_2).status_code == HTTPStatus.NOT_FOUND


def test_an_unknown_tag_is_not_found(client):
    response = client.get(reverse("articles:tag", kwargs={"slug": "khong-co"}))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_the_tag_feed_lists_its_published_articles(client):
    article = ArticleFactory(title="Mở rộng phố đi bộ")
    ArticleFactory(title="Bài khác")
    article.tags.add("Phố đi bộ")

    response = client.get(reverse("tag-feed", kwargs={"slug": "pho-di-bo"}))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/rss+xml")
    assertContains(response, "<title>Mở rộng phố đi bộ</title>")
    assertNotContains(response, "Bài khác")


def test_related_articles_are_chosen_by_shared_tags_then_by_category(client):
    """Five at most: sharing two tags before sharing one, the newest among equals, then the
    category's articles just before this one; never the article itself nor a draft."""
    city, sport = CategoryFactory(name="Đô thị"), CategoryFactory(name="Thể thao")
    article = ArticleFactory(title="Bài chính", category=city, published_at=hours_ago(5))
    article.tags.add("Quy hoạch", "Nam Từ Liêm")
    both = ArticleFactory(title="Chung hai", category=sport, published_at=hours_ago(50))
    both.tags.add("Quy hoạch", "Nam Từ Liêm")
    one_new = ArticleFactory(title="Chung một mới", category=sport, published_at=hours_ago(1))
    one_new.tags.add("Quy hoạch")
    one_old = ArticleFactory(title="Chung một cũ", category=sport, published_at=hours_ago(9))
    one_old.tags.add("Nam Từ Liêm")
    draft = ArticleFactory(title="Nháp chung", status=Article.Status.DRAFT, category=sport)
    draft.tags.add("Quy hoạch", "Nam Từ Liêm")
    ArticleFactory(title="Cùng mục trước", category=city, published_at=hours_ago(6))
    ArticleFactory(title="Cùng mục trước nữa", category=city, published_at=hours_ago(7))
    ArticleFactory(title="Cùng mục xa", category=city, published_at=hours_ago(8))
    ArticleFactory(title="Mục khác", category=sport, published_at=hours_ago(6))

    assert related_titles(client, article) == [
        "Chung hai",
        "Chung một mới",
        "Chung một cũ",
        "Cùng mục trước",
        "Cùng mục trước nữa",
    ]


def test_an_article_without_tags_gets_its_categorys_earlier_articles(client):
    city = CategoryFactory()
    article = ArticleFactory(category=city, published_at=hours_ago(2))
    ArticleFactory(title="Trước đó", category=city, published_at=hours_ago(3))
    ArticleFactory(title="Sau đó", category=city, published_at=hours_ago(1))

    assert related_titles(client, article) == ["Trước đó"]


def test_the_related_list_comes_after_the_newer_and_older_lists(client):
    city = CategoryFactory()
    ArticleFactory(category=city, published_at=hours_ago(1))
    article = ArticleFactory(category=city, published_at=hours_ago(2))
    ArticleFactory(category=city, published_at=hours_ago(3))

    html = client.get(article.get_absolute_url()).content.decode()

    assert (
        html.index('id="newer-articles"')
        < html.index('id="older-articles"')
        < html.index('id="related-articles"')
        < html.index('id="binh-luan"')
    )
    assertContains(
        client.get(article.get_absolute_url()),
        '<h2 class="related__title" id="related-articles">Tin liên quan</h2>',
        html=True,
    )


@pytest.mark.parametrize("tagged_count", [3, 30])
def test_the_article_page_query_count_does_not_grow_with_tagged_articles(
    client, django_assert_num_queries, tagged_count
):
    """Guards against a query per tag or per related article: the tags are one query, the
    related articles another, as on an article without tags (test_pages_article.py names
    the article page's queries)."""
    article = ArticleFactory(published_at=hours_ago(1))
    article.tags.add("Quy hoạch", "Giao thông", "Nam Từ Liêm")
    for n in range(tagged_count):
        ArticleFactory(published_at=hours_ago(n + 2)).tags.add("Giao thông")

    with django_assert_num_queries(8):
        response = client.get(article.get_absolute_url())

    assert response.status_code == HTTPStatus.OK


@pytest.mark.parametrize("tagged_count", [3, 30])
def test_the_tag_page_query_count_does_not_grow_with_its_articles(
    client, django_assert_num_queries, tagged_count
):
    """Guards against a query per listed article (its category, its cover): the content
    version, the tag (with its count of published articles), its scheduled articles (the
    count), the page's articles (their ids a subquery), the navigation, the site settings of
    the masthead and footer."""
    for n in range(tagged_count):
        ArticleFactory(published_at=hours_ago(n + 1)).tags.add("Giao thông")

    with django_assert_num_queries(6):
        response = client.get(reverse("articles:tag", kwargs={"slug": "giao-thong"}))

    assert response.status_code == HTTPStatus.OK


def test_a_journalists_tags_on_their_published_article_wait_for_an_editor(
    client, journalist_client, editor_client, journalist
):
    from articles.models import PendingChange
    from tests.articles.newsroom import pending_url

    article = ArticleFactory(title="Chợ Tân Phong mở cửa lại", created_by=journalist)
    article.tags.add("Chợ")
    data = article_form_data(article.category, article, tags="Chợ, Cải tạo")

    journalist_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert [tag.name for tag in article.tags.all()] == ["Chợ"]
    assert PendingChange.objects.get().tags == ["Chợ", "Cải tạo"]
    editor_client.post(pending_url(article), {"decision": "publish", "note": ""})
    assert sorted(tag.name for tag in article.tags.all()) == ["Chợ", "Cải tạo"]
