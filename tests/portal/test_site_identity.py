"""The portal's identity in the masthead and footer: edited in the admin (one row), cached with
no query per page, and shown on the next request after a change."""

import datetime as dt
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from hnp.pagecache import SITE, bump, content_version
from portal import templating
from portal.models import SINGLETON_PK, SiteSettings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

IDENTITY = {
    "portal_name": "Cổng tin tức thành phố HNP",
    "governing_agency": "Văn phòng Ủy ban nhân dân thành phố",
    "licence": "Giấy phép số 86/GP-TTĐT ngày 12/3/2025",
    "responsible_person": "Bà Đỗ Thanh Vân",
    "address": "Số 12 phố Tràng Thi, Hà Nội",
    "phone": "024 3936 0000",
    "hotline": "0912 345 000",
    "email": "toasoan@hnp.example",
}


@pytest.fixture
def identity():
    return SiteSettings.objects.create(**IDENTITY)


def test_the_footer_says_who_runs_the_portal(client, identity):
    response = client.get(reverse("articles:home"))

    assertContains(response, "Cổng tin tức thành phố HNP")
    for label, value in [
        ("Cơ quan chủ quản:", "Văn phòng Ủy ban nhân dân thành phố"),
        ("Giấy phép:", "Giấy phép số 86/GP-TTĐT ngày 12/3/2025"),
        ("Chịu trách nhiệm nội dung:", "Bà Đỗ Thanh Vân"),
        ("Địa chỉ:", "Số 12 phố Tràng Thi, Hà Nội"),
    ]:
        assertContains(response, f"<div><dt>{label}</dt> <dd>{value}</dd></div>", html=True)
    assertContains(response, '<a href="tel:02439360000">024 3936 0000</a>', html=True)
    assertContains(
        response, '<a href="mailto:toasoan@hnp.example">toasoan@hnp.example</a>', html=True
    )


def test_the_footer_links_to_feeds_sitemap_and_the_portal_pages(client):
    response = client.get(reverse("articles:home"))

    for href, text in [
        ("/trang/lien-he/", "Liên hệ"),
        ("/trang/chinh-sach-bao-ve-du-lieu-ca-nhan/", "Chính sách bảo vệ dữ liệu cá nhân"),
        ("/trang/tuyen-bo-ho-tro-tiep-can/", "Tuyên bố hỗ trợ tiếp cận"),
        ("/trang/quy-dinh-binh-luan/", "Quy định bình luận"),
        ("/rss/", "RSS"),
        ("/sitemap.xml", "Sơ đồ trang"),
    ]:
        assertContains(response, f'<li><a href="{href}">{text}</a></li>', html=True)


def test_the_masthead_shows_the_date_in_vietnamese_and_the_hotline(client, identity, monkeypatch):
    monkeypatch.setattr(templating.timezone, "localdate", lambda: dt.date(2026, 11, 30))

    response = client.get(reverse("articles:home"))

    assertContains(response, '<p class="masthead-strip__date">Thứ Hai, 30/11/2026</p>', html=True)
    assertContains(response, 'Đường dây nóng: <a href="tel:0912345000">0912 345 000</a>')


def test_blank_identity_fields_are_left_out(client):
    SiteSettings.objects.create(portal_name="HNP")

    response = client.get(reverse("articles:home"))

    assertNotContains(response, "Cơ quan chủ quản")
    assertNotContains(response, "Đường dây nóng")
    assertNotContains(response, "<dl")


def test_a_change_in_the_admin_shows_on_the_next_request(
    client, identity, django_capture_on_commit_callbacks
):
    assertContains(client.get(reverse("articles:home")), "024 3936 0000")

    with django_capture_on_commit_callbacks(execute=True):
        identity.phone = "024 3999 1111"
        identity.save()

    response = client.get(reverse("articles:home"))
    assertContains(response, "024 3999 1111")
    assertNotContains(response, "024 3936 0000")


def test_the_settings_cost_a_reader_page_no_query_once_cached(client, identity):
    """The first page reads the row; the reader pages after it take it from the cache."""
    client.get(reverse("articles:home"))

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("articles:search"))

    assert response.status_code == HTTPStatus.OK
    assert not [query for query in queries if "portal_sitesettings" in query["sql"]]


def test_a_change_the_cache_never_heard_of_shows_on_the_next_request(client, identity):
    """As when the cache was frozen while the settings were saved: the row changes and the
    site's version is bumped in the database, and nothing reaches the cache."""
    assertContains(client.get(reverse("articles:home")), "024 3936 0000")

    SiteSettings.objects.filter(pk=identity.pk).update(phone="024 3999 1111")
    bump(SITE)

    response = client.get(reverse("articles:search"))
    assertContains(response, "024 3999 1111")
    assertNotContains(response, "024 3936 0000")


def test_a_new_day_is_a_new_content_version():
    evening = dt.datetime(2026, 11, 30, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    night = evening + dt.timedelta(minutes=2)

    def version(moment: dt.datetime) -> str:
        return content_version(["site"], now=moment.timestamp())[0]

    assert version(evening) != version(night)
    assert version(night) == version(night + dt.timedelta(hours=1))


def test_the_admin_edits_the_one_row_and_cannot_add_or_delete(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("admin:portal_sitesettings_changelist"))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("admin:portal_sitesettings_change", args=[SINGLETON_PK])
    form = client.get(response["Location"])
    assertContains(form, "Cơ quan chủ quản")
    assert client.get(reverse("admin:portal_sitesettings_add")).status_code == HTTPStatus.FORBIDDEN
    delete = reverse("admin:portal_sitesettings_delete", args=[SINGLETON_PK])
    assert client.get(delete).status_code == HTTPStatus.FORBIDDEN


def test_saving_a_settings_row_always_writes_the_one_row():
    SiteSettings(hotline="1").save()
    SiteSettings(hotline="2").save()

    assert list(SiteSettings.objects.values_list("pk", "hotline")) == [(SINGLETON_PK, "2")]
