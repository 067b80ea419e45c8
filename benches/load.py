"""The load run of benches/load.sh against a server it has seeded: fills in
the rest of the data set over the API, runs each case with wrk (booking
POSTs with examples/booking_load), and prints one JSON line of figures.

usage: load.py BASE_URL ICS_BASE ICS_DIR PID DATA_DIR BIN BOOKING_LOAD SECONDS
"""
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request

base, ics_base, ics_dir = sys.argv[1], sys.argv[2], sys.argv[3]
pid, data_dir, binary, booking_load = int(sys.argv[4]), sys.argv[5], sys.argv[6], sys.argv[7]
seconds = int(sys.argv[8])
PASSWORD = "correct horse battery staple"


def call(method, path, body=None, token=None, cookie=None, csrf=None, raw=None):
    req = urllib.request.Request(base + path, method=method)
    if body is not None:
        req.data = json.dumps(body).encode()
        req.add_header("Content-Type", "application/json")
    if raw is not None:
        req.data = raw.encode()
        req.add_header("Content-Type", "text/csv")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if cookie:
        req.add_header("Cookie", cookie)
    if csrf:
        req.add_header("X-CSRF-Token", csrf)
    with urllib.request.urlopen(req) as res:
        text = res.read()
        return res.headers, (json.loads(text) if text and text[:1] in b"[{" else None)


