# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.12 || command -v python3.13 || command -v python3.14 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run serve install install-test lock migrate demo test lint pytest migrations-check clean \
	audit audit-if-reachable

help:
	@echo "make run    set up .venv, migrate, load demo content and serve http://$(HOST):$(PORT)/"
	@echo "make test   install the test dependencies, then run ruff, the import layers, the migrations check, the dependency audit and pytest"
	@echo "make audit  pip-audit of requirements.txt: fails on a known vulnerability, or if it cannot look one up"
	@echo "make lock   after changing a pin in pyproject.toml: rewrite requirements*.txt (UPGRADE=1: all)"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || \
		{ echo "Python 3.12+ is needed (found $$($(PYTHON) --version)); set PYTHON=/path/to/python3.12"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade "pip>=25.1"

# The lock files (requirements.txt, and requirements-test.txt with the test tools) pin every
# package, direct or not, with its hashes: the image, CI and every machine install the same
# files. pyproject.toml names the direct dependencies; `make lock` derives the lock files.
$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install --quiet --require-hashes --no-deps -r requirements.txt
	@touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(PIP) install --quiet --require-hashes --no-deps -r requirements-test.txt
	@touch $@

LOCK := $(VENV)/bin/uv pip compile pyproject.toml --universal --python-version 3.12 \
	--generate-hashes --quiet $(if $(UPGRADE),--upgrade)
lock: | $(PY)
	$(PIP) install --quiet --group lock
	$(LOCK) -o requirements.txt
	$(LOCK) --group test -o requirements-test.txt

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo --base-url http://$(HOST):$(PORT)
	$(MANAGE) load_demo_comments

run: demo
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

# The checks never read .env: a developer's production-like .env must not change what is tested.
migrations-check: install-test
	ENV_FILE= $(MANAGE) makemigrations --check --dry-run

pytest: install-test vnu
	ENV_FILE= VNU_JAR=$(VNU_JAR) $(VENV)/bin/pytest

# The Nu HTML Checker (vnu.jar, run by tests/validation with Java), pinned by version and by the
# npm registry's SHA-512 of its package, fetched once with npm into .cache/. Without npm it
# is not fetched and the validation tests are skipped with a loud reason (CI=true: they fail).
VNU_VERSION := 26.9.27
VNU_SHA512 := TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0SghgBX6RJRNea0KA==
VNU_JAR := .cache/vnu/vnu-$(VNU_VERSION).jar
.PHONY: vnu
vnu:
	@if [ -f $(VNU_JAR) ]; then :; \
	elif ! command -v npm >/dev/null 2>&1; then \
		echo "vnu: npm not found, the HTML validation tests will be skipped"; \
	else \
		mkdir -p .cache/vnu && cd .cache/vnu && \
		npm pack --silent vnu-jar@$(VNU_VERSION) >/dev/null && \
		test "$$(openssl dgst -sha512 -binary vnu-jar-$(VNU_VERSION).tgz | base64 -w0)" = "$(VNU_SHA512)" && \
		tar -xzf vnu-jar-$(VNU_VERSION).tgz package/build/dist/vnu.jar && \
		mv package/build/dist/vnu.jar vnu-$(VNU_VERSION).jar && \
		rm -rf package vnu-jar-$(VNU_VERSION).tgz && echo "vnu: $(VNU_JAR)"; \
	fi

# The dependency audit (SECURITY.md, "Dependencies"): pip-audit looks up every package pinned in
# requirements.txt (what the image installs) in the vulnerability data the package index
# publishes, and fails on any known vulnerability; --strict fails on a package it could not look
# up as well, so an audit that checked nothing never passes.
AUDIT := $(VENV)/bin/pip-audit --strict --disable-pip --require-hashes --progress-spinner off \
	-r requirements.txt
audit: install-test
	$(AUDIT)

# `make test` runs the same audit, with one exception: where the vulnerability data cannot be
# reached at all (some build machines reach the package index but not its vulnerability data),
# it says so on a line of its own and goes on; AUDIT_REQUIRED=1 makes that a failure too. A
# vulnerability found always fails.
audit-if-reachable: install-test
	@$(AUDIT) > $(VENV)/audit.log 2>&1; status=$$?; cat $(VENV)/audit.log; \
	if [ $$status -eq 0 ]; then exit 0; fi; \
	if [ -z "$(AUDIT_REQUIRED)" ] && grep -q "could not be audited" $(VENV)/audit.log \
		&& ! grep -Eq "(PYSEC|GHSA|CVE)-" $(VENV)/audit.log; then \
		echo "DEPENDENCY AUDIT SKIPPED: the vulnerability data cannot be reached from here (make audit)."; \
	else exit 1; fi

test: lint migrations-check audit-if-reachable pytest

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .cache

# --- Operations (docs/deploy.md) -------------------------------------------------------------
# They act on the installation the environment describes (DATABASE_URL…). With docker compose,
# run the same commands inside the containers, as docs/deploy.md shows.
.PHONY: createsuperuser backup restore clean-captchas purge-commenter-data unlock-login reset-two-factor rotate-secret \
	serve-prod worker
GUNICORN_ARGS := --config deploy/gunicorn.conf.py config.wsgi:application
ENV_FILE ?= .env

createsuperuser:  ## an administrator account (ARGS=--noinput takes DJANGO_SUPERUSER_* from the environment)
	$(MANAGE) createsuperuser $(ARGS)

backup:  ## database dump and media archive into BACKUP_DIR (backups/), older ones pruned
	$(MANAGE) backup

restore:  ## replace the database's contents with the dump BACKUP=… (in one transaction)
	@test -n "$(BACKUP)" || \
		{ echo "restore: name the dump to restore: make restore BACKUP=backups/hnp-….dump"; exit 1; }
	$(MANAGE) restore_database "$(BACKUP)"

clean-captchas:  ## delete expired captchas (run it daily, e.g. from cron)
	$(MANAGE) captcha_clean

purge-commenter-data:  ## erase phone/IP/browser of comments moderated COMMENT_PII_RETENTION_DAYS ago (daily)
	$(MANAGE) purge_commenter_data

unlock-login:  ## lift an admin login lockout now: make unlock-login USERNAME=bientap
	@test -n "$(USERNAME)" || { echo "unlock-login: name the account: make unlock-login USERNAME=…"; exit 1; }
	$(MANAGE) axes_reset_username "$(USERNAME)"

reset-two-factor:  ## a lost phone when no administrator can sign in: make reset-two-factor USERNAME=quantri
	@test -n "$(USERNAME)" || { echo "reset-two-factor: name the account: make reset-two-factor USERNAME=…"; exit 1; }
	$(MANAGE) reset_two_factor "$(USERNAME)"

rotate-secret:  ## new SECRET_KEY in ENV_FILE (default .env), the old one kept as a fallback
	$(PYTHON) deploy/rotate_secret.py "$(ENV_FILE)"

worker: install  ## the task worker: the queued e-mails (moderators' digest, editors' notices); keep it running
	$(MANAGE) db_worker

serve-prod: install  ## what the Docker image runs: collect static files, then gunicorn
	$(MANAGE) collectstatic --noinput
	$(VENV)/bin/gunicorn $(GUNICORN_ARGS)

# --- Benchmark (docs/performance.md) ---------------------------------------------------------
# Needs PostgreSQL and Redis on this machine (BENCH_POSTGRES, BENCH_REDIS_URL), Debian's wrk
# and nginx. Data size: BENCH_ARTICLES (100000) and BENCH_COMMENTS (1000000); the data set is
# built once per size in its own database (several minutes at the default size).
.PHONY: bench
bench: install  ## throughput of each reader page against a bare Django view, cache on and off
	$(PY) bench/run.py
