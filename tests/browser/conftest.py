"""A real Chromium, driven by Playwright, against a live server started by the tests.

The browser is Debian's ``chromium`` package (or the executable named by ``CHROMIUM_PATH``);
Playwright never downloads one. Without a browser these tests are skipped with a loud reason,
except in CI (``CI=true``), where a missing browser fails them.

pytest-django's ``live_server`` runs the site in a thread of this process, so the tests' own
``settings`` overrides and monkeypatches apply to the server too. Playwright's sync API keeps
an asyncio event loop in the test thread, which makes Django's ORM refuse to run there
(SynchronousOnlyOperation) although nothing is asynchronous: DJANGO_ALLOW_ASYNC_UNSAFE is set
while the browser is up, for this package's tests only.

Every page a test opens is watched: JavaScript errors in the console of a public page
(uncaught exceptions, CSP violations, resources that fail to load) fail the test. When a test
fails, a screenshot and the HTML of each of its pages are saved under test-artifacts/browser/
(git-ignored) and the paths are printed with the failure.
"""

import contextlib
import datetime as dt
import os
import re
import shutil
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import factory
import pytest
from captcha.conf import settings as captcha_settings
from django.conf import settings as django_settings
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test import testcases
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from comments.models import Comment
from tests.browser.helpers import figure, media_image
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, CategoryFactory


class OneRequestAtATimeServer(ThreadedWSGIServer):
    """The live server, answering one request at a time when it shares the tests' in-memory
    SQLite connection (the SQLite runs of the suite). A page's own background requests (the
    pending-comments badge, tag suggestions, autosave) sent while the browser loads the next
    page would otherwise use that one connection from two threads at once, and read each
    other's rows: in CI an admin page once found two users for one id. Connections are still
    accepted in parallel; only the application is entered one request at a time."""

    _one_at_a_time = threading.Lock()

    def get_app(self):
        app = super().get_app()
        if not self.connections_override:
            return app

        def serialised(environ, start_response):
            with self._one_at_a_time:
                response = app(environ, start_response)
                try:
                    return list(response)
                finally:
                    if hasattr(response, "close"):
                        response.close()

        return serialised


testcases.LiveServerThread.server_class = OneRequestAtATimeServer

ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
CHROMIUM_NAMES = ("chromium", "chromium-browser")
# The machine running the tests may have no network: nothing in Chromium may try to reach it.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
ACTION_TIMEOUT_MS = 10_000

_session_key = pytest.StashKey["BrowserSession"]()
_not_run_reasons: set[str] = set()


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def find_chromium() -> tuple[str | None, str]:
    """The browser's executable, or None and why none was found."""
    configured = os.environ.get("CHROMIUM_PATH", "").strip()
    if configured:
        if Path(configured).is_file() and os.access(configured, os.X_OK):
            return configured, ""
        return None, f"CHROMIUM_PATH={configured!r} is not an executable file"
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found, ""
    return None, (
        f"no Chromium on PATH (looked for {', '.join(CHROMIUM_NAMES)}); install Debian's "
        "package (apt-get install chromium) or point CHROMIUM_PATH at a Chromium executable"
    )


def chromium_args() -> list[str]:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium's sandbox cannot start as root (containers, CI runners).
        return ["--no-sandbox", *CHROMIUM_ARGS]
    return list(CHROMIUM_ARGS)


