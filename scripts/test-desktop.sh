#!/usr/bin/env bash
# `npm run test:desktop`: the desktop app itself (the Electron window), driven by Playwright's Electron driver
# through an analyst's happy path. Where the Electron binary is not installed, the test is reported as skipped
# and this says why. Without a display, the window opens in Xvfb.
set -u
cd "$(dirname "$0")/.."
export NO_COLOR=1

if [ "${LOTE_SKIP_BUILD:-}" != "1" ]; then
  npx electron-vite build >/dev/null || exit 1
fi

command=(npx playwright test --config test/desktop/playwright.config.ts "$@")
if binary=$(node --input-type=module -e '
  const { electronBinary, MISSING_ELECTRON_REASON } = await import("./scripts/electron-binary.mjs")
  const binary = electronBinary()
  console.log(binary ?? MISSING_ELECTRON_REASON)
  process.exit(binary ? 0 : 1)'); then
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    command -v xvfb-run >/dev/null 2>&1 || {
      echo "There is no display and xvfb-run is not installed: run npm run setup:test."
      exit 1
    }
    command=(xvfb-run -a "${command[@]}")
  fi
else
  echo "Desktop end-to-end test skipped: $binary"
fi
exec "${command[@]}"
