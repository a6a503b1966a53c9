from fnmatch import fnmatchcase

from django.contrib.staticfiles.finders import AppDirectoriesFinder

# CKEditor 4 ships sample, test and helper HTML pages that are known XSS vectors, and
# django-ckeditor a file browser built on jQuery 1.3.2. The editor never needs them (the toolbar
# has no preview or spell-check dialog; the gallery is our own), so they are neither served in
# development nor collected for production.
BLOCKED_STATIC_PATTERNS = (
    "ckeditor/ckeditor/samples/*",
    "ckeditor/ckeditor/*/tests/*",
    "ckeditor/ckeditor/*.html",
    "ckeditor/ckeditor/*.md",
    "ckeditor/ckeditor/bender-runner.config.json",
    "ckeditor/ckeditor/build-config.js",
    # django-ckeditor's own file browser (jQuery 1.3.2 and inline scripts); the editor's
    # gallery is articles/editor/views.py now.
    "ckeditor/galleriffic/*",
)


def is_blocked(path: str) -> bool:
    return any(fnmatchcase(path, pattern) for pattern in BLOCKED_STATIC_PATTERNS)


class SafeAppDirectoriesFinder(AppDirectoriesFinder):
    """Django's app-directories finder, minus the bundled pages listed above."""

    def list(self, ignore_patterns):
        for path, storage in super().list(ignore_patterns):
            if not is_blocked(path):
                yield path, storage

    def find(self, path, find_all=False):
        if is_blocked(path):
            return []
        return super().find(path, find_all=find_all)
