#!/bin/sh
# Deploy a new version without dropping requests (docs/deploy.md, "Deploying a new version").
#
#   git pull && deploy/rolling-deploy.sh
#
# 1. Build the new images and run the new migrations (which must still work with the running
#    code: add columns and tables first, remove them one deploy later). `migrate` also checks
#    the connection budget for twice WEB_REPLICAS containers, which step 2 briefly runs.
# 2. Start as many new web containers as there are old ones, next to them; nginx finds them
#    through Docker's DNS within 5 s and sends them requests once they answer.
# 3. Once every new container is healthy and nginx has had time to find them (6 s), stop the
#    old ones as `docker stop` does: SIGTERM,
#    gunicorn finishes the requests it is serving (up to 30 s) and closes its port; nginx sends
#    what comes next to the new ones and tries a GET again elsewhere if a connection drops.
# 4. Replace the other services that run the site's image, then nginx (new static files):
#    Caddy holds requests for up to 10 s while nginx restarts.
set -eu
cd "$(dirname "$0")/.."
compose="docker compose"
tries=${HEALTH_TRIES:-60}  # every 2 s: how long a new container has to become healthy

$compose build
$compose run --rm migrate

old=$($compose ps -q web)
count=$(echo "$old" | grep -c . || true)
[ "$count" -gt 0 ] || { echo "no web container is running: use docker compose up -d"; exit 1; }
$compose up -d --no-deps --no-recreate --scale web=$((2 * count)) web

new=""
for id in $($compose ps -q web); do
  case "$old" in *"$id"*) ;; *) new="$new $id" ;; esac
done
for id in $new; do
  for _ in $(seq 1 "$tries"); do
    [ "$(docker inspect -f '{{.State.Health.Status}}' "$id")" = healthy ] && break
    sleep 2
  done
  if [ "$(docker inspect -f '{{.State.Health.Status}}' "$id")" != healthy ]; then
    echo "new web container $id is not healthy: stopping the new ones, the old ones stay"
    docker logs --tail 50 "$id"
    # shellcheck disable=SC2086
    docker stop --time 30 $new >/dev/null && docker rm $new >/dev/null
    exit 1
  fi
done

# nginx asks Docker's DNS for the web containers every 5 s: let it see the new ones first.
sleep "${RESOLVE_SECONDS:-6}"
# shellcheck disable=SC2086
docker stop --time 30 $old >/dev/null && docker rm $old >/dev/null
$compose up -d --no-deps --no-recreate --scale web="$count" web
$compose up -d --no-deps jobs backup
$compose up -d --no-deps proxy
$compose ps
