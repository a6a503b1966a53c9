"""docker-compose.yml and the Dockerfile describe a site that can run as several containers.

Docker does not run here, so these read the files: the services, volumes, health checks and
start order, and that the command the containers run is the command the tests run.
"""

import json
import shlex
import shutil
import subprocess

import pytest

from deploy.healthcheck import host_header
from harness import nginx
from harness.gunicorn import WEB_COMMAND as GUNICORN
from tests.ops.helpers import ROOT, compose, dockerfile_stages, makefile_recipe, web_command


def test_compose_names_the_services_and_the_named_volumes():
    config = compose()
    assert {"db", "pgbouncer", "redis", "migrate", "web", "jobs", "backup", "proxy", "tls"} <= set(
        config["services"]
    )
    assert {"pgdata", "media", "backups", "caddy_data"} <= set(config["volumes"])
    assert config["services"]["db"]["image"] == "postgres:17"
    assert config["services"]["redis"]["image"] == "redis:8"
    assert config["services"]["tls"]["image"] == "caddy:2"
    assert "pgdata:/var/lib/postgresql/data" in config["services"]["db"]["volumes"]


def test_db_and_redis_have_health_checks_that_ask_the_server():
    services = compose()["services"]
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert services["web"]["healthcheck"]["test"] == ["CMD", "python", "deploy/healthcheck.py"]


