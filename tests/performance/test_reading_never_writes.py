"""Reading never writes: no GET of a public page runs an INSERT, UPDATE or DELETE.

A breaking story sends a city's readers to the site at once; a write per page view (a
session, a captcha, a view counter in the database) would serialise them on locks and fill
tables. The only GETs that write are the two that hand out a captcha (the comment form's
fetch and the plain comment page), which a reader reaches only by starting to write a
comment, and which are limited per client (CAPTCHA_RATE_LIMIT).
"""

from http import HTTPStatus

import pytest
from captcha.models import CaptchaStore
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import Comment
from portal.models import Page
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE", "CREATE", "DROP", "ALTER")


def writes_in(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


def public_urls() -> list[str]:
    article = ArticleFactory(title="Hà Nội mở thêm tuyến buýt điện")
    CommentFactory.create_batch(3, article=article)
    pending = CommentFactory(article=article, status=Comment.Status.PENDING)
    captcha_key = CaptchaStore.generate_key()
    Page.objects.create(slug="lien-he", title="Liên hệ", content="<p>Tòa soạn.</p>")
    urls = [
        reverse("portal:page", kwargs={"slug": "lien-he"}),
        reverse("articles:home"),
        article.category.get_absolute_url(),
        f"{article.category.get_absolute_url()}?page=1",
        article.get_absolute_url(),
        f"{article.get_absolute_url()}?binh-luan=1",
        pending.get_absolute_url(),
        reverse("captcha-image", args=[captcha_key]),
        reverse("feed"),
        reverse("category-feed", kwargs={"slug": article.category.slug}),
        reverse("sitemap-index"),
        reverse("sitemap-news"),
        reverse("django.contrib.sitemaps.views.sitemap", kwargs={"section": "articles"}),
        reverse("django.contrib.sitemaps.views.sitemap", kwargs={"section": "categories"}),
        reverse("robots"),
        reverse("healthz"),
        f"{reverse('articles:search')}?q=xe+buýt",
    ]
    return urls


@pytest.mark.parametrize("page_cache", [True, False], ids=["cache-on", "cache-off"])
def test_no_public_page_writes_to_the_database(client, settings, page_cache):
    settings.PAGE_CACHE = page_cache
    for url in public_urls():
        for _reader in range(2):  # with the cache on: the miss, then the hit
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)

            assert response.status_code == HTTPStatus.OK, url
            assert writes_in(queries) == [], url
            assert not response.cookies, url


def test_the_only_gets_that_write_hand_out_a_captcha_to_a_reader_who_writes(client):
    article = ArticleFactory()
    fetch = client.get(reverse("captcha-refresh"), headers={"X-Requested-With": "XMLHttpRequest"})
    plain_page = client.get(reverse("comments:write", kwargs={"slug": article.slug}))

    assert fetch.status_code == plain_page.status_code == HTTPStatus.OK
    assert CaptchaStore.objects.count() == 2