@pytest.fixture(scope="package")
def chromium() -> Browser:
    executable, problem = find_chromium()
    if executable is None:
        if running_in_ci():
            pytest.fail(f"Browser tests cannot run in CI: {problem}.", pytrace=False)
        _not_run_reasons.add(problem)
        pytest.skip(f"BROWSER TESTS NOT RUN: {problem}")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    thread_connections = {alias: connections[alias] for alias in connections}
    try:
        with sync_playwright() as playwright:
            # With an event loop running, Django keeps database connections per context
            # instead of per thread, and would open new ones: without the test database's
            # saved state (serialized_rollback) and, on SQLite, apart from the live server's
            # shared in-memory connection. Keep the thread's.
            for alias, connection in thread_connections.items():
                connections[alias] = connection
            browser = playwright.chromium.launch(
                executable_path=executable, headless=True, args=chromium_args()
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class BrowserSession:
    """The browser contexts (one per person: own cookies) and pages of one test."""

    def __init__(self, browser: Browser, base_url: str):
        self.browser = browser
        self.base_url = base_url
        self.contexts: list[BrowserContext] = []
        self.pages: list[tuple[str, Page]] = []
        # (who, page address, message, address of the resource the message is about)
        self.console_errors: list[tuple[str, str, str, str]] = []
        self.failed_documents: set[str] = set()
        # Requests sent and not yet answered (beacons included), so that closing waits for them.
        self.in_flight: set = set()

    def open(self, who: str, *, phone: bool = False, javascript: bool = True) -> Page:
        """A new person at the site: ``phone`` for a reader's phone, else a desktop screen."""
        context = self.browser.new_context(
            base_url=self.base_url,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            java_script_enabled=javascript,
            **(PHONE if phone else DESKTOP),
        )
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        self.contexts.append(context)
        # Pages the site opens itself (links with target="_blank") are watched too.
        context.on("page", lambda page: self._watch(who, page))
        page = context.new_page()
        self._watch(who, page)
        return page

    def _watch(self, who: str, page: Page) -> None:
        if any(seen is page for _who, seen in self.pages):
            return
        self.pages.append((who, page))

        def on_console(message) -> None:
            if message.type == "error":
                resource = (message.location or {}).get("url", "")
                self.console_errors.append((who, page.url, message.text, resource))

        def on_page_error(error) -> None:
            self.console_errors.append((who, page.url, f"uncaught exception: {error}", ""))

        def on_response(response) -> None:
            if response.request.resource_type == "document" and response.status >= 400:
                self.failed_documents.add(response.url)

        page.on("console", on_console)
        page.on("pageerror", on_page_error)
        page.on("response", on_response)
        page.on("request", lambda request: self.in_flight.add(request))
        page.on("requestfinished", lambda request: self.in_flight.discard(request))
        page.on("requestfailed", lambda request: self.in_flight.discard(request))

    def public_page_errors(self) -> list[str]:
        """Console errors seen on reader-facing pages.

        The admin and the editor's views are left out (CKEditor logs its own warnings there).
        A page's own HTTP status (a 404 the test asked for, the 400 of a form with errors)
        also reaches the console as "Failed to load resource"; the tests check those statuses
        themselves, so only failures of the resources a page loads count here.
        """
        errors = []
        for who, page_url, text, resource in self.console_errors:
            path = urlsplit(page_url).path
            if not page_url.startswith("http") or path.startswith(
                django_settings.STAFF_AREA_PATH_PREFIXES
            ):
                continue
            if text.startswith("Failed to load resource") and resource in self.failed_documents:
                continue
            errors.append(f"{who} on {path}: {text}" + (f" ({resource})" if resource else ""))
        return errors

    def save_artifacts(self, test_id: str) -> list[Path]:
        folder = ARTIFACTS_DIR / re.sub(r"[^\w.-]+", "_", test_id).strip("_")
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        saved = []
        for number, (who, page) in enumerate(self.pages, start=1):
            if page.is_closed():
                continue
            stem = folder / f"{number}-{who}"
            try:
                page.screenshot(path=stem.with_suffix(".png"), full_page=True)
                saved.append(stem.with_suffix(".png"))
                stem.with_suffix(".html").write_text(
                    f"<!-- {page.url} -->\n{page.content()}", encoding="utf-8"
                )
                saved.append(stem.with_suffix(".html"))
            except PlaywrightError as error:
                stem.with_suffix(".txt").write_text(f"{page.url}\n{error}\n", encoding="utf-8")
                saved.append(stem.with_suffix(".txt"))
        return saved

    def close(self) -> None:
        """Stop every request from here on, leave every page, wait for the server to answer
        what was already sent, then close. A request still being handled when the test's
        database is emptied (the unload beacons of autosave and of the edit lock, say) would
        write rows whose user is being deleted; on a loaded machine waiting for them was not
        always long enough, so they are no longer sent."""
        for context in self.contexts:
            with contextlib.suppress(PlaywrightError):
                context.route("**/*", lambda route: route.abort())
        for _who, page in self.pages:
            if not page.is_closed():
                with contextlib.suppress(PlaywrightError):
                    page.goto("about:blank")
        deadline = time.monotonic() + 5
        while self.in_flight and time.monotonic() < deadline:
            for _who, page in self.pages:
                if not page.is_closed():
                    page.wait_for_timeout(50)
                    break
            else:
                break
        for context in self.contexts:
            context.close()


@pytest.fixture
def open_page(request, chromium, live_server):
    """Open a page for someone: ``reader = open_page("reader", phone=True)``.

    Each call is a new browser context, so a reader and a moderator do not share cookies.
    Relative addresses (``page.goto(reverse(...))``) go to the live server.
    """
    session = BrowserSession(chromium, live_server.url)
    request.node.stash[_session_key] = session
    yield session.open
    session.close()


@pytest.fixture(autouse=True)
def _browser_test_settings(settings, monkeypatch):
    """The site as it runs in production: the real captcha check, and readers' pages served
    from the page cache (which the other tests turn off). No comment limits, though: the
    tests post several comments in a few seconds from one address. Logging in is fast with a
    cheap password hasher."""
    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", False)
    settings.PAGE_CACHE = True
    settings.COMMENT_RATE_LIMIT = "0"
    settings.COMMENT_FLOOD_SECONDS = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    session = item.stash.get(_session_key, None)
    if session is not None:
        errors = session.public_page_errors()
        if errors:
            pytest.fail(
                "JavaScript console errors on public pages:\n  " + "\n  ".join(errors),
                pytrace=False,
            )
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    session = item.stash.get(_session_key, None)
    if report.when == "call" and report.failed and session is not None:
        saved = session.save_artifacts(item.nodeid)
        if saved:
            listing = "\n".join(str(path) for path in saved)
            report.sections.append(("browser artifacts (screenshot and HTML)", listing))
    return report


def pytest_terminal_summary(terminalreporter):
    for reason in sorted(_not_run_reasons):
        terminalreporter.section("BROWSER TESTS NOT RUN", sep="!", red=True, bold=True)
        terminalreporter.line(f"The browser tests were skipped: {reason}.", red=True, bold=True)


@pytest.fixture
def news_site(db):
    """A small newspaper: two categories, four published articles and a draft.

    The featured article (the home page's lead story) has a cover picture, two captioned
    figures in its body, a table wider than a phone, approved comments, one newer and one
    older article in its category.
    """
    now = timezone.now()
    city = CategoryFactory(name="Thời sự", slug="thoi-su", position=1)
    culture = CategoryFactory(name="Văn hóa", slug="van-hoa", position=2)
    older = ArticleFactory(
        category=city,
        title="Khánh thành cầu vượt nút giao Đồng Tâm",
        published_at=now - dt.timedelta(days=3),
    )
    body = "".join(
        [
            "<p>Sáng nay, tuyến phố đi bộ quanh hồ chính thức mở cửa đón người dân.</p>",
            figure(
                media_image("ho-sang-som.png", size=(640, 360), color="#3a6ea5"),
                alt="Người dân tập thể dục quanh hồ",
                caption="Người dân tập thể dục quanh hồ lúc sáng sớm. Ảnh: Minh Anh",
            ),
            "<h2>Lịch hoạt động</h2>",
            "<table><thead><tr>"
            + "".join(f"<th>Ngày {n} trong tuần của tháng</th>" for n in range(1, 8))
            + "</tr></thead><tbody><tr>"
            + "".join("<td>Từ 19 giờ đến 24 giờ</td>" for _ in range(7))
            + "</tr></tbody></table>",
            '<p>Thông tin chi tiết: <a href="https://hanoi.example.vn/thong-bao/pho-di-bo/'
            'lich-hoat-dong-chi-tiet-cua-tuyen-pho-di-bo-quanh-ho-nam-2026">'
            "https://hanoi.example.vn/thong-bao/pho-di-bo/lich-hoat-dong-chi-tiet-cua-tuyen-"
            "pho-di-bo-quanh-ho-nam-2026</a></p>",
            figure(
                media_image("pho-dem.png", size=(640, 360), color="#a5603a"),
                alt="Phố đi bộ buổi tối",
                caption="Phố đi bộ buổi tối cuối tuần.",
            ),
        ]
    )
    featured = ArticleFactory(
        category=city,
        title="Phố đi bộ quanh hồ Đống Đa mở cửa đón người dân",
        lead="Tuyến phố đi bộ dài 1,2 km quanh hồ mở cửa từ sáng nay, cấm xe cơ giới từ 19 giờ.",
        body=body,
        byline="Huy Kiên",
        cover_image=factory.django.ImageField(color="#2d6a4f", width=800, height=450),
        cover_caption="Hồ Đống Đa nhìn từ trên cao.",
        is_featured=True,
        published_at=now - dt.timedelta(days=1, minutes=13),
    )
    newer = ArticleFactory(
        category=city,
        title="Thêm ba tuyến buýt điện nối trung tâm với ngoại thành",
        published_at=now - dt.timedelta(hours=2),
    )
    elsewhere = ArticleFactory(
        category=culture,
        title="Liên hoan phim tài liệu trở lại sau hai năm",
        published_at=now - dt.timedelta(hours=5),
    )
    draft = ArticleFactory(
        category=city, title="Bản nháp chưa đăng", status="draft", published_at=None
    )
    for name, title in [("Nguyễn Văn Hùng", "Rất mong chờ"), ("Trần Thị Mai", "Cần thêm bãi xe")]:
        CommentFactory(article=featured, name=name, title=title, status=Comment.Status.APPROVED)
    return SimpleNamespace(
        city=city,
        culture=culture,
        older=older,
        featured=featured,
        newer=newer,
        elsewhere=elsewhere,
        draft=draft,
    )
