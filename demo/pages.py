"""The demo portal's identity (the footer) and its own pages, in original Vietnamese text.
The names, numbers and addresses are made up for the demonstration."""

from portal import pages

IDENTITY = {
    "portal_name": "Cổng tin tức thành phố HNP",
    "governing_agency": "Văn phòng Ủy ban nhân dân thành phố (dữ liệu minh họa)",
    "licence": (
        "Giấy phép số 86/GP-TTĐT ngày 12/3/2025 của Cục Phát thanh, truyền hình và thông tin "
        "điện tử (số hiệu minh họa)"
    ),
    "responsible_person": "Bà Đỗ Thanh Vân, Trưởng ban biên tập",
    "address": "Tầng 4, số 12 phố Tràng Thi, phường Hoàn Kiếm, Hà Nội",
    "phone": "024 3936 0000",
    "hotline": "0912 345 000",
    "email": "toasoan@hnp.example",
}

CONTACT = """
<p>Ban biên tập Cổng tin tức thành phố HNP luôn mong nhận được ý kiến, tin bài, hình ảnh và
phản ánh của bạn đọc về đời sống, đô thị, giao thông và dịch vụ công trên địa bàn thành phố.</p>
<h2>Tòa soạn</h2>
<ul>
<li>Địa chỉ: Tầng 4, số 12 phố Tràng Thi, phường Hoàn Kiếm, Hà Nội</li>
<li>Điện thoại: 024 3936 0000 (giờ hành chính, từ thứ Hai đến thứ Sáu)</li>
<li>Đường dây nóng: 0912 345 000 (cả ngày, kể cả ngày nghỉ)</li>
<li>Thư điện tử: toasoan@hnp.example</li>
</ul>
<h2>Gửi tin bài và phản ánh</h2>
<p>Khi gửi phản ánh, xin ghi rõ thời gian, địa điểm và kèm hình ảnh nếu có. Tòa soạn xác minh
mọi thông tin trước khi đăng và giữ kín danh tính người cung cấp thông tin nếu được yêu cầu.</p>
<p>Ý kiến về một bài viết cụ thể, bạn đọc có thể gửi bằng mục bình luận cuối mỗi bài; những
đề nghị đính chính xin gửi qua thư điện tử, ghi rõ đường dẫn của bài.</p>
"""

PRIVACY = """
<p>Chính sách này nói rõ Cổng tin tức thành phố HNP thu thập những dữ liệu cá nhân nào, dùng
vào việc gì và giữ trong bao lâu, theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân.</p>
<h2>Khi bạn chỉ đọc tin</h2>
<p>Trang không yêu cầu đăng nhập, không đặt cookie theo dõi và không dùng mã quảng cáo của bên
thứ ba. Để đếm lượt đọc cho mục “Đọc nhiều”, máy chủ ghi nhận một lượt xem mỗi bài; địa chỉ IP
và trình duyệt chỉ được dùng, dưới dạng mã băm, để không đếm một người hai lần trong 30 phút,
và không được lưu vào cơ sở dữ liệu.</p>
<h2>Khi bạn gửi bình luận</h2>
<p>Biểu mẫu bình luận thu thập:</p>
<ul>
<li>họ tên, tiêu đề và nội dung bình luận: được đăng công khai nếu bình luận được duyệt;</li>
<li>số điện thoại (nếu bạn điền): chỉ ban biên tập xem, để liên hệ xác minh khi cần;</li>
<li>địa chỉ IP và thông tin trình duyệt: chỉ người kiểm duyệt xem, để chống thư rác và lạm
dụng.</li>
</ul>
<p>Số điện thoại, địa chỉ IP và thông tin trình duyệt được xóa tự động 90 ngày sau khi bình
luận được kiểm duyệt. Họ tên, tiêu đề và nội dung của bình luận đã đăng được giữ cùng bài viết.
Bình luận bị từ chối không bao giờ được công bố.</p>
<p>Sau khi gửi, trình duyệt của bạn giữ một cookie trong thời gian ngắn để bạn xem được trạng
thái bình luận của mình; cookie này không chứa dữ liệu cá nhân.</p>
<h2>Quyền của bạn</h2>
<p>Bạn có quyền yêu cầu xem, sửa hoặc xóa dữ liệu cá nhân trong bình luận của mình. Hãy gửi yêu
cầu tới toasoan@hnp.example, kèm tiêu đề bình luận và thời gian gửi; tòa soạn trả lời trong
vòng 72 giờ làm việc.</p>
"""