def rss_kib():
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def calendar(i):
    """40 busy events over the next 100 days and a weekly series."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Load//EN"]
    day0 = time.time() + 86400
    for n in range(40):
        t = time.gmtime(day0 + (n * 2.5) * 86400)
        stamp = time.strftime("%Y%m%d", t)
        hour = 9 + (n * 7 + i) % 8
        lines += ["BEGIN:VEVENT", f"UID:e{i}-{n}", "DTSTAMP:20260101T000000Z",
                  f"DTSTART:{stamp}T{hour:02d}0000Z", f"DTEND:{stamp}T{hour:02d}3000Z",
                  "SUMMARY:Busy", "END:VEVENT"]
    stamp = time.strftime("%Y%m%d", time.gmtime(day0))
    lines += ["BEGIN:VEVENT", f"UID:w{i}", "DTSTAMP:20260101T000000Z",
              f"DTSTART:{stamp}T084500Z", f"DTEND:{stamp}T090000Z",
              "RRULE:FREQ=WEEKLY;BYDAY=MO", "END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(lines) + "\r\n"


def wrk(name, url, connections=64, headers=(), warm=True):
    # One request first, so the case measures the kept answer (a feed's
    # first render after start is its own figure, warm_ms).
    warm_ms = None
    if warm:
        req = urllib.request.Request(url)
        for h in headers:
            req.add_header(*h.split(": ", 1))
        t0 = time.time()
        urllib.request.urlopen(req).read()
        warm_ms = round((time.time() - t0) * 1000, 1)
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for h in headers:
        args += ["-H", h]
    samples = []
    stop = threading.Event()

    def sample():
        while not stop.wait(0.5):
            samples.append(rss_kib())

    t = threading.Thread(target=sample)
    t.start()
    out = subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout
    stop.set()
    t.join()

    def ms(label):
        m = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 3)

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    return name, {
        "first_request_ms": warm_ms,
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
        "requests_per_s": round(float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))),
        "p50_ms": ms("50%"),
        "p99_ms": ms("99%"),
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        "rss_kib_max": max(samples, default=rss_kib()),
    }


def run_job(token, name):
    _, jobs = call("GET", "/api/v1/jobs", token=token)
    before = next(j for j in jobs["jobs"] if j["name"] == name).get("last_run")
    call("POST", f"/api/v1/jobs/{name}/run", {}, token=token)
    while True:
        time.sleep(0.05)
        _, jobs = call("GET", "/api/v1/jobs", token=token)
        job = next(j for j in jobs["jobs"] if j["name"] == name)
        if not job["running"] and job.get("last_run") and job["last_run"] != before:
            return job["last_run"]


headers, session = call("POST", "/api/v1/session", {"email": "owner@example.org", "password": PASSWORD})
cookie = headers["Set-Cookie"].split(";")[0]
_, key = call("POST", "/api/v1/api-keys", {"name": "load"}, cookie=cookie, csrf=session["csrf_token"])
token = key["key"]

# 2,000 members: the owner, the 50 seeded hosts, 1,949 imported.
csv = "email,first_name,last_name,department,position,location,role\r\n" + "".join(
    f"person{i}@example.org,First{i},Last{i},,Agent,Lyon,member\r\n" for i in range(1949))
call("POST", "/api/v1/members/import", raw=csv, token=token)
_, listing = call("GET", "/api/v1/members?limit=500", token=token)
hosts = sorted((m for m in listing["members"] if m["email"].startswith("host")),
               key=lambda m: int(m["email"][4:].split("@")[0]))
# 50 booking pages: the seeded round-robin "team" and one per host for 49.
for i, h in enumerate(hosts[:49]):
    call("POST", "/api/v1/booking-pages",
         {"slug": f"host-{i}", "title": f"Talk to host {i}", "duration_minutes": 30,
          "hosts": [h["id"]], "assignment": "single"}, token=token)
# 50 connected iCal calendars, read once by the sync job.
for i in range(50):
    with open(os.path.join(ics_dir, f"host{i}.ics"), "w") as f:
        f.write(calendar(i))
for i, h in enumerate(hosts):
    call("POST", f"/api/v1/members/{h['id']}/calendars",
         {"kind": "ical_url", "url": f"{ics_base}/host{i}.ics"}, token=token)
sync = run_job(token, "calendar_sync")
_, pages = call("GET", "/api/v1/booking-pages", token=token)
team = next(p for p in pages["booking_pages"] if p["slug"] == "team")
_, feed = call("GET", f"/api/v1/booking-pages/{team['id']}/feed", token=token)

feed_url = feed["url"].replace(feed["url"].split("/ical/")[0], base)
time.sleep(1)
rss_idle = rss_kib()
frm = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 86400))
to = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 30 * 86400))
slots = f"{base}/api/v1/public/booking-pages/team/slots?from={frm}&to={to}&timezone=UTC"
cases = dict([
    # Nobody has read the feed since the start: 64 subscribers at once.
    wrk("page_feed_after_start", feed_url, warm=False),
    wrk("slots_30_days", slots),
    wrk("booking_page", f"{base}/book/team"),
    wrk("members_list", f"{base}/members", headers=[f"Cookie: {cookie}"]),
    wrk("page_feed", feed_url),
])

# Durable bookings at 64 connections, then slot lists while 8 clients book.
db_path = os.path.join(data_dir, "convene.redb")
file_before_posts = os.stat(db_path).st_size
seeded = next(t["rows"] for t in json.loads(subprocess.run(
    [binary, "check-db", "--json"], capture_output=True, text=True, check=True,
    env={**os.environ, "CONVENE_STORAGE_DATA_DIR": data_dir}).stdout)["tables"] if t["name"] == "bookings")
out = subprocess.run([booking_load, base, "book", str(seconds), "64"],
                     capture_output=True, text=True, check=True).stdout
m = re.search(r"= (\d+)/s; p50 ([\d.]+) ms, p99 ([\d.]+) ms", out)
cases["booking_posts"] = {"bookings_per_s": int(m.group(1)), "p50_ms": float(m.group(2)),
                          "p99_ms": float(m.group(3)), "rss_kib_after": rss_kib()}
# The bookings changed the feed: 64 subscribers ask at once, cold.
name, cold = wrk("page_feed_after_change", feed_url, warm=False)
cases[name] = cold
booker = subprocess.Popen([booking_load, base, "book", str(seconds), "8", "48000"],
                          stdout=subprocess.PIPE, text=True)
name, mixed = wrk("slots_while_booking", slots, connections=32)
booker.wait()
cases[name] = mixed

# Read before check-db, which takes seconds on a large file: by its end
# the server may have given its freed memory back already.
rss_after = rss_kib()
# Bytes per booking, per table, from the running server's own count.
check = json.loads(subprocess.run([binary, "check-db", "--json"], capture_output=True, text=True,
                                  env={**os.environ, "CONVENE_STORAGE_DATA_DIR": data_dir},
                                  check=True).stdout)
tables = {t["name"]: t for t in check["tables"]}
bookings = tables["bookings"]["rows"]
file_bytes = os.stat(db_path).st_size
# Once requests have stopped for a moment the server gives freed memory
# back to the system (src/memory.rs).
time.sleep(5)
rss_quiet = rss_kib()

# The same file after `convene compact` with the server stopped: what the
# data needs, without the pages freed under load that the file keeps.
os.kill(pid, 15)
deadline = time.time() + 30
while True:
    compacted = subprocess.run([binary, "compact"], capture_output=True, text=True,
                               env={**os.environ, "CONVENE_STORAGE_DATA_DIR": data_dir})
    if compacted.returncode == 0 or time.time() > deadline:
        break
    time.sleep(0.1)  # until the stopping server lets go of the file
compacted_bytes = os.stat(os.path.join(data_dir, "convene.redb")).st_size
print(json.dumps({
    "members": 2000,
    "booking_pages": len(pages["booking_pages"]),
    "calendars": 50,
    "calendar_sync_ms": sync.get("duration_ms"),
    "seconds_per_case": seconds,
    "rss_kib_idle": rss_idle,
    "rss_kib_after": rss_after,
    "rss_kib_quiet": rss_quiet,
    "bookings": bookings,
    "database_bytes": file_bytes,
    "database_bytes_per_booking": round(file_bytes / bookings),
    "database_bytes_per_booking_compacted": round(compacted_bytes / bookings),
    # How the file grew over the booking cases, per booking they made.
    "database_bytes_before_posts": file_before_posts,
    "database_growth_per_new_booking": round((file_bytes - file_before_posts) / max(1, bookings - seeded)),
    "table_bytes_per_booking": {n: round(t["tree_bytes"] / bookings)
                                for n, t in sorted(tables.items()) if t["tree_bytes"] >= bookings * 10},
    "cases": cases,
}))
