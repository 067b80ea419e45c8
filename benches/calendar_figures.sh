#!/usr/bin/env bash
# Calendar figures: 50 hosts on a round-robin page with 100,000 bookings,
# each host with an iCal address served from loopback (EVENTS events and 5
# weekly series each). Times the sync job over all 50, then reads slot
# lists with wrk while every calendar changes and syncs again and again.
# Usage: bash benches/calendar_figures.sh [EVENTS]   (prints the figures)
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-200}
cargo build --release --quiet --bin convene --example seed_bookings
bin=target/release/convene
dir=$(mktemp -d)
mkdir -p "$dir/ics"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$dir"' EXIT
echo "correct horse battery staple" | CONVENE_STORAGE_DATA_DIR="$dir" $bin create-owner \
  --email owner@example.org --name "Olive Owner" --organization Bench --password-stdin >/dev/null
target/release/examples/seed_bookings "$dir" >/dev/null
python3 tests/support/ics_server.py "$dir/ics" > "$dir/ics.port" &
pids+=($!)
until grep -q READY "$dir/ics.port"; do sleep 0.05; done
ics="http://127.0.0.1:$(awk '{print $2}' "$dir/ics.port")"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
CONVENE_STORAGE_DATA_DIR="$dir" CONVENE_SERVER_BIND="127.0.0.1:$port" CONVENE_LOG=warn \
  CONVENE_MAIL_TRANSPORT=log CONVENE_OUTBOUND_ALLOW_NETWORKS=127.0.0.0/8 MALLOC_ARENA_MAX=2 \
  $bin serve 2>/dev/null &
pids+=($!)
pid=$!
url="http://127.0.0.1:$port"
until curl -sf "$url/healthz" >/dev/null; do sleep 0.05; done
from=$(date -u -d tomorrow +%F); to=$(date -u -d "+30 days" +%F)
slots="$url/api/v1/public/booking-pages/team/slots?from=$from&to=$to&timezone=UTC"
python3 benches/calendar_figures.py "$url" "$ics" "$dir/ics" "$events" 0
wrk -t2 -c32 -d10s --latency "$slots" | grep -E "Requests/sec|50%|99%|Non-2xx" | sed 's/^/slots, no sync running (wrk): /'
python3 benches/calendar_figures.py "$url" "$ics" "$dir/ics" "$events" 14 > "$dir/churn.log" &
churn=$!
until grep -q READY-CHURN "$dir/churn.log"; do sleep 0.1; done
wrk -t2 -c32 -d10s --latency "$slots" | grep -E "Requests/sec|50%|99%|Non-2xx" | sed 's/^/slots while syncs commit (wrk): /'
wait "$churn"
grep -v READY "$dir/churn.log" | sed 's/^/second pass: /'
echo "RSS after: $(ps -o rss= -p "$pid") KiB; database: $(du -h "$dir/convene.redb" | cut -f1)"
