import datetime as dt
import re
import shutil
from http import HTTPStatus
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article, Category
from articles.sanitizer import sanitize_html
from demo.images import COVER_SIZE, FIGURE_SIZE, render_illustration
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

IMG_SRC = re.compile(r'<img src="([^"]+)" alt="([^"]+)"')


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The command hashes three passwords per run; the real hasher would dominate the run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def debug(settings):
    """The command is a development tool: it only runs with DEBUG on (tests run with it off)."""
    settings.DEBUG = True


def load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def printed_password(output: str, username: str) -> str:
    return re.search(rf"^\s+{username}\s+(\S+)\s", output, re.MULTILINE).group(1)


def media_files(settings) -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def site_state(settings) -> dict:
    return {
        "categories": Category.objects.count(),
        "articles": sorted(
            Article.objects.values_list("slug", "status", "published_at", "cover_image", "body")
        ),
        "users": sorted(get_user_model().objects.values_list("username", flat=True)),
        "files": media_files(settings),
    }


def test_demo_fills_every_category_with_published_articles(debug):
    load_demo()

    published = Article.objects.published()
    assert Category.objects.count() >= 4
    assert Article.objects.count() >= 14
    assert published.count() >= 12
    assert not Category.objects.exclude(articles__in=published).exists()
    assert all(article.byline and article.lead for article in Article.objects.all())
    featured = published.filter(is_featured=True)
    assert featured.count() == 1
    with_d = Article.objects.filter(title__startswith="Đ").first()
    assert with_d is not None
    assert with_d.slug.startswith("d")


def test_demo_has_a_scheduled_article_a_draft_and_one_in_review(debug):
    load_demo()

    scheduled = Article.objects.filter(
        status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
    )
    assert scheduled.count() == 1
    assert scheduled.get().published_at > timezone.now() + dt.timedelta(days=1)
    assert not Article.objects.published().filter(pk=scheduled.get().pk).exists()
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == 1
    assert Article.objects.filter(status=Article.Status.REVIEW).count() == 1


def test_publish_times_are_spread_over_the_last_weeks(debug):
    load_demo()

    times = list(Article.objects.published().values_list("published_at", flat=True))
    assert len({time.date() for time in times}) >= 10
    assert min(times) < timezone.now() - dt.timedelta(days=14)


def test_captioned_figures_survive_the_sanitiser_and_their_pictures_exist(debug, settings):
    load_demo()

    with_figures = Article.objects.filter(body__contains="<figcaption>")
    assert with_figures.count() >= 3
    for article in with_figures:
        assert '<figure class="image image-captioned">' in article.body
        assert sanitize_html(article.body) == article.body
        images = IMG_SRC.findall(article.body)
        assert images
        for src, alt in images:
            assert alt
            assert src.startswith(settings.MEDIA_URL)
            name = src.removeprefix(settings.MEDIA_URL)
            assert default_storage.exists(name)
            with default_storage.open(name) as picture, Image.open(picture) as image:
                assert image.size == FIGURE_SIZE


def test_every_article_has_a_jpeg_cover_under_covers(debug):
    load_demo()

    for article in Article.objects.all():
        assert article.cover_image.name.startswith("covers/")
        assert article.cover_caption
        with article.cover_image.open() as cover, Image.open(cover) as image:
            assert image.format == "JPEG"
            assert image.size == COVER_SIZE


def test_loading_twice_changes_nothing(debug, settings):
    load_demo()
    before = site_state(settings)

    output = load_demo()

    assert site_state(settings) == before
    assert "(0 new)" in output
    assert "0 pictures drawn" in output


def test_loading_again_keeps_what_was_edited_in_the_admin(debug):
    load_demo()
    article = Article.objects.published().first()
    article.title = "Tiêu đề do biên tập viên sửa"
    article.save()

    load_demo()

    article.refresh_from_db()
    assert article.title == "Tiêu đề do biên tập viên sửa"


