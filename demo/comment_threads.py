"""Demo reader comments for `make run`: one thread per demo article, newest article first,
as readers of a local portal write them (demo/loading.py loads them)."""

from dataclasses import dataclass

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
