#!/usr/bin/env bash
# Makes the production build in dist/: trunk build --release with the pinned tools, then
# publishes the default bundle into it (scripts/publish.sh).
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
# The release wasm: the exact nightly of scripts/toolchain.sh, rebuilding std for size, unless
# VERDICTS_TOOLCHAIN=stable asks for the stable compiler (the same app, some 20 KB larger).
. scripts/toolchain.sh
if [ "${VERDICTS_TOOLCHAIN:-nightly}" = stable ]; then
  trunk build --release "$@"
else
  nightly=$(nightly_toolchain) || { echo "$NIGHTLY_VERSION is not installed: run scripts/setup.sh." >&2; exit 1; }
  RUSTUP_TOOLCHAIN=$nightly CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components $WASM_STD_FLAGS" \
    trunk build --release "$@"
fi
# The default bundle, published: a page per comparison, previews, sitemap and headers. The public
# URL the pages name as canonical comes from VERDICTS_BASE_URL.
scripts/publish.sh --bundle public/data/bundle.json --base-url "${VERDICTS_BASE_URL:-http://127.0.0.1:8080/}" --out dist
