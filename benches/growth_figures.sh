#!/usr/bin/env bash
# Database growth and backup memory: on the booking figures' data set (50
# hosts, one round-robin page, 100,000 bookings seeded), books through the
# public API in rounds (each round about 10 s at 64 connections, roughly
# 10,000 bookings with their confirmation mails), waits for the outbox to
# send them, and prints the file size and the bytes per booking, table by
# table (`convene check-db --json`). Then takes an online backup and prints
# the server's peak resident memory during it.
# Usage: bash benches/growth_figures.sh [ROUNDS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
cargo build --release --quiet --bin convene --example seed_bookings --example booking_load
bin=$PWD/target/release/convene
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
export CONVENE_STORAGE_DATA_DIR="$dir"
echo "correct horse battery staple" | $bin create-owner \
  --email owner@example.org --name "Olive Owner" --organization Bench --password-stdin >/dev/null
target/release/examples/seed_bookings "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
CONVENE_SERVER_BIND="127.0.0.1:$port" CONVENE_LOG=warn CONVENE_MAIL_TRANSPORT=log \
  CONVENE_BOOKING_BOOKINGS_PER_IP_PER_MINUTE=0 MALLOC_ARENA_MAX=2 $bin serve 2>/dev/null &
pid=$!
until curl -sf "$url/healthz" >/dev/null; do sleep 0.05; done
jar="$dir/cookies"
curl -sf -c "$jar" -H 'content-type: application/json' \
  -d '{"email":"owner@example.org","password":"correct horse battery staple"}' "$url/api/v1/session" >/dev/null

queued() { curl -sf -b "$jar" "$url/healthz?full" | python3 -c 'import json,sys; print(json.load(sys.stdin)["outbox"]["queued"])'; }
drain() { until [ "$(queued)" = 0 ]; do sleep 0.5; done; }
snapshot() { $bin check-db --json > "$dir/check-$1.json"; stat -c %s "$dir/convene.redb" > "$dir/size-$1"; }

drain
echo "start: RSS $(awk '/VmRSS/ {print $2}' "/proc/$pid/status") KiB"
snapshot 0
first=0
for round in $(seq 1 "$rounds"); do
  target/release/examples/booking_load "$url" book 10 64 "$first" | sed "s/^/round $round: /"
  # The next round books slots past those this one could have asked for
  # (a round makes well under 20,000 requests).
  first=$(( round * 20000 ))
  drain
  echo "round $round: RSS after the outbox drained: $(awk '/VmRSS/ {print $2}' "/proc/$pid/status") KiB"
  snapshot "$round"
  echo "round $round: RSS after check-db: $(awk '/VmRSS/ {print $2}' "/proc/$pid/status") KiB"
done

python3 - "$dir" "$rounds" <<'EOF'
import json, sys
d, rounds = sys.argv[1], int(sys.argv[2])
def load(i):
    tables = {t["name"]: t for t in json.load(open(f"{d}/check-{i}.json"))["tables"]}
    return tables, int(open(f"{d}/size-{i}").read())
(t0, s0) = load(0)
for i in range(1, rounds + 1):
    (t1, s1) = load(i)
    (tp, sp) = load(i - 1)
    n = t1["bookings"]["rows"] - tp["bookings"]["rows"]
    print(f"round {i}: {n} bookings; file {sp} -> {s1} bytes ({(s1 - sp) / max(n, 1):.0f} B/booking); "
          f"data {sum(t['stored_bytes'] for t in tp.values())} -> {sum(t['stored_bytes'] for t in t1.values())}")
(t1, s1) = load(rounds)
n = t1["bookings"]["rows"] - t0["bookings"]["rows"]
print(f"all rounds: {n} bookings, file {s0} -> {s1} bytes = {(s1 - s0) / max(n, 1):.0f} B/booking, "
      f"{(s1 - s0) / max(n, 1) * 10000 / 1e6:.1f} MB per 10,000 bookings")
print("per table, bytes per booking (keys and values / pages):")
for name in sorted(t1, key=lambda k: -(t1[k]["tree_bytes"] - t0[k]["tree_bytes"])):
    data = (t1[name]["stored_bytes"] - t0[name]["stored_bytes"]) / max(n, 1)
    pages = (t1[name]["tree_bytes"] - t0[name]["tree_bytes"]) / max(n, 1)
    if abs(pages) >= 1 or abs(data) >= 1:
        print(f"  {name:<28} {data:8.0f} {pages:8.0f}   rows {t0[name]['rows']} -> {t1[name]['rows']}")
EOF

# The online backup's peak memory: the peak is reset, the backup taken
# through the control socket, the new peak read.
echo 5 > "/proc/$pid/clear_refs" 2>/dev/null || true
before=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
start=$(date +%s.%N)
$bin backup --out "$dir/backup.redb" >/dev/null
took=$(echo "$(date +%s.%N) - $start" | bc)
peak=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
after=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
echo "backup of $(stat -c %s "$dir/convene.redb") bytes in ${took} s: RSS before ${before} KiB, peak ${peak} KiB, after ${after} KiB; backup file $(stat -c %s "$dir/backup.redb") bytes"
