#!/bin/sh
# Every test, from a fresh machine: installs what is missing, then types, lint, unit and
# integration tests (including the production-build check and the gateway's fleet on Redis), then
# the browser tests (the over-HTTP ones through nginx with the deployment's configuration).
set -eu
cd "$(dirname "$0")/.."
sh scripts/ensure-deps.sh
sh scripts/ensure-chromium.sh
sh scripts/ensure-nginx.sh
sh scripts/ensure-redis.sh
npm run check
npx playwright test
