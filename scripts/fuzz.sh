#!/usr/bin/env bash
# Runs each cargo-fuzz target in fuzz/ for a fixed time:  scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# Builds go to target/fuzz (CARGO_TARGET_DIR), apart from normal builds; new corpus entries to
# target/fuzz/corpus/<target>, seeded from fuzz/seeds/<target>. A crash fails the run and leaves
# the input in fuzz/artifacts/<target>/ (replay: cargo fuzz run -s none <target> <file>).
# libFuzzer prints its executions at the end of each run (`Done N runs in S second(s)`).
# Sanitizer none: the code is safe Rust (unsafe_code = forbid), so AddressSanitizer adds cost, not
# findings, and no sanitizer means the stable toolchain is enough.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(markdown_export letterboxd_csv)
export CARGO_TARGET_DIR="$PWD/target/fuzz"
cd fuzz
for t in "${targets[@]}"; do
  mkdir -p "$CARGO_TARGET_DIR/corpus/$t"
  echo "==> fuzz $t for ${seconds}s"
  # -rss_limit_mb: a 2-core, shared CI machine; -max_len keeps inputs near real section sizes.
  log="$CARGO_TARGET_DIR/fuzz-$t.log"
  if cargo fuzz run --sanitizer none "$t" "$CARGO_TARGET_DIR/corpus/$t" "seeds/$t" -- \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    rc=0
  else
    rc=$?
  fi
  grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb|INFO: seed corpus)' "$log" || true
  if [ "$rc" -ne 0 ]; then
    echo "fuzz $t failed (exit $rc); the end of $log:" >&2
    tail -40 "$log" >&2
    exit "$rc"
  fi
done
