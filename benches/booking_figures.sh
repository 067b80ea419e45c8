#!/usr/bin/env bash
# Booking figures: 50 hosts on a round-robin page, 100,000 bookings in the
# store. Slot lists (30-day window) and durable bookings, 64 connections.
# Usage: bash benches/booking_figures.sh   (prints the figures)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin convene --example seed_bookings --example booking_load
bin=target/release/convene
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
echo "correct horse battery staple" | CONVENE_STORAGE_DATA_DIR="$dir" $bin create-owner \
  --email owner@example.org --name "Olive Owner" --organization Bench --password-stdin >/dev/null
start=$(date +%s.%N)
target/release/examples/seed_bookings "$dir"
echo "seed: $(echo "$(date +%s.%N) - $start" | bc) s"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
CONVENE_STORAGE_DATA_DIR="$dir" CONVENE_SERVER_BIND="127.0.0.1:$port" CONVENE_LOG=warn \
  CONVENE_MAIL_TRANSPORT=log CONVENE_BOOKING_BOOKINGS_PER_IP_PER_MINUTE=0 MALLOC_ARENA_MAX=2 $bin serve 2>/dev/null &
pid=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.05; done
url="http://127.0.0.1:$port"
target/release/examples/booking_load "$url" slots 2 8 >/dev/null   # warm the caches
# Slot lists with wrk (a light client, so the server gets the cores).
from=$(date -u -d tomorrow +%F); to=$(date -u -d "+30 days" +%F)
wrk -t2 -c64 -d10s --latency "$url/api/v1/public/booking-pages/team/slots?from=$from&to=$to&timezone=UTC" \
  | grep -E "Requests/sec|50%|99%|Non-2xx" | sed 's/^/slots (wrk): /'
target/release/examples/booking_load "$url" slots 10 64
target/release/examples/booking_load "$url" book 10 64
# Both together: 8 clients booking while wrk reads slot lists.
# Its slots start 40 days after the first booking run's (16 a day, 50 hosts).
target/release/examples/booking_load "$url" book 10 8 32000 | sed 's/^/mixed /' &
booker=$!
wrk -t2 -c32 -d10s --latency "$url/api/v1/public/booking-pages/team/slots?from=$from&to=$to&timezone=UTC" \
  | grep -E "Requests/sec|50%|99%|Non-2xx" | sed 's/^/mixed slots (wrk): /'
wait "$booker"
echo "RSS after: $(ps -o rss= -p "$pid") KiB; database: $(du -h "$dir/convene.redb" | cut -f1)"
