#!/usr/bin/env bash
# The benchmark: builds the release and a 2,000-tool test bundle, serves both locally, drives
# headless Chromium (and Lighthouse) and prints one table, each row beside its reference.
#   ./scripts/bench.sh [--runs N] [--lighthouse-runs N] [--json out.json]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
scripts/build.sh >/dev/null
mkdir -p target/bench
cargo run --quiet --release -p verdicts-publish --bin verdicts-generate -- --tools 2000 --roles 8 --seed 1 > target/bench/large.json
exec node scripts/bench.mjs "$@"
