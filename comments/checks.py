from django.conf import settings
from django.core.checks import Error, Warning, register
from django.core.exceptions import ImproperlyConfigured

from hnp.ratelimit import parse_rate


@register()
def check_comment_settings(app_configs, **kwargs):
    """Refuse to start with a rate limit the posting code could not read."""
    errors = []
    for setting, example, error_id in (
        ("COMMENT_RATE_LIMIT", "5/10m", "comments.E001"),
        ("CAPTCHA_RATE_LIMIT", "30/10m", "comments.E002"),
    ):
        try:
            parse_rate(getattr(settings, setting), setting=setting)
        except ImproperlyConfigured as error:
            errors.append(
                Error(
                    str(error),
                    hint=f"Set {setting} to a number per period, e.g. {example}, or 0 to turn "
                    "it off.",
                    id=error_id,
                )
            )
    return errors


@register(deploy=True)
def check_site_url(app_configs, **kwargs):
    """E-mailed links need the site's address, and it must not come from a request."""
    if settings.SITE_URL.startswith("https://"):
        return []
    return [
        Warning(
            f"SITE_URL is {settings.SITE_URL!r}: the links in the newsroom's e-mails (editors' "
            "review notices, moderators' digests) will not lead to the site over HTTPS.",
            hint="Set SITE_URL (e.g. https://hnp.example.vn), or DOMAIN.",
            id="comments.W001",
        )
    ]
