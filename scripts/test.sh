#!/usr/bin/env bash
# Installs what is missing and runs the whole test suite: native tests of the logic, then the
# end-to-end tests in headless Chromium against the release build served from a sub-path.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

echo "==> Native tests (bundle, URL state, tallies, search)"
cargo test --locked

echo "==> Release build"
scripts/build.sh

echo "==> End-to-end tests in headless Chromium"
node --test --test-concurrency=1 tests/e2e/
