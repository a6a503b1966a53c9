"""HNP settings. Everything that differs between machines comes from the environment.

The defaults are for a developer's machine (`make run`): SQLite and media inside the project
folder, DEBUG on, a throwaway secret. Production sets DEBUG=False and must then provide
SECRET_KEY and ALLOWED_HOSTS (start-up refuses otherwise).
"""

import datetime as dt
import ipaddress
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_int, load_environment

BASE_DIR = Path(__file__).resolve().parent.parent

# Issue 17: `.env` (or ENV_FILE) fills in what the real environment does not set, for every
# entry point that loads these settings; secrets may come from NAME_FILE (config/env.py).
load_environment()


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

INSECURE_DEV_SECRET_KEY = "django-insecure-hnp-local-development-only"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", "") or INSECURE_DEV_SECRET_KEY
if not DEBUG and (SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value (50 characters or more) when "
        "DEBUG=False. Make one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
# Earlier keys, newest first, that still validate sessions and signed cookies while a new
# SECRET_KEY takes over (`make rotate-secret`, see docs/deploy.md).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names when DEBUG=False.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# HTTPS and browser protections; `manage.py check --deploy` is clean with the production
# defaults. Behind a TLS-terminating proxy, set SECURE_PROXY_SSL_HEADER to the header it sets
# (docker-compose.yml does, for its nginx), or every request looks insecure and is redirected.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Health checks come over plain HTTP from inside (/healthz, /healthz/live, /healthz/ready), and
# so does Prometheus's scrape of /metrics (issue 17).
SECURE_REDIRECT_EXEMPT = [r"^healthz(/live|/ready)?$", r"^metrics$"]
_proxy_ssl_header = env_list("SECURE_PROXY_SSL_HEADER")  # e.g. HTTP_X_FORWARDED_PROTO,https
if _proxy_ssl_header and len(_proxy_ssl_header) != 2:
    raise ImproperlyConfigured(
        "SECURE_PROXY_SSL_HEADER must be a header and a value, e.g. HTTP_X_FORWARDED_PROTO,https"
    )
SECURE_PROXY_SSL_HEADER = tuple(_proxy_ssl_header) or None
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
# A Vietnamese 403 page; the comment form gives the reader back what they typed (hnp/errors.py).
CSRF_FAILURE_VIEW = "hnp.errors.csrf_failure"
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ckeditor",
    "ckeditor_uploader",
    "captcha",
    "axes",
    # Issue 18: two-factor sign-in for staff (hnp/two_factor.py): a TOTP app, and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "imagekit",
    "taggit",
    # Issue 13 (the newsroom's tools): article revisions, and the database queue of
    # django.tasks for the editors' e-mails (see TASKS below).
    "reversion",
    "django_tasks_db",
    "hnp",
    "articles",
    "comments",
    # Issue 16: the site's identity (footer, masthead) and its pages that are not news.
    "portal",
    "demo",
]

