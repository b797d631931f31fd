#!/bin/sh
# The over-HTTP browser tests serve the production build through Debian's nginx with the
# deployment's configuration (deploy/nginx/); scripts/serve-nginx.ts runs it from a temp folder.
set -eu
NGINX_PATH="${NGINX_PATH:-}"
if [ -n "$NGINX_PATH" ] && [ -x "$NGINX_PATH" ]; then exit 0; fi
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's nginx for the browser tests…"
  apt-get update -qq
  # The tests start their own nginx on a free port; where a service manager runs, the package
  # also starts the system one on port 80, which they do not use.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null
else
  echo "nginx is missing. Install it with:" >&2
  echo "  sudo apt-get install -y --no-install-recommends nginx" >&2
  echo "or point NGINX_PATH at an nginx binary." >&2
  exit 1
fi
