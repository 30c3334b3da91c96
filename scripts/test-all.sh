#!/usr/bin/env bash
# Runs every test: vitest (unit, integration, the desktop shell against a stand-in Electron), Playwright (e2e in
# Chromium against the browser host) and Playwright's Electron driver (the desktop app, where the Electron binary
# is installed), all inside a private D-Bus session with an unlocked gnome-keyring so keytar talks to a real
# Secret Service. Ends with one line "N passed, N failed, N skipped" and exits non-zero if anything failed.
# `npm run setup:test` installs what this needs.
set -u
cd "$(dirname "$0")/.."
export NO_COLOR=1
results=test-results
rm -rf "$results" && mkdir -p "$results"

stop() {
  echo "$1"
  echo "0 passed, 1 failed"
  exit 1
}

for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null 2>&1 || stop "$tool is not installed: run npm run setup:test first."
done
[ -d node_modules ] || stop "The npm packages are not installed: run npm run setup:test first."

if [ -z "${LOTE_UNIT_ONLY:-}" ] && [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
  # Where Debian's Chromium is not available (Ubuntu), setup installs the one Playwright downloads.
  CHROMIUM_PATH=$(node -e '
    const path = require("playwright-core").chromium.executablePath()
    if (require("node:fs").existsSync(path)) console.log(path)' 2>/dev/null)
  [ -n "$CHROMIUM_PATH" ] || stop "Chromium is not installed: run npm run setup:test first."
  export CHROMIUM_PATH
fi

node -e 'require("keytar")' >/dev/null 2>&1 ||
  echo "The keychain module (keytar) is not installed, so the keychain tests will fail: run npm run setup:test."

if [ "${LOTE_SKIP_BUILD:-}" != "1" ]; then
  npx electron-vite build >"$results/build.log" 2>&1 || {
    cat "$results/build.log"
    stop "The build failed."
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
    PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/$1/playwright.json" npx playwright test --reporter=list,json
    echo $? >"$1/playwright.rc"
    PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/$1/desktop.json" LOTE_SKIP_BUILD=1 bash scripts/test-desktop.sh --reporter=list,json
    echo $? >"$1/desktop.rc"
  fi
' bash "$results" "$@"

node scripts/summarize-tests.js "$results"
