#!/usr/bin/env bash
# Crash safety: kills the server with SIGKILL at random moments under
# booking, import, calendar-sync and outbox load, CYCLES times, checking
# after each restart what examples/crash_loop.rs describes. Prints one JSON
# line of figures.
# Usage: bash benches/crash_loop.sh [CYCLES] [--debug]
#   (release build by default; --debug reuses the test build, as CI does)
set -euo pipefail
cd "$(dirname "$0")/.."
cycles=${1:-20}
if [ "${2:-}" = "--debug" ]; then
  cargo build --quiet --bin convene --example crash_loop
  dir=target/debug
else
  cargo build --release --quiet --bin convene --example crash_loop
  dir=target/release
fi
"$dir/examples/crash_loop" "$cycles" "$dir/convene"
