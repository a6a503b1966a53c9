# syntax=docker/dockerfile:1
# The pgbouncer service of docker-compose.yml: Debian's PgBouncer with deploy/pgbouncer.ini,
# run as the unprivileged user the package creates.
FROM debian:trixie-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends pgbouncer \
    && rm -rf /var/lib/apt/lists/*
COPY deploy/pgbouncer.ini /etc/pgbouncer/pgbouncer.ini.template
COPY --chmod=755 deploy/pgbouncer-entrypoint.sh /usr/local/bin/pgbouncer-entrypoint
USER postgres
EXPOSE 6432
ENTRYPOINT ["/usr/local/bin/pgbouncer-entrypoint"]
