#!/usr/bin/env bash
# Publishes a bundle with the app built by scripts/build.sh: a page for every comparison that has
# one, their preview images, sitemap.xml, robots.txt and the _headers file.
#
#   scripts/publish.sh --bundle FILE --base-url URL [--out DIR] [--all-pairs-max N]
#
# DIR (default dist/) holds the built app. The new site is made beside it (DIR.publishing) and
# swapped in only when complete: a refused bundle or a failure leaves DIR as it was.
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$project/node_modules/.bin:$HOME/.cargo/bin:$PATH"
usage() { echo "usage: scripts/publish.sh --bundle FILE --base-url URL [--out DIR] [--all-pairs-max N]" >&2; exit 2; }

bundle="" base_url="" out="$project/dist" max=""
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) bundle=${2:-}; shift 2 || usage ;;
    --base-url) base_url=${2:-}; shift 2 || usage ;;
    --out) out=${2:-}; shift 2 || usage ;;
    --all-pairs-max) max=${2:-}; shift 2 || usage ;;
    *) usage ;;
  esac
done
[ -n "$bundle" ] && [ -n "$base_url" ] && [ -n "$out" ] || usage
out=$(realpath -m "$out")
if [ ! -f "$out/index.html" ]; then
  echo "$out holds no built app: run scripts/build.sh first (or pass --out)." >&2
  exit 1
fi
stage="$out.publishing"
previous="$out.previous"
started=$(date +%s.%N)

if ! cargo run --quiet --locked --manifest-path "$project/Cargo.toml" --bin verdicts-publish -- \
    --bundle "$bundle" --base-url "$base_url" --app "$out" --stage "$stage" ${max:+--all-pairs-max "$max"}; then
  rm -rf "$stage"
  echo "Nothing was published; $out is unchanged." >&2
  exit 1
fi
if ! node "$project/scripts/headers.mjs" "$stage" >/dev/null; then
  rm -rf "$stage"
  echo "The headers file could not be written; $out is unchanged." >&2
  exit 1
fi
rm -rf "$previous"
mv "$out" "$previous"
mv "$stage" "$out"
rm -rf "$previous"
awk -v s="$started" -v e="$(date +%s.%N)" -v d="$out" 'BEGIN { printf "Published into %s in %.1f s in all.\n", d, e - s }'
