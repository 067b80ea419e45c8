#!/usr/bin/env bash
# The load run docs/PERFORMANCE.md quotes: a data set of 2,000 members, 50
# booking pages (one round robin over 50 hosts), 100,000 bookings and 50
# connected iCal calendars served from loopback; then slot lists, the
# public booking page, the members list, a page's iCal feed (wrk, 64
# connections), durable booking POSTs (64 connections), and slot lists
# while 8 clients book; then stops the server and compacts the file
# (`convene compact`). Prints one JSON line of figures.
# Usage: bash benches/load.sh [--quick]   (--quick: 3 s per case, not 10)
#   BIN=/path/to/convene bash benches/load.sh   (another build; the examples
#   already built under target/release are used as they are)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=10
[ "${1:-}" = "--quick" ] && seconds=3
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
out=${CARGO_TARGET_DIR:-target}/release
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet --bin convene --example seed_bookings --example booking_load
  BIN=$out/convene
fi
bin=$(realpath "$BIN")
dir=$(mktemp -d)
mkdir -p "$dir/ics"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$dir"' EXIT
echo "correct horse battery staple" | CONVENE_STORAGE_DATA_DIR="$dir" "$bin" create-owner \
  --email owner@example.org --name "Olive Owner" --organization Load --password-stdin >/dev/null
"$out/examples/seed_bookings" "$dir" >/dev/null
python3 tests/support/ics_server.py "$dir/ics" > "$dir/ics.port" &
pids+=($!)
until grep -q READY "$dir/ics.port"; do sleep 0.05; done
ics="http://127.0.0.1:$(awk '{print $2}' "$dir/ics.port")"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
CONVENE_STORAGE_DATA_DIR="$dir" CONVENE_SERVER_BIND="127.0.0.1:$port" CONVENE_LOG=warn \
  CONVENE_MAIL_TRANSPORT=log CONVENE_OUTBOUND_ALLOW_NETWORKS=127.0.0.0/8 \
  CONVENE_BOOKING_BOOKINGS_PER_IP_PER_MINUTE=0 CONVENE_LIMITS_IMPORT_ROWS_PER_DAY=1000000 \
  MALLOC_ARENA_MAX=2 "$bin" serve 2>/dev/null &
pids+=($!)
pid=$!
url="http://127.0.0.1:$port"
until curl -sf "$url/healthz" >/dev/null; do sleep 0.05; done
python3 benches/load.py "$url" "$ics" "$dir/ics" "$pid" "$dir" "$bin" \
  "$out/examples/booking_load" "$seconds"
