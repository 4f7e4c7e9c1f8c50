#!/usr/bin/env bash
# The site server's figures on this machine: release builds of the publisher and the server, a
# generated catalogue published with a small page budget (so nearly every pair is rendered on
# request) from the built app (scripts/build.sh, run if dist/ is missing), then
# verdicts-site-bench against the server: its memory once loaded, uncached pair pages a second
# with p50/p99, a preview image's time, and cached and static pages' p50/p99 during a flood of
# uncached requests. Everything listens on 127.0.0.1; every loop is bounded.
#
#   scripts/server-bench.sh [--tools N] [--max-pages N] [-- bench flags: --renders N --clients N --seconds S]
#
# Default 100,000 tools (generating and publishing them takes minutes on two cores).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
tools=100000
max_pages=500
while [ $# -gt 0 ]; do
  case "$1" in
    --tools) tools=$2; shift 2 ;;
    --max-pages) max_pages=$2; shift 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
[ -f dist/index.html ] || scripts/build.sh
cargo build --release --locked -p verdicts-publish --bin verdicts-publish --bin verdicts-generate
cargo build --release --locked -p verdicts-site --bin verdicts-site --bin verdicts-site-bench
work=$(mktemp -d "${TMPDIR:-/tmp}/verdicts-server-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
target/release/verdicts-generate --tools "$tools" --roles 4 --seed 1 > "$work/bundle.json"
mkdir -p "$work/site"
# The built app's own files; publishing adds the pages, images and data.
for f in dist/*; do
  [ -d "$f" ] && [ -f "$f/index.html" ] && continue
  case "$(basename "$f")" in data|_headers|sitemap.xml|robots.txt|404.html) continue ;; esac
  cp -r "$f" "$work/site/"
done
started=$(date +%s%N)
target/release/verdicts-publish --bundle "$work/bundle.json" --base-url http://127.0.0.1:8080/ \
  --out "$work/site" --max-pages "$max_pages" >/dev/null 2>"$work/publish.log" || { cat "$work/publish.log"; exit 1; }
echo "published $tools tools with --max-pages $max_pages in $(( ($(date +%s%N) - started) / 1000000 )) ms: $(find "$work/site" -type f | wc -l) files, $(du -sm "$work/site" | cut -f1) MB"
target/release/verdicts-site-bench --server target/release/verdicts-site --site "$work/site" "$@"
