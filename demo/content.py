"""The demo newsroom's sample content: original texts about a fictional city and its wards.

Places and people are invented (the wards Hòa An, Tân Phong, Phú Lợi, the lake Bình Minh).
Bodies are written as the HTML CKEditor produces; a ``Figure`` between HTML blocks becomes a
captioned image2 figure whose picture is drawn at load time.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from articles.models import Article
from articles.text import vietnamese_slugify


@dataclass(frozen=True)
class DemoCategory:
    slug: str
    name: str
    position: int
    colors: tuple[str, str]
    motif: str


@dataclass(frozen=True)
class Figure:
    image: str
    label: str
    alt: str
    caption: str


@dataclass(frozen=True)
class DaysAgo:
    """A publish time ``days`` before the load, at ``time`` (HH:MM) on the site's clock."""

    days: int
    time: str

    def resolve(self, now: dt.datetime) -> dt.datetime:
        hour, minute = (int(part) for part in self.time.split(":"))
        when = timezone.localtime(now).replace(hour=hour, minute=minute, second=0, microsecond=0)
        when -= dt.timedelta(days=self.days)
        return when if when <= now else when - dt.timedelta(days=1)


@dataclass(frozen=True)
class FromNow:
    """A scheduled publish time, ``delta`` after the load."""

    delta: dt.timedelta

    def resolve(self, now: dt.datetime) -> dt.datetime:
        return now + self.delta


@dataclass(frozen=True)
class DemoArticle:
    title: str
    category: str
    lead: str
    body: tuple[str | Figure, ...]
    byline: str
    image: str
    cover_label: str
    cover_caption: str
    status: str = Article.Status.PUBLISHED
    published: DaysAgo | FromNow | None = None
    is_featured: bool = False
    tags: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return vietnamese_slugify(self.title)


def ago(days: int, at: str) -> DaysAgo:
    return DaysAgo(days, at)


def from_now(**kwargs: int) -> FromNow:
    return FromNow(dt.timedelta(**kwargs))


CATEGORIES = (
    DemoCategory("thoi-su", "Thời sự", 1, ("#8f1d2c", "#f08a3c"), "skyline"),
    DemoCategory("do-thi", "Đô thị", 2, ("#0f5f68", "#3fb6d8"), "skyline"),
    DemoCategory("giao-duc", "Giáo dục", 3, ("#33308f", "#9f8cf0"), "grid"),
    DemoCategory("y-te", "Y tế", 4, ("#05664d", "#8fd45a"), "grid"),
    DemoCategory("van-hoa", "Văn hóa", 5, ("#6d1f8c", "#f07aa8"), "waves"),
    DemoCategory("the-thao", "Thể thao", 6, ("#1d3479", "#2cc4dc"), "rings"),
)

