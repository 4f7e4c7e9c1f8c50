# Sourced by setup.sh and build.sh: the compiler of the browser's release build.
#
# The release wasm is built with one exact nightly Rust, which recompiles the standard library
# for size: panics abort at once (no unwinding, no message formatting), no panic locations, no
# `Debug` formatting (the app never shows `Debug` output). See docs/performance.md. Everything
# else (tests, lints, the native tools, the collector) uses the stable toolchain, and
# `VERDICTS_TOOLCHAIN=stable scripts/build.sh` still makes a working release with stable Rust.
NIGHTLY_DATE=2026-05-19
NIGHTLY_VERSION="rustc 1.97.0-nightly (e50aa6fba 2026-05-19)"
WASM_STD_FLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"

# Prints the name of an installed toolchain that is exactly NIGHTLY_VERSION; fails when none is.
nightly_toolchain() {
  local name
  for name in "nightly-$NIGHTLY_DATE" nightly; do
    if [ "$(rustc "+$name" --version 2>/dev/null)" = "$NIGHTLY_VERSION" ]; then
      echo "$name"
      return 0
    fi
  done
  return 1
}
