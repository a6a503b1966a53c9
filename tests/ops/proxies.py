"""The shipped proxies, run here as docker-compose.yml runs them: nginx with deploy/nginx.conf
(the `proxy` service, adapted by harness/nginx.py) and Caddy with deploy/Caddyfile (the `tls`
service), on loopback ports, with only what must differ outside Docker replaced.
"""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from harness import nginx
from harness.processes import free_port, wait_for_port
from tests.ops.helpers import ROOT
from tests.support.servers import missing


def require(binary: str) -> str:
    path = shutil.which(binary)
    if path is None:
        missing(f"{binary} is not installed (.ci/run installs it)")
    return path


class Nginx:
    """nginx in the foreground with deploy/nginx.conf for this machine (harness/nginx.py)."""

    def __init__(self, folder: Path, upstream_ports: list[int], static: Path | None = None):
        require("nginx")
        self.folder = folder
        self.port = free_port()
        site = nginx.site_conf(folder, upstream_ports, port=self.port, static=static)
        command = nginx.command(nginx.main_conf(folder, site))
        test = subprocess.run(  # noqa: S603
            [*command, "-t"], capture_output=True, text=True, timeout=30, check=False
        )
        assert test.returncode == 0, test.stderr
        self.process = subprocess.Popen(  # noqa: S603
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
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
