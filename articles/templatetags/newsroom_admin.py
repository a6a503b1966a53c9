"""The newsroom's links in the admin header: the calendar, the editors' review queue with the
count of articles waiting for them, and a journalist's unread decisions from the editors."""

from django import template

from .. import review
from ..models import can_publish

register = template.Library()


@register.inclusion_tag("admin/articles/includes/newsroom_links.html", takes_context=True)
def newsroom_links(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_active or not user.is_staff:
        return {"show": False}
    if not user.has_perm("articles.view_article"):
        return {"show": False}
    is_editor = can_publish(user)
    return {
        "show": True,
        "is_editor": is_editor,
        "waiting": review.waiting_count() if is_editor else 0,
        "unread": review.unread_count(user),
    }
