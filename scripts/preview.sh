#!/usr/bin/env bash
# Previews a content folder while you edit it: publishes it with the app built by
# scripts/build.sh into a temporary folder, serves it on http://127.0.0.1:PORT/, and on every saved
# change publishes again and reloads the open page (with an "Updated" notice). While a file has
# an error the page lists every problem with its file:line:column instead; fixing it brings the
# site back. See docs/authoring.md.
#
#   scripts/preview.sh DIR [--port N]     (default port 8080; DIR is a content folder, e.g. content/)
#
# It needs the release build of the app in dist/: run scripts/build.sh once first. The preview
# itself runs as a release build: a save that renames a tool of the default pair renders every page
# again, which the development build took over a second for a 100-tool folder.
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$HOME/.cargo/bin:$PATH"
usage="usage: scripts/preview.sh DIR [--port N]   (DIR: a content folder such as content/)"
if [ $# -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  echo "$usage" >&2
  exit 2
fi
if [ ! -f "$project/dist/index.html" ]; then
  echo "scripts/preview.sh: the app is not built: run scripts/build.sh first (it makes dist/)." >&2
  echo "$usage" >&2
  exit 2
fi
exec cargo run --quiet --release --locked --manifest-path "$project/Cargo.toml" -p verdicts-preview --bin verdicts-preview -- \
  --app "$project/dist" "$@"
