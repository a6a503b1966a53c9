"""Container hygiene in docker-compose.yml: rotated logs, limits, least privilege, per-service
secrets, current images, and only the TLS proxy reachable from outside. Docker does not run
here: these read the file as `docker compose config` would (YAML merge keys included)."""

import re

import pytest

from tests.ops.helpers import ROOT, compose

SITE_IMAGE_SERVICES = {"migrate", "web", "jobs", "worker", "backup"}
SECRET_VARIABLES = {
    "secret_key": "SECRET_KEY",
    "secret_key_fallbacks": "SECRET_KEY_FALLBACKS",
    "postgres_password": "POSTGRES_PASSWORD",
    "email_host_password": "EMAIL_HOST_PASSWORD",
    "aws_secret_access_key": "AWS_SECRET_ACCESS_KEY",
    "sentry_dsn": "SENTRY_DSN",
}
# Which secrets each service needs, and nothing more.
NEEDS = {
    "db": {"postgres_password"},
    "pgbouncer": {"postgres_password"},
    "redis": set(),
    "limits": set(),
    "migrate": {"secret_key", "postgres_password"},
    "web": set(SECRET_VARIABLES),
    "jobs": {"secret_key", "postgres_password", "email_host_password", "sentry_dsn"},
    "worker": {"secret_key", "postgres_password", "email_host_password", "sentry_dsn"},
    "backup": {"secret_key", "postgres_password", "aws_secret_access_key", "sentry_dsn"},
    "proxy": set(),
    "tls": set(),
}
# Capabilities the images' own start needs (root entrypoints that drop to a user, port 80/443).
CAPABILITIES = {
    "db": {"CHOWN", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID"},
    "proxy": {"CHOWN", "DAC_OVERRIDE", "SETGID", "SETUID", "NET_BIND_SERVICE"},
    "tls": {"NET_BIND_SERVICE"},
}
SERVICES = compose()["services"]


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_every_service_rotates_its_logs_and_has_memory_and_cpu_limits(name):
    service = SERVICES[name]
    assert service["logging"]["driver"] == "json-file"
    assert service["logging"]["options"]["max-size"] and service["logging"]["options"]["max-file"]
    limits = service["deploy"]["resources"]["limits"]
    assert limits["memory"] and float(limits["cpus"]) > 0


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_every_service_drops_capabilities_and_cannot_gain_privileges(name):
    service = SERVICES[name]
    assert service["cap_drop"] == ["ALL"]
    assert "no-new-privileges:true" in service["security_opt"]
    assert set(service.get("cap_add", [])) == CAPABILITIES.get(name, set())


@pytest.mark.parametrize("name", sorted(set(SERVICES) - {"db"}))
def test_every_service_but_the_database_has_a_read_only_root_file_system(name):
    assert SERVICES[name]["read_only"] is True


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_each_service_gets_only_the_secrets_it_needs(name):
    service = SERVICES[name]
    assert set(service.get("secrets", [])) == NEEDS[name]
    environment = service.get("environment", {})
    if name in SITE_IMAGE_SERVICES:
        # .env is read whole: every secret in it is blanked, and comes back as a file if needed.
        assert service["env_file"] == [{"path": ".env", "required": False}]
        for secret, variable in SECRET_VARIABLES.items():
            assert environment[variable] == ""
            file_variable = "DATABASE_PASSWORD_FILE" if variable == "POSTGRES_PASSWORD" else None
            file_variable = file_variable or f"{variable}_FILE"
            if secret in NEEDS[name]:
                assert environment[file_variable] == f"/run/secrets/{secret}"
            else:
                assert file_variable not in environment
    else:
        assert "env_file" not in service
        assert not any(variable in environment for variable in SECRET_VARIABLES.values())


def test_every_secret_comes_from_a_variable_env_example_lists():
    secrets = compose()["secrets"]
    assert {name: secret["environment"] for name, secret in secrets.items()} == SECRET_VARIABLES
    listed = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert set(SECRET_VARIABLES.values()) <= listed, "uncommented, so compose finds them"


def test_only_the_tls_proxy_is_published_on_the_host():
    published = {name for name, service in SERVICES.items() if service.get("ports")}
    assert published == {"tls"}
    assert SERVICES["tls"]["ports"] == [
        "${HTTP_PORT:-80}:80",
        "${HTTPS_PORT:-443}:443",
        "${HTTPS_PORT:-443}:443/udp",
    ]


def test_images_are_current_stable_releases():
    assert (ROOT / "deploy" / "proxy.Dockerfile").read_text().count("FROM nginx:1.30\n") == 1
    assert "FROM debian:trixie-slim\n" in (ROOT / "deploy" / "pgbouncer.Dockerfile").read_text()
    assert "FROM python:3.12-slim-trixie" in (ROOT / "Dockerfile").read_text()


def test_the_budget_the_site_checks_is_the_pool_pgbouncer_opens():
    entrypoint = (ROOT / "deploy" / "pgbouncer-entrypoint.sh").read_text()
    web = SERVICES["web"]["environment"]
    pool = SERVICES["pgbouncer"]["environment"]
    assert web["PGBOUNCER_POOL_SIZE"] == pool["PGBOUNCER_POOL_SIZE"] == "${PGBOUNCER_POOL_SIZE:-20}"
    assert "${PGBOUNCER_POOL_SIZE:-20}" in entrypoint
    assert web["WEB_REPLICAS"] == "${WEB_REPLICAS:-2}"
    assert SERVICES["web"]["deploy"]["replicas"] == "${WEB_REPLICAS:-2}"
