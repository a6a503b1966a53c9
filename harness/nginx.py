"""The shipped deploy/nginx.conf (docker-compose.yml's ``proxy`` service) for this machine:
only what must differ outside Docker is replaced: the upstream addresses, the port it listens
on, its folders. Debian 12's nginx (1.22) lacks the ``resolve`` parameter of nginx 1.27.3+,
so the upstream's one ``server web:8000 resolve …`` line becomes one line per local gunicorn,
with the same parameters."""

import os
from pathlib import Path

from .processes import ROOT

UPSTREAM = "server web:8000 resolve max_fails=1 fail_timeout=5s;"


def site_conf(
    folder: Path,
    upstream_ports: list[int],
    *,
    port: int,
    static: Path | None = None,
    media: Path | None = None,
) -> str:
    site = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    servers = "\n    ".join(
        UPSTREAM.replace("web:8000 resolve", f"127.0.0.1:{upstream}") for upstream in upstream_ports
    )
    for old, new in [
        (UPSTREAM, servers),
        ("listen 80 default_server;", f"listen 127.0.0.1:{port} default_server;"),
        ("/var/cache/nginx/hnp", str(folder / "cache")),
        ("/srv/static/", f"{static or folder / 'static'}/"),
        ("/srv/media/", f"{media or folder / 'media'}/"),
    ]:
        if old not in site:
            raise ValueError(f"deploy/nginx.conf no longer has {old!r}: update harness/nginx.py")
        site = site.replace(old, new)
    return site


def main_conf(folder: Path, server_blocks: str, *, access_log: bool = True) -> Path:
    """nginx.conf in ``folder`` around ``server_blocks``, as the official image's main
    configuration is around the site's; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    user = "user root;\n" if os.geteuid() == 0 else ""
    log = f"{folder}/access.log" if access_log else "off"
    conf = folder / "nginx.conf"
    conf.write_text(
        f"{user}worker_processes auto;\npid {folder}/nginx.pid;\n"
        f"error_log {folder}/error.log warn;\n"
        "events { worker_connections 4096; }\n"
        "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"  access_log {log};\n  sendfile on;\n  tcp_nopush on;\n  keepalive_timeout 65;\n"
        f"  client_body_temp_path {folder}/body;\n  proxy_temp_path {folder}/proxy;\n"
        f"  fastcgi_temp_path {folder}/fastcgi;\n  uwsgi_temp_path {folder}/uwsgi;\n"
        f"  scgi_temp_path {folder}/scgi;\n{server_blocks}\n}}\n"
    )
    return conf


def command(conf: Path) -> list[str]:
    """nginx in the foreground with ``conf`` (add ``-t`` to only check it)."""
    return ["nginx", "-p", str(conf.parent), "-e", "stderr", "-c", str(conf), "-g", "daemon off;"]
