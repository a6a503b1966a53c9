"""With DEBUG=False the settings are safe by default, and refuse to start when they cannot be.

Each test imports the settings afresh in a new process, with the environment it names.
"""

import json

import pytest

from tests.ops.helpers import PRODUCTION_ENV, clean_env, manage, run_python

SETUP = "import django; django.setup()"


def settings_of(env: dict[str, str], *names: str) -> dict:
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "django-insecure-hnp-local-development-only"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short-and-guessable"}, "SECRET_KEY must be set"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must list"),
        ({"CAPTCHA_TEST_MODE": "true"}, "CAPTCHA_TEST_MODE"),
        ({"TRUSTED_PROXIES": "nginx"}, "TRUSTED_PROXIES"),
        ({"TRUSTED_PROXY_COUNT": "2"}, "List the proxies' networks in TRUSTED_PROXIES"),
        ({"COMMENTS_PER_PAGE": "0"}, "COMMENTS_PER_PAGE must be a whole number, 1 or more"),
        ({"UPLOAD_MAX_BYTES": "10MB"}, "UPLOAD_MAX_BYTES must be a whole number"),
        (
            {"COMMENT_FLOOD_SECONDS": "-5"},
            "COMMENT_FLOOD_SECONDS must be a whole number, 0 or more",
        ),
    ],
    ids=[
        "no-secret",
        "default-secret",
        "short-secret",
        "no-hosts",
        "captcha-test-mode",
        "malformed-trusted-proxies",
        "proxy-count",
        "no-comments-per-page",
        "size-with-a-unit",
        "negative-seconds",
    ],
)
def test_production_start_up_refuses_unsafe_settings_with_a_clear_message(overrides, message):
    result = run_python(SETUP, clean_env(**{**PRODUCTION_ENV, **overrides}))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_settings_start_up():
    result = run_python(SETUP, clean_env(**PRODUCTION_ENV))
    assert result.returncode == 0, result.stderr


def test_an_empty_number_setting_takes_its_default():
    values = settings_of(clean_env(**PRODUCTION_ENV, COMMENTS_PER_PAGE=" "), "COMMENTS_PER_PAGE")
    assert values == {"COMMENTS_PER_PAGE": 20}


def test_development_needs_no_configuration_at_all():
    result = run_python(SETUP, clean_env(CAPTCHA_TEST_MODE="true"))
    assert result.returncode == 0, result.stderr


def test_check_deploy_reports_nothing_with_the_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=clean_env(**PRODUCTION_ENV))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_defaults_turn_on_https_and_browser_protections():
    values = settings_of(
        clean_env(**PRODUCTION_ENV),
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_REFERRER_POLICY",
        "X_FRAME_OPTIONS",
        "SECURE_PROXY_SSL_HEADER",
    )
    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "strict-origin-when-cross-origin",
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_PROXY_SSL_HEADER": None,
    }


def test_hsts_and_the_proxy_header_are_configurable():
    values = settings_of(
        clean_env(
            **PRODUCTION_ENV,
            SECURE_HSTS_SECONDS="3600",
            SECURE_HSTS_PRELOAD="true",
            SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
        ),
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_PROXY_SSL_HEADER",
        "SILENCED_SYSTEM_CHECKS",
    )
    assert values["SECURE_HSTS_SECONDS"] == 3600
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert "security.W021" not in values["SILENCED_SYSTEM_CHECKS"]


def test_a_malformed_proxy_header_setting_stops_start_up():
    result = run_python(SETUP, clean_env(**PRODUCTION_ENV, SECURE_PROXY_SSL_HEADER="https"))
    assert result.returncode != 0
    assert "SECURE_PROXY_SSL_HEADER must be a header and a value" in result.stderr


def test_secret_key_fallbacks_come_from_the_environment():
    values = settings_of(
        clean_env(SECRET_KEY_FALLBACKS="old-key-1,old-key-2"), "SECRET_KEY_FALLBACKS"
    )
    assert values["SECRET_KEY_FALLBACKS"] == ["old-key-1", "old-key-2"]


