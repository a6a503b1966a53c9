"""The Jinja2 environment of the reader pages (templates/jinja2/, settings.TEMPLATES;
docs/performance.md says why Jinja2). The admin, e-mails and sitemaps keep Django's template
language (templates/django/).

Templates get Django's translations (``_``, ``gettext``, ``ngettext``, ``pgettext``: the same
English msgids and Vietnamese catalogues as the rest of the site), ``url()``, ``static()``, the
site's time formats, and whatever the apps listed in the ``helper_modules`` option contribute:
each such module has ``TEMPLATE_GLOBALS`` and ``TEMPLATE_FILTERS`` dictionaries. So the apps
plug into the templates without this module, or each other, importing them.
"""

import datetime as dt
from functools import lru_cache
from importlib import import_module

import jinja2
from django.core.exceptions import ImproperlyConfigured
from django.templatetags.static import static as django_static
from django.utils import timezone
from django.utils.translation import gettext, ngettext, npgettext, pgettext
from markupsafe import Markup, escape

from .urls import reversed_url


@lru_cache(maxsize=512)
def static(path: str) -> str:
    """A static file's address; the names of collected files never change while the site
    runs, so each is looked up in the manifest once."""
    return django_static(path)


# The site's time zone (Asia/Ho_Chi_Minh), never activated per request: every reader is shown
# the city's time. Converting to it directly is a fraction of timezone.localtime()'s cost,
# which looks the active time zone up for every date on a page.


def _in_city(value: dt.datetime) -> tuple[dt.datetime, str]:
    """``value`` in the city's time, and its ISO 8601 form to the second with the offset.
    Formatted by hand: ``isoformat()`` and ``strftime()`` cost four times as much, and a list
    page prints some seventy times."""
    local = value.astimezone(timezone.get_default_timezone())
    offset, seconds = divmod(int(local.utcoffset().total_seconds()), 60)
    if seconds:  # local mean time, before 1906
        return local, local.isoformat(timespec="seconds")
    sign = "-" if offset < 0 else "+"
    hours, minutes = divmod(abs(offset), 60)
    iso = "%04d-%02d-%02dT%02d:%02d:%02d%s%02d:%02d" % (  # noqa: UP031
        local.year,
        local.month,
        local.day,
        local.hour,
        local.minute,
        local.second,
        sign,
        hours,
        minutes,
    )
    return local, iso


def _shown(local: dt.datetime) -> str:
    return "%02d:%02d %02d/%02d/%04d" % (  # noqa: UP031
        local.hour,
        local.minute,
        local.day,
        local.month,
        local.year,
    )


def iso_time(value: dt.datetime | None) -> str:
    """``2020-08-10T07:27:00+07:00``: local time with its offset, to the second."""
    if value is None:
        return ""
    return _in_city(value)[1]


def short_time(value: dt.datetime | None) -> str:
    """``07:27 10/08/2020``, the time as the portal prints it, in Asia/Ho_Chi_Minh."""
    if value is None:
        return ""
    return _shown(value.astimezone(timezone.get_default_timezone()))


def time_element(value: dt.datetime | None) -> Markup:
    """``<time datetime="2020-08-10T07:27:00+07:00">07:27 10/08/2020</time>``."""
    if value is None:
        return Markup("")
    local, iso = _in_city(value)
    # Digits and punctuation only: nothing to escape.
    return Markup(f'<time datetime="{iso}">{_shown(local)}</time>')  # noqa: S704


def current_year() -> int:
    return timezone.localdate().year


def linebreaks(text: str) -> Markup:
    """A reader's text with its line breaks kept (escaped, like Django's linebreaksbr)."""
    # Escaped once, then split: escaping never makes or removes a line break.
    return Markup("<br>".join(escape(text).splitlines()))  # noqa: S704


# The templates' translation functions. They mean what Jinja's "newstyle" gettext means (the
# translation, from our own catalogues, is markup; the call's keyword arguments are escaped
# into it) but are called directly: Jinja's wrappers take three template calls per text (7 µs;
# these take 2.5), and a page translates some forty texts. They assume autoescaping, which
# Django's backend turns on.


def translate(message: str, **variables) -> Markup:
    text = Markup(gettext(message))  # noqa: S704
    # Formatting changes nothing in a text without "%" (Jinja formats every one).
    return text % variables if variables or "%" in text else text


def translate_plural(singular: str, plural: str, number: int, **variables) -> Markup:
    translated = ngettext(singular, plural, number)
    return Markup(translated) % {"num": number, **variables}  # noqa: S704


def translate_in_context(context: str, message: str, **variables) -> Markup:
    translated = pgettext(context, message)
    return Markup(translated) % {"context": context, **variables}  # noqa: S704


def translate_plural_in_context(
    context: str, singular: str, plural: str, number: int, **variables
) -> Markup:
    translated = npgettext(context, singular, plural, number)
    return Markup(translated) % {"context": context, "num": number, **variables}  # noqa: S704


def environment(*, helper_modules: tuple[str, ...] = (), **options) -> jinja2.Environment:
    if not options.get("autoescape", True):
        raise ImproperlyConfigured("The reader templates' translations assume autoescape=True.")
    # jinja2.ext.i18n for extract_translations() and {% trans %}; its callables are ours.
    env = jinja2.Environment(  # noqa: S701
        extensions=["jinja2.ext.i18n", "jinja2.ext.do"], **options
    )
    env.newstyle_gettext = True
    env.globals.update(
        _=translate,
        gettext=translate,
        ngettext=translate_plural,
        pgettext=translate_in_context,
        npgettext=translate_plural_in_context,
    )
    env.globals.update(url=reversed_url, static=static, current_year=current_year)
    env.filters.update(
        iso_time=iso_time, short_time=short_time, time=time_element, linebreaks=linebreaks
    )
    for path in helper_modules:
        module = import_module(path)
        env.globals.update(module.TEMPLATE_GLOBALS)
        env.filters.update(module.TEMPLATE_FILTERS)
    return env
