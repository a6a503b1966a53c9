#!/bin/sh
# Start of the pgbouncer service: its configuration from deploy/pgbouncer.ini and the
# environment, its user list from the database password (a Docker secret), then PgBouncer in
# the foreground. tests/ops/test_pgbouncer.py runs this same script outside Docker.
set -eu

run_dir=${PGBOUNCER_RUN_DIR:-/tmp/pgbouncer}
template=${PGBOUNCER_TEMPLATE:-/etc/pgbouncer/pgbouncer.ini.template}
password_file=${POSTGRES_PASSWORD_FILE:-/run/secrets/postgres_password}

umask 077
mkdir -p "$run_dir"
# One user: the site's. PgBouncer checks the clients' password against it and logs in to
# PostgreSQL with it.
printf '"%s" "%s"\n' "${POSTGRES_USER:-hnp}" "$(cat "$password_file")" > "$run_dir/userlist.txt"
sed -e "s|@DB_HOST@|${DB_HOST:-db}|" \
    -e "s|@DB_PORT@|${DB_PORT:-5432}|" \
    -e "s|@LISTEN_ADDR@|${PGBOUNCER_LISTEN_ADDR:-0.0.0.0}|" \
    -e "s|@LISTEN_PORT@|${PGBOUNCER_LISTEN_PORT:-6432}|" \
    -e "s|@RUN_DIR@|$run_dir|" \
    -e "s|@POOL_SIZE@|${PGBOUNCER_POOL_SIZE:-20}|g" \
    -e "s|@MAX_CLIENT_CONN@|${PGBOUNCER_MAX_CLIENT_CONN:-1000}|" \
    "$template" > "$run_dir/pgbouncer.ini"
exec pgbouncer "$run_dir/pgbouncer.ini"
