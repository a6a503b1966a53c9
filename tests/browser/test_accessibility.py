"""axe-core on the reader's pages, on a phone and on a desktop screen: no violation of impact
serious or critical."""

import datetime as dt
from http import HTTPStatus

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from portal.models import Page
from tests.browser.helpers import (
    blocking_accessibility_problems,
    captcha_answer,
    fill_comment,
    send_comment,
    wait_for_loaded_image,
)
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def home(page, site):
    page.goto("/")


def category_with_pages(page, site):
    now = timezone.now()
    for n in range(20):
        ArticleFactory(category=site.city, published_at=now - dt.timedelta(days=4, hours=n))
    page.goto(site.city.get_absolute_url())
    expect(page.locator(".pagination")).to_be_visible()


def article_with_its_captcha(page, site):
    page.goto(site.featured.get_absolute_url())
    page.get_by_label("Họ tên").focus()  # the form fetches its captcha
    wait_for_loaded_image(page, "[data-captcha-image]")


def comment_page_with_errors(page, site):
    page.goto(site.featured.get_absolute_url())
    # Required fields are checked by the browser first; these errors only the server finds.
    fill_comment(page, name="Hà", phone="12345", title="Góp ý", content="Nội dung góp ý.")
    wrong = "00000" if captcha_answer(page) != "00000" else "11111"
    assert send_comment(page, answer=wrong).status == HTTPStatus.BAD_REQUEST
    expect(page.locator(".form-summary li")).to_have_count(2)


def search_results(page, site):
    page.goto("/")
    page.get_by_role("searchbox").fill("phố đi bộ")
    page.get_by_role("searchbox").press("Enter")
    expect(page.get_by_role("link", name=site.featured.title)).to_be_visible()


def portal_page(page, site):
    Page.objects.create(
        slug="lien-he", title="Liên hệ", content="<h2>Tòa soạn</h2><ul><li>Hà Nội</li></ul>"
    )
    page.goto("/trang/lien-he/")


def section_menu_opened(page, site):
    page.goto(site.city.get_absolute_url())
    menu = page.get_by_role("button", name="Chuyên mục")
    if menu.is_visible():  # a phone: the sections are behind the menu button
        menu.click()
        expect(menu).to_have_attribute("aria-expanded", "true")


@pytest.mark.parametrize("phone", [True, False], ids=["phone", "desktop"])
@pytest.mark.parametrize(
    "visit",
    [
        home,
        category_with_pages,
        article_with_its_captcha,
        comment_page_with_errors,
        search_results,
        portal_page,
        section_menu_opened,
    ],
)
def test_reader_pages_have_no_serious_accessibility_problems(open_page, news_site, visit, phone):
    page = open_page("reader", phone=phone)
    visit(page, news_site)
    assert blocking_accessibility_problems(page) == []
