"""The shipped proxies, run here as docker-compose.yml runs them: nginx with deploy/nginx.conf
(the `proxy` service) and Caddy with deploy/Caddyfile (the `tls` service), on loopback ports.

Each configuration is the shipped file with only what must differ outside Docker replaced: the
addresses of the services it talks to, the ports it listens on, its folders. Debian 12's nginx
(1.22) lacks the `resolve` parameter of nginx 1.27.3+, so the upstream's one `server web:8000
resolve …` line becomes one line per local gunicorn, with the same parameters.
"""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.faults.servers import free_port, missing, wait_for_port
from tests.ops.helpers import ROOT

NGINX_UPSTREAM = "server web:8000 resolve max_fails=1 fail_timeout=5s;"


def require(binary: str) -> str:
    path = shutil.which(binary)
    if path is None:
        missing(f"{binary} is not installed (.ci/run installs it)")
    return path


def nginx_site(
    folder: Path, upstream_ports: list[int], *, port: int, static: Path | None = None
) -> str:
    """deploy/nginx.conf for this machine."""
    site = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    servers = "\n    ".join(
        NGINX_UPSTREAM.replace("web:8000 resolve", f"127.0.0.1:{upstream}")
        for upstream in upstream_ports
    )
    for old, new in [
        (NGINX_UPSTREAM, servers),
        ("listen 80 default_server;", f"listen 127.0.0.1:{port} default_server;"),
        ("/var/cache/nginx/hnp", str(folder / "cache")),
        ("/srv/static/", f"{static or folder / 'static'}/"),
        ("/srv/media/", f"{folder / 'media'}/"),
    ]:
        assert old in site, f"deploy/nginx.conf no longer has {old!r}"
        site = site.replace(old, new)
    return site


class Nginx:
    """nginx in the foreground with the official image's main configuration around the site."""

    def __init__(self, folder: Path, upstream_ports: list[int], static: Path | None = None):
        binary = require("nginx")
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        (folder / "site.conf").write_text(
            nginx_site(folder, upstream_ports, port=self.port, static=static)
        )
        (folder / "nginx.conf").write_text(
            f"pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
            "events { worker_connections 1024; }\n"
            "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
            f"  access_log {folder}/access.log;\n  sendfile on;\n  keepalive_timeout 65;\n"
            f"  client_body_temp_path {folder}/body; proxy_temp_path {folder}/proxy;\n"
            f"  include {folder}/site.conf;\n}}\n"
        )
        command = [binary, "-p", str(folder), "-e", "stderr", "-c", f"{folder}/nginx.conf"]
        test = subprocess.run(  # noqa: S603
            [*command, "-t"], capture_output=True, text=True, timeout=30, check=False
        )
        assert test.returncode == 0, test.stderr
        user = "daemon off; user root;" if os.geteuid() == 0 else "daemon off;"
        self.process = subprocess.Popen(  # noqa: S603
            [*command, "-g", user], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        if not wait_for_port(self.port, timeout=15):
            self.stop()
            pytest.fail(f"nginx did not start:\n{self.error_log()}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def error_log(self) -> str:
        log = self.folder / "error.log"
        return log.read_text(errors="replace") if log.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)


class Caddy:
    """Caddy with deploy/Caddyfile for DOMAIN=localhost (the local mode): its own certificate
    authority, whose root certificate ``root_certificate`` is, for a client to verify with."""

    def __init__(self, folder: Path, nginx_port: int, domain: str = "localhost"):
        binary = require("caddy")
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.http_port, self.https_port = free_port(), free_port()
        caddyfile = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
        assert "reverse_proxy proxy:80" in caddyfile
        caddyfile = caddyfile.replace("proxy:80", f"127.0.0.1:{nginx_port}")
        # Outside a container: other ports, no admin endpoint (other tests may run Caddy too),
        # and never touch this machine's trusted certificates.
        caddyfile = caddyfile.replace(
            "\n{\n",
            f"\n{{\n\tadmin off\n\tskip_install_trust\n\thttp_port {self.http_port}\n"
            f"\thttps_port {self.https_port}\n",
            1,
        )
        (folder / "Caddyfile").write_text(caddyfile)
        env = {
            "PATH": os.environ["PATH"],
            "HOME": str(folder),
            "XDG_DATA_HOME": str(folder / "data"),
            "XDG_CONFIG_HOME": str(folder / "config"),
            "DOMAIN": domain,
        }
        command = [binary, "run", "--config", str(folder / "Caddyfile"), "--adapter", "caddyfile"]
        with (folder / "caddy.log").open("w") as log:
            self.process = subprocess.Popen(  # noqa: S603
                command, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        self.root_certificate = folder / "data" / "caddy" / "pki" / "authorities" / "local"
        self.root_certificate /= "root.crt"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not self._serving():
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        if not self._serving():
            self.stop()
            pytest.fail(f"Caddy did not start:\n{self.log()}")

    def _serving(self) -> bool:
        if not self.root_certificate.exists():
            return False
        try:
            socket.create_connection(("127.0.0.1", self.https_port), timeout=0.5).close()
            return True
        except OSError:
            return False

    def log(self) -> str:
        return (self.folder / "caddy.log").read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)
