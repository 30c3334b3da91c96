#!/usr/bin/env bash
# Prepares this machine and this checkout for Lote, the first time or again after a change:
#   1. the system packages it needs (Debian and Ubuntu, through apt; sudo when not root),
#   2. the npm packages (npm ci), skipped when node_modules already matches package-lock.json.
# Safe to run any number of times: it installs only what is missing.
#
#   scripts/setup.sh           what running the app needs: build tools for the native modules, and libsecret
#                              for the keychain module
#   scripts/setup.sh --test    also what the tests need: Chromium, gnome-keyring, D-Bus, Xvfb and poppler-utils
#
# Where the keychain module cannot be built, installation still succeeds: the app runs on the Sandbox and says
# what to install before a Truora key can be kept in the keychain.
set -uo pipefail
cd "$(dirname "$0")/.."

for_tests=0
for arg in "$@"; do
  case "$arg" in
    --test) for_tests=1 ;;
    -h | --help)
      sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "setup: unknown option $arg (use --test for what the tests need)" >&2
      exit 2
      ;;
  esac
done

say() { printf 'setup: %s\n' "$*"; }
die() {
  printf 'setup: %s\n' "$*" >&2
  exit 1
}

# ---- Node ----------------------------------------------------------------------------------------------------

command -v node >/dev/null 2>&1 || die "Node.js is not installed. Lote needs Node.js 20.19 or later."
node -e '
  const [major, minor] = process.versions.node.split(".").map(Number)
  process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1)
' || die "Lote needs Node.js 20.19 or later; this is Node.js $(node -v)."

# ---- System packages -----------------------------------------------------------------------------------------

# Compiling better-sqlite3-multiple-ciphers and keytar (their prebuilt binaries are not always downloadable) needs a C++
# toolchain and Python for node-gyp; keytar needs libsecret's headers, found through pkg-config.
app_packages=(build-essential python3 pkg-config libsecret-1-dev)
# The tests run keytar against a real Secret Service (gnome-keyring on a private D-Bus session), drive Chromium,
# give Electron a display with Xvfb where its binary exists, read the PDF reports back with poppler's
# pdftotext and pdftoppm, and open password-protected exports with 7-Zip (7zz) as an auditor would.
test_packages=(gnome-keyring dbus xvfb xauth poppler-utils 7zip)

distro=$(. /etc/os-release 2>/dev/null && echo "${ID:-}")
use_playwright_chromium=0
if [ $for_tests = 1 ] && [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
  # Debian packages Chromium; Ubuntu ships it only as a snap, which containers and CI machines cannot run, so
  # there the tests use the Chromium build that Playwright downloads for its own version.
  if [ "$distro" = ubuntu ]; then use_playwright_chromium=1; else test_packages+=(chromium); fi
fi

wanted=("${app_packages[@]}")
[ $for_tests = 1 ] && wanted+=("${test_packages[@]}")

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

if [ "$(uname -s)" != Linux ]; then
  say "not Linux: no system packages needed (keys go to Keychain or Credential Manager)."
elif ! command -v apt-get >/dev/null 2>&1; then
  say "this Linux has no apt-get. Install the equivalents of: ${wanted[*]}"
  say "then run this script again; continuing with the npm packages."
else
  missing=()
  for package in "${wanted[@]}"; do installed "$package" || missing+=("$package"); done
  if [ ${#missing[@]} -eq 0 ]; then
    say "system packages already installed."
  else
    if [ "$(id -u)" -eq 0 ]; then
      as_root=()
    elif command -v sudo >/dev/null 2>&1; then
      as_root=(sudo)
      say "installing system packages with sudo: ${missing[*]}"
    else
      die "these system packages are missing: ${missing[*]}
Run this script as root, or install sudo, or have an administrator run:
    apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
    fi
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${as_root[@]}" apt-get update -qq || die "apt-get update failed (see above)."
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/lote-setup-apt.log 2>&1 || {
      tail -20 /tmp/lote-setup-apt.log
      die "apt-get install ${missing[*]} failed (see above)."
    }
  fi
fi

# ---- npm packages --------------------------------------------------------------------------------------------

keytar_loads() { node -e 'require("keytar")' >/dev/null 2>&1; }
libsecret_found() { pkg-config --exists libsecret-1 2>/dev/null; }

# node_modules matches when it was installed from this package-lock.json by this Node, and the keychain module
# is there or still cannot be built.
stamp_file=node_modules/.lote-setup
stamp="$(sha1sum package-lock.json | cut -d' ' -f1) node-$(node -p process.versions.modules)"
if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp" ] && { keytar_loads || ! libsecret_found; }; then
  say "npm packages already installed."
else
  # Native modules compile against the headers of the Node that runs them; use them where Node ships them
  # instead of downloading them.
  node_home=$(dirname "$(dirname "$(node -p process.execPath)")")
  if [ -z "${npm_config_nodedir:-}" ] && [ -f "$node_home/include/node/node.h" ]; then
    export npm_config_nodedir="$node_home"
  fi
  say "installing npm packages (npm ci; the first time compiles native modules, a few minutes)..."
  log=/tmp/lote-setup-npm-ci.log
  npm ci --no-audit --no-fund >"$log" 2>&1 || {
    tail -40 "$log"
    die "npm ci failed (full log: $log)."
  }
  # The install script's warnings (the Electron binary, for one) are for the reader.
  grep '^lote:' "$log" | sed 's/^lote: /setup: /'
  echo "$stamp" >"$stamp_file"
fi

if ! keytar_loads; then
  say "the keychain module (keytar) could not be built: libsecret-1 was not found by pkg-config."
  say "Lote runs and the Sandbox works; to keep Truora keys in the keychain, install libsecret-1-dev"
  say "(sudo apt-get install libsecret-1-dev) and run this script again."
fi

if [ $use_playwright_chromium = 1 ]; then
  say "installing Playwright's Chromium and the libraries it needs..."
  npx playwright install --with-deps chromium || die "Playwright could not install Chromium (see above)."
fi

say "ready."
