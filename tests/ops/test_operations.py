"""The operations commands of docs/deploy.md do what they say (Makefile targets)."""

import datetime as dt
import os
import subprocess
import uuid
from http import HTTPStatus
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest
from captcha.models import CaptchaStore
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from tests.ops.helpers import ROOT, clean_env, makefile_recipe, manage

OLD_KEY = "old-key-" + "a1B2c3D4e5F6g7H8i9J0" * 3
NEW_KEY = "new-key-" + "z9Y8x7W6v5U4t3S2r1Q0" * 3


def make(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        ["make", "--no-print-directory", *args],  # noqa: S607
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


# --- SECRET_KEY rotation ----------------------------------------------------------------------


def test_rotate_secret_writes_a_new_key_and_keeps_the_old_one_as_first_fallback(tmp_path):
    env_file = tmp_path / "production.env"
    env_file.write_text(
        "# production\nDEBUG=false\n"
        f"SECRET_KEY={OLD_KEY}\nSECRET_KEY_FALLBACKS=older-key\nALLOWED_HOSTS=hnp.example.vn\n"
    )
    env_file.chmod(0o600)
    result = make("rotate-secret", f"ENV_FILE={env_file}", env=clean_env())
    assert result.returncode == 0, result.stderr
    assert "Restart the web processes" in result.stdout
    lines = env_file.read_text().splitlines()
    new_key = next(line for line in lines if line.startswith("SECRET_KEY=")).split("=", 1)[1]
    assert len(new_key) >= 50
    assert new_key != OLD_KEY
    assert f"SECRET_KEY_FALLBACKS={OLD_KEY},older-key" in lines
    assert lines[:2] == ["# production", "DEBUG=false"]
    assert "ALLOWED_HOSTS=hnp.example.vn" in lines
    assert env_file.stat().st_mode & 0o777 == 0o600


def test_rotate_secret_refuses_a_missing_env_file(tmp_path):
    result = make("rotate-secret", f"ENV_FILE={tmp_path / 'nope.env'}", env=clean_env())
    assert result.returncode != 0
    assert "does not exist" in result.stderr


@pytest.mark.django_db
def test_a_staff_session_survives_a_key_rotation_while_the_old_key_is_a_fallback():
    """Sessions used while the old key is a fallback move to the new key; others lapse."""
    staff = get_user_model().objects.create_user("bientap", password="x", is_staff=True)
    active, away = Client(), Client()
    with override_settings(SECRET_KEY=OLD_KEY, SECRET_KEY_FALLBACKS=[]):
        active.force_login(staff)
        away.force_login(staff)
        assert away.get(reverse("admin:index")).status_code == HTTPStatus.OK
    with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[OLD_KEY]):
        assert active.get(reverse("admin:index")).status_code == HTTPStatus.OK
    with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[]):
        assert active.get(reverse("admin:index")).status_code == HTTPStatus.OK
        response = away.get(reverse("admin:index"))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))


# --- Admin user and captchas ------------------------------------------------------------------


def test_the_createsuperuser_and_clean_captchas_targets_run_the_django_commands():
    assert makefile_recipe("createsuperuser", ARGS="--noinput")[-1][1:] == [
        "manage.py",
        "createsuperuser",
        "--noinput",
    ]
    assert makefile_recipe("clean-captchas")[-1][1:] == ["manage.py", "captcha_clean"]


@pytest.mark.django_db
def test_createsuperuser_without_prompts_makes_an_administrator(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "mat-khau-quan-tri-42")
    call_command(
        "createsuperuser", interactive=False, username="quantri", email="qt@example.vn", verbosity=0
    )
    admin = get_user_model().objects.get(username="quantri")
    assert admin.is_superuser
    assert admin.is_staff
    assert admin.check_password("mat-khau-quan-tri-42")


@pytest.mark.django_db
def test_clean_captchas_deletes_only_expired_captchas():
    now = timezone.now()
    CaptchaStore.objects.create(
        challenge="ABCDE", response="abcde", expiration=now - dt.timedelta(minutes=1)
    )
    fresh = CaptchaStore.objects.create(
        challenge="FGHIJ", response="fghij", expiration=now + dt.timedelta(minutes=5)
    )
    call_command("captcha_clean", verbosity=0)
    assert list(CaptchaStore.objects.values_list("pk", flat=True)) == [fresh.pk]


# --- Backup and restore -----------------------------------------------------------------------


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@pytest.fixture
def scratch_database():
    """A PostgreSQL database of this test's own, dropped afterwards."""
    url = _postgres_url()
    if url is None:
        pytest.skip("backup and restore need PostgreSQL (set DATABASE_URL to a postgres:// URL)")
    name = f"hnp_ops_backup_{uuid.uuid4().hex[:10]}"
    parts = urlsplit(url)
    server = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with server.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


def _sql(url: str, statement: str):
    with psycopg2.connect(url) as db, db.cursor() as cursor:
        cursor.execute(statement)
        return cursor.fetchall() if cursor.description else None


def test_backup_and_restore_round_trip_a_migrated_database(scratch_database, tmp_path):
    env = clean_env(DATABASE_URL=scratch_database)
    migrated = manage("migrate", "--noinput", env=env)
    assert migrated.returncode == 0, migrated.stderr
    _sql(
        scratch_database,
        "INSERT INTO articles_category (name, slug, position) VALUES ('Thời sự', 'thoi-su', 1)",
    )

    backup = make("backup", env={**env, "BACKUP_DIR": str(tmp_path / "nightly")})
    assert backup.returncode == 0, backup.stderr
    [dump] = (tmp_path / "nightly").glob("hnp-*.dump")
    assert dump.stat().st_size > 0

    _sql(scratch_database, "DELETE FROM articles_category")
    _sql(
        scratch_database,
        "INSERT INTO articles_category (name, slug, position) VALUES ('Sai', 'sai', 2)",
    )
    restore = make("restore", f"BACKUP={dump}", env=env)
    assert restore.returncode == 0, restore.stderr
    assert _sql(scratch_database, "SELECT name, slug FROM articles_category") == [
        ("Thời sự", "thoi-su")
    ]
    assert _sql(scratch_database, "SELECT count(*) FROM django_migrations")[0][0] > 0


def test_restore_insists_on_naming_the_dump(scratch_database):
    result = make("restore", env=clean_env(DATABASE_URL=scratch_database))
    assert result.returncode != 0
    assert "name the dump to restore" in result.stdout


def test_backup_refuses_a_database_that_is_not_postgresql(tmp_path):
    backups = tmp_path / "backups"
    backups.mkdir()
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    result = make("backup", env=clean_env(DATABASE_URL=database, BACKUP_DIR=str(backups)))
    assert result.returncode != 0
    assert "DATABASE_URL must name the PostgreSQL database" in result.stderr
    assert list(backups.iterdir()) == []
