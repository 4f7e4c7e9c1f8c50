#!/usr/bin/env bash
# Installs what is missing, builds the release and serves it with the bundled data on
# http://127.0.0.1:8080/ (PORT=… to change the port).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec node scripts/static-server.mjs --root dist --prefix / --host 127.0.0.1 --port "${PORT:-8080}" --headers dist/_headers
