"""HNP settings. Everything that differs between machines comes from the environment.

The defaults are for a developer's machine (`make run`): SQLite and media inside the project
folder, DEBUG on, a throwaway secret. Production sets DEBUG=False and must then provide
SECRET_KEY and ALLOWED_HOSTS (start-up refuses otherwise).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


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
if not DEBUG and SECRET_KEY == INSECURE_DEV_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set to a long random value when DEBUG=False.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names when DEBUG=False.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ckeditor",
    "ckeditor_uploader",
    "captcha",
    "articles",
    "comments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "hnp.middleware.StaffAreaCSPMiddleware",
]

ROOT_URLCONF = "hnp.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "hnp.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "hnp.staticfiles.SafeAppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGIN_URL = "admin:login"

# The rich-text editor (see articles/richtext.py for the one place that knows about CKEditor).
CKEDITOR_UPLOAD_PATH = "uploads/"
CKEDITOR_IMAGE_BACKEND = "pillow"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_RESTRICT_BY_DATE = True
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
        "extraPlugins": "image2",
        "removePlugins": "image,iframe,flash,forms,smiley,pagebreak,exportpdf",
        "image2_captionedClass": "image-captioned",
        "image2_alignClasses": ["image-left", "image-center", "image-right"],
        "fullPage": False,
        "height": 420,
        "width": "100%",
    }
}
# ckeditor.W001 warns that the bundled CKEditor 4.22.1 has known, unfixed security issues.
# We keep it because the newsroom asked for it, and contain it: only staff reach the editor
# and its upload views, every stored body goes through the nh3 allowlist in
# articles/richtext.py (the real security boundary), and Content-Security-Policy headers
# stop injected scripts on public pages.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]

# django-simple-captcha
CAPTCHA_TIMEOUT = 10  # minutes an answer stays valid
CAPTCHA_LENGTH = 5
CAPTCHA_TEST_MODE = env_bool("CAPTCHA_TEST_MODE", False)

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
}
# CKEditor 4 writes inline styles and loads its skin and plugins dynamically, so the admin (and
# only the admin and the staff-only editor views) gets this looser policy.
STAFF_AREA_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-ancestors": [CSP.SELF],
}
STAFF_AREA_PATH_PREFIXES = ("/admin/", "/ckeditor/")

# E-mail (Django 6.1 mailers). The console backend prints mail locally; production sets
# EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and the EMAIL_* server settings.
EMAIL_BACKEND_PATH = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
MAILERS = {
    "default": {
        "BACKEND": EMAIL_BACKEND_PATH,
        "OPTIONS": (
            {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": int(os.environ.get("EMAIL_TIMEOUT", "10")),
            }
            if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "HNP <no-reply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Reader comments (see comments/services.py for where each rule is applied).
COMMENT_RATE_LIMIT = os.environ.get("COMMENT_RATE_LIMIT", "5/10m")  # posts/period; "0" turns off
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
COMMENT_FLOOD_SECONDS = int(os.environ.get("COMMENT_FLOOD_SECONDS", "15"))
COMMENT_DUPLICATE_WINDOW_HOURS = int(os.environ.get("COMMENT_DUPLICATE_WINDOW_HOURS", "24"))
COMMENT_MAX_LINKS = int(os.environ.get("COMMENT_MAX_LINKS", "2"))
COMMENT_BLOCKLIST = env_list("COMMENT_BLOCKLIST", "casino,cá độ,lô đề,vay tiền nhanh")
COMMENT_CLOSE_AFTER_DAYS = int(os.environ.get("COMMENT_CLOSE_AFTER_DAYS", "0"))  # 0: never
COMMENTS_PER_PAGE = int(os.environ.get("COMMENTS_PER_PAGE", "50"))

# Flash messages travel in a signed cookie, so showing one never writes to the database.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
