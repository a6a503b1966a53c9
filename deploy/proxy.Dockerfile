# syntax=docker/dockerfile:1
# The proxy of docker-compose.yml: nginx with deploy/nginx.conf and the site's collected static
# files, taken from the web image that the same `docker compose build` makes (the `site` build
# context is `service:web`), so the two always match. Uploaded media come from the shared
# volume at run time.
FROM site AS site

FROM nginx:1.27
COPY --from=site /app/staticfiles /srv/static
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
# The micro-cache's folder (proxy_cache_path in nginx.conf).
RUN mkdir -p /var/cache/nginx/hnp
