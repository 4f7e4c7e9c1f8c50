#!/usr/bin/env bash
# Installs what is missing and runs the whole test suite: native tests of the logic, then the
# end-to-end tests in headless Chromium against the release build served from a sub-path.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

echo "==> Lints: rustfmt, and clippy for the native and the wasm32 build"
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked --lib --bins --target wasm32-unknown-unknown -- -D warnings

echo "==> Native tests (bundle, pages, URL state, tallies, search, publishing)"
cargo test --locked

echo "==> Release build"
scripts/build.sh

echo "==> End-to-end tests in headless Chromium"
node --test --test-concurrency=1 tests/e2e/
