"""Home, article, category and the comment form at 375, 768 and 1366 px, compared with the
committed baselines (tests/browser/visual.py says how, and how to update them).

The pages must look the same on every run: fixed content and publish times, a fixed "today"
(the masthead's date line, the footer's year), every picture loaded, the captcha's random
picture masked, and the text in Liberation Sans (Debian's fonts-liberation, which .ci/run
installs), whatever else the machine has.
"""

import datetime as dt

import factory
import pytest
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from portal.models import SiteSettings
from tests.browser.visual import check_against_baseline
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TODAY = dt.date(2026, 11, 30)
HANOI = dt.timezone(dt.timedelta(hours=7))
START = dt.datetime(2026, 11, 20, 7, 30, tzinfo=HANOI)
SCREENS = {375: 812, 768: 1024, 1366: 900}
FIXED_FONT = """
*, *::before, *::after {
  font-family: "Liberation Sans", sans-serif !important;
}
"""
COLOURS = ["#2d6a4f", "#3a6ea5", "#a5603a", "#6d597a", "#b56576", "#355070", "#e09f3e"]


@pytest.fixture
def fixed_today(monkeypatch):
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)


@pytest.fixture
def fixed_site(fixed_today, settings):
    settings.COMMENT_CLOSE_AFTER_DAYS = 0  # the form stays open whatever the date
    city = CategoryFactory(name="Thời sự", slug="thoi-su", position=1)
    urban = CategoryFactory(name="Đô thị", slug="do-thi", position=2)
    culture = CategoryFactory(name="Văn hóa", slug="van-hoa", position=3)
    sections = [city, urban, culture]
    articles = []
    for n in range(9):
        articles.append(
            ArticleFactory(
                category=sections[n % 3],
                title=f"Tin thứ {n + 1}: thành phố mở thêm {n + 2} điểm sinh hoạt cộng đồng",
                slug=f"tin-thu-{n + 1}",
                lead=(
                    "Các điểm sinh hoạt mới mở cửa từ sáng thứ Bảy, phục vụ người dân các phường "
                    "lân cận với thư viện, sân chơi và phòng tập miễn phí."
                ),
                body="<p>Đoạn mở đầu của bài viết.</p><p>Đoạn thứ hai, dài hơn một chút.</p>",
                byline="Minh Anh",
                cover_image=factory.django.ImageField(
                    color=COLOURS[n % len(COLOURS)], width=800, height=450
                ),
                cover_caption=f"Ảnh minh họa số {n + 1}",
                published_at=START + dt.timedelta(hours=7 * n),
                is_featured=n == 7,
            )
        )
    featured = articles[7]
    SiteSettings.objects.create(
        portal_name="Cổng tin tức thành phố HNP",
        governing_agency="Văn phòng Ủy ban nhân dân thành phố",
        licence="Giấy phép số 86/GP-TTĐT ngày 12/3/2025",
        responsible_person="Bà Đỗ Thanh Vân, Trưởng ban biên tập",
        address="Tầng 4, số 12 phố Tràng Thi, Hà Nội",
        phone="024 3936 0000",
        hotline="0912 345 000",
        email="toasoan@hnp.example",
    )
    for n, (name, title) in enumerate(
        [("Nguyễn Văn Hùng", "Rất mong chờ"), ("Trần Mai", "Ý kiến")]
    ):
        CommentFactory(
            article=featured,
            name=name,
            title=title,
            content="Tôi đồng tình với bài viết.",
            status=Comment.Status.APPROVED,
            created_at=START + dt.timedelta(days=3, minutes=n),
        )
    return {
        "home": reverse("articles:home"),
        "article": featured.get_absolute_url(),
        "category": city.get_absolute_url(),
        "comment-form": reverse("comments:write", kwargs={"slug": featured.slug}),
    }


def with_fixed_font(page) -> None:
    """The site's style sheet, with the fixed font added at its end (the CSP forbids an
    inline style)."""

    def add_font(route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text() + FIXED_FONT)

    page.route("**/static/css/site.css", add_font)


def settled_screenshot(page) -> bytes:
    """The whole page once the fonts are ready and every picture has loaded (lazy ones too)."""
    page.evaluate(
        """async () => {
            await document.fonts.ready;
            const images = [...document.images];
            images.forEach((image) => { image.loading = "eager"; });
            await Promise.all(images.map((image) => image.decode().catch(() => null)));
        }"""
    )
    return page.screenshot(
        full_page=True,
        animations="disabled",
        caret="hide",
        mask=[page.locator("[data-captcha-image], img.captcha")],
    )


@pytest.mark.parametrize("width", list(SCREENS))
@pytest.mark.parametrize("name", ["home", "article", "category", "comment-form"])
def test_the_page_looks_as_its_baseline(open_page, fixed_site, name, width):
    page = open_page("reader", phone=width < 480)
    page.set_viewport_size({"width": width, "height": SCREENS[width]})
    with_fixed_font(page)
    page.goto(fixed_site[name], wait_until="networkidle")

    problem = check_against_baseline(settled_screenshot(page), f"{name}-{width}")

    assert problem is None, problem