def test_a_deleted_demo_article_comes_back_without_a_second_copy_of_its_cover(debug, settings):
    load_demo()
    files = media_files(settings)
    article = Article.objects.published().first()
    cover = article.cover_image.name
    article.delete()

    load_demo()

    assert Article.objects.get(slug=article.slug).cover_image.name == cover
    assert media_files(settings) == files


def test_pictures_deleted_from_media_are_drawn_again(debug, settings):
    load_demo()
    files = media_files(settings)
    shutil.rmtree(settings.MEDIA_ROOT)

    output = load_demo()

    assert media_files(settings) == files
    drawn = [name for name in files if not name.startswith("renditions/")]
    assert f"{len(drawn)} pictures drawn" in output


def test_admin_logs_in_with_the_printed_password(debug, client):
    output = load_demo()

    assert "http://127.0.0.1:8000/" in output
    assert "http://127.0.0.1:8000/admin/" in output
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert client.login(username="admin", password=printed_password(output, "admin"))


def test_demo_staff_join_the_journalist_editor_and_moderator_groups(debug, client):
    journalists, _ = Group.objects.get_or_create(name="Journalist")
    editors, _ = Group.objects.get_or_create(name="Editor")
    moderators, _ = Group.objects.get_or_create(name="Moderator")

    output = load_demo()

    journalist = get_user_model().objects.get(username="phongvien")
    editor = get_user_model().objects.get(username="bientap")
    assert list(journalist.groups.all()) == [journalists]
    assert list(editor.groups.all()) == [editors]
    assert journalist.is_staff and not journalist.is_superuser
    assert editor.is_staff and not editor.is_superuser
    assert Article.objects.get(status=Article.Status.DRAFT).created_by == journalist
    assert Article.objects.published().first().created_by == editor
    moderator = get_user_model().objects.get(username="kiemduyet")
    assert list(moderator.groups.all()) == [moderators]
    assert moderator.has_perm("comments.moderate_comment")
    assert not moderator.has_perm("articles.change_article")
    for username in ("phongvien", "bientap", "kiemduyet"):
        assert client.login(username=username, password=printed_password(output, username))


def test_without_the_role_groups_only_the_admin_is_created(debug):
    Group.objects.filter(name__in=["Journalist", "Editor", "Moderator"]).delete()

    load_demo()

    assert list(get_user_model().objects.values_list("username", flat=True)) == ["admin"]
    assert Article.objects.exclude(created_by__username="admin").count() == 0


def test_an_existing_admin_keeps_its_own_password(debug, client):
    UserFactory(username="admin", is_staff=True, is_superuser=True)

    output = load_demo()

    assert printed_password(output, "admin") == "(changed)"
    assert client.login(username="admin", password="mat-khau-thu-nghiem-42")


def test_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG=False"):
        load_demo()

    assert not Article.objects.exists()
    assert not get_user_model().objects.filter(username="admin").exists()


def test_force_runs_with_debug_off(settings):
    settings.DEBUG = False

    load_demo("--force")

    assert Article.objects.published().count() >= 12


def test_reader_pages_show_the_demo(debug, client):
    try:
        get_template("articles/home.html")
    except TemplateDoesNotExist:
        pytest.skip("the reader site's templates are not there yet")
    load_demo()
    featured = Article.objects.published().get(is_featured=True)
    scheduled = Article.objects.exclude(pk__in=Article.objects.published()).filter(
        status=Article.Status.PUBLISHED
    )

    home = client.get(reverse("articles:home"))
    detail = client.get(featured.get_absolute_url())

    assert home.status_code == HTTPStatus.OK
    assert featured.title in home.content.decode()
    assert detail.status_code == HTTPStatus.OK
    assert "<figcaption>" in detail.content.decode()
    assert client.get(scheduled.get().get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_illustrations_are_the_same_every_time():
    def draw(key: str) -> bytes:
        return render_illustration(
            key=key,
            label="Đường ven kênh",
            kicker="Đô thị",
            colors=("#0f5f68", "#3fb6d8"),
            motif="skyline",
            size=FIGURE_SIZE,
        )

    assert draw("a") == draw("a")
    assert draw("a") != draw("b")
