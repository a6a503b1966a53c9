"""The "Phiên đăng nhập" page of the admin: a staff member's own signed-in sessions, and a
button that ends the others (hnp/staff_sessions.py). Served by config/urls.py under the admin's
address, through ``admin.site.admin_view`` (staff only, CSRF, never cached)."""

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from .staff_sessions import active_sessions, end_sessions, record_session


@require_http_methods(["GET", "POST"])
def staff_sessions(request: HttpRequest) -> HttpResponse:
    current = request.session.session_key
    if request.method == "POST":
        return _end(request, current)
    sessions = active_sessions(request.user)
    if not any(session.session_key == current for session in sessions):
        # This device's row was pruned or its key changed since it was written: write it now.
        record_session(request, request.user)
        sessions = active_sessions(request.user)
    for session in sessions:
        session.is_current = session.session_key == current
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in sessions"),
        "sessions": sessions,
        "others": len(sessions) - 1,
    }
    return TemplateResponse(request, "admin/hnp/staff_sessions.html", context)


def _end(request: HttpRequest, current: str) -> HttpResponse:
    one = request.POST.get("session")
    if one is not None:
        ids = [int(one)] if one.isascii() and one.isdigit() and len(one) < 19 else []
        if end_sessions(user=request.user, keep_session_key=current, ids=ids):
            messages.success(request, _("That session was signed out."))
        else:
            messages.warning(request, _("That session had already ended."))
    else:
        count = end_sessions(user=request.user, keep_session_key=current)
        messages.success(
            request,
            ngettext(
                "%(count)d other session was signed out.",
                "%(count)d other sessions were signed out.",
                count,
            )
            % {"count": count},
        )
    return redirect("staff-sessions")
