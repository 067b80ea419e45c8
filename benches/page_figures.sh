#!/usr/bin/env bash
# Page figures of docs/PERFORMANCE.md: the public booking page and the
# members page (2,000 members) in requests/s at 64 connections (wrk), in
# English and in Japanese, against a release binary.
#   bash benches/page_figures.sh              (builds and measures this tree)
#   BIN=/path/to/convene bash benches/page_figures.sh   (another build)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
if [ -z "${BIN:-}" ]; then cargo build --release --quiet; BIN=$PWD/target/release/convene; fi
port=18192
dir=$(mktemp -d)
jar=$dir/cookies
export CONVENE_STORAGE_DATA_DIR=$dir CONVENE_SERVER_BIND=127.0.0.1:$port CONVENE_LOG=warn \
  CONVENE_MAIL_TRANSPORT=log CONVENE_LIMITS_IMPORT_ROWS_PER_DAY=1000000
echo 'violet tram orbits quietly' | $BIN create-owner --email owner@example.org --name "Olive Owner" --password-stdin >/dev/null
$BIN serve 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
until curl -fs -o /dev/null http://127.0.0.1:$port/healthz; do sleep 0.01; done
base=http://127.0.0.1:$port
login=$(curl -s -c "$jar" -H 'content-type: application/json' \
  -d '{"email":"owner@example.org","password":"violet tram orbits quietly"}' $base/api/v1/session)
csrf=$(echo "$login" | sed 's/.*"csrf_token":"\([^"]*\)".*/\1/')
owner=$(echo "$login" | sed 's/.*"member_id":"\([^"]*\)".*/\1/')
api() { curl -s -b "$jar" -H "X-CSRF-Token: $csrf" -H 'content-type: application/json' "$@"; }
days='{"start":"09:00","end":"17:00"}'
api -X PUT -d "{\"timezone\":\"Europe/Paris\",\"weekly\":{\"mon\":[$days],\"tue\":[$days],\"wed\":[$days],\"thu\":[$days],\"fri\":[$days]}}" \
  $base/api/v1/members/$owner/schedule >/dev/null
api -d "{\"slug\":\"intro\",\"title\":\"Intro call\",\"duration_minutes\":30,\"hosts\":[\"$owner\"]}" \
  $base/api/v1/booking-pages >/dev/null
python3 - "$dir/people.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("email,first_name,last_name,phone,department,position,work_number,location,role\n")
    for i in range(2_000):
        f.write(f"person{i}@example.org,First{i},Last{i},,,Agent,W{i},Lyon,member\n")
PY
curl -s -b "$jar" -H "X-CSRF-Token: $csrf" -H 'content-type: text/csv' --data-binary @"$dir/people.csv" \
  $base/api/v1/members/import >/dev/null
cookie=$(awk '/convene_session/ {print $7}' "$jar")
month=$(date -u -d "+7 days" +%Y-%m)
for lang in en ja; do
  echo "wrk -t2 -c64 -d10s /book/intro?month=$month (Accept-Language: $lang)"
  wrk -t2 -c64 -d10s -H "Accept-Language: $lang" "$base/book/intro?month=$month&tz=Europe/Paris" | grep -E 'Latency|Requests/sec'
done
for lang in en ja; do
  api -X PATCH -d "{\"language\":\"$lang\"}" $base/api/v1/members/$owner >/dev/null
  echo "wrk -t2 -c64 -d10s /members?state=invited (2,000 members, 50 a page, owner language $lang)"
  wrk -t2 -c64 -d10s -H "Cookie: convene_session=$cookie" "$base/members?state=invited" | grep -E 'Latency|Requests/sec'
done
echo "RSS after the runs: $(awk '/VmRSS/ {print $2, $3}' /proc/$pid/status)"
