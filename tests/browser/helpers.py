"""What the browser journeys do again and again: log in, fill the comment form, read the
captcha's answer, audit a page."""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from captcha.models import CaptchaStore
from django.conf import settings
from django.urls import reverse
from PIL import Image
from playwright.sync_api import Page, expect

from tests.support.accounts import PASSWORD

BLOCKING_IMPACTS = {"serious", "critical"}

_axe = Axe()


def log_in_to_admin(page: Page, user, *, code: str = "") -> None:
    """Sign in through the login form; ``code`` for an account with two-factor sign-in."""
    page.goto(reverse("admin:login"))
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    if code:
        page.locator("#id_otp_token").fill(code)
    page.locator("#login-form [type=submit]").click()
    expect(page.locator("#user-tools")).to_be_visible()


def media_image(name: str, *, size: tuple[int, int], color: str) -> str:
    """A real picture in MEDIA_ROOT (the live server serves it); returns its URL."""
    path = Path(settings.MEDIA_ROOT) / "test-pictures" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path)
    return f"{settings.MEDIA_URL}test-pictures/{name}"


def figure(src: str, *, alt: str, caption: str) -> str:
    """A captioned picture as CKEditor's image2 writes it."""
    return (
        f'<figure class="image-captioned"><img alt="{alt}" src="{src}" width="640" '
        f'height="360"><figcaption>{caption}</figcaption></figure>'
    )


def wait_for_loaded_image(page: Page, selector: str) -> None:
    """Wait until every picture ``selector`` matches has loaded. Polled from the test, not
    with a function in the page, so that it works with JavaScript off too."""
    images = page.locator(selector)
    expect(images.first).to_be_attached()
    for n in range(images.count()):
        expect(images.nth(n)).to_have_js_property("complete", True)
        expect(images.nth(n)).not_to_have_js_property("naturalWidth", 0)


def captcha_answer(page: Page) -> str:
    """The answer to the captcha the page shows, read from django-simple-captcha's store by
    the key in the form (the real check runs; no test mode)."""
    wait_for_loaded_image(page, "[data-captcha-image]")
    key = page.locator("#id_captcha_0").input_value()
    assert key, "the comment form has no captcha key"
    return CaptchaStore.objects.get(hashkey=key).response


def fill_comment(page: Page, *, name: str, phone: str, title: str, content: str) -> None:
    """Type a comment the way a reader does; the first field the reader enters makes the
    article page fetch its captcha."""
    page.get_by_label("Họ tên").fill(name)
    page.get_by_label("Số điện thoại").fill(phone)
    page.get_by_label("Tiêu đề").fill(title)
    page.get_by_label("Nội dung").fill(content)


def send_comment(page: Page, *, answer: str):
    """Answer the captcha and send; returns the response of the page that comes back."""
    page.get_by_label("Mã xác nhận").fill(answer)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Gửi bình luận").click()
    return navigation.value


def blocking_accessibility_problems(page: Page) -> list[str]:
    """axe-core's violations of impact serious or critical, one line each."""
    results = _axe.run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def scrolls_sideways(page: Page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def open_article_form(page: Page, article=None) -> None:
    """The admin's form of ``article`` (a new one when None), once its body editor is ready."""
    if article is None:
        page.goto(reverse("admin:articles_article_add"))
    else:
        page.goto(reverse("admin:articles_article_change", args=[article.pk]))
    wait_for_body_editor(page)


def wait_for_body_editor(page: Page) -> None:
    page.wait_for_function("() => CKEDITOR.instances.id_body?.status === 'ready'")


def type_in_body(page: Page, text: str) -> None:
    """Type at the end of the body, as a journalist does in CKEditor."""
    editing_area = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    editing_area.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(text)


def body_html(page: Page) -> str:
    return page.evaluate("CKEDITOR.instances.id_body.getData()")