ARTICLES = (
    DemoArticle(
        title="Trung tâm phục vụ hành chính công phường Hòa An đi vào hoạt động",
        category="thoi-su",
        tags=("Hòa An", "Cải cách hành chính"),
        lead=(
            "Từ tuần này, người dân phường Hòa An có thể nộp hồ sơ, tra cứu tiến độ và nhận kết "
            "quả thủ tục hành chính tại một đầu mối duy nhất, với thời gian chờ trung bình dưới "
            "15 phút."
        ),
        body=(
            """
            <p>Trụ sở mới của Trung tâm phục vụ hành chính công phường Hòa An nằm trên đường Lê
            Lợi, được cải tạo từ dãy nhà làm việc cũ của phường. Tầng trệt bố trí 12 quầy tiếp
            nhận cho các lĩnh vực hộ tịch, đất đai, xây dựng, kinh doanh và chính sách xã hội;
            khu chờ có ghế ngồi, nước uống, góc đọc sách cho trẻ em và lối đi riêng cho người
            khuyết tật.</p>
            <p>Theo ông Trần Văn Minh, Chủ tịch UBND phường Hòa An, trung tâm được thiết kế để
            người dân “đến một nơi, hỏi một người”. Mỗi hồ sơ khi tiếp nhận đều được gắn mã số;
            người dân nhận tin nhắn khi hồ sơ chuyển bước, khi cần bổ sung giấy tờ và khi có kết
            quả.</p>
            <h2>Đặt lịch, lấy số thứ tự qua điện thoại</h2>
            <p>Điểm mới được nhiều người quan tâm là việc đặt lịch và lấy số thứ tự trước qua ứng
            dụng của thành phố. Người dân chọn thủ tục, chọn khung giờ phù hợp rồi đến đúng giờ
            hẹn, không phải xếp hàng từ sáng sớm như trước.</p>
            <p>Trong ngày đầu hoạt động, trung tâm tiếp nhận 186 hồ sơ, nhiều nhất là chứng thực
            bản sao, đăng ký khai sinh và xác nhận thông tin cư trú. Bà Nguyễn Thị Hạnh (62 tuổi,
            khu phố 3) cho biết bà chỉ mất chưa đầy 10 phút để chứng thực giấy tờ cho con: “Cán
            bộ hướng dẫn tận tình, chỗ ngồi mát mẻ, người lớn tuổi như tôi cũng tự làm được”.</p>
            """,
            Figure(
                image="hanh-chinh-cong-quay",
                label="Quầy tiếp nhận hồ sơ",
                alt="Người dân nộp hồ sơ tại quầy tiếp nhận của trung tâm hành chính công",
                caption=(
                    "Người dân nộp hồ sơ tại quầy tiếp nhận của Trung tâm phục vụ hành chính "
                    "công phường Hòa An. Ảnh minh họa"
                ),
            ),
            """
            <h2>Tiếp tục rút ngắn thời gian giải quyết</h2>
            <p>Phường đặt mục tiêu đến cuối năm có ít nhất 80% hồ sơ được nộp trực tuyến toàn
            trình và 95% hồ sơ được trả đúng hoặc trước hạn. Các thủ tục liên quan đến đất đai,
            vốn thường kéo dài, sẽ được rà soát lại quy trình để cắt bớt khâu trung gian.</p>
            <p>Trung tâm làm việc từ thứ Hai đến sáng thứ Bảy. Người dân có thể góp ý qua hòm thư
            đặt tại sảnh hoặc qua đường dây nóng của phường.</p>
            """,
        ),
        byline="Trần Thu Hà",
        image="hanh-chinh-cong",
        cover_label="Hành chính công Hòa An",
        cover_caption="Khu vực chờ của Trung tâm phục vụ hành chính công phường Hòa An.",
        published=ago(0, at="07:27"),
    ),
    DemoArticle(
        title="HĐND thành phố thông qua 14 nghị quyết về đầu tư công và an sinh xã hội",
        category="thoi-su",
        tags=("HĐND thành phố", "An sinh xã hội"),
        lead=(
            "Kỳ họp chuyên đề của HĐND thành phố bế mạc sau hai ngày làm việc, thông qua 14 nghị "
            "quyết, trong đó có danh mục công trình trọng điểm và chính sách hỗ trợ người thu "
            "nhập thấp."
        ),
        body=(
            """
            <p>Phát biểu bế mạc kỳ họp, Chủ tịch HĐND thành phố đề nghị các sở, ngành và UBND các
            phường khẩn trương triển khai ngay sau kỳ họp, tránh tình trạng “nghị quyết nằm trên
            giấy”.</p>
            <p>Trong số các nghị quyết được thông qua, đáng chú ý nhất là điều chỉnh kế hoạch đầu
            tư công trung hạn, bổ sung vốn cho các dự án chống ngập, cải tạo kênh rạch và xây mới
            trường học ở những khu vực dân số tăng nhanh.</p>
            <h2>Những nội dung chính</h2>
            <ul>
            <li>Bổ sung vốn cho 9 dự án chống ngập và cải tạo kênh rạch nội thành.</li>
            <li>Xây mới 6 trường mầm non và tiểu học tại các phường phía tây.</li>
            <li>Hỗ trợ tiền thuê nhà cho công nhân, người lao động có thu nhập thấp.</li>
            <li>Miễn vé xe buýt cho người từ 70 tuổi trở lên và học sinh tiểu học.</li>
            </ul>
            <p>Thảo luận tại hội trường, nhiều đại biểu đề nghị thành phố công khai tiến độ từng
            dự án để cử tri cùng giám sát. Một số ý kiến lưu ý việc giải phóng mặt bằng phải bảo
            đảm quyền lợi chính đáng của người dân, bố trí tái định cư trước khi thu hồi đất.</p>
            <p>Kết luận phiên chất vấn, Chủ tịch HĐND thành phố nhấn mạnh:</p>
            <blockquote><p>Mỗi đồng vốn đầu tư công phải đến đúng công trình, đúng tiến độ, và
            người dân phải thấy được hiệu quả trong đời sống hằng ngày.</p></blockquote>
            <p>Lãnh đạo UBND thành phố cho biết sẽ báo cáo kết quả thực hiện các nghị quyết tại
            kỳ họp thường lệ cuối năm, đồng thời cập nhật thông tin trên cổng thông tin điện tử
            của thành phố.</p>
            """,
        ),
        byline="Lê Huy Kiên",
        image="hdnd-ky-hop",
        cover_label="Kỳ họp HĐND thành phố",
        cover_caption="Các đại biểu biểu quyết thông qua nghị quyết tại kỳ họp.",
        published=ago(3, at="16:45"),
    ),
    DemoArticle(
        title="Lãnh đạo thành phố đối thoại với thanh niên về chuyển đổi số",
        category="thoi-su",
        tags=("Chuyển đổi số", "Cải cách hành chính"),
        lead=(
            "Hơn 500 đoàn viên, sinh viên và doanh nhân trẻ đặt câu hỏi trực tiếp cho lãnh đạo "
            "thành phố về việc làm, khởi nghiệp và dịch vụ công trực tuyến."
        ),
        body=(
            """
            <p>Buổi đối thoại do Thành đoàn phối hợp với UBND thành phố tổ chức tại Nhà văn hóa
            Thanh niên, đồng thời được truyền hình trực tiếp trên trang thông tin của thành phố
            để các bạn trẻ ở xa có thể theo dõi và gửi câu hỏi.</p>
            <p>Theo ban tổ chức, trong hai tuần trước buổi đối thoại đã có hơn 1.200 câu hỏi gửi
            về qua biểu mẫu trực tuyến. Nhiều câu hỏi xoay quanh cơ hội việc làm trong lĩnh vực
            công nghệ, chính sách hỗ trợ nhóm khởi nghiệp thuê văn phòng và việc đơn giản hóa thủ
            tục cho hộ kinh doanh của người trẻ.</p>
            <h2>Lắng nghe để hoàn thiện chính sách</h2>
            <p>Bí thư Thành đoàn cho biết các ý kiến tại buổi đối thoại sẽ được tổng hợp, chuyển
            đến từng sở, ngành phụ trách và được phản hồi công khai trong vòng 30 ngày.</p>
            <p>Đây là năm thứ ba liên tiếp thành phố tổ chức đối thoại với thanh niên. Năm ngoái,
            nhiều kiến nghị đã được tiếp thu, như mở thêm điểm truy cập Internet miễn phí ở công
            viên và kéo dài giờ mở cửa của thư viện thành phố.</p>
            """,
        ),
        byline="Nguyễn Minh Anh",
        image="doi-thoai-thanh-nien",
        cover_label="Đối thoại với thanh niên",
        cover_caption="Đoàn viên, sinh viên đặt câu hỏi tại buổi đối thoại.",
        published=from_now(days=2),
    ),
    DemoArticle(
        title="Đường ven kênh Hòa An thông xe sau 18 tháng thi công",
        category="do-thi",
        tags=("Hòa An", "Giao thông"),
        lead=(
            "Tuyến đường dài 2,4 km dọc kênh Hòa An chính thức thông xe, giúp giảm ùn tắc cho "
            "cửa ngõ phía tây và mở thêm một không gian xanh cho người dân."
        ),
        body=(
            """
            <p>Sáng qua, tuyến đường ven kênh Hòa An đã chính thức thông xe sau 18 tháng thi
            công. Đường rộng 16 m với bốn làn xe, vỉa hè lát đá, hệ thống chiếu sáng tiết kiệm
            năng lượng và hơn 600 cây xanh được trồng mới dọc hai bên bờ kênh.</p>
            """,
            Figure(
                image="duong-ven-kenh",
                label="Ngày đầu thông xe",
                alt="Tuyến đường ven kênh Hòa An với hàng cây xanh mới trồng",
                caption="Tuyến đường ven kênh Hòa An trong ngày đầu thông xe. Ảnh minh họa",
            ),
            """
            <p>Trước đây, đoạn bờ kênh này là lối đi nhỏ, nhiều nơi bị lấn chiếm, rác thải tồn
            đọng và thường ngập sâu mỗi khi triều cường. Dự án đã nạo vét lòng kênh, xây kè bê
            tông và lắp đặt cống ngăn triều, cải thiện rõ rệt việc thoát nước cho khoảng 30.000
            hộ dân trong lưu vực.</p>
            <h2>Giảm tải cho cửa ngõ phía tây</h2>
            <p>Theo Sở Xây dựng, tuyến đường mới nối thẳng khu dân cư phía tây với đại lộ trung
            tâm, giúp các phương tiện không phải đi qua nút giao Phú Lợi vốn thường xuyên kẹt xe
            vào giờ cao điểm. Lưu lượng xe qua nút giao này dự kiến giảm khoảng 20%.</p>
            <p>Ông Lê Hoàng Nam, sống ven kênh hơn 30 năm, không giấu niềm vui: “Ngày xưa mưa
            xuống là nước ngập tới gối, mùi hôi bốc lên. Giờ tối nào cả nhà cũng ra bờ kênh đi
            bộ, hóng mát”.</p>
            <h2>Công viên tuyến dọc bờ kênh</h2>
            <p>Giai đoạn tiếp theo, thành phố sẽ xây dựng công viên tuyến dọc bờ kênh với đường
            chạy bộ, đường dành cho xe đạp, sân chơi trẻ em và các điểm dừng chân. Người dân được
            mời góp ý phương án thiết kế tại trụ sở UBND phường Hòa An và trên cổng thông tin
            điện tử của thành phố đến hết tháng sau.</p>
            """,
            Figure(
                image="cong-vien-ven-kenh",
                label="Công viên tuyến ven kênh",
                alt="Phối cảnh công viên tuyến với đường chạy bộ dọc bờ kênh Hòa An",
                caption=(
                    "Phối cảnh công viên tuyến dọc bờ kênh, dự kiến khởi công trong năm tới. "
                    "Ảnh minh họa"
                ),
            ),
        ),
        byline="Lê Huy Kiên",
        image="duong-ven-kenh-cover",
        cover_label="Đường ven kênh Hòa An",
        cover_caption="Tuyến đường ven kênh Hòa An sau khi hoàn thành.",
        published=ago(1, at="09:12"),
        is_featured=True,
    ),
    DemoArticle(
        title="Chợ Tân Phong mở cửa trở lại sau cải tạo, tiểu thương phấn khởi",
        category="do-thi",
        tags=("Tân Phong",),
        lead=(
            "Sau tám tháng cải tạo, chợ Tân Phong khang trang hơn với hệ thống phòng cháy mới, "
            "lối đi rộng rãi và thanh toán không dùng tiền mặt ở tất cả các sạp."
        ),
        body=(
            """
            <p>Chợ Tân Phong được xây dựng từ những năm 1990, là nơi buôn bán của gần 400 tiểu
            thương. Qua thời gian, mái tôn xuống cấp, lối đi chật hẹp, hệ thống điện chắp vá
            tiềm ẩn nguy cơ cháy nổ, nhiều người mua đã chuyển sang siêu thị và cửa hàng tiện
            lợi.</p>
            <p>Đợt cải tạo lần này thay toàn bộ mái, nâng nền chống ngập, lắp hệ thống báo cháy tự
            động và bình chữa cháy tại từng dãy sạp. Khu hàng tươi sống được tách riêng, có hệ
            thống thoát nước và được rửa sàn hằng ngày.</p>
            """,
            Figure(
                image="cho-tan-phong",
                label="Sạp hàng sau cải tạo",
                alt="Các dãy sạp hàng mới, lối đi rộng bên trong chợ Tân Phong",
                caption="Các dãy sạp hàng bên trong chợ Tân Phong sau cải tạo. Ảnh minh họa",
            ),
            """
            <p>Bà Phạm Thị Lan, bán rau ở chợ hơn 20 năm, cho biết trong thời gian cải tạo, tiểu
            thương được bố trí bán tạm ở bãi đất trống gần đó nên không bị mất khách. “Chợ mới
            sạch sẽ, thoáng mát, khách quen quay lại đông lắm”, bà nói.</p>
            <h2>Đi chợ không cần tiền mặt</h2>
            <p>Tất cả các sạp đều có mã QR để người mua chuyển khoản. Ban quản lý chợ phối hợp với
            ngân hàng mở các buổi hướng dẫn tiểu thương lớn tuổi cách nhận tiền và kiểm tra giao
            dịch trên điện thoại.</p>
            <p>Theo UBND phường Tân Phong, tổng kinh phí cải tạo khoảng 28 tỷ đồng từ ngân sách
            thành phố. Tiểu thương được miễn tiền thuê sạp trong ba tháng đầu để ổn định việc
            buôn bán.</p>
            """,
        ),
        byline="Nguyễn Minh Anh",
        image="cho-tan-phong-cover",
        cover_label="Chợ Tân Phong",
        cover_caption="Cổng chính chợ Tân Phong sau khi cải tạo.",
        published=ago(4, at="06:50"),
    ),
    DemoArticle(
        title="Thêm ba tuyến xe buýt điện nối khu dân cư phía tây với trung tâm",
        category="do-thi",
        tags=("Giao thông", "Xe buýt"),
        lead=(
            "Từ đầu tháng tới, ba tuyến xe buýt điện mới đi vào hoạt động, nâng tổng số tuyến xe "
            "buýt không phát thải của thành phố lên 11 tuyến."
        ),
        body=(
            """
            <p>Trung tâm Quản lý giao thông công cộng thành phố cho biết ba tuyến mới được mở
            theo đề xuất của người dân các phường phía tây, nơi có nhiều khu dân cư mới nhưng còn
            thiếu phương tiện công cộng.</p>
            <h2>Lộ trình các tuyến mới</h2>
            <ul>
            <li><strong>Tuyến D12:</strong> Bến xe phía Tây – đường ven kênh Hòa An – chợ Tân
            Phong – công viên trung tâm.</li>
            <li><strong>Tuyến D14:</strong> khu dân cư Phú Lợi – Bệnh viện Đa khoa thành phố –
            nhà ga trung tâm.</li>
            <li><strong>Tuyến D15:</strong> khu đô thị Thạnh Mỹ – Đại học thành phố – hồ Bình
            Minh.</li>
            </ul>
            <p>Các tuyến hoạt động từ 5 giờ 30 đến 21 giờ mỗi ngày, 10 đến 15 phút có một chuyến
            vào giờ cao điểm. Xe có sàn thấp, cầu dẫn cho xe lăn, camera giám sát và hệ thống
            thông báo điểm dừng bằng giọng nói.</p>
            <p>Giá vé lượt là 7.000 đồng; học sinh, sinh viên và công nhân được mua vé tháng với
            giá ưu đãi. Hành khách có thể thanh toán bằng thẻ ngân hàng không tiếp xúc hoặc mã QR
            ngay trên xe.</p>
            <p>Sau một năm khai thác, các tuyến xe buýt điện hiện có đã chuyên chở hơn 4 triệu
            lượt khách, hơn 90% hành khách được khảo sát cho biết hài lòng. Thành phố đặt mục
            tiêu chuyển toàn bộ xe buýt sang năng lượng sạch trong 5 năm tới.</p>
            """,
        ),
        byline="Phạm Quốc Bảo",
        image="xe-buyt-dien",
        cover_label="Xe buýt điện",
        cover_caption="Xe buýt điện đón khách tại nhà chờ trên đại lộ trung tâm.",
        published=ago(6, at="14:05"),
    ),
    DemoArticle(
        title="Lấy ý kiến người dân về phương án hạn chế xe tải giờ cao điểm",
        category="do-thi",
        tags=("Giao thông",),
        lead=(
            "Thành phố lấy ý kiến về phương án cấm xe tải trên 2,5 tấn vào nội đô trong giờ cao "
            "điểm sáng và chiều."
        ),
        body=(
            """
            <p>Theo dự thảo, xe tải có tải trọng trên 2,5 tấn không được lưu thông trên các tuyến
            đường nội đô từ 6 giờ đến 8 giờ 30 và từ 16 giờ 30 đến 19 giờ hằng ngày. Xe chở hàng
            thiết yếu và xe phục vụ công trình trọng điểm được cấp phép riêng.</p>
            <p>Nhiều doanh nghiệp vận tải đề nghị thành phố công bố lộ trình áp dụng cụ thể để kịp
            điều chỉnh kế hoạch giao nhận, đồng thời bố trí thêm bãi trung chuyển ở vành đai.</p>
            <p>[Bổ sung ý kiến Sở Xây dựng và số liệu ùn tắc tại các nút giao chính.]</p>
            <p>Người dân có thể góp ý dự thảo trên cổng thông tin điện tử của thành phố đến hết
            ngày 15 tháng tới.</p>
            """,
        ),
        byline="Đỗ Lan Phương",
        image="xe-tai-gio-cao-diem",
        cover_label="Xe tải giờ cao điểm",
        cover_caption="Xe tải lưu thông trên đại lộ trung tâm.",
        status=Article.Status.DRAFT,
    ),
    DemoArticle(
        title="Trường THCS Tân Phong đưa giờ học kỹ năng sống vào thời khóa biểu",
        category="giao-duc",
        tags=("Tân Phong", "Trường học"),
        lead=(
            "Mỗi tuần một tiết, học sinh Trường THCS Tân Phong được học cách sơ cứu, xử lý tình "
            "huống khi bị bắt nạt và quản lý chi tiêu cá nhân."
        ),
        body=(
            """
            <p>Từ đầu năm học, Trường THCS Tân Phong chính thức đưa tiết kỹ năng sống vào thời
            khóa biểu của tất cả các khối lớp, thay vì chỉ tổ chức vào các buổi ngoại khóa như
            trước. Nội dung do nhà trường xây dựng cùng phụ huynh và chuyên gia tâm lý học
            đường.</p>
            <h2>Học qua tình huống thật</h2>
            <p>Thay vì nghe giảng, học sinh được chia nhóm, đóng vai và giải quyết những tình
            huống gần gũi: bạn cùng lớp bị ngất trong giờ thể dục, nhận được tin nhắn lạ trên
            mạng xã hội, hay lên kế hoạch chi tiêu cho số tiền tiêu vặt trong một tháng.</p>
            """,
            Figure(
                image="ky-nang-song",
                label="Thực hành sơ cứu",
                alt="Học sinh thực hành băng bó vết thương trong giờ học kỹ năng sống",
                caption=(
                    "Học sinh lớp 8 thực hành băng bó vết thương trong tiết kỹ năng sống. "
                    "Ảnh minh họa"
                ),
            ),
            """
            <p>Em Nguyễn Gia Hân, học sinh lớp 8A2, chia sẻ: “Em thích nhất buổi học sơ cứu. Trước
            đây thấy bạn bị chảy máu mũi em chỉ biết chạy đi gọi cô, giờ em biết phải làm gì
            trong lúc chờ người lớn đến”.</p>
            <p>Cô Võ Thị Mai, Hiệu trưởng nhà trường, cho biết sau mỗi chủ đề học sinh đều tự đánh
            giá mức độ hiểu bài qua phiếu khảo sát. Sau một học kỳ, số vụ mâu thuẫn giữa học sinh
            mà nhà trường phải can thiệp đã giảm gần một nửa.</p>
            <p>UBND phường Tân Phong cho biết sẽ tổng kết mô hình vào cuối năm học để nhân rộng ra
            các trường trung học cơ sở khác trên địa bàn.</p>
            """,
        ),
        byline="Trần Thu Hà",
        image="ky-nang-song-cover",
        cover_label="Kỹ năng sống",
        cover_caption="Một tiết học kỹ năng sống của học sinh Trường THCS Tân Phong.",
        published=ago(5, at="10:30"),
    ),
    DemoArticle(
        title="Phụ huynh vào lớp dự giờ trong tuần lễ “Trường học mở”",
        category="giao-duc",
        tags=("Trường học",),
        lead=(
            "Trong một tuần, hơn 2.000 phụ huynh ở phường Phú Lợi đã vào tận lớp, ngồi cùng con "
            "trong giờ học và trao đổi trực tiếp với giáo viên."
        ),
        body=(
            """
            <p>Tuần lễ “Trường học mở” được 9 trường mầm non, tiểu học và trung học cơ sở trên địa
            bàn phường Phú Lợi tổ chức đồng loạt. Phụ huynh đăng ký trước khung giờ và được nhà
            trường hướng dẫn quy định khi vào lớp để không ảnh hưởng đến việc dạy và học.</p>
            <p>Anh Trần Quốc Việt, phụ huynh học sinh lớp 2, lần đầu thấy cô giáo dạy con đọc hiểu
            bằng trò chơi. “Về nhà tôi biết cách kèm con hơn, không còn bắt con chép đi chép lại
            như trước”, anh nói.</p>
            <h2>Góp ý thẳng thắn, trao đổi cởi mở</h2>
            <p>Cuối mỗi buổi dự giờ, phụ huynh điền phiếu góp ý. Nhiều ý kiến đề nghị giảm bài tập
            về nhà cho học sinh tiểu học, tăng giờ hoạt động ngoài trời và cải thiện chất lượng
            bữa ăn bán trú.</p>
            <blockquote><p>Khi phụ huynh hiểu nhà trường đang làm gì, họ trở thành người đồng
            hành chứ không còn đứng ngoài để phán xét.</p></blockquote>
            <p>Đó là nhận xét của thầy Đỗ Minh Tuấn, Hiệu trưởng Trường Tiểu học Phú Lợi. Theo
            thầy, các ý kiến sẽ được đưa ra cuộc họp hội đồng sư phạm và kết quả tiếp thu được
            thông báo đến từng lớp.</p>
            <p>Phường Phú Lợi dự kiến tổ chức tuần lễ “Trường học mở” mỗi học kỳ một lần.</p>
            """,
        ),
        byline="Đỗ Lan Phương",
        image="truong-hoc-mo",
        cover_label="Trường học mở",
        cover_caption="Phụ huynh dự giờ cùng con tại Trường Tiểu học Phú Lợi.",
        published=ago(9, at="15:20"),
    ),
    DemoArticle(
        title="Đề xuất hỗ trợ tiền ăn bán trú cho học sinh tiểu học vùng ven",
        category="giao-duc",
        tags=("Trường học", "An sinh xã hội"),
        lead=(
            "Thành phố xem xét hỗ trợ toàn bộ tiền ăn bán trú cho khoảng 6.500 học sinh tiểu học "
            "thuộc hộ nghèo, cận nghèo ở các phường vùng ven."
        ),
        body=(
            """
            <p>Theo tờ trình, mức hỗ trợ dự kiến là 30.000 đồng mỗi ngày cho mỗi học sinh, chi
            trả trực tiếp cho nhà trường để bảo đảm tiền được dùng đúng cho bữa ăn của các
            em.</p>
            <p>Khảo sát tại các trường vùng ven cho thấy nhiều gia đình phải cho con về nhà ăn
            trưa hoặc mang cơm theo vì không đủ khả năng đóng tiền bán trú, khiến các em thiếu
            chất và mệt mỏi trong giờ học buổi chiều.</p>
            <h2>Kinh phí khoảng 35 tỷ đồng mỗi năm</h2>
            <p>Nếu được HĐND thành phố thông qua, chính sách sẽ áp dụng từ học kỳ hai của năm học
            này, với kinh phí khoảng 35 tỷ đồng mỗi năm từ ngân sách thành phố.</p>
            <p>Nhiều hiệu trưởng ủng hộ đề xuất, đồng thời kiến nghị bổ sung kinh phí cải tạo bếp
            ăn và tuyển thêm nhân viên cấp dưỡng để đáp ứng số học sinh bán trú tăng lên.</p>
            """,
        ),
        byline="Nguyễn Minh Anh",
        image="ban-tru",
        cover_label="Bữa trưa bán trú",
        cover_caption="Bữa trưa của học sinh một trường tiểu học vùng ven.",
        status=Article.Status.REVIEW,
    ),
    DemoArticle(
        title="Trạm y tế phường khám bệnh ngoài giờ hành chính",
        category="y-te",
        tags=("Y tế cơ sở",),
        lead=(
            "Trạm y tế các phường Hòa An, Tân Phong và Phú Lợi mở cửa đến 20 giờ các ngày trong "
            "tuần và cả sáng Chủ nhật, giúp người đi làm không phải xin nghỉ để khám bệnh."
        ),
        body=(
            """
            <p>Theo Sở Y tế, việc thí điểm kéo dài giờ làm việc được triển khai sau khi khảo sát
            cho thấy nhiều người lao động trì hoãn việc khám bệnh, đưa con đi tiêm chủng vì trùng
            giờ làm.</p>
            <h2>Những dịch vụ có trong giờ mở rộng</h2>
            <ul>
            <li>Khám, chữa bệnh thông thường và cấp thuốc bảo hiểm y tế.</li>
            <li>Tiêm chủng mở rộng và tiêm chủng dịch vụ cho trẻ em.</li>
            <li>Theo dõi, cấp thuốc định kỳ cho người bệnh tăng huyết áp, đái tháo đường.</li>
            <li>Tư vấn dinh dưỡng, sức khỏe sinh sản và sức khỏe tâm thần.</li>
            </ul>
            <p>Mỗi trạm bố trí một bác sĩ và hai điều dưỡng trực ngoài giờ theo lịch luân phiên.
            Người dân có thể đặt lịch trước qua tổng đài hoặc ứng dụng của thành phố để không
            phải chờ.</p>
            <p>Chị Lý Thanh Trúc, công nhân một khu chế xuất, đưa con đi tiêm lúc 18 giờ sau khi
            tan ca: “Trước phải xin nghỉ nửa ngày, bị trừ lương. Giờ tan ca ghé trạm luôn, rất
            tiện”.</p>
            <p>Sau ba tháng thí điểm, Sở Y tế sẽ đánh giá hiệu quả, chi phí và nhu cầu thực tế để
            quyết định có mở rộng ra các phường khác hay không.</p>
            """,
        ),
        byline="Vũ Đức Trí",
        image="tram-y-te",
        cover_label="Trạm y tế ngoài giờ",
        cover_caption="Người dân chờ khám bệnh buổi tối tại trạm y tế phường Tân Phong.",
        published=ago(7, at="08:15"),
    ),
    DemoArticle(
        title="Số ca sốt xuất huyết tăng, người dân cần diệt lăng quăng mỗi tuần",
        category="y-te",
        tags=("Y tế cơ sở", "Sốt xuất huyết"),
        lead=(
            "Trung tâm Kiểm soát bệnh tật thành phố ghi nhận số ca sốt xuất huyết trong tháng qua "
            "tăng 35% so với cùng kỳ, tập trung ở các khu nhà trọ và khu dân cư đông đúc."
        ),
        body=(
            """
            <p>Theo Trung tâm Kiểm soát bệnh tật (CDC) thành phố, phần lớn ca bệnh là người trẻ
            từ 15 đến 35 tuổi, trong đó nhiều người đến cơ sở y tế muộn vì nghĩ mình chỉ bị cảm
            sốt thông thường.</p>
            <p>Thời tiết nắng mưa xen kẽ khiến nước đọng trong chậu cây, lốp xe cũ và vật dụng phế
            thải trở thành nơi muỗi vằn sinh sản. Y tế phường đã phối hợp với các tổ dân phố tổ
            chức tổng vệ sinh và phun hóa chất tại những nơi có ca bệnh.</p>
            <h2>Ba việc nên làm mỗi tuần</h2>
            <ol>
            <li>Đậy kín hoặc thay nước các dụng cụ chứa nước, bình hoa, khay nước tủ lạnh.</li>
            <li>Thu gom, loại bỏ vật dụng phế thải có thể đọng nước quanh nhà.</li>
            <li>Ngủ màn, mặc quần áo dài tay, dùng kem chống muỗi, kể cả ban ngày.</li>
            </ol>
            <p>Bác sĩ Huỳnh Ngọc Diễm, Trưởng khoa Kiểm soát bệnh truyền nhiễm, khuyến cáo:</p>
            <blockquote><p>Sốt xuất huyết không có thuốc đặc trị. Khi sốt cao liên tục từ hai
            ngày trở lên, người bệnh cần đến cơ sở y tế để được xét nghiệm và theo dõi, không tự
            ý truyền dịch tại nhà.</p></blockquote>
            <p>Người bệnh cần đến bệnh viện ngay khi có dấu hiệu đau bụng, nôn nhiều, chảy máu
            chân răng hoặc chảy máu mũi, chân tay lạnh hay li bì.</p>
            """,
        ),
        byline="Vũ Đức Trí",
        image="sot-xuat-huyet",
        cover_label="Phòng chống sốt xuất huyết",
        cover_caption="Tình nguyện viên hướng dẫn người dân diệt lăng quăng.",
        published=ago(12, at="11:40"),
    ),
    DemoArticle(
        title="Phố đi bộ ven hồ Bình Minh nhộn nhịp mỗi dịp cuối tuần",
        category="van-hoa",
        tags=("Phố đi bộ",),
        lead=(
            "Sau ba tháng hoạt động, phố đi bộ quanh hồ Bình Minh đã thành điểm hẹn quen thuộc "
            "của các gia đình, với chợ phiên thủ công, âm nhạc đường phố và trò chơi dân gian."
        ),
        body=(
            """
            <p>Từ 18 giờ thứ Sáu đến 22 giờ Chủ nhật, các tuyến đường quanh hồ Bình Minh được
            dành riêng cho người đi bộ. Trung bình mỗi tối cuối tuần, phố đi bộ đón khoảng 15.000
            lượt khách, lúc cao điểm lên đến 25.000 lượt.</p>
            """,
            Figure(
                image="pho-di-bo",
                label="Tối thứ Bảy bên hồ",
                alt="Người dân dạo bộ quanh hồ Bình Minh vào buổi tối",
                caption="Phố đi bộ ven hồ Bình Minh vào tối thứ Bảy. Ảnh minh họa",
            ),
            """
            <p>Dọc bờ hồ là các gian hàng thủ công mỹ nghệ, đồ ăn truyền thống và sách cũ. Ở
            quảng trường, các nhóm nhạc trẻ, câu lạc bộ đờn ca tài tử và đội lân thay nhau biểu
            diễn.</p>
            <h2>Giữ phố đi bộ sạch và an toàn</h2>
            <p>Ban quản lý phố đi bộ bố trí thùng rác phân loại, nhà vệ sinh công cộng và đội tình
            nguyện viên hướng dẫn du khách. Các điểm giữ xe niêm yết giá công khai, tránh tình
            trạng thu quá giá quy định.</p>
            <p>Chị Đặng Thùy Linh, đưa hai con đi chơi tối thứ Bảy, cho biết: “Các cháu được chơi ô
            ăn quan, nhảy dây, những trò mà bọn trẻ bây giờ ít khi biết. Cả nhà ra đây vừa rẻ vừa
            vui”.</p>
            <p>Thời gian tới, thành phố sẽ bổ sung các chương trình nghệ thuật theo chủ đề từng
            tháng và mời nghệ nhân trình diễn các nghề truyền thống như làm lồng đèn, nặn tò he,
            vẽ tranh dân gian.</p>
            """,
        ),
        byline="Phạm Quốc Bảo",
        image="pho-di-bo-cover",
        cover_label="Phố đi bộ hồ Bình Minh",
        cover_caption="Phố đi bộ ven hồ Bình Minh lên đèn.",
        published=ago(8, at="20:10"),
    ),
    DemoArticle(
        title="Tủ sách khu phố: nơi người già và trẻ nhỏ cùng đọc",
        category="van-hoa",
        tags=("Văn hóa đọc",),
        lead=(
            "Từ vài chục cuốn sách người dân góp lại, mô hình tủ sách khu phố ở phường Hòa An đã "
            "có 14 điểm với hơn 6.000 cuốn sách, mở cửa miễn phí cho mọi người."
        ),
        body=(
            """
            <p>Tủ sách đầu tiên được đặt ở hiên nhà bà Lâm Thị Hoa, giáo viên về hưu ở khu phố 5.
            Ban đầu chỉ có vài chục cuốn sách cũ của gia đình bà và hàng xóm. Thấy trẻ con trong
            hẻm ghé đọc mỗi chiều, bà đề xuất với tổ dân phố nhân rộng mô hình.</p>
            <p>Đến nay, phường Hòa An đã có 14 tủ sách đặt ở nhà văn hóa khu phố, quán cà phê,
            tiệm tạp hóa và sân chung cư. Sách được quyên góp từ người dân, trường học và các nhà
            xuất bản; mỗi tủ có một tình nguyện viên ghi chép việc mượn, trả.</p>
            <blockquote><p>Tôi không cần các cháu đọc nhiều, chỉ cần mỗi ngày các cháu cầm một
            cuốn sách thay vì cái điện thoại.</p></blockquote>
            <p>Bà Hoa chia sẻ như vậy khi được hỏi điều gì khiến bà gắn bó với tủ sách. Mỗi sáng
            Chủ nhật, bà cùng vài người lớn tuổi trong khu phố đọc truyện cho các em nhỏ và kể lại
            chuyện xưa của khu phố.</p>
            <h2>Lan tỏa văn hóa đọc từ cộng đồng</h2>
            <p>Thư viện thành phố hỗ trợ luân chuyển sách giữa các tủ, mỗi quý thay mới khoảng
            300 cuốn để người đọc luôn có sách mới. Phường cũng tổ chức cuộc thi “Kể chuyện sách
            em yêu” cho học sinh tiểu học, thu hút hơn 400 em tham gia.</p>
            <p>Theo UBND phường Hòa An, năm tới sẽ có thêm 6 tủ sách tại các khu nhà trọ công
            nhân, nơi người lao động ít có điều kiện đến thư viện.</p>
            """,
        ),
        byline="Trần Thu Hà",
        image="tu-sach-khu-pho",
        cover_label="Tủ sách khu phố",
        cover_caption="Các em nhỏ đọc sách bên tủ sách khu phố 5, phường Hòa An.",
        published=ago(15, at="07:05"),
    ),
    DemoArticle(
        title="Đại hội Thể dục thể thao phường Tân Phong thu hút hơn 800 vận động viên",
        category="the-thao",
        tags=("Tân Phong", "Thể thao phong trào"),
        lead=(
            "Sau hai tuần tranh tài, Đại hội Thể dục thể thao phường Tân Phong khép lại với 12 "
            "môn thi đấu, từ bóng đá, cầu lông đến kéo co và cờ tướng."
        ),
        body=(
            """
            <p>Đại hội có hơn 800 vận động viên đến từ 10 khu phố, các trường học và doanh nghiệp
            trên địa bàn. Vận động viên nhỏ tuổi nhất là một học sinh lớp 4 thi đấu cờ vua, lớn
            tuổi nhất là một cụ ông 81 tuổi tham gia môn cờ tướng.</p>
            """,
            Figure(
                image="dai-hoi-tdtt",
                label="Kéo co tại đại hội",
                alt="Hai đội kéo co thi đấu tại Đại hội Thể dục thể thao phường Tân Phong",
                caption=(
                    "Phần thi kéo co nam nữ phối hợp, một trong những nội dung hấp dẫn nhất "
                    "của đại hội. Ảnh minh họa"
                ),
            ),
            """
            <p>Môn bóng đá nam thu hút nhiều khán giả nhất với 16 đội tham gia. Trận chung kết
            giữa khu phố 2 và khu phố 7 diễn ra kịch tính, phải phân định thắng thua bằng loạt
            sút luân lưu.</p>
            <h2>Kết quả chung cuộc</h2>
            <ul>
            <li>Giải nhất toàn đoàn: khu phố 7.</li>
            <li>Giải nhì: Trường THCS Tân Phong.</li>
            <li>Giải ba: khu phố 2 và Công ty May Tân Phong.</li>
            </ul>
            <p>Ông Bùi Văn Hải, Phó Chủ tịch UBND phường Tân Phong, Trưởng ban tổ chức, cho biết
            đại hội không chỉ là sân chơi mà còn là dịp phát hiện vận động viên có năng khiếu để
            bồi dưỡng cho đoàn thể thao của thành phố.</p>
            <p>Ban tổ chức đã trao 26 huy chương vàng, 26 huy chương bạc và 34 huy chương đồng
            cho các vận động viên.</p>
            """,
        ),
        byline="Lê Huy Kiên",
        image="dai-hoi-tdtt-cover",
        cover_label="Đại hội TDTT Tân Phong",
        cover_caption="Lễ bế mạc Đại hội Thể dục thể thao phường Tân Phong.",
        published=ago(11, at="18:35"),
    ),
    DemoArticle(
        title="Giải chạy “Vì cộng đồng” quy tụ hơn 3.000 người tham gia",
        category="the-thao",
        tags=("Thể thao phong trào",),
        lead=(
            "Hơn 3.000 người đã cùng chạy quanh hồ Bình Minh, góp hơn 600 triệu đồng cho quỹ học "
            "bổng dành cho học sinh có hoàn cảnh khó khăn."
        ),
        body=(
            """
            <p>Giải chạy có ba cự ly 5 km, 10 km và 21 km, xuất phát từ quảng trường hồ Bình Minh
            và đi qua đại lộ trung tâm. Ngoài các vận động viên phong trào, giải còn có nhiều gia
            đình tham gia cùng con nhỏ và những người khiếm thị chạy cùng người dẫn đường.</p>
            """,
            Figure(
                image="giai-chay",
                label="Xuất phát cự ly 10 km",
                alt="Các vận động viên xuất phát tại quảng trường hồ Bình Minh",
                caption="Các vận động viên cự ly 10 km xuất phát lúc 5 giờ 30. Ảnh minh họa",
            ),
            """
            <p>Toàn bộ lệ phí đăng ký, sau khi trừ chi phí tổ chức, được chuyển vào quỹ học bổng
            “Tiếp bước đến trường”. Ban tổ chức cho biết số tiền sẽ được trao cho khoảng 400 học
            sinh có hoàn cảnh khó khăn ngay trong học kỳ này.</p>
            <h2>Chạy an toàn</h2>
            <p>Dọc đường chạy có 12 trạm tiếp nước, 4 điểm y tế và xe cứu thương túc trực. Các vận
            động viên cự ly 21 km phải khai báo tình trạng sức khỏe khi đăng ký. Giải không ghi
            nhận trường hợp nào phải cấp cứu.</p>
            <p>Anh Nguyễn Hoàng Phúc, về nhất cự ly 21 km nam với thành tích 1 giờ 14 phút, cho
            biết: “Đường chạy đẹp, buổi sáng mát mẻ. Được chạy vì các em học sinh nên ai cũng cố
            gắng về đích”.</p>
            <p>Ban tổ chức dự kiến giải chạy sẽ trở thành hoạt động thường niên của thành
            phố.</p>
            """,
        ),
        byline="Phạm Quốc Bảo",
        image="giai-chay-cover",
        cover_label="Giải chạy Vì cộng đồng",
        cover_caption="Các vận động viên về đích tại quảng trường hồ Bình Minh.",
        published=ago(18, at="10:55"),
    ),
)