MIDDLEWARE = [
    "hnp.middleware.RequestLogMiddleware",
    # A 503 page instead of an error while the database cannot be reached (hnp/errors.py).
    "hnp.errors.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # An ETag on every page, and 304 Not Modified when the browser already has it.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session typed a code from the user's device.
    "django_otp.middleware.OTPMiddleware",
    # Issue 18: a staff session ends after STAFF_SESSION_IDLE_HOURS without a request.
    "hnp.staff_sessions.StaffIdleTimeoutMiddleware",
    # Issue 18: staff who have two-factor sign-in must have typed their code; those who must
    # have it and have not set it up are sent to set it up (STAFF_TWO_FACTOR_REQUIRED).
    "hnp.two_factor.TwoFactorMiddleware",
    "hnp.middleware.ReplicaReadMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "hnp.middleware.StaffAreaCSPMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
# Issue 17: where the admin lives (default admin/). A path of the newsroom's choosing keeps
# the bots that try /admin/ off the login form; it is not a secret (SECURITY.md).
ADMIN_URL = (os.environ.get("ADMIN_URL") or "admin/").strip("/") + "/"

TEMPLATES = [
    {
        # The reader pages (templates/jinja2/): a fraction of the time of Django's templates
        # (docs/performance.md), with the same translations. hnp/templating.py builds it.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "hnp.templating.environment",
            "helper_modules": ("articles.templating", "comments.templating", "portal.templating"),
            "context_processors": [
                "articles.context_processors.navigation",
                "portal.context_processors.identity",
            ],
        },
    },
    {
        # The admin (and its overrides in templates/django/admin/), e-mails, sitemaps,
        # robots.txt, the editor's picture gallery.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates" / "django"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# Optional read replicas (comma-separated URLs) become the aliases replica_1, replica_2…;
# hnp/db_router.py decides which reads may go there.
DATABASE_REPLICAS = []
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    _alias = f"replica_{_number}"
    DATABASES[_alias] = dj_database_url.parse(
        _url,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
        test_options={"MIRROR": "default"},
    )
    DATABASE_REPLICAS.append(_alias)
DATABASE_ROUTERS = ["hnp.db_router.PrimaryReplicaRouter"]

# --- Issue 17: PgBouncer and the connection budget (hnp/connections.py) -----------------------
# The database password may come apart from DATABASE_URL (DATABASE_PASSWORD, or the file
# DATABASE_PASSWORD_FILE names: a Docker secret), for URLs that name no password.
if os.environ.get("DATABASE_PASSWORD") and not DATABASES["default"].get("PASSWORD"):
    DATABASES["default"]["PASSWORD"] = os.environ["DATABASE_PASSWORD"]
# DATABASE_POOLER=pgbouncer when the web processes reach PostgreSQL through PgBouncer in
# transaction pooling (compose): a server-side cursor would not survive from one transaction to
# the next there. Harmless on a direct connection (compose's migrate and backup).
DATABASE_POOLER = os.environ.get("DATABASE_POOLER", "")
if DATABASE_POOLER not in {"", "pgbouncer"}:
    raise ImproperlyConfigured("DATABASE_POOLER must be empty or 'pgbouncer'.")
if DATABASE_POOLER:
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# Checked against PostgreSQL's max_connections by `migrate` and `check --database default`.
# GUNICORN_* are deploy/gunicorn.conf.py's (same defaults); PGBOUNCER_* the pgbouncer service's.
CONNECTION_BUDGET = {
    "web_replicas": env_int("WEB_REPLICAS", 1, minimum=1),
    "workers": env_int("GUNICORN_WORKERS", 3, minimum=1),
    "threads": env_int("GUNICORN_THREADS", 1, minimum=1),
    "pooler": DATABASE_POOLER,
    "pool_size": env_int("PGBOUNCER_POOL_SIZE", 20, minimum=1),
    "max_client_conn": env_int("PGBOUNCER_MAX_CLIENT_CONN", 1000, minimum=1),
}
REPLICA_PIN_COOKIE = "hnp_primary"
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 15)

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Django's Redis backend, made to treat an unreachable Redis as an empty cache (see
    # hnp/cache.py); short timeouts so that a Redis that stopped answering costs little.
    _redis_timeout = float(os.environ.get("REDIS_TIMEOUT") or 0.5)
    CACHES = {
        "default": {
            "BACKEND": "hnp.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX") or "hnp",
            "OPTIONS": {
                "socket_connect_timeout": _redis_timeout,
                "socket_timeout": _redis_timeout,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Issue 18: the rate-limit counters and the view count's "already counted" marks live apart
# from the pages (hnp/ratelimit.py). The page cache's Redis evicts under memory pressure
# (allkeys-lru), so a flood of pages would empty the counters and let a refused client in
# again; LIMITS_REDIS_URL is a Redis configured `--maxmemory-policy noeviction` (compose's
# `limits` service), where every key expires by itself and none is ever evicted. Without it
# the counters share REDIS_URL (`check --deploy` warns), or, with no Redis at all, a
# per-process memory cache that never culls.
LIMITS_REDIS_URL = os.environ.get("LIMITS_REDIS_URL", "")
if LIMITS_REDIS_URL or REDIS_URL:
    CACHES["limits"] = {
        **CACHES["default"],
        "LOCATION": LIMITS_REDIS_URL or REDIS_URL,
        "KEY_PREFIX": (os.environ.get("CACHE_KEY_PREFIX") or "hnp") + "-limits",
    }
else:
    CACHES["limits"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "limits",
        "OPTIONS": {"MAX_ENTRIES": 10_000_000},
    }

# The page path (docs/performance.md): whole reader pages for anonymous readers are kept in the
# cache above under the content version they were made from (hnp/pagecache.py), for at most
# PAGE_CACHE_SECONDS; HNP_CACHE=off turns every cache inside Django off (the benchmark's
# "caches off" rows). A proxy in front (deploy/nginx.conf) may keep them SHARED_CACHE_MAX_AGE
# seconds: Cache-Control: public, max-age=0, s-maxage=N; browsers revalidate every time.
HNP_CACHE = (os.environ.get("HNP_CACHE") or "on").strip().lower()
if HNP_CACHE not in {"on", "off"}:
    raise ImproperlyConfigured("HNP_CACHE must be 'on' or 'off'.")
PAGE_CACHE = HNP_CACHE == "on"
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
SHARED_CACHE_MAX_AGE = env_int("SHARED_CACHE_MAX_AGE", 5)
# Any cookie but the CSRF token makes a page personal (rendered for that reader, not shared);
# list here the names of cookies that change nothing on a page (an analytics cookie, say).
PAGE_CACHE_IGNORED_COOKIES = env_list("PAGE_CACHE_IGNORED_COOKIES")

# Admin logins: hnp/auth.py refuses a username locked out from the client's address,
# demo/auth.py the published demo password when DEBUG is off, then Django checks the password.
AUTHENTICATION_BACKENDS = [
    "hnp.auth.AdminLoginGuard",
    "demo.auth.RefuseDemoPassword",
    "django.contrib.auth.backends.ModelBackend",
]
# django-axes: after AXES_FAILURE_LIMIT wrong passwords for one username from one client address
# (an IPv6 client's /64; the same rule as the comment rate limit: hnp/network.py), that username
# is refused from that address, even with the right password, for AXES_COOLOFF_MINUTES,
# counted from the lockout. A success clears the count. Attempts are kept in the database,
# shared by every server process.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "hnp.network.get_client_key"
AXES_USERNAME_CALLABLE = "hnp.auth.login_username"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "hnp.auth.lockout_response"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The portal is Vietnamese for everyone: no LocaleMiddleware, so a phone set to English still
# gets Vietnamese pages (and cached pages need no Vary: Accept-Language).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates are typed day first (01/12/2026 is 1 December): config/formats/vi/formats.py.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "hnp.staticfiles.SafeAppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded media in an S3-compatible bucket (AWS, MinIO, Cloudflare R2…) instead of MEDIA_ROOT.
# The keys come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (or the host's IAM role).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "file_overwrite": False,
        },
    }

# --- Issue 17: backups (hnp/backups.py; docs/deploy.md, "Backups") ----------------------------
# `manage.py backup` writes a pg_dump and a media archive here and keeps them BACKUP_KEEP_DAYS.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR") or BASE_DIR / "backups")
BACKUP_KEEP_DAYS = env_int("BACKUP_KEEP_DAYS", 14, minimum=1)
# The database to dump when DATABASE_URL goes through PgBouncer (pg_dump wants PostgreSQL itself).
BACKUP_DATABASE = (
    dj_database_url.parse(os.environ["BACKUP_DATABASE_URL"])
    if os.environ.get("BACKUP_DATABASE_URL")
    else None
)
if BACKUP_DATABASE and not BACKUP_DATABASE.get("PASSWORD"):
    BACKUP_DATABASE["PASSWORD"] = DATABASES["default"].get("PASSWORD", "")
# An off-site copy in an S3-compatible bucket, with the same endpoint and keys as the media's.
BACKUP_S3_BUCKET = os.environ.get("BACKUP_S3_BUCKET", "")
if BACKUP_S3_BUCKET:
    STORAGES["backups"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": BACKUP_S3_BUCKET,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "location": os.environ.get("BACKUP_S3_LOCATION", "backups"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# Covers' smaller copies (articles/renditions.py), made by django-imagekit when a cover is saved
# (the Optimistic strategy), never while a page is served: a page only computes their URLs.
# Covers saved before renditions existed need `manage.py generateimages` (docs/deploy.md).
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_CACHEFILE_DIR = "renditions"
# How long imagekit trusts its cache that a rendition exists (or is being made) before it looks
# at storage again; only saving a cover and generateimages ask.
IMAGEKIT_CACHE_TIMEOUT = 5 * 60

# What an article's lead opens with on its page, as the portal prints it ("HNP - Từ ngày…"),
# unless the journalist typed a dateline of their own (articles/text.py). Empty: none.
ARTICLE_DATELINE = os.environ.get("ARTICLE_DATELINE", "HNP - ")
# Saving an article with a YouTube video fetches the video's thumbnail once, into the media
# storage, for the facade readers see before they click (articles/embeds.py). Off: a plain
# facade, and no request from the server to YouTube.
EMBED_THUMBNAILS = env_bool("EMBED_THUMBNAILS", True)

# "Hà Nội" and "hà nội" are one tag (articles.models.Tag).
TAGGIT_CASE_INSENSITIVE = True

LOGIN_URL = "admin:login"
# Issue 18: two-factor sign-in (hnp/two_factor.py, SECURITY.md "Admin sign-in"). Any staff
# account may turn it on; with STAFF_TWO_FACTOR_REQUIRED (default: on when DEBUG is off, so
# `make run`'s demo accounts sign in with their password alone), superusers and the staff who
# hold one of STAFF_TWO_FACTOR_PERMISSIONS (the Editors, who publish, and the Moderators, who
# see commenters' phone numbers) cannot use the admin until they have.
STAFF_TWO_FACTOR_REQUIRED = env_bool("STAFF_TWO_FACTOR_REQUIRED", not DEBUG)
STAFF_TWO_FACTOR_PERMISSIONS = ["articles.publish_article", "comments.moderate_comment"]
# The name authenticator apps show next to the account.
OTP_TOTP_ISSUER = "HNP"
STAFF_SESSION_IDLE_HOURS = float(os.environ.get("STAFF_SESSION_IDLE_HOURS") or 8)
# Where a sign-in goes when its `next` is missing or points off the site (issue 18): the admin's
# index, not Django's default /accounts/profile/, which does not exist here.
LOGIN_REDIRECT_URL = "admin:index"

# The rich-text editor (articles/editor/ is the one place that knows about CKEditor).
CKEDITOR_UPLOAD_PATH = "uploads/"
CKEDITOR_IMAGE_BACKEND = "ckeditor_uploader.backends.PillowBackend"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_RESTRICT_BY_DATE = True
# Largest picture the editor's uploader and the cover image accept (articles/images.py).
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024, minimum=1)
CKEDITOR_CONFIGS = {
    "default": {
        "toolbar": "newsroom",
        "toolbar_newsroom": [
            ["Format"],
            ["Bold", "Italic"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["Image", "Table"],
            ["Undo", "Redo"],
            ["Maximize", "Source"],
        ],
        "format_tags": "p;h2;h3;h4",
        # image2 writes <figure class="image-captioned"><img …><figcaption>…</figcaption>
        # </figure> for a captioned image; the classes below are the ones the sanitiser keeps.
        "extraPlugins": "image2",
        "removePlugins": "image,iframe,flash,forms,smiley,pagebreak,exportpdf",
        "image2_captionedClass": "image-captioned",
        "image2_alignClasses": ["image-left", "image-center", "image-right"],
        "image2_altRequired": True,
        # Content the editor lets in is decided by the enabled buttons (CKEditor's automatic
        # filter); on top of that, refuse what the sanitiser in articles/sanitizer.py would drop
        # anyway, so that the editor shows what will be stored.
        "disallowedContent": "script; style; iframe; object; embed; *[on*]; *{*}",
        # Tabs whose fields the sanitiser removes (link targets, styles, ids and classes).
        "removeDialogTabs": "link:target;link:advanced;link:upload;table:advanced",
        # Uploads by XMLHttpRequest, which carry Django's CSRF token (editor_csrf.js).
        "filebrowserUploadMethod": "xhr",
        "entities": False,
        "fullPage": False,
        "height": 420,
        "width": "100%",
    }
}
# ckeditor.W001 warns that the bundled CKEditor 4.22.1 has known, unfixed security issues.
# We keep it because the newsroom asked for it, and contain it: only staff reach the editor
# and its upload views, every stored body goes through the nh3 allowlist in
# articles/sanitizer.py (the real security boundary), and Content-Security-Policy headers
# stop injected scripts on public pages.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]
# security.W021 asks for SECURE_HSTS_PRELOAD. Preloading is the domain owner's deliberate and
# hard-to-undo decision (browsers then refuse plain HTTP to the domain for months), and the
# directive alone lets anybody submit the domain, so it is opt-in: SECURE_HSTS_PRELOAD=True.
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS.append("security.W021")

# django-simple-captcha
CAPTCHA_TIMEOUT = 10  # minutes an answer stays valid
CAPTCHA_LENGTH = 5
# Large enough to read on a phone, with little noise: dots only, letters barely turned.
CAPTCHA_FONT_SIZE = 40
CAPTCHA_IMAGE_SIZE = (240, 80)
CAPTCHA_LETTER_ROTATION = (-15, 15)
CAPTCHA_NOISE_FUNCTIONS = ("captcha.helpers.noise_dots",)
# The audio alternative: flite (Debian's `flite` package) reads the characters out. Without it
# the "listen" link is not shown. Each sound is a flite process: the endpoint is rate-limited
# like the captchas themselves (comments.views.captcha_audio).
CAPTCHA_FLITE_PATH = os.environ.get("CAPTCHA_FLITE_PATH") or shutil.which("flite")
CAPTCHA_TEST_MODE = env_bool("CAPTCHA_TEST_MODE", False)
if not DEBUG and CAPTCHA_TEST_MODE:
    raise ImproperlyConfigured(
        "CAPTCHA_TEST_MODE accepts 'passed' as every captcha answer; it is for tests only and "
        "must be off when DEBUG=False."
    )

# Content-Security-Policy through Django's own support.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
    # The players of the videos and maps in articles, loaded when a reader clicks
    # (articles/embeds.py FRAME_HOSTS).
    "frame-src": [
        "https://www.youtube-nocookie.com",
        "https://www.facebook.com",
        "https://www.google.com",
    ],
}
if AWS_STORAGE_BUCKET_NAME:
    # Pictures in the article bodies and covers come from the bucket's host, not from 'self'.
    _media_host = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or ""
    _endpoint = urlsplit(os.environ.get("AWS_S3_ENDPOINT_URL") or "")
    SECURE_CSP["img-src"].append(
        f"https://{_media_host}"
        if _media_host
        else f"{_endpoint.scheme}://{_endpoint.netloc}"
        if _endpoint.netloc
        else f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
    )
# CKEditor 4 writes inline styles and loads its skin and plugins dynamically, so the admin (and
# only the admin and the staff-only editor views) gets this looser policy. Its toolbar buttons
# are inline event handlers (onclick="CKEDITOR.tools.callFunction(…)") and its editing frame
# runs an inline script: without 'unsafe-inline' the editor never starts. No nonce here, since
# browsers ignore 'unsafe-inline' when a nonce is present.
STAFF_AREA_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [*SECURE_CSP["img-src"], "blob:"],
    "frame-ancestors": [CSP.SELF],
}
STAFF_AREA_PATH_PREFIXES = (f"/{ADMIN_URL}", "/ckeditor/")
# Paths that always read from the primary database (see hnp/db_router.py).
REPLICA_EXCLUDED_PATH_PREFIXES = (*STAFF_AREA_PATH_PREFIXES, "/captcha/", "/healthz")