ACCESSIBILITY = """
<p>Cổng tin tức thành phố HNP cam kết để mọi người, kể cả người khuyết tật, người cao tuổi và
người dùng thiết bị cũ, đều đọc được tin tức của thành phố.</p>
<h2>Mức độ tuân thủ</h2>
<p>Trang được thiết kế hướng tới tiêu chuẩn WCAG 2.1 mức AA và được kiểm tra tự động bằng công
cụ axe-core sau mỗi lần thay đổi. Cụ thể:</p>
<ul>
<li>dùng được hoàn toàn bằng bàn phím, có đường tắt “Chuyển đến nội dung” ở đầu trang;</li>
<li>ảnh có mô tả thay thế, bảng số liệu cuộn được trên màn hình hẹp;</li>
<li>độ tương phản chữ đạt tối thiểu 4,5:1, chữ phóng to tới 200% mà không mất nội dung;</li>
<li>mỗi trường của biểu mẫu bình luận có nhãn, lỗi được báo bằng chữ ngay cạnh trường.</li>
</ul>
<h2>Hạn chế đã biết</h2>
<p>Một số ảnh trong các bài cũ chưa có mô tả đầy đủ; mã xác nhận của biểu mẫu bình luận là ảnh,
nên người khiếm thị có thể cần nhờ hỗ trợ qua đường dây nóng để gửi ý kiến.</p>
<h2>Góp ý</h2>
<p>Nếu gặp khó khăn khi sử dụng trang, xin báo cho chúng tôi qua số 024 3936 0000 hoặc
toasoan@hnp.example. Tuyên bố này được rà soát mỗi năm một lần.</p>
"""

COMMENTING_RULES = """
<p>Mục bình luận là nơi bạn đọc trao đổi về nội dung bài viết. Để giữ một không gian thảo luận
văn minh, mọi bình luận được ban biên tập duyệt trước khi đăng.</p>
<h2>Bình luận sẽ không được đăng nếu</h2>
<ul>
<li>xúc phạm, đe dọa hoặc phân biệt đối xử với cá nhân, tổ chức, dân tộc, tôn giáo;</li>
<li>có thông tin sai sự thật, vu khống, hoặc tiết lộ đời tư của người khác;</li>
<li>quảng cáo, rao vặt, chứa đường dẫn lạ hoặc lặp lại nhiều lần cùng một nội dung;</li>
<li>viết bằng tiếng Việt không dấu khó đọc, hoặc không liên quan đến bài viết.</li>
</ul>
<h2>Cách gửi</h2>
<p>Điền họ tên thật, tiêu đề và nội dung, rồi nhập mã xác nhận. Mỗi người gửi được một số bình
luận nhất định trong một khoảng thời gian để hạn chế thư rác. Bình luận thường được duyệt trong
giờ làm việc; tòa soạn có thể biên tập lại chính tả mà không đổi ý của bạn.</p>
<p>Người gửi chịu trách nhiệm về nội dung bình luận của mình. Dữ liệu cá nhân trong bình luận
được xử lý theo Chính sách bảo vệ dữ liệu cá nhân của trang.</p>
"""

PAGES = (
    (pages.CONTACT, "Liên hệ", CONTACT),
    (pages.PRIVACY, "Chính sách bảo vệ dữ liệu cá nhân", PRIVACY),
    (pages.ACCESSIBILITY, "Tuyên bố hỗ trợ tiếp cận", ACCESSIBILITY),
    (pages.COMMENTING_RULES, "Quy định bình luận", COMMENTING_RULES),
)
