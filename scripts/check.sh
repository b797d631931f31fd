#!/bin/sh
# `npm run check`: types, lint and formatting at once (each is one process on one core: side by
# side they take about half the time one after the other on two cores), then the Vitest suites.
# Each check's output is kept and printed whole, in order, so nothing interleaves.
set -u
cd "$(dirname "$0")/.."
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
npm run -s typecheck >"$logs/types" 2>&1 &
types=$!
npm run -s lint >"$logs/lint" 2>&1 &
lint=$!
npm run -s format:check >"$logs/format" 2>&1 &
format=$!
failed=''
wait $types || failed="$failed types"
wait $lint || failed="$failed lint"
wait $format || failed="$failed formatting"
for check in types lint format; do
  if [ -s "$logs/$check" ]; then
    echo "--- $check"
    cat "$logs/$check"
  fi
done
if [ -n "$failed" ]; then
  echo "check failed:$failed" >&2
  exit 1
fi
echo "types, lint and formatting: ok"
exec npm run -s test:unit