def test_web_starts_after_a_healthy_database_pool_and_redis_and_the_one_off_migration():
    services = compose()["services"]
    assert services["pgbouncer"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert services["web"]["depends_on"] == {
        "pgbouncer": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
        "limits": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
    }
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert services["migrate"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert services["migrate"]["restart"] == "no"
    assert services["proxy"]["depends_on"] == {"web": {"condition": "service_healthy"}}
    assert services["tls"]["depends_on"] == {"proxy": {"condition": "service_healthy"}}
    assert "/healthz/live" in " ".join(services["proxy"]["healthcheck"]["test"])


def test_web_can_be_scaled_it_keeps_uploads_on_the_shared_volume_and_publishes_no_port():
    services = compose()["services"]
    web = services["web"]
    assert web["volumes"] == ["media:/app/media"]
    assert "ports" not in web, "a fixed host port would make `--scale web=3` fail"
    assert "container_name" not in web
    assert "media:/srv/media:ro" in services["proxy"]["volumes"]
    assert web["environment"]["REDIS_URL"].startswith("redis://redis:6379/")
    assert "@pgbouncer:6432/" in web["environment"]["DATABASE_URL"]
    assert web["environment"]["DATABASE_POOLER"] == "pgbouncer"
    # Migrations and dumps go to PostgreSQL itself.
    assert "@db:5432/" in services["migrate"]["environment"]["DATABASE_URL"]
    assert "@db:5432/" in services["backup"]["environment"]["BACKUP_DATABASE_URL"]
    assert web["environment"]["SECURE_PROXY_SSL_HEADER"] == "HTTP_X_FORWARDED_PROTO,https"
    assert web["env_file"] == [{"path": ".env", "required": False}]


def _subnets(network: dict) -> list[str]:
    return [entry["subnet"] for entry in network["ipam"]["config"]]


def test_the_rate_limit_counters_live_in_a_redis_that_never_evicts():
    """Issue 18: a flood of cached pages evicted the counters from the page cache's Redis."""
    services = compose()["services"]
    command = services["limits"]["command"]
    assert command[command.index("--maxmemory-policy") + 1] == "noeviction"
    page_cache = services["redis"]["command"]
    assert page_cache[page_cache.index("--maxmemory-policy") + 1] == "allkeys-lru"
    for name in ("web", "jobs"):
        environment = services[name]["environment"]
        assert environment["LIMITS_REDIS_URL"] == "redis://limits:6379/0"
        assert services[name]["depends_on"]["limits"] == {"condition": "service_healthy"}


def test_gunicorn_is_reachable_only_from_the_internal_network_and_trusts_only_nginx():
    """Issue 18: Caddy (the only published service) is on `edge` alone; gunicorn on the
    internal network alone; X-Forwarded-For is believed from that network, where nginx is,
    and nginx believes only Caddy's network (deploy/nginx.conf)."""
    config = compose()
    services, networks = config["services"], config["networks"]
    internal, edge = _subnets(networks["default"]), _subnets(networks["edge"])
    assert services["tls"]["networks"] == ["edge"]
    assert set(services["proxy"]["networks"]) == {"edge", "default"}
    for name, service in services.items():
        if name not in {"tls", "proxy"}:
            assert "networks" not in service, f"{name} must be on the internal network only"
            assert "ports" not in service, f"{name} must not be published"
    web = services["web"]
    default = ",".join(internal)
    assert web["environment"]["TRUSTED_PROXIES"] == f"${{TRUSTED_PROXIES:-{default}}}"
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert [f"set_real_ip_from {subnet};" for subnet in edge] == [
        line.strip() for line in nginx.splitlines() if line.startswith("set_real_ip_from")
    ]


def test_the_containers_the_makefile_the_tests_and_the_benchmark_run_the_same_gunicorn_command():

    assert web_command() == GUNICORN
    final_stage = dockerfile_stages()[-1]
    cmd = [line for line in final_stage if line.startswith("CMD ")]
    assert json.loads(cmd[-1].removeprefix("CMD ")) == GUNICORN
    serve_prod = makefile_recipe("serve-prod")[-1]
    assert serve_prod[0].endswith("/gunicorn")
    assert serve_prod[1:] == GUNICORN[1:]


def test_the_image_is_slim_multi_stage_and_runs_as_an_unprivileged_user():
    stages = dockerfile_stages()
    assert len(stages) >= 2
    for stage in stages:
        assert shlex.split(stage[0])[1].startswith("python:3.12-slim")
    final = stages[-1]
    users = [line.split()[1] for line in final if line.upper().startswith("USER ")]
    assert users and users[-1] not in {"root", "0"}
    text = "\n".join(final).lower()
    for compiler in ("build-essential", "gcc", "g++", "libpq-dev", "python3-dev"):
        assert compiler not in text
    assert "collectstatic" in text
    assert "copy --from=build /opt/venv /opt/venv" in text


def test_the_image_installs_the_lock_file_and_nothing_unhashed():
    build = "\n".join(dockerfile_stages()[0])
    assert "COPY requirements.txt" in build
    assert "pip install --require-hashes --no-deps -r /tmp/requirements.txt" in build


def test_secrets_and_local_state_stay_out_of_the_image():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for path in (".env", ".git", ".venv", "db.sqlite3", "media", "staticfiles", "backups"):
        assert path in ignored


@pytest.mark.parametrize(
    ("allowed_hosts", "expected"),
    [
        ("hnp.example.vn,www.hnp.example.vn", "hnp.example.vn"),
        (".example.vn", "example.vn"),
        ("*", "localhost"),
        ("", "localhost"),
    ],
)
def test_the_container_health_check_sends_a_host_that_allowed_hosts_accepts(
    allowed_hosts, expected
):
    assert host_header(allowed_hosts) == expected


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed here")
def test_the_proxy_configuration_is_valid_nginx(tmp_path):
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    assert nginx.UPSTREAM in site
    assert "resolver 127.0.0.11 " in site  # Docker's DNS, asked again as containers come and go
    assert "/var/cache/nginx/hnp" in site  # the official image's cache folder
    (tmp_path / "site.conf").write_text(nginx.site_conf(tmp_path, [9], port=8080))
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{ include {tmp_path}/site.conf; }}\n"
    )
    command = ["nginx", "-t", "-p", str(tmp_path), "-e", "stderr", "-c", f"{tmp_path}/nginx.conf"]
    result = subprocess.run(  # noqa: S603
        command,  # noqa: S607
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
