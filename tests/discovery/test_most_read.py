"""View counting (a beacon, counted in the cache, flushed to the database by a command) and
the "Đọc nhiều" (most read) list."""

import datetime as dt
import io
import re
import time
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, ArticleDailyViews
from articles.most_read import flush_view_counts, rank_most_read, record_view
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36"
)
ORIGIN = "http://testserver"


def beacon(client, article, *, user_agent=BROWSER, origin=ORIGIN, ip="203.0.113.7", method="post"):
    headers = {"User-Agent": user_agent}
    if origin:
        headers["Origin"] = origin
    url = reverse("articles:count_view", kwargs={"pk": article.pk})
    return getattr(client, method)(url, headers=headers, REMOTE_ADDR=ip)


def flush() -> int:
    """Flush as the minute cron job would, once the current buckets have closed."""
    return flush_view_counts(now=time.time() + 180)


def views_of(article) -> int:
    return sum(ArticleDailyViews.objects.filter(article=article).values_list("views", flat=True))


def most_read_titles(response) -> list[str]:
    match = re.search(r'<ol class="most-read__list">(.*?)</ol>', response.content.decode(), re.S)
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a></li>', match[1]) if match else []


def most_read_on_the_home_page(client) -> list[str]:
    return most_read_titles(client.get(reverse("articles:home")))


# --- Counting --------------------------------------------------------------------------------


def test_the_article_page_sends_the_beacon_from_a_static_script(client):
    article = ArticleFactory()

    response = client.get(article.get_absolute_url())

    assertContains(response, f'data-view-beacon="/luot-xem/{article.pk}/"')
    assertContains(response, '<script src="/static/js/views.js" defer></script>', html=True)


def test_a_reader_counts_once_however_often_they_reload(client):
    article = ArticleFactory()

    responses = [beacon(client, article) for _ in range(5)]
    flush()

    assert {response.status_code for response in responses} == {HTTPStatus.NO_CONTENT}
    assert views_of(article) == 1


def test_different_readers_count_separately(client):
    article = ArticleFactory()

    beacon(client, article, ip="203.0.113.7")
    beacon(client, article, ip="203.0.113.8")
    beacon(client, article, ip="2001:db8:1:2::1")
    beacon(client, article, ip="2001:db8:1:3::1")
    flush()

    assert views_of(article) == 4


def test_one_address_counts_once_whatever_user_agent_it_sends(client):
    """Issue 18: 50 beacons from one address with 50 user agents counted 50 views."""
    article = ArticleFactory()

    for number in range(50):
        beacon(client, article, user_agent=BROWSER.replace("Android 14", f"Android {number}"))
    for host in range(1, 5):  # one IPv6 /64 is one reader
        beacon(client, article, ip=f"2001:db8:1:2::{host}")
    flush()

    assert views_of(article) == 2


def test_the_same_reader_counts_again_after_half_an_hour(monkeypatch, settings):
    # The local-memory cache expires keys by this process's clock, which the test moves.
    settings.CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
        for alias in ("default", "limits")
    }
    article = ArticleFactory()
    start = time.time()
    clock = [start]
    monkeypatch.setattr(time, "time", lambda: clock[0])

    for minutes in (0, 10, 29, 31, 45, 62):
        clock[0] = start + minutes * 60
        record_view(article_id=article.pk, client_ip="203.0.113.7", user_agent=BROWSER)
    clock[0] = start + 70 * 60
    flush_view_counts()

    assert views_of(article) == 3  # at 0, 31 and 62 minutes


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0 Safari/537.36",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "python-requests/2.32",
        "curl/8.5.0",
        "",
    ],
    ids=["googlebot", "facebook-preview", "headless", "bingbot", "script", "curl", "none"],
)
def test_bots_are_not_counted(client, user_agent):
    article = ArticleFactory()

    response = beacon(client, article, user_agent=user_agent)
    flush()

    assert response.status_code == HTTPStatus.NO_CONTENT
    assert views_of(article) == 0


@pytest.mark.parametrize("origin", [None, "https://tin-gia.example"], ids=["none", "other-site"])
def test_a_beacon_not_sent_by_our_pages_is_not_counted(client, origin):
    article = ArticleFactory()

    response = beacon(client, article, origin=origin)
    flush()

    assert response.status_code == HTTPStatus.NO_CONTENT
    assert views_of(article) == 0


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_the_beacon_takes_only_post(client, method):
    article = ArticleFactory()

    response = beacon(client, article, method=method)
    flush()

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert views_of(article) == 0


def test_the_beacon_needs_no_csrf_token_and_sets_no_cookie(settings):
    from django.test import Client

    article = ArticleFactory()
    strict = Client(enforce_csrf_checks=True)

    response = beacon(strict, article)
    flush()

    assert response.status_code == HTTPStatus.NO_CONTENT
    assert not response.cookies
    assert views_of(article) == 1


def test_counting_writes_nothing_to_the_database_until_the_flush(client):
    article = ArticleFactory()

    with CaptureQueriesContext(connection) as queries:
        beacon(client, article)

    assert queries.captured_queries == []
    assert not ArticleDailyViews.objects.exists()


def test_reading_an_article_writes_nothing_to_the_database(client):
    """The page itself counts nothing: no INSERT, UPDATE or DELETE in the reader's GET."""
    article = ArticleFactory()
    ArticleDailyViews.objects.create(article=article, day=timezone.localdate(), views=3)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def test_a_failing_cache_skips_the_count_quietly(client, monkeypatch, caplog):
    article = ArticleFactory()

    def broken(*args, **kwargs):
        raise ConnectionError("Redis went away")

    monkeypatch.setattr(cache, "add", broken)
    response = beacon(client, article)

    assert response.status_code == HTTPStatus.NO_CONTENT
    assert "View not counted" in caplog.text


