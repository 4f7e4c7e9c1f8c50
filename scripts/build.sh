#!/usr/bin/env bash
# Makes the production build in dist/: trunk build --release with the pinned tools.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Trunk must use the tools installed by setup.sh, never download its own.
tools=$(trunk tools show 2>/dev/null)
for tool in wasm-bindgen wasm-opt; do
  pinned=$(awk -v k="${tool/-/_}" '$1 == k { gsub(/"/, "", $3); print $3 }' Trunk.toml)
  installed=$(printf '%s\n' "$tools" | awk -v t="$tool" '$0 == t { getline; sub(/.*Installed Version: */, ""); print; exit }')
  if [ "$installed" != "$pinned" ]; then
    echo "Trunk would download $tool: $pinned is pinned, ${installed:-none} is installed. Run scripts/setup.sh." >&2
    exit 1
  fi
done
trunk build --release "$@"
# The default comparison, rendered into index.html for the first paint.
cargo run --quiet --locked --bin verdicts-prerender -- dist
node scripts/headers.mjs dist
