from http import HTTPStatus

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from hnp.network import get_client_ip

from .most_read import is_bot, record_view

_MAX_ID = 2**63 - 1


def _sent_by_our_pages(request: HttpRequest) -> bool:
    """Browsers send ``Origin`` with every POST, a beacon's included: it must be this site.
    Scripts and bots rarely send it, and another site's pages cannot fake it."""
    origin = request.headers.get("Origin", "")
    return bool(origin) and (
        origin == f"{request.scheme}://{request.get_host()}"
        or origin in settings.CSRF_TRUSTED_ORIGINS
    )


# CSRF-exempt on purpose: the article page may be a cached copy shared by every reader, so it
# holds no CSRF token to send. What a forged request could do is add one view, and the checks
# below bound that: POST only, an Origin of this site, no bot user agent, and one count per
# reader (address and user agent) per article every 30 minutes. Nothing is read or changed
# but a counter in the cache.
@csrf_exempt
@require_POST
def count_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The view-count beacon of the article page (static/js/views.js); always 204, counted
    or not, so that it tells a caller nothing."""
    user_agent = request.headers.get("User-Agent", "")
    if pk <= _MAX_ID and _sent_by_our_pages(request) and not is_bot(user_agent):
        record_view(article_id=pk, client_ip=get_client_ip(request), user_agent=user_agent)
    response = HttpResponse(status=HTTPStatus.NO_CONTENT)
    # The beacon writes nothing the reader reads back: no need to read from the primary
    # database for a while (see hnp.middleware.ReplicaReadMiddleware).
    response.pin_to_primary = False
    return response
