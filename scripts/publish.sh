#!/usr/bin/env bash
# Publishes a catalogue with the app built by scripts/build.sh: a page for every comparison that
# has one, their preview images and oEmbed answers, the sitemaps, feed.xml, robots.txt and the
# _headers file (verdicts-publish).
#
#   scripts/publish.sh --content content/ --base-url URL [--out DIR] [--max-pages N] [--frame-ancestors SOURCES]
#   scripts/publish.sh --bundle FILE --base-url URL [...]
#
# --content reads a content folder (site.toml and tools/<tool-id>.toml, docs/authoring.md) and
# refuses it with every problem at file:line:column; --bundle reads one bundle JSON file.
# DIR (default dist/) holds the built app. The new site is made beside it (DIR.publishing) and
# swapped in only when complete: a refused bundle or a failure leaves DIR as it was.
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$HOME/.cargo/bin:$PATH"
# Without --out, the project's own dist/ wherever this is run from.
case " $* " in *" --out "*|*" --out="*) ;; *) set -- "$@" --out "$project/dist" ;; esac
exec cargo run --quiet --locked --manifest-path "$project/Cargo.toml" -p verdicts-publish --bin verdicts-publish -- "$@"
