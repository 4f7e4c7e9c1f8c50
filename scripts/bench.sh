#!/usr/bin/env bash
# The benchmark: builds the release and the generated catalogues (2,000 and 100,000 tools of the
# seed's shape, four reviewer roles, which it publishes beside the seed's site; and 2,000 tools
# with eight roles, heavier pages, for the interactions), serves them locally, drives headless
# Chromium (and Lighthouse) and prints one table, each row beside its reference.
#   ./scripts/bench.sh [--runs N] [--lighthouse-runs N] [--json out.json]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
scripts/build.sh >/dev/null
mkdir -p target/bench
cargo build --quiet --release -p verdicts-publish
[ -s target/bench/tools-2000.json ] || target/release/verdicts-generate --tools 2000 --roles 8 --seed 1 > target/bench/tools-2000.json
for tools in 2000 100000; do
  [ -s "target/bench/tools-${tools}x4.json" ] || target/release/verdicts-generate --tools "$tools" --roles 4 --seed 1 > "target/bench/tools-${tools}x4.json"
done
exec node scripts/bench.mjs "$@"
