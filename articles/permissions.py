"""Staff rights by task, not by ``is_staff``: the checks of the views outside the admin's own
(which asks the model admin). SECURITY.md has the whole role × action matrix."""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

# Seeing an article readers cannot see yet (a draft, one in review, a scheduled one).
PREVIEW_PERMISSION = "articles.view_article"
# Using the editor: whoever may write or change an article may put pictures in it.
EDITOR_PERMISSIONS = ("articles.add_article", "articles.change_article")


def may_preview(user) -> bool:
    return user.has_perm(PREVIEW_PERMISSION)


def may_use_the_editor(user) -> bool:
    return any(user.has_perm(permission) for permission in EDITOR_PERMISSIONS)


def editor_view(view: Callable) -> Callable:
    """The editor's upload and gallery: 403 for staff who may not write articles (Moderators)."""

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs):
        if not may_use_the_editor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded
