#!/bin/sh
# Browser tests drive Debian's Chromium (there is no Playwright browser download here).
set -eu
CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
if [ -x "$CHROME_PATH" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
else
  echo "Chromium is missing at $CHROME_PATH. Install it with:" >&2
  echo "  sudo apt-get install -y --no-install-recommends chromium fonts-liberation" >&2
  echo "or point CHROME_PATH at a Chromium or Chrome binary." >&2
  exit 1
fi
