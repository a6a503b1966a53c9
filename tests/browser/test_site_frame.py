"""The frame around every reader page in a real browser: the section menu (a scrolling row
that shows the current section; a menu button below 480 px), and the article page's sidebar
beside the article on a wide screen and after the comments on a phone."""

import pytest
from playwright.sync_api import expect

from tests.factories import CategoryFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def many_sections(news_site):
    """Enough sections that the menu overflows a tablet's width, the last one at the end."""
    for n in range(10):
        CategoryFactory(name=f"Chuyên mục dài số {n}", slug=f"dai-{n}", position=10 + n)
    return CategoryFactory(name="Thể thao", slug="the-thao", position=99)


def test_on_a_phone_the_sections_fold_behind_a_menu_button(open_page, many_sections):
    page = open_page("reader", phone=True)
    page.goto(many_sections.get_absolute_url())
    menu = page.get_by_role("button", name="Chuyên mục: Thể thao")
    current = page.get_by_role("navigation", name="Chuyên mục").get_by_role("link", name="Thể thao")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(current).to_be_hidden()

    menu.click()

    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(current).to_be_focused()
    expect(current).to_have_attribute("aria-current", "page")

    page.keyboard.press("Escape")

    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    expect(current).to_be_hidden()


def test_without_javascript_the_phone_menu_is_the_scrolling_row(open_page, many_sections):
    page = open_page("reader", phone=True, javascript=False)
    page.goto(many_sections.get_absolute_url())

    expect(page.get_by_role("button", name="Chuyên mục")).to_be_hidden()
    nav = page.get_by_role("navigation", name="Chuyên mục")
    expect(nav.get_by_role("link", name="Thể thao")).to_be_attached()


def test_on_a_tablet_the_current_section_is_scrolled_into_view(open_page, many_sections):
    page = open_page("reader")
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(many_sections.get_absolute_url())

    current = page.locator(".site-nav__list a.is-current")
    expect(current).to_be_in_viewport(ratio=1)
    expect(page.get_by_role("button", name="Chuyên mục")).to_be_hidden()


def test_the_article_has_the_sidebar_beside_it_on_a_wide_screen(open_page, news_site):
    page = open_page("reader")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(news_site.featured.get_absolute_url())

    article = page.locator("article.article").bounding_box()
    sidebar = page.locator(".sidebar").bounding_box()
    assert sidebar["x"] >= article["x"] + article["width"]
    assert sidebar["y"] < article["y"] + 200
    expect(page.locator(".sidebar").get_by_role("heading", name="Tin mới nhất")).to_be_visible()
    breadcrumb = page.get_by_role("navigation", name="Đường dẫn")
    expect(breadcrumb.get_by_role("link")).to_have_text(["Trang chủ", "Thời sự"])
    expect(page.get_by_role("button", name="In bài")).to_be_visible()
    expect(page.locator(".share").get_by_role("link", name="RSS Thời sự")).to_be_visible()


def test_on_a_phone_the_lists_follow_the_article_and_its_comments(open_page, news_site):
    page = open_page("reader", phone=True)
    page.goto(news_site.featured.get_absolute_url())

    order = [
        page.locator(selector).bounding_box()["y"]
        for selector in ["article.article", ".share", ".related >> nth=-1", ".comments", ".sidebar"]
    ]
    assert order == sorted(order)