def test_uploads_stay_on_the_local_disk_unless_a_bucket_is_configured():
    values = settings_of(clean_env(), "STORAGES")
    assert values["STORAGES"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_a_bucket_name_moves_uploads_to_s3_compatible_storage():
    env = clean_env(
        AWS_STORAGE_BUCKET_NAME="hnp-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.vn",
        AWS_S3_CUSTOM_DOMAIN="media.hnp.example.vn",
    )
    default = settings_of(env, "STORAGES")["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == "hnp-media"
    assert default["OPTIONS"]["endpoint_url"] == "https://s3.example.vn"
    assert default["OPTIONS"]["custom_domain"] == "media.hnp.example.vn"
    assert default["OPTIONS"]["file_overwrite"] is False
    code = (
        "import django; django.setup(); from django.core.files.storage import storages; "
        "media = storages['default']; "
        "print(type(media).__name__, media.bucket_name, media.url('covers/a.jpg'))"
    )
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "S3Storage",
        "hnp-media",
        "https://media.hnp.example.vn/covers/a.jpg",
    ]


def test_redis_url_selects_the_resilient_redis_cache():
    values = settings_of(clean_env(REDIS_URL="redis://127.0.0.1:6379/3"), "CACHES")
    default = values["CACHES"]["default"]
    assert default["BACKEND"] == "hnp.cache.ResilientRedisCache"
    assert default["LOCATION"] == "redis://127.0.0.1:6379/3"
    assert default["OPTIONS"] == {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    without = settings_of(clean_env(), "CACHES")["CACHES"]["default"]
    assert without["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_the_rate_limit_counters_get_their_own_redis_and_a_warning_without_one():
    env = clean_env(
        **PRODUCTION_ENV,
        REDIS_URL="redis://127.0.0.1:6379/3",
        LIMITS_REDIS_URL="redis://127.0.0.1:6380/0",
    )
    caches = settings_of(env, "CACHES")["CACHES"]
    assert caches["limits"]["BACKEND"] == "hnp.cache.ResilientRedisCache"
    assert caches["limits"]["LOCATION"] == "redis://127.0.0.1:6380/0"
    assert caches["limits"]["KEY_PREFIX"] != caches["default"]["KEY_PREFIX"]

    shared = clean_env(**PRODUCTION_ENV, REDIS_URL="redis://127.0.0.1:6379/3")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=shared)
    assert result.returncode != 0
    assert "hnp.W018" in result.stderr + result.stdout


def test_replica_urls_become_database_aliases_that_mirror_the_primary_in_tests():
    env = clean_env(
        DATABASE_URL="postgres://hnp@db.example.vn:5432/hnp",
        DATABASE_REPLICA_URLS="postgres://hnp@replica-a:5432/hnp,postgres://hnp@replica-b:5432/hnp",
    )
    values = settings_of(env, "DATABASES", "DATABASE_REPLICAS", "DATABASE_ROUTERS")
    assert values["DATABASE_REPLICAS"] == ["replica_1", "replica_2"]
    assert values["DATABASES"]["replica_1"]["HOST"] == "replica-a"
    assert values["DATABASES"]["replica_2"]["HOST"] == "replica-b"
    assert values["DATABASES"]["replica_1"]["TEST"] == {"MIRROR": "default"}
    assert values["DATABASE_ROUTERS"] == ["hnp.db_router.PrimaryReplicaRouter"]


def test_production_mail_goes_to_the_smtp_server_on_localhost_by_default():
    mailer = settings_of(clean_env(**PRODUCTION_ENV), "MAILERS")["MAILERS"]["default"]
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"]["host"] == "localhost"
    development = settings_of(clean_env(), "MAILERS")["MAILERS"]["default"]
    assert development["BACKEND"] == "django.core.mail.backends.console.EmailBackend"


ADMIN_PAGES = """
import django; django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client()
for path in ("/quan-tri-hnp/login/", "/admin/login/"):
    response = client.get(path)
    policy = response.get("Content-Security-Policy", "")
    print(path, response.status_code, "unsafe-inline" in policy)
"""


def test_admin_url_moves_the_admin_and_its_staff_only_policy(tmp_path):
    env = clean_env(ADMIN_URL="/quan-tri-hnp/", DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    assert manage("migrate", "--noinput", env=env).returncode == 0
    result = run_python(ADMIN_PAGES, env)
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stdout.splitlines() if line.startswith("/")] == [
        "/quan-tri-hnp/login/ 200 True",
        "/admin/login/ 404 False",
    ]


def test_two_factor_sign_in_is_required_in_production_and_optional_for_the_demo():
    """Issue 18: Editors, Moderators and superusers must use it once DEBUG is off; `make run`
    (DEBUG on) lets the demo accounts sign in with their password alone."""
    name = "STAFF_TWO_FACTOR_REQUIRED"
    assert settings_of(clean_env(**PRODUCTION_ENV), name)[name] is True
    assert settings_of(clean_env(), name)[name] is False
    assert settings_of(clean_env(**PRODUCTION_ENV, **{name: "false"}), name)[name] is False
