"""One source of settings: manage.py (and so the scheduled commands and `make` targets that run
it), the WSGI application and gunicorn's own settings read `.env` when it is there, and the
real environment wins over it. Secrets may come from files (Docker secrets)."""

import json
import subprocess
from pathlib import Path

import pytest

from tests.ops.helpers import PRODUCTION_ENV, ROOT, clean_env, manage

GUNICORN = str(Path(__file__).resolve().parents[2] / ".venv" / "bin" / "gunicorn")
SHOW = (
    "from django.conf import settings; import json; print(json.dumps({"
    "'DEBUG': settings.DEBUG, 'ALLOWED_HOSTS': settings.ALLOWED_HOSTS, "
    "'DB': settings.DATABASES['default']['ENGINE'], 'KEY': settings.SECRET_KEY}))"
)


def production_env_file(tmp_path: Path, **extra: str) -> Path:
    values = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://hnp@db.example.vn:5432/hnp", **extra}
    env_file = tmp_path / "production.env"
    env_file.write_text(
        "# as docs/deploy.md says\n" + "".join(f"{k}={v}\n" for k, v in values.items())
    )
    return env_file


def shown(env: dict[str, str]) -> dict:
    result = manage("shell", "-c", SHOW, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_manage_py_reads_the_env_file_it_is_not_exported(tmp_path):
    env_file = production_env_file(tmp_path)

    settings = shown(clean_env(ENV_FILE=str(env_file)))

    assert settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == ["hnp.example.vn"]
    assert settings["DB"] == "django.db.backends.postgresql"
    assert settings["KEY"] == PRODUCTION_ENV["SECRET_KEY"]


def test_the_real_environment_wins_over_the_env_file(tmp_path):
    env_file = production_env_file(tmp_path)

    settings = shown(clean_env(ENV_FILE=str(env_file), ALLOWED_HOSTS="other.example.vn"))

    assert settings["ALLOWED_HOSTS"] == ["other.example.vn"]
    assert settings["DEBUG"] is False


def test_without_an_env_file_the_development_defaults_apply(tmp_path):
    env = clean_env(ENV_FILE=str(tmp_path / "missing.env"))
    env.pop("DATABASE_URL", None)
    settings = shown(env)
    assert settings["DEBUG"] is True
    assert settings["DB"] == "django.db.backends.sqlite3"


def test_the_env_file_is_dot_env_next_to_manage_py_by_default():
    from config import env

    assert env.BASE_DIR == ROOT
    assert (ROOT / ".gitignore").read_text().splitlines().count(".env") == 1


def test_secrets_can_come_from_files(tmp_path):
    secret = tmp_path / "secret_key"
    secret.write_text(PRODUCTION_ENV["SECRET_KEY"] + "\n")
    env = clean_env(**{**PRODUCTION_ENV, "SECRET_KEY": ""}, SECRET_KEY_FILE=str(secret))
    del env["SECRET_KEY"]
    assert shown(env)["KEY"] == PRODUCTION_ENV["SECRET_KEY"]


def gunicorn_config(env_file: Path) -> subprocess.CompletedProcess:
    """gunicorn's settings as deploy/gunicorn.conf.py makes them with ``env_file``."""
    return subprocess.run(  # noqa: S603
        [GUNICORN, "--config", "deploy/gunicorn.conf.py", "--print-config", "config.wsgi"],
        cwd=ROOT,
        env=clean_env(ENV_FILE=str(env_file)),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_gunicorn_takes_its_worker_count_from_the_env_file(tmp_path):
    env_file = production_env_file(tmp_path, GUNICORN_WORKERS="5", GUNICORN_THREADS="2")
    result = gunicorn_config(env_file)
    assert result.returncode == 0, result.stderr
    printed = {
        name.strip(): value.strip()
        for name, _, value in (line.partition("=") for line in result.stdout.splitlines())
    }
    assert printed["workers"] == "5"
    assert printed["threads"] == "2"


@pytest.mark.parametrize(("name", "value"), [("GUNICORN_WORKERS", "ba"), ("GUNICORN_THREADS", "0")])
def test_gunicorn_refuses_a_worker_count_that_is_not_one_and_names_it(tmp_path, name, value):
    env_file = production_env_file(tmp_path, **{name: value})
    result = gunicorn_config(env_file)
    assert result.returncode != 0
    assert f"{name} must be a whole number, 1 or more (it is '{value}')." in result.stderr
