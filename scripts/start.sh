#!/bin/sh
# Runs the app on its built-in simulated billing backend (MSW in the browser).
set -eu
cd "$(dirname "$0")/.."
sh scripts/ensure-deps.sh
exec npx vite --host "${HOST:-127.0.0.1}" --port "${PORT:-5173}"
