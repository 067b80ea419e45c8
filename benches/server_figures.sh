#!/usr/bin/env bash
# Measures the foundation figures of docs/PERFORMANCE.md on this machine:
# binary size, cold start to /healthz, idle RSS, and requests/s for
# /healthz and the sign-in page at 64 connections (wrk).
#   bash benches/server_figures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
cargo build --release --quiet
bin=target/release/convene
port=18190
echo "binary size: $(stat -c %s $bin) bytes"

for i in 1 2 3 4 5; do
  dir=$(mktemp -d)
  start=$(date +%s%N)
  CONVENE_STORAGE_DATA_DIR=$dir CONVENE_SERVER_BIND=127.0.0.1:$port CONVENE_LOG=warn $bin serve 2>/dev/null &
  pid=$!
  until curl -fs -o /dev/null http://127.0.0.1:$port/healthz; do sleep 0.001; done
  echo "cold start $i: $(( ($(date +%s%N) - start) / 1000 )) us"
  kill $pid; wait $pid 2>/dev/null || true; rm -rf "$dir"
done

dir=$(mktemp -d)
echo 'violet tram orbits quietly' | CONVENE_STORAGE_DATA_DIR=$dir $bin create-owner \
  --email ann@example.org --name "Ann Smith" --password-stdin >/dev/null 2>&1
CONVENE_STORAGE_DATA_DIR=$dir CONVENE_SERVER_BIND=127.0.0.1:$port CONVENE_LOG=warn $bin serve 2>/dev/null &
pid=$!
until curl -fs -o /dev/null http://127.0.0.1:$port/healthz; do sleep 0.01; done
sleep 1
echo "idle RSS: $(awk '/VmRSS/ {print $2, $3}' /proc/$pid/status)"
for path in /healthz /login; do
  echo "wrk -t2 -c64 -d10s $path"
  wrk -t2 -c64 -d10s "http://127.0.0.1:$port$path" | grep -E 'Latency|Requests/sec'
done
echo "peak RSS under load: $(awk '/VmHWM/ {print $2, $3}' /proc/$pid/status)"
kill $pid; wait $pid 2>/dev/null || true; rm -rf "$dir"
