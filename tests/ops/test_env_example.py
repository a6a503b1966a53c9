"""`.env.example` lists every setting the site and its server read from the environment."""

import re

from tests.ops.helpers import ROOT

_READ = re.compile(
    r"""(?:os\.environ\.get|os\.getenv|os\.environ\[|env_bool|env_list|env_int)\(?\s*["']([A-Z][A-Z0-9_]*)["']"""
)
# Read by a library rather than by settings.py: boto3 takes the S3 keys from the environment.
READ_BY_LIBRARIES = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}
# Read by docker-compose.yml: the database, the published ports, Caddy's domain, PostgreSQL's
# connection limit.
READ_BY_COMPOSE = {
    "POSTGRES_DB",
    "POSTGRES_USER",
    "POSTGRES_PASSWORD",
    "HTTP_PORT",
    "HTTPS_PORT",
    "DOMAIN",
    "POSTGRES_MAX_CONNECTIONS",
}


def variables_read_by(*paths: str) -> set[str]:
    return {
        name for path in paths for name in _READ.findall((ROOT / path).read_text(encoding="utf-8"))
    }


def documented_variables() -> dict[str, str]:
    """Each NAME=… line of .env.example, commented out or not, with the comment above it."""
    documented, comment = {}, []
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        if match := re.fullmatch(r"#? ?([A-Z][A-Z0-9_]*)=.*", line):
            documented[match[1]] = " ".join(comment)
        elif line.startswith("#"):
            comment.append(line.lstrip("# "))
        else:
            comment = []
    return documented


def test_every_variable_settings_and_gunicorn_read_is_in_env_example():
    read = variables_read_by("config/settings.py", "deploy/gunicorn.conf.py")
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "GUNICORN_WORKERS"} <= read
    missing = read - set(documented_variables())
    assert not missing, f"add to .env.example: {sorted(missing)}"


def test_variables_read_elsewhere_are_documented_too():
    assert set(documented_variables()) >= READ_BY_LIBRARIES | READ_BY_COMPOSE


def test_env_example_documents_no_variable_that_nothing_reads():
    read = variables_read_by("config/settings.py", "deploy/gunicorn.conf.py")
    unknown = set(documented_variables()) - read - READ_BY_LIBRARIES - READ_BY_COMPOSE
    assert not unknown, f"nothing reads {sorted(unknown)}"


def test_every_variable_comes_with_a_comment():
    uncommented = [name for name, comment in documented_variables().items() if not comment]
    assert not uncommented
