#!/usr/bin/env bash
# Fuzzes bundle parsing/validation and the query-string parser with cargo fuzz (nightly).
#   scripts/fuzz.sh [SECONDS per target, default 600] [TARGET …]
# Both targets run side by side; a crash stops with the input saved under fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(bundle query)
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
pids=()
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  cargo +nightly fuzz build "$t" >/dev/null
done
for t in "${targets[@]}"; do
  cargo +nightly fuzz run "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    > "fuzz/$t.log" 2>&1 &
  pids+=($!)
done
status=0
for i in "${!pids[@]}"; do
  if wait "${pids[$i]}"; then
    echo "${targets[$i]}: no crash in ${seconds}s ($(grep -o 'stat::number_of_executed_units: *[0-9]*' "fuzz/${targets[$i]}.log" | grep -o '[0-9]*$') runs)"
  else
    echo "${targets[$i]}: FAILED, see fuzz/${targets[$i]}.log and fuzz/artifacts/${targets[$i]}/"
    status=1
  fi
done
exit $status
