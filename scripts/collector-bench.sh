#!/usr/bin/env bash
# Durability, load and attacks of the vote collector on this machine, for SQLite and for
# PostgreSQL: release builds of the collector and of its benchmark, a throwaway PostgreSQL
# server, and for each database "acknowledged N, found N" after a SIGKILL mid-run, votes/s with
# p50/p99 latency, tallies requests/s, and the attacks (one address with 10,000 voter ids;
# 200 networks × 50 votes held, reviewed and dropped; the proof of work's cost to a script).
# Then, if dist/ is built (scripts/build.sh), the proof of work's solve time in headless
# Chromium at the performance benchmark's phone slowdown. Everything listens on 127.0.0.1;
# every loop is bounded.
#
#   scripts/collector-bench.sh [--votes N] [--seconds S] [--clients C]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh --tests >/dev/null
cargo build --release --locked -p verdicts-server --bin verdicts-collector --bin verdicts-collector-bench
work=$(mktemp -d "${TMPDIR:-/tmp}/verdicts-collector-bench.XXXXXX")
trap 'scripts/postgres.sh stop "$work/pg" || true; rm -rf "$work"' EXIT
bench() { target/release/verdicts-collector-bench --collector target/release/verdicts-collector --bundle public/data/bundle.json "$@"; }

echo "== SQLite"
bench --db "$work/votes.sqlite" "$@"
echo
echo "== PostgreSQL $(ls -d /usr/lib/postgresql/*/ | sort -V | tail -1 | xargs basename)"
url=$(scripts/postgres.sh start "$work/pg" "${VERDICTS_BENCH_PG_PORT:-}")
bench --db "$url" "$@"
echo
if [ -f dist/index.html ]; then
  node scripts/proof-bench.mjs
else
  echo "(no dist/: run scripts/build.sh for the proof of work's solve time in the browser)"
fi
