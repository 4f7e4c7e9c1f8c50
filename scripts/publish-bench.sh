#!/usr/bin/env bash
# Publishing at scale beside Hugo (Debian's `hugo`, the reference) in the same run: a generated
# catalogue of N tools published without preview images, and the same tools built by Hugo as
# plain pages; then publishing again after one tool changed, and optionally with every image.
#   scripts/publish-bench.sh [--tools N] [--runs R] [--previews]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --bench
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
[ -f dist/index.html ] || scripts/build.sh >/dev/null
cargo build --quiet --release --locked -p verdicts-publish --bin verdicts-publish --bin verdicts-generate
exec node scripts/publish-bench.mjs "$@"
