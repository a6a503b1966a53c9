"""Backups that run themselves and restore: `manage.py backup` (what the compose `backup`
service runs daily) dumps the database and archives the media; the dump restored into a new,
empty database serves the same site, row for row; old backups go, here and off-site.

On PostgreSQL (DATABASE_URL) with the machine's pg_dump and pg_restore; CI runs it."""

import datetime as dt
import os
import tarfile
import time
import uuid
from http import HTTPStatus
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.ops.helpers import clean_env, manage
from tests.support.servers import SEED, Client, prepare_database, site_env, start_site, stop_site

FILE_SYSTEM = "django.core.files.storage.FileSystemStorage"  # S3 in production, same calls
COMMENTS = """
from articles.models import Article
from comments.models import Comment
article = Article.objects.get(slug="mo-binh-luan")
for number in range(3):
    Comment.objects.create(article=article, name=f"Bạn đọc {number}", title=f"Ý kiến {number}",
                           content=f"Nội dung ý kiến số {number}.",
                           status=Comment.Status.APPROVED)
"""


def _server() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("the restore drill runs on PostgreSQL: set DATABASE_URL to a postgres:// URL")
    return url


@pytest.fixture
def databases():
    """Two new databases, "live" and "restored", dropped afterwards."""
    parts = urlsplit(_server())
    names = {role: f"hnp_drill_{role}_{uuid.uuid4().hex[:8]}" for role in ("live", "restored")}
    server = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    server.autocommit = True
    with server.cursor() as cursor:
        for name in names.values():
            cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {role: urlunsplit(parts._replace(path=f"/{name}")) for role, name in names.items()}
    finally:
        with server.cursor() as cursor:
            for name in names.values():
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


def row_counts(url: str) -> dict[str, int]:
    with psycopg2.connect(url) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (names from the catalog)
            counts[table] = cursor.fetchone()[0]
        return counts


def served_article(env: dict[str, str], workdir, slug: str) -> str:
    site = start_site(env, workdir, workers=1, threads=2)
    try:
        answer = Client(site).get(reverse("articles:detail", kwargs={"slug": slug}))
    finally:
        stop_site(site)
    assert answer.status == HTTPStatus.OK
    # The article and its comments, without what changes per request (nonces, tokens) or per
    # server (the port in its share links' addresses).
    start, end = answer.body.index("<main"), answer.body.index("</main>")
    return (
        answer.body[start:end]
        .replace(f"127.0.0.1:{site.port}", "127.0.0.1")
        .replace(f"127.0.0.1%3A{site.port}", "127.0.0.1")
    )


def test_a_backup_restored_into_a_new_database_serves_the_same_site(databases, tmp_path):
    live_dir, restored_dir = tmp_path / "live", tmp_path / "restored"
    live_dir.mkdir(), restored_dir.mkdir()
    live_env = site_env(live_dir, databases["live"], BACKUP_DIR=str(tmp_path / "backups"))
    prepare_database(live_env, SEED + COMMENTS)
    (live_dir / "media" / "covers").mkdir(parents=True)
    (live_dir / "media" / "covers" / "anh-bia.jpg").write_bytes(b"\xff\xd8 a cover \xff\xd9")

    backup = manage("backup", env=live_env)
    assert backup.returncode == 0, backup.stderr
    [dump] = (tmp_path / "backups").glob("hnp-*.dump")
    [media] = (tmp_path / "backups").glob("media-*.tar.gz")

    restored_env = site_env(restored_dir, databases["restored"])
    restore = manage("restore_database", str(dump), env=restored_env)
    assert restore.returncode == 0, restore.stderr
    with tarfile.open(media) as archive:
        archive.extractall(restored_dir / "media", filter="data")
    collected = manage("collectstatic", "--noinput", env=restored_env)
    assert collected.returncode == 0, collected.stderr

    counts = row_counts(databases["restored"])
    assert counts == row_counts(databases["live"])
    assert counts["articles_article"] == 1 and counts["comments_comment"] == 3
    assert (restored_dir / "media" / "covers" / "anh-bia.jpg").read_bytes().startswith(b"\xff\xd8")
    live_page = served_article(live_env, live_dir, "mo-binh-luan")
    assert served_article(restored_env, restored_dir, "mo-binh-luan") == live_page
    assert "Bài đang mở bình luận" in live_page and "Ý kiến 2" in live_page


def test_restore_names_a_missing_dump(databases, tmp_path):
    result = manage(
        "restore_database", str(tmp_path / "nope.dump"), env=clean_env(DATABASE_URL=_server())
    )
    assert result.returncode != 0
    assert "No dump at" in result.stderr


@pytest.mark.django_db(transaction=True)
def test_backups_older_than_the_retention_go_here_and_off_site(settings, tmp_path):
    _server()
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_KEEP_DAYS = 14
    settings.STORAGES = {
        **settings.STORAGES,
        "backups": {"BACKEND": FILE_SYSTEM, "OPTIONS": {"location": tmp_path / "s3"}},
    }
    settings.BACKUP_DIR.mkdir()
    (tmp_path / "s3").mkdir()
    weeks_ago = time.time() - dt.timedelta(days=15).total_seconds()
    for folder in (settings.BACKUP_DIR, tmp_path / "s3"):
        for name in ("hnp-20260101-030000.dump", "media-20260101-030000.tar.gz"):
            (folder / name).write_bytes(b"old")
            os.utime(folder / name, (weeks_ago, weeks_ago))
        (folder / "notes.txt").write_text("not a backup: kept")
        os.utime(folder / "notes.txt", (weeks_ago, weeks_ago))

    call_command("backup", verbosity=0)

    for folder in (settings.BACKUP_DIR, tmp_path / "s3"):
        names = sorted(path.name for path in folder.iterdir())
        assert len(names) == 3, names
        assert names[0].startswith("hnp-2") and names[0] != "hnp-20260101-030000.dump"
        assert names[1].startswith("media-2") and names[1] != "media-20260101-030000.tar.gz"
        assert names[2] == "notes.txt"
