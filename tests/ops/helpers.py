"""What the ops tests share: the repository's deploy files, and subprocesses of the project."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable

# A production-shaped environment: what `check --deploy` and a real server start with. These
# three are all production must set; everything else has a production default.
PRODUCTION_ENV = {
    "DEBUG": "False",
    "SECRET_KEY": "k3Y-for-the-ops-tests-only_" + "x7Qp2Lm9Zr4Tb8Nv1Wc6Hd0Fs5Jg3Ky" * 2,
    "ALLOWED_HOSTS": "hnp.example.vn",
}

# Variables of the developer's shell that would change what settings.py computes.
_SETTINGS_VARIABLES = re.compile(
    r"DEBUG|SECRET_KEY.*|ALLOWED_HOSTS|CAPTCHA_TEST_MODE|SECURE_.*|.*_COOKIE_SECURE|REDIS_.*"
    r"|DATABASE_REPLICA_URLS|AWS_.*|EMAIL_.*|LOG_FORMAT|GUNICORN_.*|ADMIN_URL|ADMINS|SENTRY_.*"
    r"|METRICS_.*|STAFF_.*|PROMETHEUS_MULTIPROC_DIR|BACKUP_.*|WEB_REPLICAS|PGBOUNCER_.*"
    r"|POSTGRES_.*|.*_FILE"
)


def clean_env(**overrides: str) -> dict[str, str]:
    """This process's environment without the settings above, plus ``overrides``; no `.env`
    file is read unless ``ENV_FILE`` is among them."""
    env = {
        name: value for name, value in os.environ.items() if not _SETTINGS_VARIABLES.fullmatch(name)
    }
    env["ENV_FILE"] = ""
    env.update(overrides)
    return env


def run_python(code: str, env: dict[str, str], timeout: int = 60) -> subprocess.CompletedProcess:
    """Run ``code`` in a new Python process of the project (settings imported afresh)."""
    return subprocess.run(  # noqa: S603
        [PYTHON, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def manage(*args: str, env: dict[str, str], timeout: int = 180) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def web_command() -> list[str]:
    """The command the web containers run: the one command that serves the site in production."""
    return compose()["services"]["web"]["command"]


def dockerfile_stages() -> list[list[str]]:
    """The Dockerfile's instructions (continuation lines joined), one list per build stage."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    text = re.sub(r"\\\n", " ", text)
    stages: list[list[str]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.upper().startswith("FROM "):
            stages.append([])
        stages[-1].append(line)
    return stages


def makefile_recipe(target: str, **variables: str) -> list[list[str]]:
    """The commands ``make -n target`` would run, each split like a shell would."""
    assignments = [f"{name}={value}" for name, value in variables.items()]
    result = subprocess.run(  # noqa: S603
        ["make", "--no-print-directory", "-n", target, *assignments],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return [shlex.split(line) for line in result.stdout.splitlines() if line.strip()]
