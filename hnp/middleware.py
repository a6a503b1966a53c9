import logging
import re
import secrets
import time

from django.conf import settings
from django.utils.csp import CSP, build_policy

from hnp.db_router import read_replica_for

from .logging import current_request_id

access_logger = logging.getLogger("hnp.access")

# An id a proxy or load balancer already gave the request is kept if it is short and plain, so
# one id follows the request through every tier; anything else could forge log lines.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")


class RequestLogMiddleware:
    """Give every request an id and write one access line for it.

    The id comes from an incoming ``X-Request-ID`` header when it looks sane, otherwise it is a
    new random one; it is sent back in the response's ``X-Request-ID`` header and tagged on
    every log line written while the request is served (see ``hnp.logging``). The access line
    has the method, the path without its query string (search terms and anything else a reader
    typed stay out of the logs), the status and the time taken. Successful health checks are
    not logged: load balancers ask every few seconds.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _SANE_REQUEST_ID.fullmatch(incoming) else secrets.token_hex(16)
        request.request_id = request_id
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            response["X-Request-ID"] = request_id
            if not (request.path.startswith("/healthz") and response.status_code < 400):
                access_logger.info(
                    "%s %s %s %sms",
                    request.method,
                    request.path,
                    response.status_code,
                    duration_ms,
                    extra={
                        "request_id": request_id,
                        "http_method": request.method,
                        "http_path": request.path,
                        "http_status": response.status_code,
                        "duration_ms": duration_ms,
                    },
                )
            return response
        finally:
            current_request_id.reset(token)


class ReplicaReadMiddleware:
    """Let the public pages of anonymous readers read from a database replica.

    Everything else reads from the primary (see ``hnp.db_router`` for the rules). After a
    request that may have written (a posted comment), the client is pinned to the primary for
    ``REPLICA_PIN_SECONDS`` through a cookie, so a reader sees what they just did even when the
    replicas lag behind. Listed after AuthenticationMiddleware, which it needs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.DATABASE_REPLICAS:
            return self.get_response(request)
        with read_replica_for(request):
            response = self.get_response(request)
        # A view whose POST writes nothing the client reads back (the view-count beacon)
        # sets response.pin_to_primary = False.
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE") and getattr(
            response, "pin_to_primary", True
        ):
            response.set_cookie(
                settings.REPLICA_PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


class StaffAreaCSPMiddleware:
    """Give the admin and the editor's views the looser CSP that CKEditor 4 needs.

    Listed after Django's ContentSecurityPolicyMiddleware so that it runs first on the way
    out: the CSP middleware leaves a Content-Security-Policy header it finds alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(settings.STAFF_AREA_PATH_PREFIXES):
            response.headers[str(CSP.HEADER_ENFORCE)] = build_policy(settings.STAFF_AREA_CSP)
        return response
