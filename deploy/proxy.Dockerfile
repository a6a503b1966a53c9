# syntax=docker/dockerfile:1
# The proxy of docker-compose.yml: nginx with deploy/nginx.conf and the site's collected static
# files, taken from the web image that the same `docker compose build` makes (the `site` build
# context is `service:web`), so the two always match. Uploaded media come from the shared
# volume at run time.
FROM site AS site

# 1.27.3 or newer: the upstream's `resolve` parameter (deploy/nginx.conf). Its micro-cache folder
# (/var/cache/nginx/hnp) is made by nginx at start, in the tmpfs docker-compose.yml mounts.
FROM nginx:1.30
COPY --from=site /app/staticfiles /srv/static
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
