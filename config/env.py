"""Where the settings' environment comes from: the real environment first, then `.env`.

Every entry point calls ``load_environment()`` before reading a variable: settings.py (so
manage.py, its scheduled commands and the WSGI/ASGI application) and deploy/gunicorn.conf.py
(whose worker counts are read before Django starts). A variable set in the real environment
always wins over the same name in the file, so docker compose, CI and a one-off
``DEBUG=true manage.py …`` override `.env` without editing it.

Secrets can also come from files (Docker secrets, docs/deploy.md): ``NAME_FILE=/run/secrets/x``
sets NAME to the file's contents, unless NAME is set itself.
"""

import os
from pathlib import Path

from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent

# Read from NAME_FILE when it is set: the values docker-compose.yml hands over as secrets.
SECRET_VARIABLES = (
    "SECRET_KEY",
    "SECRET_KEY_FALLBACKS",
    "DATABASE_PASSWORD",
    "EMAIL_HOST_PASSWORD",
    "AWS_SECRET_ACCESS_KEY",
    "SENTRY_DSN",
)


def load_environment() -> None:
    """Fill the environment from ENV_FILE (default: .env next to manage.py), then from the
    secret files. ENV_FILE= (empty) reads no file: the tests and the containers."""
    env_file = os.environ.get("ENV_FILE", str(BASE_DIR / ".env"))
    if env_file:
        load_dotenv(env_file, override=False, encoding="utf-8")
    for name in SECRET_VARIABLES:
        path = os.environ.get(f"{name}_FILE")
        if path and not os.environ.get(name):
            os.environ[name] = Path(path).read_text(encoding="utf-8").strip()
