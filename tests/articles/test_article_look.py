"""The article page looks like the portal's own: the time in parentheses after the title, the
lead opening with the site's dateline, the byline at the end in the Vietnamese order."""

import datetime as dt
from http import HTTPStatus

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import display_name
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

PUBLISHED = dt.datetime(2020, 8, 10, 0, 27, 41, 123456, tzinfo=dt.UTC)  # 07:27:41 in Hà Nội


def page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    return html[html.index('<article class="article"') :]


def test_the_time_stands_in_parentheses_after_the_title_to_the_second(client):
    article = ArticleFactory(title="Khánh thành cầu mới", published_at=PUBLISHED)

    html = page(client, article)

    assert (
        '<p class="article__time">(<time datetime="2020-08-10T07:27:41+07:00">'
        "07:27 10/08/2020</time>)</p>"
    ) in html
    assert html.index("Khánh thành cầu mới</h1>") < html.index("(<time")


def test_the_lead_opens_with_the_sites_dateline(client):
    article = ArticleFactory(lead="Từ ngày 10 - 11/8, đại hội sẽ được tổ chức.")

    response = client.get(article.get_absolute_url())

    assertContains(
        response,
        '<p class="article__lead"><span class="article__dateline">HNP - </span>'
        "Từ ngày 10 - 11/8, đại hội sẽ được tổ chức.</p>",
        html=True,
    )


def test_the_dateline_comes_from_the_setting(client, settings):
    settings.ARTICLE_DATELINE = "HNP.VN - "
    article = ArticleFactory(lead="Sáng nay mưa lớn.")

    assertContains(
        client.get(article.get_absolute_url()),
        '<span class="article__dateline">HNP.VN - </span>',
        html=True,
    )


def test_no_dateline_when_the_setting_is_empty(client, settings):
    settings.ARTICLE_DATELINE = ""
    article = ArticleFactory(lead="Sáng nay mưa lớn.")

    assertNotContains(client.get(article.get_absolute_url()), "article__dateline")


@pytest.mark.parametrize(
    "lead",
    [
        "HNP - Sáng nay, mưa lớn.",
        "HÀ NỘI - Sáng nay, mưa lớn.",
        "TP.HCM – Sáng nay, mưa lớn.",
        "HNP/TTXVN: Sáng nay, mưa lớn.",
    ],
)
def test_a_dateline_the_journalist_typed_is_not_doubled(client, lead):
    article = ArticleFactory(lead=lead)

    response = client.get(article.get_absolute_url())

    assertNotContains(response, "article__dateline")
    assertContains(response, f'<p class="article__lead">{lead}</p>', html=True)


@pytest.mark.parametrize(
    "lead", ["Sáng nay - theo tin từ sở, mưa lớn.", "UBND quận Nam Từ Liêm - đơn vị dẫn đầu."]
)
def test_a_lead_with_a_dash_later_still_gets_the_dateline(client, lead):
    article = ArticleFactory(lead=lead)

    assertContains(client.get(article.get_absolute_url()), "article__dateline")


def test_the_byline_is_printed_family_name_first_as_the_admin_proposes_it(client):
    writer = UserFactory(first_name="Minh Anh", last_name="Lê", is_staff=True, is_superuser=True)
    client.force_login(writer)

    form = client.get(reverse("admin:articles_article_add"))

    assert display_name(writer) == "Lê Minh Anh"
    assertContains(form, 'value="Lê Minh Anh"')
