"""A staff member sees where they are signed in and signs the other sessions out (issue 18,
the admin's "Phiên đăng nhập" page)."""

import datetime as dt
from http import HTTPStatus

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hnp.models import StaffSession
from hnp.staff_sessions import masked_network, prune_sessions
from hnp.user_agents import describe_user_agent
from tests.support.accounts import PASSWORD, logged_in

pytestmark = pytest.mark.django_db

CHROME_ON_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
SAFARI_ON_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)
FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
PAGE = reverse("staff-sessions")


def signed_in(user, user_agent: str, address: str) -> Client:
    """A browser that signed in through the admin's login form."""
    browser = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address)
    response = browser.post(
        reverse("admin:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == HTTPStatus.FOUND, "the sign-in failed"
    return browser


def is_signed_in(browser: Client) -> bool:
    return browser.get(reverse("admin:index")).status_code == HTTPStatus.OK


def test_a_user_signed_in_twice_sees_both_sessions_and_signs_the_other_out(journalist):
    laptop = signed_in(journalist, CHROME_ON_WINDOWS, "203.0.113.7")
    phone = signed_in(journalist, SAFARI_ON_IPHONE, "198.51.100.20")

    page = laptop.get(PAGE)

    assert page.status_code == HTTPStatus.OK
    html = page.content.decode()
    assert "Chrome trên Windows" in html and "Safari trên iOS" in html
    assert "203.0.113.*" in html and "198.51.100.*" in html
    assert "203.0.113.7" not in html, "the address is shown without its last part"
    assert html.count("thiết bị này") == 1
    assert not any(key in html for key in Session.objects.values_list("session_key", flat=True))

    ended = laptop.post(PAGE, follow=True)

    assert "Đã đăng xuất 1 phiên khác." in ended.content.decode()
    assert is_signed_in(laptop)
    sent_away = phone.get(reverse("admin:index"))
    assert sent_away.status_code == HTTPStatus.FOUND
    assert sent_away["Location"].startswith(reverse("admin:login"))
    assert "Safari trên iOS" not in laptop.get(PAGE).content.decode()


def test_one_session_can_be_signed_out_alone(journalist):
    laptop = signed_in(journalist, CHROME_ON_WINDOWS, "203.0.113.7")
    phone = signed_in(journalist, SAFARI_ON_IPHONE, "198.51.100.20")
    home = signed_in(journalist, FIREFOX_ON_LINUX, "192.0.2.44")
    phone_row = StaffSession.objects.get(user=journalist, network="198.51.100.*")

    response = laptop.post(PAGE, {"session": phone_row.pk}, follow=True)

    assert "Đã đăng xuất phiên đó." in response.content.decode()
    assert not is_signed_in(phone)
    assert is_signed_in(home) and is_signed_in(laptop)


def test_nobody_can_end_another_users_session(journalist, editor):
    intruder = signed_in(journalist, CHROME_ON_WINDOWS, "203.0.113.7")
    victim = logged_in(editor)
    victims_row = StaffSession.objects.get(user=editor)

    crafted = intruder.post(PAGE, {"session": victims_row.pk}, follow=True)
    intruder.post(PAGE)  # "sign out the other sessions" ends only the intruder's own

    assert "Phiên đó đã kết thúc từ trước." in crafted.content.decode()
    assert is_signed_in(victim)
    assert StaffSession.objects.filter(pk=victims_row.pk).exists()


@pytest.mark.parametrize("value", ["abc", "", "²", "9" * 40, "-1"])
def test_a_malformed_session_id_ends_nothing(journalist, value):
    laptop = signed_in(journalist, CHROME_ON_WINDOWS, "203.0.113.7")
    phone = signed_in(journalist, SAFARI_ON_IPHONE, "198.51.100.20")

    response = laptop.post(PAGE, {"session": value})

    assert response.status_code == HTTPStatus.FOUND
    assert is_signed_in(phone)


def test_the_page_needs_a_signed_in_staff_member(client, journalist):
    other = logged_in(journalist)

    for response in (client.get(PAGE), client.post(PAGE)):
        assert response.status_code == HTTPStatus.FOUND
        assert response["Location"].startswith(reverse("admin:login"))
    assert is_signed_in(other)


def test_every_staff_member_finds_the_page_in_the_admins_user_tools(journalist_client):
    html = journalist_client.get(reverse("admin:index")).content.decode()

    assert f'<a href="{PAGE}">Phiên đăng nhập</a>' in html


def test_the_page_reads_a_fixed_number_of_queries(journalist, django_assert_num_queries):
    """One query lists the sessions, however many there are (no query per row for its
    session's expiry: an EXISTS per row in the same query)."""
    browsers = [
        signed_in(journalist, agent, f"203.0.113.{n}")
        for n, agent in enumerate([CHROME_ON_WINDOWS, SAFARI_ON_IPHONE, FIREFOX_ON_LINUX] * 2)
    ]
    browsers[0].get(PAGE)

    # The session, the user, the sessions' list; the admin's frame: the user's permissions
    # (two) and the newsroom links' count of unread review decisions.
    with django_assert_num_queries(6):
        response = browsers[0].get(PAGE)

    assert response.content.decode().count('name="session"') == 5


def test_signing_out_removes_the_session_from_the_list(journalist):
    laptop = signed_in(journalist, CHROME_ON_WINDOWS, "203.0.113.7")
    phone = signed_in(journalist, SAFARI_ON_IPHONE, "198.51.100.20")

    phone.post(reverse("admin:logout"))

    assert "Safari trên iOS" not in laptop.get(PAGE).content.decode()
    assert StaffSession.objects.filter(user=journalist).count() == 1


def test_a_password_change_takes_the_other_sessions_off_the_list(journalist):
    laptop = signed_in(journalist, CHROME_ON_WINDOWS, "203.0.113.7")
    signed_in(journalist, SAFARI_ON_IPHONE, "198.51.100.20")
    new_password = "mot-mat-khau-moi-rat-dai-2026"

    laptop.post(
        reverse("admin:password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )

    html = laptop.get(PAGE).content.decode()
    assert "Safari trên iOS" not in html
    assert "Chrome trên Windows" in html and "thiết bị này" in html


def test_the_hourly_job_forgets_sessions_that_ended_without_a_sign_out(journalist, settings):
    settings.STAFF_SESSION_IDLE_HOURS = 8
    laptop = signed_in(journalist, CHROME_ON_WINDOWS, "203.0.113.7")
    signed_in(journalist, SAFARI_ON_IPHONE, "198.51.100.20")
    signed_in(journalist, FIREFOX_ON_LINUX, "192.0.2.44")
    idle = StaffSession.objects.get(network="198.51.100.*")
    idle.last_seen = timezone.now() - dt.timedelta(hours=9)
    idle.save()
    Session.objects.filter(
        session_key=StaffSession.objects.get(network="192.0.2.*").session_key
    ).delete()

    assert prune_sessions() == 2

    assert list(StaffSession.objects.values_list("network", flat=True)) == ["203.0.113.*"]
    assert is_signed_in(laptop)


@pytest.mark.parametrize(
    ("user_agent", "shown"),
    [
        (CHROME_ON_WINDOWS, "Chrome trên Windows"),
        (SAFARI_ON_IPHONE, "Safari trên iOS"),
        (FIREFOX_ON_LINUX, "Firefox trên Linux"),
        (
            "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Mobile Safari/537.36",
            "Chrome trên Android",
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like "
            "Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            "Edge trên macOS",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "coc_coc_browser/137.0.0 Chrome/131.0.0.0 Safari/537.36",
            "Cốc Cốc trên Windows",
        ),
        ("curl/8.5.0", "Trình duyệt không rõ"),
        ("", "Trình duyệt không rõ"),
    ],
)
def test_the_browser_is_named_in_a_few_words(user_agent, shown):
    assert describe_user_agent(user_agent) == shown


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        ("203.0.113.7", "203.0.113.*"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("", ""),
    ],
)
def test_the_address_is_kept_without_its_last_part(address, shown):
    assert masked_network(address) == shown
