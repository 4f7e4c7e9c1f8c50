#!/usr/bin/env bash
# Installs what Verdicts needs to build (and, with --tests, to test), only what is missing.
# Safe to run again: when everything is there it takes a second or two.
#   - the wasm32 target (rustup), and the exact nightly Rust of the release wasm with its
#     rust-src component (scripts/toolchain.sh)
#   - Trunk 0.21.14 and wasm-bindgen-cli at exactly Cargo.lock's wasm-bindgen (crates.io)
#   - wasm-opt (npm's binaryen), playwright-core and axe-core (npm, from package-lock.json)
#   - fonts for the preview images of published pages (Debian's DejaVu and Droid Sans Fallback)
#   - with --tests: Debian's chromium and chromium-driver, postgresql (the collector's tests) and
#     poppler-utils (the printed memo's test)
#   - with --bench: Debian's hugo (the publishing benchmark's reference)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

command -v cargo >/dev/null || { echo "Rust is required: install it with rustup (https://rustup.rs)." >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js and npm are required." >&2; exit 1; }

for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "Adding the $component component"
    rustup component add "$component"
  fi
done

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The release wasm's compiler: one exact nightly, with the standard library's source to rebuild.
. scripts/toolchain.sh
if ! nightly=$(nightly_toolchain); then
  say "Installing Rust nightly-$NIGHTLY_DATE for the release wasm"
  rustup toolchain install "nightly-$NIGHTLY_DATE" --profile minimal
  nightly=$(nightly_toolchain) || { echo "nightly-$NIGHTLY_DATE is not $NIGHTLY_VERSION." >&2; exit 1; }
fi
if ! rustup component list --toolchain "$nightly" --installed 2>/dev/null | grep -q '^rust-src'; then
  say "Adding the rust-src component to $nightly (the release wasm rebuilds the standard library)"
  rustup component add rust-src --toolchain "$nightly"
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "Installing Trunk $TRUNK_VERSION (about 20 minutes on two cores, once)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

# wasm-bindgen-cli must match the wasm-bindgen crate exactly, or the build breaks at run time.
WASM_BINDGEN=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
[ -n "$WASM_BINDGEN" ] || { echo "Cannot read the wasm-bindgen version from Cargo.lock." >&2; exit 1; }
if ! grep -q "^wasm_bindgen = \"$WASM_BINDGEN\"" Trunk.toml; then
  echo "Trunk.toml pins a wasm_bindgen other than Cargo.lock's $WASM_BINDGEN: update [tools] in Trunk.toml." >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN" ]; then
  say "Installing wasm-bindgen-cli $WASM_BINDGEN (about 10 minutes, once)"
  # Not --locked: the registry mirror lacks one of its locked dependencies.
  cargo install --force "wasm-bindgen-cli@$WASM_BINDGEN"
fi

stamp=node_modules/.verdicts-lock
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]; then
  say "Installing npm tools (wasm-opt, playwright-core, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$stamp"
fi

sudo_cmd=""
[ "$(id -u)" = 0 ] || sudo_cmd="sudo"
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { $sudo_cmd apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@" >/dev/null
}

# Publishing draws each page's preview image: Latin, Greek and Cyrillic from DejaVu Sans, Chinese,
# Japanese and Korean from Droid Sans Fallback.
fonts=(fonts-dejavu-core fonts-droid-fallback)
if ! dpkg -s "${fonts[@]}" >/dev/null 2>&1; then
  if command -v apt-get >/dev/null; then
    say "Installing fonts for the preview images (${fonts[*]})"
    apt_install "${fonts[@]}"
  else
    echo "Install the fonts DejaVu Sans and Droid Sans Fallback (or Noto Sans CJK) for the preview images." >&2
  fi
fi

if [ "${1:-}" = "--tests" ] && ! { command -v chromium >/dev/null && command -v chromedriver >/dev/null; }; then
  say "Installing Debian's chromium and chromium-driver for the browser tests"
  apt_install chromium chromium-driver
fi

# The printed memo's test reads the PDF back as text.
if [ "${1:-}" = "--tests" ] && ! command -v pdftotext >/dev/null; then
  say "Installing Debian's poppler-utils (pdftotext) for the printed memo's test"
  apt_install poppler-utils
fi

# The vote collector's tests and benchmark run against a real PostgreSQL server.
if [ "${1:-}" = "--tests" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  say "Installing Debian's postgresql for the vote collector's tests"
  apt_install postgresql
fi

# The publishing benchmark's reference: Debian's Hugo.
if [ "${1:-}" = "--bench" ] && ! command -v hugo >/dev/null; then
  say "Installing Debian's hugo, the publishing benchmark's reference"
  apt_install hugo
fi
