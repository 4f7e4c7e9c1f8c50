#!/usr/bin/env bash
# Installs what is missing and runs the whole test suite: native tests of the logic, then the
# end-to-end tests in headless Chromium against the release build served from a sub-path.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

echo "==> Lints: rustfmt, the pages' JavaScript, and clippy for every crate natively and for the app's wasm32 build"
cargo fmt --all --check
# The JavaScript the pages carry, checked as JavaScript: the inline script, the partners' loader and
# the app's loader (a module fragment that reads WASM and MODULE, which the publisher defines).
node --check src/takeover/inline.js
node --check public/embed.js
node --check crates/preview/src/reload.js
{ echo 'const WASM = {}, MODULE = {};'; cat crates/publish/src/loader.js; } | node --input-type=module --check
cargo clippy --locked --workspace --all-targets -- -D warnings
cargo clippy --locked -p verdicts --features csr --lib --bins --target wasm32-unknown-unknown -- -D warnings
# The browser build stays free of the native layers' crates (docs/architecture.md).
native=$(cargo tree --locked -p verdicts --features csr --target wasm32-unknown-unknown -e normal --prefix none \
  | awk '{ print $1 }' | grep -xE 'tokio|axum|sqlx|hyper|tower-http|lol_html|resvg|skrifa|schemars|clap|notify|strsim|verdicts-publish|verdicts-server|verdicts-content|verdicts-preview' \
  | sort -u || true)
if [ -n "$native" ]; then
  echo "The browser build depends on native crates: $native" >&2
  exit 1
fi

# A throwaway PostgreSQL server for the collector's tests (and the end-to-end vote tests use the
# collector on SQLite). It must start: the PostgreSQL tests fail loudly without it.
pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/verdicts-test-pg.XXXXXX")
trap 'scripts/postgres.sh stop "$pg_dir/pg" || true; rm -rf "$pg_dir"' EXIT
echo "==> Starting PostgreSQL for the collector's tests"
VERDICTS_TEST_POSTGRES=$(scripts/postgres.sh start "$pg_dir/pg" "${VERDICTS_TEST_PG_PORT:-}")
export VERDICTS_TEST_POSTGRES

echo "==> Native tests: the catalogue (bundle, pages, URL state, tallies, search), the app's state, publishing, the vote collector on SQLite and PostgreSQL, the site server"
cargo test --locked --workspace

echo "==> Release build, and the vote collector, the authors' preview, the publisher, the generator and the site server for the end-to-end tests"
scripts/build.sh
# The collector for the vote tests; the preview for the authors' tests; the publisher and the
# generator for the published catalogues; the site server for its tests.
cargo build --locked -p verdicts-server -p verdicts-publish -p verdicts-site --bin verdicts-collector --bin verdicts-publish --bin verdicts-generate --bin verdicts-site
# The preview as scripts/preview.sh runs it: a release build.
cargo build --locked --release -p verdicts-preview --bin verdicts-preview

echo "==> End-to-end tests in headless Chromium"
node --test --test-concurrency=1 tests/e2e/
