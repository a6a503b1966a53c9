"""The moderators' comment list reads well on the newsroom's screens, 1366 and 1024 px wide,
with a full page of real-looking comments: every column heading on one line, no column cut
off or pushed out of sight, the action bar in view."""

import datetime as dt
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from comments.models import Comment
from tests.browser.helpers import log_in_to_admin
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory
from tests.support.accounts import newsroom_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NAMES = [
    "Nguyễn Hoàng Phương Thảo Nguyên",
    "Tôn Nữ Thị Ngọc Diễm Hương",
    "Trần",
    "Lê Văn Hùng (tổ trưởng tổ dân phố số 12)",
]
TITLES = [
    "Đề nghị thành phố xem xét lắp thêm đèn chiếu sáng và camera an ninh trên toàn bộ đoạn "
    "đường ven hồ từ cầu Giấy đến ngã tư Xuân Thủy vì buổi tối rất tối",
    "Hỏi",
    "Vì sao tuyến buýt điện số 09 không dừng ở điểm trước cổng bệnh viện nữa?",
    "Cảm ơn tòa soạn",
]
CONTENT = (
    "Tôi sống ở khu vực này đã hơn hai mươi năm và thấy rằng từ khi có phố đi bộ, cuộc sống của "
    "người dân quanh hồ thay đổi nhiều, nhưng bãi gửi xe vẫn còn thiếu, xem thêm "
    "https://hanoi.example.vn/thong-bao/bai-gui-xe-quanh-ho-dong-da-nam-2026"
)
SCREENS = {"1366": {"width": 1366, "height": 768}, "1024": {"width": 1024, "height": 768}}

# For each column heading: the number of lines its words are set on (1 when not wrapped).
HEADING_LINES = """
    Array.from(document.querySelectorAll('#result_list thead th')).map((th) => {
        const words = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
        const tops = new Set();
        while (words.nextNode()) {
            if (!words.currentNode.textContent.trim()) continue;
            const range = document.createRange();
            range.selectNodeContents(words.currentNode);
            for (const rect of range.getClientRects()) {
                if (rect.width > 0) tops.add(Math.round(rect.top));
            }
        }
        return [th.innerText.trim(), tops.size];
    })
"""
# The columns of text: room for a few words a line, never a word a line (names are short).
MIN_TEXT_COLUMN_PX = {"title": 120, "name": 96, "excerpt": 120, "article_link": 120}
TEXT_COLUMN_WIDTHS = """
    (names) => Object.fromEntries(names.map((name) => [
        name,
        document.querySelector(`#result_list tbody .field-${name}`).getBoundingClientRect().width,
    ]))
"""
# Each column heading's right edge, and the width of the screen and of the list's box.
EDGES = """
    (() => {
        const box = document.querySelector('#changelist .results');
        return {
            screen: document.documentElement.clientWidth,
            page: document.documentElement.scrollWidth,
            boxShown: box.clientWidth,
            boxWhole: box.scrollWidth,
            boxRight: box.getBoundingClientRect().right,
            columns: Array.from(document.querySelectorAll('#result_list thead th')).map(
                (th) => [th.innerText.trim(), th.getBoundingClientRect().right]
            ),
        };
    })()
"""


@pytest.fixture
def full_page_of_comments(db):
    """Fifty comments (a page of the list) on articles with long titles: long and short
    names and titles, every status, some answered, some held for their links."""
    now = timezone.now()
    articles = [
        ArticleFactory(
            title="Hà Nội công bố kế hoạch cải tạo toàn bộ hệ thống chiếu sáng công cộng "
            f"ven hồ và các tuyến phố đi bộ trong giai đoạn 2026–2030, phần {n}"
        )
        for n in range(3)
    ]
    statuses = itertools.cycle(Comment.Status.values)
    for n in range(55):
        CommentFactory(
            article=articles[n % 3],
            name=NAMES[n % len(NAMES)],
            title=TITLES[n % len(TITLES)],
            content=CONTENT,
            status=next(statuses),
            created_at=now - dt.timedelta(minutes=7 * n),
            needs_review_reason=Comment.ReviewReason.TOO_MANY_LINKS if n % 3 == 0 else "",
            reply="Cảm ơn bạn, tòa soạn đã chuyển ý kiến." if n % 4 == 1 else "",
        )


@pytest.mark.parametrize("screen", SCREENS.values(), ids=SCREENS.keys())
def test_the_comment_list_reads_well_on_newsroom_screens(open_page, full_page_of_comments, screen):
    moderator = newsroom_user("kiemduyet", "Moderator", "Phạm Thị Lan")
    page = open_page("moderator")
    page.set_viewport_size(screen)
    log_in_to_admin(page, moderator)
    page.goto(reverse("admin:comments_comment_changelist"))
    expect(page.locator("#result_list tbody tr")).to_have_count(50)
    expect(page.locator("#result_list td.field-link_flag").first).to_have_text("Quá nhiều liên kết")

    wrapped = [name for name, lines in page.evaluate(HEADING_LINES) if lines > 1]
    assert wrapped == [], f"column headings set on more than one line: {wrapped}"

    narrow = {
        name: width
        for name, width in page.evaluate(TEXT_COLUMN_WIDTHS, list(MIN_TEXT_COLUMN_PX)).items()
        if width < MIN_TEXT_COLUMN_PX[name]
    }
    assert narrow == {}, f"text columns too narrow for more than a word a line: {narrow}"

    edges = page.evaluate(EDGES)
    assert edges["page"] <= edges["screen"], "the page scrolls sideways"
    assert edges["boxWhole"] <= edges["boxShown"], "the list scrolls sideways: columns cut off"
    cut_off = [name for name, right in edges["columns"] if right > edges["boxRight"] + 0.5]
    assert cut_off == [], f"columns out of sight: {cut_off}"

    for control in (
        page.locator("select[name=action]"),
        page.locator("select[name=reason]"),
        page.locator("#changelist-form button[name=index]"),
        page.get_by_role("link", name="Xóa dữ liệu người bình luận"),
    ):
        expect(control).to_be_visible()
        expect(control).to_be_in_viewport()
        box = control.bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= edges["screen"]
