#!/bin/sh
# The fleet's tests (tests/gateway/fleet-*.test.ts) and its browser test start their own Redis,
# Debian's redis-server, on a free loopback port; this installs it where it is missing.
set -eu
REDIS_SERVER_PATH="${REDIS_SERVER_PATH:-}"
if [ -n "$REDIS_SERVER_PATH" ] && [ -x "$REDIS_SERVER_PATH" ]; then exit 0; fi
if command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's redis-server for the fleet's tests…"
  apt-get update -qq
  # Where a service manager runs, the package also starts the system Redis on 6379, which the
  # tests do not use.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
else
  echo "redis-server is missing. Install it with:" >&2
  echo "  sudo apt-get install -y --no-install-recommends redis-server" >&2
  echo "or point REDIS_SERVER_PATH at a redis-server binary." >&2
  exit 1
fi
