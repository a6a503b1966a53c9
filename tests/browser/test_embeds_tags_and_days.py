"""A video from the editor's paste to the reader's click, tags with their suggestions and the
"Tin liên quan", and the day archive "Xem theo ngày", in a real browser, with axe on each
reader page."""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Tag
from tests.browser.helpers import blocking_accessibility_problems, log_in_to_admin
from tests.factories import ArticleFactory
from tests.support.accounts import newsroom_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VIDEO = "dQw4w9WgXcQ"
TITLE = "Lễ hội đèn lồng trên phố cổ"
SLUG = "le-hoi-den-long-tren-pho-co"


def test_a_pasted_video_plays_only_when_the_reader_asks(open_page, news_site, live_server):
    Tag.objects.create(name="Phố cổ")
    editor = newsroom_user("bientap", "Editor", "Trang Thu")
    desk = open_page("editor")
    log_in_to_admin(desk, editor)
    desk.goto(reverse("admin:articles_article_add"))
    desk.get_by_label("Tiêu đề").fill(TITLE)
    desk.get_by_label("Sapo").fill("Hàng nghìn chiếc đèn lồng thắp sáng phố cổ tối qua.")
    desk.locator(".field-category .select2-selection").click()
    desk.locator(".select2-results__option", has_text=news_site.city.name).click()
    desk.frame_locator("iframe.cke_wysiwyg_frame").locator("body").click()
    desk.keyboard.type("Mời bạn xem video:")
    desk.keyboard.press("Enter")
    desk.keyboard.insert_text(f"https://www.youtube.com/watch?v={VIDEO}")
    desk.keyboard.press("Enter")
    desk.keyboard.type("Lễ hội kéo dài đến hết tuần.")
    tags = desk.get_by_label("Từ khóa")
    tags.press_sequentially("Lễ hội, Phố")
    desk.wait_for_function(
        "() => document.querySelectorAll('#id_tags_suggestions option').length > 0"
    )
    assert desk.locator("#id_tags_suggestions option").first.get_attribute("value") == (
        "Lễ hội, Phố cổ"
    )
    tags.fill("Lễ hội, Phố cổ")
    desk.get_by_label("Trạng thái").select_option("published")
    desk.locator("input[name=_save]").click()
    expect(desk.locator(".messagelist .success")).to_contain_text(TITLE)

    reader = open_page("reader", phone=True)
    elsewhere: list[str] = []
    ours = urlsplit(live_server.url).netloc
    reader.on(
        "request",
        lambda request: urlsplit(request.url).netloc != ours and elsewhere.append(request.url),
    )
    reader.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(
            content_type="text/html", body="<!doctype html><title>Trình phát</title><p>Video</p>"
        ),
    )
    reader.goto(reverse("articles:detail", kwargs={"slug": SLUG}))
    play = reader.get_by_role("button", name="Phát video YouTube")
    expect(play).to_be_visible()
    expect(reader.get_by_role("link", name="Xem trên YouTube")).to_have_attribute(
        "href", f"https://www.youtube.com/watch?v={VIDEO}"
    )
    expect(reader.get_by_role("link", name="Phố cổ")).to_have_attribute("href", "/tu-khoa/pho-co/")
    reader.wait_for_load_state("networkidle")
    assert elsewhere == []
    assert blocking_accessibility_problems(reader) == []

    play.click()

    player = reader.locator(".article__body iframe.embed__player")
    expect(player).to_have_attribute(
        "src", f"https://www.youtube-nocookie.com/embed/{VIDEO}?autoplay=1"
    )
    expect(reader.frame_locator(".embed__player").locator("p")).to_have_text("Video")
    assert [urlsplit(url).netloc for url in elsewhere] == ["www.youtube-nocookie.com"]


def test_tags_lead_to_their_page_and_related_articles_to_each_other(open_page, news_site):
    now = timezone.now()
    article = ArticleFactory(
        category=news_site.city,
        title="Quy hoạch ga Hà Nội",
        published_at=now - dt.timedelta(hours=2),
    )
    article.tags.add("Đường sắt", "Quy hoạch")
    related = ArticleFactory(
        category=news_site.culture,
        title="Tuyến đường sắt trên cao vận hành thử",
        published_at=now - dt.timedelta(days=5),
    )
    related.tags.add("Đường sắt")

    reader = open_page("reader", phone=True)
    reader.goto(article.get_absolute_url())
    section = reader.get_by_role("region", name="Tin liên quan")
    expect(section.get_by_role("link").first).to_have_text(related.title)
    assert blocking_accessibility_problems(reader) == []

    reader.get_by_role("navigation", name="Từ khóa").get_by_role("link", name="Đường sắt").click()

    expect(reader).to_have_url(re.compile(r"/tu-khoa/duong-sat/$"))
    expect(reader.get_by_role("heading", level=1)).to_have_text("Đường sắt")
    expect(reader.get_by_role("link", name=related.title)).to_be_visible()
    expect(reader.get_by_role("link", name=article.title)).to_be_visible()
    assert blocking_accessibility_problems(reader) == []


def test_a_reader_browses_the_news_of_a_past_day(open_page, news_site):
    day = timezone.localdate() - dt.timedelta(days=10)
    noon = dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_default_timezone())
    ArticleFactory(category=news_site.city, title="Tin của ngày ấy", published_at=noon)

    reader = open_page("reader", phone=True)
    reader.goto("/")
    reader.get_by_role("link", name="Xem theo ngày").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(
        f"Tin ngày {timezone.localdate():%d/%m/%Y}"
    )
    reader.get_by_label("Ngày", exact=True).fill(day.isoformat())
    reader.get_by_role("button", name="Xem", exact=True).click()

    expect(reader).to_have_url(re.compile(rf"/ngay/{day.isoformat()}/$"))
    expect(reader.get_by_role("link", name="Tin của ngày ấy")).to_be_visible()
    assert blocking_accessibility_problems(reader) == []

    reader.get_by_role("link", name="Ngày trước").click()
    expect(reader.get_by_text("Không có bài viết nào được đăng trong ngày này.")).to_be_visible()

    response = reader.goto("/ngay/2026-02-30/")
    assert response.status == 404
    expect(reader.get_by_text("2026-02-30 không phải là một ngày có thật.")).to_be_visible()
    assert blocking_accessibility_problems(reader) == []
