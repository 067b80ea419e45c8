#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 60) each, with the corpus
# and the regression inputs under fuzz/; a crash leaves its input in
# fuzz/artifacts/<target>/ and fails the run. Minimized crashers belong in
# fuzz/regressions/<target>/ (committed), which every run replays first.
# Usage: bash fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz@0.13.1
# libFuzzer's flags need a nightly compiler; the stable one allows them here.
export RUSTC_BOOTSTRAP=1
for target in $(cargo fuzz list); do
  mkdir -p "corpus/$target" "regressions/$target"
  echo "== $target (${seconds}s)"
  cargo fuzz run --sanitizer none "$target" "corpus/$target" "regressions/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 2>&1 \
    | grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|==|SUMMARY|thread '.*panicked)" || true
  [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "$target: crashed (see fuzz/artifacts/$target)"; exit 1; }
done
