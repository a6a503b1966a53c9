"""Where the settings' environment comes from: the real environment first, then `.env`.

Every entry point calls ``load_environment()`` before reading a variable: settings.py (so
manage.py, its scheduled commands and the WSGI/ASGI application) and deploy/gunicorn.conf.py
(whose worker counts are read before Django starts). A variable set in the real environment
always wins over the same name in the file, so docker compose, CI and a one-off
``DEBUG=true manage.py …`` override `.env` without editing it.

Secrets can also come from files (Docker secrets, docs/deploy.md): ``NAME_FILE=/run/secrets/x``
sets NAME to the file's contents, unless NAME is set itself.

``env_int()`` reads a whole number the same way for both: a wrong one stops the start with the
variable's name.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
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


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    """A whole number from the environment (unset or empty: ``default``). Text or a number
    below ``minimum`` stops the start with the variable's name, rather than with a bare
    ValueError, or a division by zero on the first page that uses it."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = minimum - 1
    if number < minimum:
        raise ImproperlyConfigured(
            f"{name} must be a whole number, {minimum} or more (it is {value!r})."
        )
    return number
