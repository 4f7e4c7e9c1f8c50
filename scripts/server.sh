#!/usr/bin/env bash
# Serves a published site with the site server (verdicts-site, docs/server.md): the folder's files
# as they are, and any pair page (and preview image) the publish left out beyond its page budget,
# rendered on first request. Add --votes FILE.sqlite to collect votes in the same process.
#
#   scripts/server.sh --site DIR [--listen ADDR:PORT] [--base-url URL] [--votes DB] [...]
#
# Listens on 127.0.0.1:8080 unless told; `--help` lists every option. Stops on SIGTERM or
# Ctrl-C once the requests under way are answered.
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$HOME/.cargo/bin:$PATH"
exec cargo run --quiet --locked --release --manifest-path "$project/Cargo.toml" -p verdicts-site --bin verdicts-site -- "$@"
