#!/bin/sh
# Installs the npm packages from the lock file when they are missing or older than the lock.
set -eu
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages from package-lock.json…"
  npm ci --no-audit --no-fund
fi