# E-mail (Django 6.1 mailers). The console backend prints mail while DEBUG is on; otherwise the
# default is SMTP (EMAIL_HOST, localhost unless set), so `check --deploy` is clean (issue 17).
EMAIL_BACKEND_PATH = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
MAILERS = {
    "default": {
        "BACKEND": EMAIL_BACKEND_PATH,
        "OPTIONS": (
            {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 587, minimum=1),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": env_int("EMAIL_TIMEOUT", 10, minimum=1),
            }
            if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "HNP <no-reply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Issue 17: error reports ------------------------------------------------------------------
# With SENTRY_DSN (Sentry, or GlitchTip, which speaks its protocol), unhandled errors go there;
# without it, to the ADMINS by e-mail (the django.request logger below). Neither carries the
# form a reader posted (comments hold phone numbers): hnp/errors.py's filter hides every POST
# value in the e-mail, and Sentry gets no request body and no personal data.
ADMINS = env_list("ADMINS")  # e-mail addresses, comma-separated
DEFAULT_EXCEPTION_REPORTER_FILTER = "hnp.errors.NoFormDataExceptionReporterFilter"
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.logging import ignore_logger

    # Unhandled exceptions reach Sentry through its Django integration; the line django.request
    # logs for each 5xx must not be an event. While the database is away, hnp/errors.py's line
    # (at most one a minute per process) is.
    ignore_logger("django.request")
    ignore_logger("django.security.DisallowedHost")
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT") or "production",
        release=os.environ.get("SENTRY_RELEASE") or None,
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE") or 0),
    )

# One line per event on standard output, each with the id of the request it happened in
# (hnp/logging.py); LOG_FORMAT=json for a log collector.
LOG_FORMAT = os.environ.get("LOG_FORMAT") or "text"
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured("LOG_FORMAT must be 'text' or 'json'.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "hnp.logging.RequestIdFilter"},
        "quiet_client_errors": {"()": "hnp.logging.QuietClientErrorFilter"},
        "unhandled_errors_only": {"()": "hnp.logging.UnhandledErrorsOnlyFilter"},
        "no_line_per_503": {"()": "hnp.logging.SiteAnswered503Filter"},
    },
    "formatters": {
        "text": {
            "()": "hnp.logging.OneLineFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        },
        "json": {"()": "hnp.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
            "filters": ["request_id", "quiet_client_errors"],
        },
        # Only errors with a traceback: not the 503 answered per request while the database is
        # away (hnp/errors.py), which would fill the ADMINS' inbox.
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "include_html": False,
            "filters": ["unhandled_errors_only"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Django's own handlers would print some events a second time (to stderr, when DEBUG):
    # everything goes through the root, plus the ADMINS' e-mail below.
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # Issue 17: errors e-mailed to ADMINS when Sentry is not configured (see above). Issue
        # 18: no line per 503 answered while the database is away; hnp/errors.py logs those
        # at most once a minute, with a count.
        "django.request": {
            "handlers": [] if SENTRY_DSN else ["mail_admins"],
            "filters": ["no_line_per_503"],
            "level": "INFO",
            "propagate": True,
        },
        # django-axes: lockouts and failures (usernames and addresses masked), not its start-up.
        "axes": {"level": "WARNING"},
    },
}

# Reader comments (see comments/services.py for where each rule is applied).
COMMENT_RATE_LIMIT = os.environ.get("COMMENT_RATE_LIMIT", "5/10m")  # posts/period; "0" turns off
# Captchas handed out per client and period (the refresh endpoint and the plain comment page).
CAPTCHA_RATE_LIMIT = os.environ.get("CAPTCHA_RATE_LIMIT", "30/10m")
# Searches (with a query) per client and period; nginx has its own limit in front (issue 18).
SEARCH_RATE_LIMIT = os.environ.get("SEARCH_RATE_LIMIT", "20/1m")
# Issue 18: /.well-known/security.txt (hnp/security_txt.py): where to report a vulnerability
# (mailto: or https: addresses, comma-separated), and how many days ahead its Expires lies.
SECURITY_CONTACT = env_list("SECURITY_CONTACT", "mailto:security@hnp.example.vn")
SECURITY_TXT_EXPIRES_DAYS = env_int("SECURITY_TXT_EXPIRES_DAYS", 180, minimum=1)
# Issue 18: the networks (CIDRs, comma-separated) of the reverse proxies in front of the site;
# X-Forwarded-For is believed only from them (hnp/network.py). Empty: nobody's.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
try:
    for _network in TRUSTED_PROXIES:
        ipaddress.ip_network(_network, strict=False)
except ValueError as _error:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_error}") from None
if os.environ.get("TRUSTED_PROXY_COUNT", "0").strip() not in {"", "0"}:
    raise ImproperlyConfigured(
        "TRUSTED_PROXY_COUNT is gone: a count let any client that reached the server directly "
        "choose its address. List the proxies' networks in TRUSTED_PROXIES instead "
        "(e.g. TRUSTED_PROXIES=172.31.240.0/24,172.31.241.0/24)."
    )
COMMENT_FLOOD_SECONDS = env_int("COMMENT_FLOOD_SECONDS", 15)
COMMENT_DUPLICATE_WINDOW_HOURS = env_int("COMMENT_DUPLICATE_WINDOW_HOURS", 24)
COMMENT_MAX_LINKS = env_int("COMMENT_MAX_LINKS", 2)
COMMENT_BLOCKLIST = env_list("COMMENT_BLOCKLIST", "casino,cá độ,lô đề,vay tiền nhanh")
COMMENT_CLOSE_AFTER_DAYS = env_int("COMMENT_CLOSE_AFTER_DAYS", 0)  # 0: never
COMMENTS_PER_PAGE = env_int("COMMENTS_PER_PAGE", 20, minimum=1)
# Days after moderation when a commenter's phone number, IP address and browser are erased
# (manage.py purge_commenter_data, run daily; see SECURITY.md).
COMMENT_PII_RETENTION_DAYS = env_int("COMMENT_PII_RETENTION_DAYS", 90)
# Moderators get at most one e-mail every this many minutes: a digest of the new pending
# comments (comments/tasks.py), sent by the task worker.
COMMENT_DIGEST_MINUTES = env_int("COMMENT_DIGEST_MINUTES", 10, minimum=1)


def _site_url() -> str:
    """The site's address for links that leave a request (e-mails): SITE_URL, else the first
    name of DOMAIN (Caddy's) or of ALLOWED_HOSTS over HTTPS. Never the request's Host header,
    which a client chooses."""
    if os.environ.get("SITE_URL"):
        return os.environ["SITE_URL"].rstrip("/")
    names = [
        name.strip()
        for name in [*os.environ.get("DOMAIN", "").split(","), *ALLOWED_HOSTS]
        if name.strip() and not name.strip().startswith((".", "*", "["))
    ]
    if DEBUG:
        return "http://127.0.0.1:8000"
    return f"https://{names[0]}" if names else ""


SITE_URL = _site_url()

# The site's periodic work, run by `manage.py run_jobs` (docker-compose's `jobs` service):
# (management command, seconds between runs). With cron, schedule the same commands instead.
PERIODIC_JOBS = [
    ("flush_view_counts", 60),  # view counts from the cache into the database
    ("captcha_clean", 30 * 60),  # expired captchas
    ("purge_commenter_data", 24 * 60 * 60),  # phone/IP past the retention period
    ("prune_db_task_results", 24 * 60 * 60),  # finished tasks older than 14 days
    ("prune_staff_sessions", 60 * 60),  # the list of staff sessions: those that ended idle
    ("clearsessions", 24 * 60 * 60),  # Django's expired sessions
    ("queue_moderator_digest", 10 * 60),  # a digest whose queueing failed in an outage
]

# --- Issue 17: Prometheus metrics (hnp/metrics.py) ------------------------------------------
# Addresses or networks (comma-separated, e.g. 172.16.0.0/12) allowed to GET /metrics; empty:
# no metrics are collected at all and /metrics answers 404. The address is the one hnp/network.py
# sees (TRUSTED_PROXIES), so a reader coming through the proxies is never the scraper.
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS")
if METRICS_ALLOWED_IPS:
    try:
        for _network in METRICS_ALLOWED_IPS:
            ipaddress.ip_network(_network, strict=False)
    except ValueError as _error:
        raise ImproperlyConfigured(f"METRICS_ALLOWED_IPS: {_error}") from None
    MIDDLEWARE.insert(0, "hnp.metrics.MetricsMiddleware")

# Issue 13: background work (the editors' "sent for review" e-mails) goes through Django's
# tasks framework, queued in the database by django-tasks-db and run by a worker process:
# `manage.py db_worker` (docs/deploy.md; compose's `worker` service, `make worker`). Finished
# tasks stay in the table until `prune_db_task_results` (a PERIODIC_JOBS entry) deletes them
# after 14 days. The moderators' comment digest goes the same way (comments/tasks.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Flash messages travel in a signed cookie, so showing one never writes to the database.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
