"""Backups: a pg_dump of the database and an archive of the uploaded media, kept
BACKUP_KEEP_DAYS days in BACKUP_DIR and, when BACKUP_S3_BUCKET is set, copied off the machine
through the "backups" storage (django-storages' S3, like the media's). ``manage.py backup``
makes one; the compose `backup` service makes one a day (docs/deploy.md, "Backups").

``manage.py restore_database`` puts a dump back; tests/ops/test_restore_drill.py proves that
what comes back serves the same site.
"""

import datetime as dt
import logging
import os
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.core.management.base import CommandError
from django.utils import timezone

logger = logging.getLogger("hnp.backups")

DUMP_PREFIX, MEDIA_PREFIX = "hnp-", "media-"


@dataclass
class Backup:
    dump: Path
    media: Path | None


def _database() -> dict:
    database = settings.BACKUP_DATABASE or settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise CommandError(
            "DATABASE_URL must name the PostgreSQL database (or BACKUP_DATABASE_URL does)."
        )
    return database


def _libpq_env(database: dict) -> dict[str, str]:
    """How pg_dump and pg_restore reach the database; the password never on a command line."""
    env = {**os.environ, "PGDATABASE": database["NAME"]}
    for name, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if database.get(key):
            env[name] = str(database[key])
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return env


def _run(command: list[str], database: dict) -> None:
    result = subprocess.run(  # noqa: S603
        command, env=_libpq_env(database), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise CommandError(f"{command[0]} failed: {result.stderr.strip()}")


def dump_database(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    _run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}"],
        _database(),
    )
    partial.replace(path)  # a dump that is there is a whole one
    return path


def restore_database(path: Path) -> None:
    """Replace the database's contents with the dump, in one transaction."""
    if not path.is_file():
        raise CommandError(f"No dump at {path}.")
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={_database()['NAME']}",
            str(path),
        ],  # fmt: skip
        _database(),
    )


def archive_media(path: Path) -> Path | None:
    """The uploaded files, when they are on this machine's disk (a bucket keeps its own)."""
    if not isinstance(default_storage, FileSystemStorage):
        return None
    root = Path(settings.MEDIA_ROOT)
    partial = path.with_name(path.name + ".partial")
    with tarfile.open(partial, "w:gz") as archive:
        if root.is_dir():
            archive.add(root, arcname=".")
    partial.replace(path)
    return path


def prune(folder: Path, keep_days: int, now: dt.datetime) -> list[str]:
    cutoff = (now - dt.timedelta(days=keep_days)).timestamp()
    removed = []
    for path in sorted(folder.glob("*")):
        if path.name.startswith((DUMP_PREFIX, MEDIA_PREFIX)) and path.stat().st_mtime < cutoff:
            path.unlink()
            removed.append(path.name)
    return removed


def copy_off_site(backup: Backup, keep_days: int, now: dt.datetime) -> list[str]:
    """Copy to the "backups" storage, and remove there what is older than ``keep_days``."""
    store = storages["backups"]
    for path in filter(None, (backup.dump, backup.media)):
        with path.open("rb") as handle:
            store.save(path.name, File(handle))
    removed = []
    _folders, names = store.listdir("")
    for name in sorted(names):
        if name.startswith((DUMP_PREFIX, MEDIA_PREFIX)) and (
            store.get_modified_time(name) < now - dt.timedelta(days=keep_days)
        ):
            store.delete(name)
            removed.append(name)
    return removed


def make_backup(*, media: bool = True) -> Backup:
    now = timezone.now()
    stamp = now.strftime("%Y%m%d-%H%M%S")
    folder = Path(settings.BACKUP_DIR)
    backup = Backup(
        dump=dump_database(folder / f"{DUMP_PREFIX}{stamp}.dump"),
        media=archive_media(folder / f"{MEDIA_PREFIX}{stamp}.tar.gz") if media else None,
    )
    keep = settings.BACKUP_KEEP_DAYS
    removed = prune(folder, keep, now)
    if "backups" in settings.STORAGES:
        removed += [f"off-site {name}" for name in copy_off_site(backup, keep, now)]
    logger.info(
        "Backup made: %s%s; removed (older than %s days): %s",
        backup.dump.name,
        f" and {backup.media.name}" if backup.media else "",
        keep,
        ", ".join(removed) or "nothing",
    )
    return backup
