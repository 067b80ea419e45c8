#!/usr/bin/env bash
# Member-management figures of docs/PERFORMANCE.md, against the release
# binary: a 10,000-row CSV import (wall time of the request, peak RSS) and
# the members list page with 2,000+ members (wrk, 64 connections).
#   bash benches/members_figures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
cargo build --release --quiet
bin=$PWD/target/release/convene
port=18191
dir=$(mktemp -d)
jar=$dir/cookies
export CONVENE_STORAGE_DATA_DIR=$dir CONVENE_SERVER_BIND=127.0.0.1:$port CONVENE_LOG=warn \
  CONVENE_MAIL_TRANSPORT=log CONVENE_LIMITS_IMPORT_ROWS_PER_DAY=1000000
echo 'violet tram orbits quietly' | $bin create-owner --email owner@example.org --name "Olive Owner" --password-stdin >/dev/null
$bin serve 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
until curl -fs -o /dev/null http://127.0.0.1:$port/healthz; do sleep 0.01; done
csrf=$(curl -s -c "$jar" -H 'content-type: application/json' \
  -d '{"email":"owner@example.org","password":"violet tram orbits quietly"}' \
  http://127.0.0.1:$port/api/v1/session | sed 's/.*"csrf_token":"\([^"]*\)".*/\1/')
python3 - "$dir/big.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("email,first_name,last_name,phone,department,position,work_number,location,role\n")
    for i in range(10_000):
        f.write(f"person{i}@example.org,First{i},Last{i},+33 1 23 45 67 {i % 100:02d},,Agent,W{i},Lyon,member\n")
PY
echo "RSS before import: $(awk '/VmRSS/ {print $2, $3}' /proc/$pid/status)"
start=$(date +%s%N)
curl -s -b "$jar" -H "X-CSRF-Token: $csrf" -H 'content-type: text/csv' --data-binary @"$dir/big.csv" \
  http://127.0.0.1:$port/api/v1/members/import | head -c 80; echo
echo "import of 10,000 rows: $(( ($(date +%s%N) - start) / 1000000 )) ms"
echo "peak RSS (VmHWM) after import: $(awk '/VmHWM/ {print $2, $3}' /proc/$pid/status)"
sleep 3
cookie=$(awk '/convene_session/ {print $7}' "$jar")
echo "wrk -t2 -c64 -d10s /members?state=invited (10,000 members, 50 per page)"
wrk -t2 -c64 -d10s -H "Cookie: convene_session=$cookie" "http://127.0.0.1:$port/members?state=invited" | grep -E 'Latency|Requests/sec'
echo "single request, server time from the access log is in the micros= field; curl total:"
for i in 1 2 3; do curl -s -o /dev/null -w '%{time_total}s\n' -b "$jar" "http://127.0.0.1:$port/members?state=invited"; done
