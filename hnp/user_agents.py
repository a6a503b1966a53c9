"""A browser and its system in a few words, from a User-Agent header ("Chrome trên Windows").

Only what a person needs to recognise their own devices in the list of their sessions; no
version numbers, no device models. Order matters: most browsers also name the ones they grew
from (Edge says "Chrome", Chrome says "Safari"), and Android says "Linux".
"""

import re

from django.utils.translation import gettext as _

_BROWSERS = (
    ("Edge", re.compile(r"\bEdg(?:e|A|iOS)?/")),
    ("Opera", re.compile(r"\bOPR/|\bOpera\b")),
    ("Cốc Cốc", re.compile(r"coc_coc_browser", re.IGNORECASE)),
    ("Samsung Internet", re.compile(r"\bSamsungBrowser/")),
    ("Firefox", re.compile(r"\bFirefox/|\bFxiOS/")),
    ("Chrome", re.compile(r"\b(?:Headless)?Chrome/|\bCriOS/|\bChromium/")),
    ("Safari", re.compile(r"\bSafari/")),
)
_SYSTEMS = (
    ("iOS", re.compile(r"\biPhone|\biPad|\biPod")),
    ("Android", re.compile(r"\bAndroid\b")),
    ("Windows", re.compile(r"\bWindows\b")),
    ("ChromeOS", re.compile(r"\bCrOS\b")),
    ("macOS", re.compile(r"\bMacintosh\b|\bMac OS X\b")),
    ("Linux", re.compile(r"\bLinux\b")),
)


def _first(patterns, user_agent: str) -> str:
    return next((name for name, pattern in patterns if pattern.search(user_agent)), "")


def describe_user_agent(user_agent: str) -> str:
    browser, system = _first(_BROWSERS, user_agent), _first(_SYSTEMS, user_agent)
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return browser or system or _("Unknown browser")
