"""The portal's own pages (contact, privacy, accessibility, commenting rules): edited in the
admin, sanitised on save, cached like the other reader pages."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from portal.models import Page

pytestmark = pytest.mark.django_db


def page_url(slug: str) -> str:
    return reverse("portal:page", kwargs={"slug": slug})


def test_a_page_shows_its_title_and_text_under_a_breadcrumb(client):
    Page.objects.create(slug="lien-he", title="Liên hệ", content="<p>Gọi cho tòa soạn.</p>")

    response = client.get(page_url("lien-he"))

    assert response.status_code == HTTPStatus.OK
    assertContains(response, "<title>Liên hệ · HNP</title>", html=True)
    assertContains(response, '<h1 class="portal-page__title">Liên hệ</h1>', html=True)
    assertContains(response, "<p>Gọi cho tòa soạn.</p>", html=True)
    assertContains(response, '<li><a href="/">Trang chủ</a></li>', html=True)


def test_page_text_is_sanitised_on_save(client):
    page = Page.objects.create(
        slug="x", title="X", content='<p onclick="steal()">Chữ</p><script>steal()</script>'
    )

    assert page.content == "<p>Chữ</p>"
    assertNotContains(client.get(page_url("x")), "steal()")


def test_an_unknown_page_is_a_404(client):
    assert client.get(page_url("khong-co")).status_code == HTTPStatus.NOT_FOUND


def test_an_edited_page_shows_on_the_next_request(client):
    page = Page.objects.create(slug="quy-dinh", title="Quy định", content="<p>Bản cũ.</p>")
    assertContains(client.get(page_url("quy-dinh")), "Bản cũ.")

    page.content = "<p>Bản mới.</p>"
    page.save()

    response = client.get(page_url("quy-dinh"))
    assertContains(response, "Bản mới.")
    assert response["X-Page-Cache"] == "miss"


def test_a_page_costs_a_few_queries(client, django_assert_num_queries):
    """The content version, the page, the navigation and the site settings (once)."""
    Page.objects.create(slug="lien-he", title="Liên hệ", content="<p>Chữ.</p>")

    with django_assert_num_queries(4):
        response = client.get(page_url("lien-he"))

    assert response.status_code == HTTPStatus.OK


def test_the_pages_are_in_the_sitemap(client):
    Page.objects.create(slug="lien-he", title="Liên hệ", content="<p>Chữ.</p>")

    index = client.get(reverse("sitemap-index")).content.decode()
    pages = client.get(
        reverse("django.contrib.sitemaps.views.sitemap", kwargs={"section": "pages"})
    ).content.decode()

    assert "<loc>http://testserver/sitemap-pages.xml</loc>" in index
    assert "<loc>http://testserver/trang/lien-he/</loc>" in pages
