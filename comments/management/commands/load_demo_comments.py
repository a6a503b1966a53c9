"""Demo reader comments for `make run`, loaded after `load_demo` has made the articles.

Safe to run repeatedly: a comment is identified by its article, name and title, so a second
run adds nothing. Development only, like load_demo.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from comments.forms import normalise_phone
from comments.models import Comment


@dataclass(frozen=True)
class DemoComment:
    name: str
    title: str
    content: str
    phone: str = ""
    status: str = Comment.Status.APPROVED
    hours_after: float = 2
    reason: str = ""


# One thread per article, newest article first. Comments that fit any city news story, as
# readers of a local portal write them.
THREADS: list[list[DemoComment]] = [
    [
        DemoComment(
            "Nguyễn Văn Hùng",
            "Mong được duy trì lâu dài",
            "Tôi đã đến tận nơi sáng nay, cán bộ hướng dẫn rất nhiệt tình.\n"
            "Mong thành phố duy trì cách làm này, đừng chỉ làm rầm rộ lúc đầu.",
            phone="0903 118 224",
            hours_after=3,
        ),
        DemoComment(
            "Trần Thị Mai",
            "Cần thêm chỗ để xe",
            "Chủ trương rất tốt nhưng khu vực xung quanh chưa có chỗ gửi xe, "
            "người dân phải dựng xe dưới lòng đường. Đề nghị phường bố trí thêm.",
            hours_after=5,
        ),
        DemoComment(
            "Lê Quốc Bảo",
            "Góp ý về giờ làm việc",
            "Nên mở cửa thêm sáng thứ Bảy để người đi làm giờ hành chính có thể đến giải quyết "
            "thủ tục.",
            phone="+84 912 345 670",
            status=Comment.Status.PENDING,
            hours_after=9,
        ),
    ],
    [
        DemoComment(
            "Phạm Minh Tuấn",
            "Thông tin hữu ích",
            "Cảm ơn phóng viên đã thông tin kịp thời và đầy đủ. Gia đình tôi sẽ theo dõi "
            "thêm các bài tiếp theo.",
            hours_after=1.5,
        ),
        DemoComment(
            "Đỗ Thu Trang",
            "Ý kiến của người dân khu phố 4",
            "Khu phố tôi đã chờ việc này từ lâu. Hy vọng tiến độ được công khai thường xuyên "
            "để bà con cùng giám sát.",
            phone="0987.654.321",
            hours_after=6,
        ),
    ],
    [
        DemoComment(
            "Hoàng Anh",
            "Rất đáng hoan nghênh",
            "Con tôi về kể lại rất hào hứng. Mong nhà trường tiếp tục tổ chức thường xuyên.",
            hours_after=4,
        ),
        DemoComment(
            "Vũ Thị Hạnh",
            "Cần chú ý an toàn",
            "Đề nghị ban tổ chức bố trí thêm người hướng dẫn ở các điểm giao cắt, "
            "buổi sáng xe cộ qua lại khá đông.",
            hours_after=7,
        ),
        DemoComment(
            "Ngô Đức Long",
            "Thêm một góp ý",
            "Nên có bản đồ và hướng dẫn trên trang web của phường để người dân tiện theo dõi.",
            hours_after=20,
        ),
    ],
    [
        DemoComment(
            "Bùi Thanh Sơn",
            "Đi lại thuận tiện hơn hẳn",
            "Trước đây mỗi sáng tôi mất gần 40 phút, nay chỉ còn khoảng 20 phút. "
            "Cảm ơn các đơn vị thi công.",
            phone="0912-000-111",
            hours_after=3,
        ),
        DemoComment(
            "Lý Ngọc Ánh",
            "Đèn đường còn thiếu",
            "Đoạn gần cầu buổi tối còn tối, đề nghị lắp bổ sung đèn chiếu sáng.",
            hours_after=12,
        ),
    ],
    [
        DemoComment(
            "Trịnh Văn Phúc",
            "Ủng hộ",
            "Ý tưởng hay, phù hợp với người dân trong khu vực. Tôi ủng hộ.",
            hours_after=2,
        ),
        DemoComment(
            "Mai Phương",
            "Câu hỏi về thủ tục",
            "Cho tôi hỏi người ở trọ có được tham gia không, cần chuẩn bị giấy tờ gì ạ?",
            status=Comment.Status.PENDING,
            hours_after=30,
        ),
    ],
    [
        DemoComment(
            "Cao Minh Khoa",
            "Bài viết rất thiết thực",
            "Thông tin rõ ràng, dễ hiểu. Mong báo có thêm bài hướng dẫn chi tiết.",
            hours_after=5,
        ),
        DemoComment(
            "Khuyến mãi hôm nay",
            "Ưu đãi lớn",
            "Xem ngay http://uu-dai.example/1 và http://uu-dai.example/2 hoặc "
            "www.uu-dai.example để nhận quà.",
            status=Comment.Status.PENDING,
            hours_after=8,
            reason=Comment.ReviewReason.TOO_MANY_LINKS,
        ),
    ],
]


class Command(BaseCommand):
    help = "Add demo reader comments (approved and pending) to the newest demo articles."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is False. Never do this on a real site.",
        )

    def handle(self, *args, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("load_demo_comments is for development sites (DEBUG=True).")
        articles = list(Article.objects.published().filter(allow_comments=True)[: len(THREADS)])
        if not articles:
            raise CommandError("No published articles: run `manage.py load_demo` first.")
        created = self._load(articles=articles, now=timezone.now())
        approved = Comment.objects.approved().count()
        pending = Comment.objects.pending().count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo comments: {created} new; {approved} approved and {pending} pending in all."
            )
        )

    @transaction.atomic
    def _load(self, *, articles: list[Article], now: dt.datetime) -> int:
        created = 0
        for number, (article, thread) in enumerate(zip(articles, THREADS, strict=False)):
            for position, demo in enumerate(thread):
                posted = max(
                    min(
                        article.published_at + dt.timedelta(hours=demo.hours_after),
                        now - dt.timedelta(minutes=10 * (len(thread) - position)),
                    ),
                    article.published_at + dt.timedelta(minutes=1 + position),
                )
                approved = demo.status == Comment.Status.APPROVED
                _comment, was_created = Comment.objects.get_or_create(
                    article=article,
                    name=demo.name,
                    title=demo.title,
                    defaults={
                        "content": demo.content,
                        "phone": normalise_phone(demo.phone) if demo.phone else "",
                        "status": demo.status,
                        "needs_review_reason": demo.reason,
                        "created_at": posted,
                        "moderated_at": (
                            min(posted + dt.timedelta(hours=1), now) if approved else None
                        ),
                        "ip_address": f"203.0.113.{10 + number * 10 + position}",
                        "user_agent": "Mozilla/5.0 (Linux; Android 14) Mobile Safari",
                    },
                )
                created += was_created
        return created
