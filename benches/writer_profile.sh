#!/usr/bin/env bash
# Where the booking writer's time goes: the booking figures' store (50
# hosts on a round-robin page, 100,000 bookings), 64 connections booking,
# perf recording only the group-commit thread.
# Usage: bash benches/writer_profile.sh [SECONDS]
#   (builds the profiling profile and the examples; writes target/writer.perf,
#   read it with `perf report -i target/writer.perf --children`)
# Or:    BIN=<build> bash benches/writer_profile.sh SECONDS --cpu
#   (no perf: the CPU time per booking of the group-commit thread and of
#   the whole process, from /proc, around the same run; the steadiest
#   figure to compare two builds by)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-15}
cpu=${2:-}
cargo build --release --quiet --example seed_bookings --example booking_load
if [ -z "${BIN:-}" ]; then
  cargo build --profile profiling --quiet --bin convene
  BIN=target/profiling/convene
fi
if [ "$cpu" != "--cpu" ]; then
  command -v perf >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf; }
fi
bin=$(realpath "$BIN")
ex=target/release/examples
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
echo "correct horse battery staple" | CONVENE_STORAGE_DATA_DIR="$dir" "$bin" create-owner \
  --email owner@example.org --name "Olive Owner" --organization Load --password-stdin >/dev/null
"$ex/seed_bookings" "$dir" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
CONVENE_STORAGE_DATA_DIR="$dir" CONVENE_SERVER_BIND="127.0.0.1:$port" CONVENE_LOG=warn \
  CONVENE_MAIL_TRANSPORT=log CONVENE_BOOKING_BOOKINGS_PER_IP_PER_MINUTE=0 MALLOC_ARENA_MAX=2 \
  "$bin" serve 2>/dev/null &
pid=$!
url="http://127.0.0.1:$port"
until curl -sf "$url/healthz" >/dev/null; do sleep 0.05; done
# A warm-up, then the recorded run on slots the warm-up left free.
"$ex/booking_load" "$url" book 3 64 | tail -1
tid=$(grep -l '^group-commit$' /proc/"$pid"/task/*/comm | head -1 | cut -d/ -f5)
if [ "$cpu" = "--cpu" ]; then
  # utime + stime, in clock ticks.
  ticks() { awk '{print $14 + $15}' "$1"; }
  # Each thread's name and ticks; threads of one name are summed.
  threads() { for f in /proc/"$pid"/task/*/stat; do
    sed -E 's/^[0-9]+ \((.*)\) [A-Z] (.*)$/\1\t\2/' "$f" | awk -F'\t' '{split($2, a, " "); print $1 "\t" a[11] + a[12]}'
  done; }
  w0=$(ticks /proc/"$pid"/task/"$tid"/stat); p0=$(ticks /proc/"$pid"/stat)
  threads > "$dir/threads0"
  out=$("$ex/booking_load" "$url" book "$secs" 64 20000 | tail -1)
  w1=$(ticks /proc/"$pid"/task/"$tid"/stat); p1=$(ticks /proc/"$pid"/stat)
  threads > "$dir/threads1"
  echo "$out"
  n=$(echo "$out" | sed -E 's/^book: ([0-9]+) requests.*/\1/')
  hz=$(getconf CLK_TCK)
  python3 -c "print(f'writer CPU per booking {($w1-$w0)*1e6/$hz/$n:.0f} us, process {($p1-$p0)*1e6/$hz/$n:.0f} us')"
  # Where the rest goes, by thread name (threads that ended in between
  # are missing from both ends).
  python3 - "$dir/threads0" "$dir/threads1" "$n" "$hz" <<'PY'
import sys
from collections import defaultdict
def load(path):
    out = defaultdict(int)
    for line in open(path):
        name, ticks = line.rstrip("\n").split("\t")
        out[name] += int(ticks)
    return out
before, after = load(sys.argv[1]), load(sys.argv[2])
n, hz = int(sys.argv[3]), int(sys.argv[4])
used = {k: after[k] - before.get(k, 0) for k in after}
print("by thread: " + ", ".join(f"{k} {v * 1e6 / hz / n:.0f} us" for k, v in sorted(used.items(), key=lambda kv: -kv[1]) if v > 0))
PY
  exit 0
fi
"$ex/booking_load" "$url" book $((secs + 2)) 64 20000 > "$dir/load.out" &
load=$!
sleep 1
perf record -F 400 --call-graph dwarf -t "$tid" -o target/writer.perf -- sleep "$secs" >/dev/null 2>&1
wait "$load"
tail -1 "$dir/load.out"
echo "profile of the group-commit thread: target/writer.perf"
