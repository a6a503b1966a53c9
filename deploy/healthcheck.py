"""The web container's health check: exit 0 when the local site answers ``/healthz/ready`` with
200 (its database answers; Redis may be away: hnp/health.py).

docker-compose.yml runs it inside each web container (standard library only). It asks the
gunicorn of that container, on the port of GUNICORN_BIND, with a Host header that
ALLOWED_HOSTS accepts, so the check goes through the same validation as real requests.
"""

import http.client
import os
import sys
from http import HTTPStatus


def host_header(allowed_hosts: str) -> str:
    """The first concrete name in ALLOWED_HOSTS (``.example.vn`` -> ``example.vn``)."""
    for host in allowed_hosts.split(","):
        host = host.strip().lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def main() -> int:
    port = int(os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        host = host_header(os.environ.get("ALLOWED_HOSTS", ""))
        connection.request("GET", "/healthz/ready", headers={"Host": host})
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
    except OSError as exc:
        print(f"/healthz/ready did not answer: {exc}", file=sys.stderr)
        return 1
    finally:
        connection.close()
    if response.status != HTTPStatus.OK:
        print(f"/healthz/ready answered {response.status}: {body}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
