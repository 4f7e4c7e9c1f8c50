#!/usr/bin/env bash
# Makes the production build in dist/: trunk build --release with the pinned tools.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Trunk must use the tools installed by setup.sh, never download its own.
if trunk tools show 2>/dev/null | grep -q "Installed Version: None"; then
  echo "A pinned tool is missing; run scripts/setup.sh." >&2
  exit 1
fi
trunk build --release "$@"
node scripts/headers.mjs dist