def test_unknown_articles_are_dropped_by_the_flush(client):
    article = ArticleFactory()
    missing = Article(pk=article.pk + 1000)

    beacon(client, missing)
    beacon(client, article)
    flush()

    assert list(ArticleDailyViews.objects.values_list("article_id", "views")) == [(article.pk, 1)]


# --- Flushing --------------------------------------------------------------------------------


def test_flush_moves_the_counts_once_and_adds_to_the_day(client):
    article = ArticleFactory()
    today = timezone.localdate()
    ArticleDailyViews.objects.create(article=article, day=today, views=10)

    for n in range(3):
        beacon(client, article, ip=f"203.0.113.{n + 1}")
    moved = flush()
    again = flush()

    assert (moved, again) == (3, 0)
    assert list(ArticleDailyViews.objects.values_list("day", "views")) == [(today, 13)]


def test_flush_leaves_the_current_minute_for_the_next_run():
    article = ArticleFactory()
    now = time.time()
    record_view(article_id=article.pk, client_ip="203.0.113.7", user_agent=BROWSER, now=now)

    assert flush_view_counts(now=now) == 0
    assert flush_view_counts(now=now + 180) == 1
    assert views_of(article) == 1


def test_views_count_for_the_day_in_ha_noi():
    article = ArticleFactory()
    late_evening = dt.datetime(2026, 3, 1, 23, 59, 30, tzinfo=timezone.get_current_timezone())
    next_morning = late_evening + dt.timedelta(minutes=1)  # 17:00:30 UTC, a new day in Hà Nội

    for ip, moment in (("203.0.113.7", late_evening), ("203.0.113.8", next_morning)):
        record_view(article_id=article.pk, client_ip=ip, user_agent=BROWSER, now=moment.timestamp())
    flush_view_counts(now=next_morning.timestamp() + 180)

    assert sorted(ArticleDailyViews.objects.values_list("day", "views")) == [
        (dt.date(2026, 3, 1), 1),
        (dt.date(2026, 3, 2), 1),
    ]


def test_the_flush_command_moves_the_counts(client):
    article = ArticleFactory()
    record_view(
        article_id=article.pk,
        client_ip="203.0.113.7",
        user_agent=BROWSER,
        now=time.time() - 300,  # a bucket the command will find closed
    )

    call_command("flush_view_counts")

    assert views_of(article) == 1
    assert most_read_on_the_home_page(client) == [article.title]  # and ranked for the list


# --- The most-read list ----------------------------------------------------------------------


def read(article, views: int, *, days_ago: int = 0) -> None:
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    ArticleDailyViews.objects.create(article=article, day=day, views=views)


def test_most_read_orders_by_views_over_the_last_seven_days(client):
    steady = ArticleFactory(title="Đọc đều cả tuần")
    today_hit = ArticleFactory(title="Tin nóng hôm nay")
    old_hit = ArticleFactory(title="Tin cũ từng nổi")
    for days_ago in range(7):  # today and the six days before: 7 × 20
        read(steady, 20, days_ago=days_ago)
    read(today_hit, 100)
    read(old_hit, 1000, days_ago=7)  # eight days ago: outside the window
    read(old_hit, 5, days_ago=6)
    rank_most_read()

    assert most_read_on_the_home_page(client) == [
        "Đọc đều cả tuần",
        "Tin nóng hôm nay",
        "Tin cũ từng nổi",
    ]


def test_most_read_lists_only_published_articles_and_at_most_five(client):
    articles = [ArticleFactory(title=f"Tin {n}") for n in range(7)]
    for n, article in enumerate(articles):
        read(article, 10 + n)
    hidden = ArticleFactory(title="Bài đã gỡ")
    read(hidden, 999)
    hidden.status = Article.Status.DRAFT
    hidden.save()
    rank_most_read()

    assert most_read_on_the_home_page(client) == [
        "Tin 6",
        "Tin 5",
        "Tin 4",
        "Tin 3",
        "Tin 2",
    ]


def test_an_article_taken_down_leaves_the_ranked_list_at_once(client):
    first, second = ArticleFactory(title="Tin một"), ArticleFactory(title="Tin hai")
    read(first, 50)
    read(second, 40)
    rank_most_read()
    assert most_read_on_the_home_page(client) == ["Tin một", "Tin hai"]

    first.status = Article.Status.DRAFT  # as an editor unpublishing it in the admin
    first.save()

    assert most_read_on_the_home_page(client) == ["Tin hai"]


def test_home_and_article_pages_show_the_most_read_list(client):
    popular = ArticleFactory(title="Tin được đọc nhiều nhất")
    other = ArticleFactory(title="Tin thứ hai")
    read(popular, 500)
    read(other, 20)
    rank_most_read()

    for url in (reverse("articles:home"), other.get_absolute_url()):
        response = client.get(url)
        assertContains(response, '<h2 class="section__title" id="most-read-title">Đọc nhiều</h2>')
        assert most_read_titles(response) == ["Tin được đọc nhiều nhất", "Tin thứ hai"]


def test_without_views_there_is_no_most_read_list(client):
    ArticleFactory()

    assertNotContains(client.get(reverse("articles:home")), "most-read")


def test_the_demo_site_shows_a_most_read_list(client, settings):
    settings.DEBUG = True  # load_demo is a development tool
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # a second run adds no counts

    titles = most_read_titles(client.get(reverse("articles:home")))

    assert len(titles) == 5
    published = set(Article.objects.published().values_list("title", flat=True))
    assert set(titles) <= published
    assert ArticleDailyViews.objects.count() == 7 * min(12, len(published))
