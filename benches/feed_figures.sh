#!/usr/bin/env bash
# Feed figures: the booking figures' store (50 hosts on one round-robin
# page, 100,000 bookings from 300 days back to 100 days ahead), so the
# page's feed lists 5,000 bookings (its cap) and a host's feed about 950.
# Times one fetch of each kind with curl, then wrk at 64 connections on
# the page feed: a full body each time, and revalidation (If-None-Match:
# 304). The first fetch after a change renders; later ones are kept.
# Usage: bash benches/feed_figures.sh   (prints the figures)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
cargo build --release --quiet --bin convene --example seed_bookings
bin=target/release/convene
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
echo "correct horse battery staple" | CONVENE_STORAGE_DATA_DIR="$dir" $bin create-owner \
  --email owner@example.org --name "Olive Owner" --organization Bench --password-stdin >/dev/null
target/release/examples/seed_bookings "$dir" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
CONVENE_STORAGE_DATA_DIR="$dir" CONVENE_SERVER_BIND="127.0.0.1:$port" CONVENE_LOG=warn \
  CONVENE_MAIL_TRANSPORT=log MALLOC_ARENA_MAX=2 $bin serve 2>/dev/null &
pid=$!
url="http://127.0.0.1:$port"
until curl -sf "$url/healthz" >/dev/null; do sleep 0.05; done
jar=$dir/jar
login=$(curl -s -c "$jar" -H 'content-type: application/json' \
  -d '{"email":"owner@example.org","password":"correct horse battery staple"}' "$url/api/v1/session")
csrf=$(echo "$login" | sed 's/.*"csrf_token":"\([^"]*\)".*/\1/')
api() { curl -s -b "$jar" -H "X-CSRF-Token: $csrf" -H 'content-type: application/json' "$@"; }
page=$(api "$url/api/v1/booking-pages" | python3 -c 'import json,sys; print(next(p["id"] for p in json.load(sys.stdin)["booking_pages"] if p["slug"]=="team"))')
host=$(api "$url/api/v1/members?limit=500" | python3 -c 'import json,sys; print(next(m["id"] for m in json.load(sys.stdin)["members"] if m["email"].startswith("host")))')
page_feed=$(api "$url/api/v1/booking-pages/$page/feed" | python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')
host_feed=$(api "$url/api/v1/members/$host/feed" | python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')
page_feed=${page_feed/http:\/\/*\/ical/$url\/ical}
host_feed=${host_feed/http:\/\/*\/ical/$url\/ical}
once() { curl -s -o "$dir/body" -w '%{http_code} %{time_total}s %{size_download} bytes' "$@"; }
echo "page feed, first fetch (renders): $(once "$page_feed"); events: $(grep -c BEGIN:VEVENT "$dir/body")"
echo "page feed, second fetch (kept): $(once "$page_feed")"
etag=$(curl -sI "$page_feed" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
echo "page feed, If-None-Match: $(once -H "If-None-Match: $etag" "$page_feed")"
echo "host feed, first fetch (renders): $(once "$host_feed"); events: $(grep -c BEGIN:VEVENT "$dir/body")"
wrk -t2 -c64 -d10s --latency "$page_feed" | grep -E "Requests/sec|Transfer/sec|50%|99%|Non-2xx" | sed 's/^/page feed, full body, 64 subscribers (wrk): /'
wrk -t2 -c64 -d10s --latency -H "If-None-Match: $etag" "$page_feed" | grep -E "Requests/sec|50%|99%" | sed 's/^/page feed, 304, 64 subscribers (wrk): /'
# Every fetch renders: a booking is cancelled between rounds of fetches.
python3 - "$url" "$page_feed" "$jar" "$csrf" <<'PY'
import http.cookiejar, json, sys, time, urllib.request
url, feed, jar, csrf = sys.argv[1:5]
cj = http.cookiejar.MozillaCookieJar(jar); cj.load(ignore_discard=True, ignore_expires=True)
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cj))
def call(method, path, body=None):
    req = urllib.request.Request(url + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Content-Type": "application/json", "X-CSRF-Token": csrf})
    with opener.open(req) as r:
        return json.loads(r.read() or b"null")
soon = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 86400))
upcoming = [b["id"] for b in call("GET", f"/api/v1/bookings?from={soon}&state=confirmed")["bookings"]][:20]
times = []
for bid in upcoming:
    call("POST", f"/api/v1/bookings/{bid}/cancel", {})
    t = time.perf_counter()
    with urllib.request.urlopen(feed) as r:
        r.read()
    times.append((time.perf_counter() - t) * 1000)
# The same client's time for a kept file, to tell rendering from transfer.
kept = []
for _ in range(20):
    t = time.perf_counter()
    with urllib.request.urlopen(feed) as r:
        r.read()
    kept.append((time.perf_counter() - t) * 1000)
kept.sort()
print(f"page feed, the same client fetching the kept file: median {kept[len(kept)//2]:.1f} ms")
times.sort()
print(f"page feed, first fetch after each of {len(times)} cancellations (renders): median {times[len(times)//2]:.1f} ms, max {times[-1]:.1f} ms")
PY
echo "RSS after: $(ps -o rss= -p "$pid") KiB"
