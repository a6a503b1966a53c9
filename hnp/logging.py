"""Log lines for production: one line per event on standard output, tagged with the request id.

``hnp.middleware.RequestLogMiddleware`` puts the id of the request being served into
``current_request_id``; ``RequestIdFilter`` copies it onto every record logged meanwhile, so
an error deep in a view can be matched with the access line of its request.
"""

import json
import logging
from contextvars import ContextVar
from http import HTTPStatus

current_request_id: ContextVar[str] = ContextVar("current_request_id", default="-")

# No line the site writes shows the thread, the process or the asyncio task of a record: not
# collecting them makes every record (one access line per request) cheaper. See "Optimization"
# in Python's logging HOWTO.
logging.logThreads = False
logging.logProcesses = False
logging.logMultiprocessing = False
logging.logAsyncioTasks = False

# Extra attributes that the access log passes and the JSON lines carry as fields. Nothing else
# from a record's ``extra`` is written out: Django attaches the request itself to some records,
# and request bodies (a commenter's phone number) must never reach the logs.
ACCESS_FIELDS = ("http_method", "http_path", "http_status", "duration_ms")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


class QuietClientErrorFilter(logging.Filter):
    """A request Django refuses as suspicious (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, too many
    fields, an unknown Host header…) is answered 400 and logged by ``django.security.*`` at
    ERROR with a traceback. It is the client's doing, not a fault of the site: keep it to one
    WARNING line, so that real errors stand out. The same for every 4xx ``django.request``
    logs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("django.security.") and record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info = record.exc_text = record.stack_info = None
        # A refused request (a 403 from the admin or the editor, a 404) is one line too, without
        # the traceback Django attaches to PermissionDenied (issue 18).
        if record.name == "django.request" and getattr(record, "status_code", 500) < 500:
            record.exc_info = record.exc_text = record.stack_info = None
        return True


class SiteAnswered503Filter(logging.Filter):
    """On ``django.request``: no line for a 503. Every 503 is the site's own answer while the
    database is away (the 503 page, ``/healthz/ready``), and ``hnp.errors`` logs those at most
    once a minute with a count; Django's "Service Unavailable" line for each of them made
    2,251 ERROR lines in one fault run (issue 18). The access line of each request stays."""

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "status_code", None) != HTTPStatus.SERVICE_UNAVAILABLE


class UnhandledErrorsOnlyFilter(logging.Filter):
    """Only records that carry a traceback: an exception the site did not handle (a 500), not
    the line Django writes for every 5xx answer the site chose to give, nor the database being
    away (the 503 page, answered to every request until it is back)."""

    def filter(self, record: logging.LogRecord) -> bool:
        from hnp.errors import is_database_unavailable

        return bool(record.exc_info) and not is_database_unavailable(record.exc_info[1])


def _one_line(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")


class OneLineFormatter(logging.Formatter):
    """The standard formatter, with line breaks (tracebacks included) escaped as ``\\n``."""

    def format(self, record: logging.LogRecord) -> str:
        return _one_line(super().format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log collectors (``LOG_FORMAT=json``)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", current_request_id.get()),
            "message": record.getMessage(),
        }
        entry.update(
            {name: getattr(record, name) for name in ACCESS_FIELDS if hasattr(record, name)}
        )
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
