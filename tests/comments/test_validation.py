"""Every field's rules, and what a reader sees when a submission is refused."""

from http import HTTPStatus

import pytest
from captcha.models import CaptchaStore
from django.core.exceptions import ValidationError

from comments.forms import CommentForm, normalise_phone
from comments.models import Comment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("name", "", "Vui lòng nhập họ tên."),
        ("name", "   ", "Vui lòng nhập họ tên."),
        ("name", "a" * 101, "Họ tên không được dài quá 100 ký tự (hiện có 101)."),
        ("title", "", "Vui lòng nhập tiêu đề."),
        ("title", " \t ", "Vui lòng nhập tiêu đề."),
        ("title", "t" * 201, "Tiêu đề không được dài quá 200 ký tự (hiện có 201)."),
        ("content", "", "Vui lòng nhập nội dung bình luận."),
        ("content", "\n   \n", "Vui lòng nhập nội dung bình luận."),
        (
            "content",
            "c" * 5001,
            "Nội dung bình luận không được dài quá 5000 ký tự (hiện có 5001).",
        ),
        ("phone", "abc", "Số điện thoại không hợp lệ."),
        ("phone", "0912 345", "Số điện thoại không hợp lệ."),
        ("phone", "+1 212 555 0100", "Số điện thoại không hợp lệ."),
        ("phone", "0" * 30, "Số điện thoại không hợp lệ."),
        ("captcha_1", "", "Vui lòng nhập mã xác nhận."),
    ],
)
def test_a_bad_field_is_refused_with_its_error_and_nothing_is_stored(
    comment_data, post_comment, article, field, value, error
):
    response = post_comment(article, {**comment_data, field: value})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    html = response.content.decode()
    assert error in html
    assert "Bình luận chưa được gửi. Vui lòng sửa các mục sau:" in html
    assert not Comment.objects.exists()


def test_the_error_is_tied_to_its_field_and_listed_in_the_summary(
    comment_data, post_comment, article
):
    response = post_comment(article, {**comment_data, "name": "", "phone": "abc"})

    html = response.content.decode()
    assert 'aria-invalid="true" aria-describedby="id_name_error" id="id_name"' in html
    assert 'id="id_name_error"><li>Vui lòng nhập họ tên.</li>' in html
    assert 'aria-describedby="id_phone_helptext id_phone_error"' in html
    assert '<a href="#id_name">Họ tên: Vui lòng nhập họ tên.</a>' in html
    assert '<a href="#id_phone">Số điện thoại: Số điện thoại không hợp lệ.' in html
    # The fields that were fine carry no error.
    assert 'id="id_title_error"' not in html


def test_a_refused_form_keeps_what_the_reader_typed_but_gives_a_new_captcha(
    comment_data, post_comment, article
):
    response = post_comment(article, {**comment_data, "phone": "abc", "captcha_1": "PASSED"})

    html = response.content.decode()
    assert 'name="name" value="Nguyễn Thị Lan"' in html
    assert 'name="phone" value="abc"' in html
    assert 'name="title" value="Cần thêm chỗ gửi xe"' in html
    assert "Khu vực này buổi sáng rất đông.\nMong thành phố sớm mở thêm bãi xe.</textarea>" in html
    new_key = CaptchaStore.objects.get().hashkey
    assert f'name="captcha_0" id="id_captcha_0" value="{new_key}"' in html
    assert 'value="PASSED"' not in html


def test_a_wrong_captcha_is_refused(comment_data, post_comment, article, real_captcha):
    key = CaptchaStore.generate_key()

    response = post_comment(article, {**comment_data, "captcha_0": key, "captcha_1": "sai"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Mã xác nhận không đúng hoặc đã hết hạn." in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "typed",
    [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "0912-345-678",
        "+84 912 345 678",
        "+84912345678",
        "(+84) 912 345 678",
        "0084 912 345 678",
        " 0912 345 678 ",
    ],
)
def test_phone_numbers_as_people_type_them_are_stored_in_one_form(
    comment_data, post_comment, article, typed
):
    response = post_comment(article, {**comment_data, "phone": typed})

    assert response.status_code == HTTPStatus.FOUND
    assert Comment.objects.get().phone == "0912345678"


def test_a_landline_number_is_accepted():
    assert normalise_phone("024 3825 1234") == "02438251234"


@pytest.mark.parametrize("typed", ["", "   "])
def test_the_phone_is_optional(comment_data, post_comment, article, typed):
    response = post_comment(article, {**comment_data, "phone": typed})

    assert response.status_code == HTTPStatus.FOUND
    assert Comment.objects.get().phone == ""


@pytest.mark.parametrize("typed", ["091234567", "09123456789", "0112345678", "84912345678x"])
def test_numbers_that_are_not_vietnamese_phone_numbers_are_refused(typed):
    with pytest.raises(ValidationError):
        normalise_phone(typed)


def test_text_is_trimmed_and_line_breaks_kept(comment_data, post_comment, article):
    post_comment(
        article,
        {
            **comment_data,
            "name": "  Trần Văn Bình  ",
            "title": "  Ý kiến  ",
            "content": "\r\n  Dòng một\r\nDòng hai  \r\n",
        },
    )

    comment = Comment.objects.get()
    assert (comment.name, comment.title) == ("Trần Văn Bình", "Ý kiến")
    assert comment.content == "Dòng một\nDòng hai"


def test_a_line_break_counts_as_one_character_however_the_browser_sends_it(comment_data):
    content = ("x" * 99 + "\r\n") * 50  # 5,000 characters with "\n" line breaks
    form = CommentForm({**comment_data, "content": content.strip() + "x"})

    assert form.is_valid(), form.errors


def test_the_form_has_the_portals_fields_in_order_with_required_ones_marked(client, article):
    html = client.get(article.get_absolute_url()).content.decode()

    names = ['name="name"', 'name="phone"', 'name="title"', 'name="content"', 'name="captcha_1"']
    positions = [html.index(name) for name in names]
    assert positions == sorted(positions)
    assert 'for="id_name">Họ tên <span class="required-mark">(*)</span>' in html
    assert 'for="id_phone">Số điện thoại</label>' in html
    assert 'for="id_title">Tiêu đề <span class="required-mark">(*)</span>' in html
    assert 'for="id_content">Nội dung <span class="required-mark">(*)</span>' in html
    assert 'for="id_captcha_1">Mã xác nhận <span class="required-mark">(*)</span>' in html
    assert "Tối đa 5.000 ký tự." in html
    assert "Lấy lại mã bảo mật" in html
    assert "Viết bình luận" in html
