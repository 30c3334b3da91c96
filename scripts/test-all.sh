#!/usr/bin/env bash
# Runs every test: vitest (unit and integration) and Playwright (e2e in Debian's Chromium against the browser
# host), all inside a private D-Bus session with an unlocked gnome-keyring so keytar talks to a real Secret
# Service. Ends with one line "N passed, N failed, N skipped" and exits non-zero if anything failed.
set -u
cd "$(dirname "$0")/.."
export NO_COLOR=1
results=test-results
rm -rf "$results" && mkdir -p "$results"

if [ "${LOTE_SKIP_BUILD:-}" != "1" ]; then
  npx electron-vite build >"$results/build.log" 2>&1 || {
    cat "$results/build.log"
    echo "0 passed, 1 failed"
    exit 1
  }
fi

keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT

# shellcheck disable=SC2016
XDG_DATA_HOME="$keyring_home" dbus-run-session -- bash -c '
  printf lote-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  export LOTE_REQUIRE_KEYCHAIN=1
  npx vitest run --reporter=default --reporter=json --outputFile.json="$1/vitest.json" "${@:2}"
  echo $? >"$1/vitest.rc"
  if [ -z "${LOTE_UNIT_ONLY:-}" ]; then
    PLAYWRIGHT_JSON_OUTPUT_NAME="$1/playwright.json" npx playwright test --reporter=list,json
    echo $? >"$1/playwright.rc"
  fi
' bash "$results" "$@"

node scripts/summarize-tests.js "$results"
