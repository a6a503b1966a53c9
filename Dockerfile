# syntax=docker/dockerfile:1
# The HNP site: gunicorn serving Django, static files collected into the image (served by
# WhiteNoise), uploads on the volume mounted at /app/media (or in S3), nothing else written.

# --- build: install the pinned dependencies into a virtualenv --------------------------------
FROM python:3.12-slim-trixie AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

# Only the lock file, so this layer is rebuilt when the pins change, not on every code change.
# Every package, direct or indirect, at the version and with the hashes `make lock` wrote; each
# is pure Python or ships wheels for this platform, so no compiler is needed here either.
COPY requirements.txt /tmp/requirements.txt
RUN pip install --require-hashes --no-deps -r /tmp/requirements.txt

# --- final: the virtualenv and the code, run as an unprivileged user --------------------------
FROM python:3.12-slim-trixie

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DEBUG=False \
    MEDIA_ROOT=/app/media \
    STATIC_ROOT=/app/staticfiles

# pg_dump and pg_restore for the backup service (the same major version as the db service);
# flite speaks the comment captcha (its audio alternative, CAPTCHA_FLITE_PATH).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client-17 flite \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 hnp \
    && useradd --system --uid 10001 --gid hnp --home-dir /app --shell /usr/sbin/nologin hnp

COPY --from=build /opt/venv /opt/venv
WORKDIR /app
# The code belongs to root: the site cannot rewrite itself.
COPY . /app

# Static files are part of the image. The secret and host here exist only for this command;
# the running container gets its own from the environment and refuses to start without them.
RUN DEBUG=False \
    SECRET_KEY=collectstatic-at-build-time-only-never-used-to-sign-anything-0123456789 \
    ALLOWED_HOSTS=build.invalid \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/media \
    && chown hnp:hnp /app/media

USER hnp
EXPOSE 8000
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "config.wsgi:application"]
