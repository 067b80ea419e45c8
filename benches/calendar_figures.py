"""Drives the calendar figures against a running server (see
calendar_figures.sh): connects the iCal addresses of 50 hosts, times the
sync job over all of them (first read, unchanged, changed), and keeps
syncs committing in the background for `--churn` seconds while wrk reads
slot lists.

usage: calendar_figures.py BASE_URL ICS_BASE ICS_DIR EVENTS_PER_CALENDAR CHURN_SECONDS
"""
import json
import os
import sys
import time
import urllib.request

base, ics_base, ics_dir = sys.argv[1], sys.argv[2], sys.argv[3]
events = int(sys.argv[4])
churn = float(sys.argv[5])


def call(method, path, body=None, token=None, cookie=None, csrf=None):
    req = urllib.request.Request(base + path, method=method)
    if body is not None:
        req.data = json.dumps(body).encode()
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if cookie:
        req.add_header("Cookie", cookie)
    if csrf:
        req.add_header("X-CSRF-Token", csrf)
    with urllib.request.urlopen(req) as res:
        text = res.read()
        return res.headers, (json.loads(text) if text else None)


def calendar(i, generation):
    """EVENTS single events over the next 100 days and a few weekly series."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Bench//EN"]
    day0 = time.gmtime(time.time() + 86400)
    for n in range(events):
        t = time.gmtime(time.mktime(day0) + (n % 100) * 86400)
        hour = 9 + (n * 7 + i) % 8
        stamp = time.strftime("%Y%m%d", t)
        lines += ["BEGIN:VEVENT", f"UID:e{i}-{n}-{generation}", "DTSTAMP:20260101T000000Z",
                  f"DTSTART:{stamp}T{hour:02d}0000Z", f"DTEND:{stamp}T{hour:02d}3000Z",
                  "SUMMARY:Busy", "END:VEVENT"]
    for n in range(5):
        stamp = time.strftime("%Y%m%d", day0)
        lines += ["BEGIN:VEVENT", f"UID:w{i}-{n}", "DTSTAMP:20260101T000000Z",
                  f"DTSTART:{stamp}T{8 + n:02d}4500Z", f"DTEND:{stamp}T{9 + n:02d}0000Z",
                  f"RRULE:FREQ=WEEKLY;BYDAY={['MO','TU','WE','TH','FR'][n]}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def publish(generation):
    for i in range(50):
        with open(os.path.join(ics_dir, f"host{i}.ics"), "w") as f:
            f.write(calendar(i, generation))


def run_job(token):
    _, jobs = call("GET", "/api/v1/jobs", token=token)
    before = next(j for j in jobs["jobs"] if j["name"] == "calendar_sync").get("last_run")
    call("POST", "/api/v1/jobs/calendar_sync/run", {}, token=token)
    while True:
        time.sleep(0.02)
        _, jobs = call("GET", "/api/v1/jobs", token=token)
        job = next(j for j in jobs["jobs"] if j["name"] == "calendar_sync")
        if not job["running"] and job.get("last_run") and job["last_run"] != before:
            return job["last_run"]


headers, session = call("POST", "/api/v1/session",
                        {"email": "owner@example.org", "password": "correct horse battery staple"})
cookie = headers["Set-Cookie"].split(";")[0]
_, key = call("POST", "/api/v1/api-keys", {"name": "bench"}, cookie=cookie, csrf=session["csrf_token"])
token = key["key"]
_, members = call("GET", "/api/v1/members?limit=500", token=token)
hosts = sorted((m for m in members["members"] if m["email"].startswith("host")),
               key=lambda m: int(m["email"][4:].split("@")[0]))
if churn == 0:
    publish(0)
    for i, m in enumerate(hosts):
        call("POST", f"/api/v1/members/{m['id']}/calendars",
             {"kind": "ical_url", "url": f"{ics_base}/host{i}.ics"}, token=token)
    # The connections' own first syncs, then a round that reads them all.
    time.sleep(2)
    publish(1)
    for what, gen in [("changed", None), ("unchanged (304)", None), ("changed again", 2)]:
        if gen is not None:
            publish(gen)
        run = run_job(token)
        print(f"sync of 50 calendars, {what}: {run['duration_ms']} ms ({run['outcome']})", flush=True)

if churn > 0:
    print("READY-CHURN", flush=True)
    end = time.time() + churn
    rounds = 0
    generation = 3
    while time.time() < end:
        publish(generation)
        run_job(token)
        rounds += 1
        generation += 1
    print(f"churn: {rounds} rounds of 50 changed calendars synced while slot lists were read", flush=True)
