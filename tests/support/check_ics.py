"""Checks an iCalendar file with an independent parser (icalendar, strict)
and the raw wire format (CRLF, 75-octet lines), then prints what the tests
compare, as JSON. Exits non-zero with the reason when the file is invalid."""
import json
import sys

import icalendar

data = open(sys.argv[1], "rb").read()
problems = []
if not data.endswith(b"\r\n"):
    problems.append("no final CRLF")
if b"\n" in data.replace(b"\r\n", b""):
    problems.append("bare LF")
for i, line in enumerate(data.split(b"\r\n"), 1):
    if len(line) > 75:
        problems.append(f"line {i}: {len(line)} octets")
        break
cals = icalendar.Calendar.from_ical(data, multiple=True)
if not cals:
    problems.append("no VCALENDAR")
events = []
method = None
for cal in cals:
    cal.validate()
    method = str(cal.get("METHOD")) if cal.get("METHOD") else None
    if cal.get_missing_tzids():
        problems.append(f"TZID without VTIMEZONE: {cal.get_missing_tzids()}")
    for c in cal.walk():
        if c.errors:
            problems.append(f"{c.name} errors: {c.errors}")
        if c.name == "VEVENT":
            for p in ("UID", "DTSTAMP", "DTSTART"):
                if p not in c:
                    problems.append(f"VEVENT missing {p}")
            attendees = c.get("ATTENDEE", [])
            if not isinstance(attendees, list):
                attendees = [attendees]
            events.append({
                "uid": str(c.get("UID")),
                "sequence": int(c.get("SEQUENCE", 0)),
                "status": str(c.get("STATUS")) if c.get("STATUS") else None,
                "summary": str(c.get("SUMMARY")),
                "location": str(c.get("LOCATION")) if c.get("LOCATION") else None,
                "start": c.decoded("DTSTART").isoformat(),
                "end": c.decoded("DTEND").isoformat() if "DTEND" in c else None,
                "organizer": str(c.get("ORGANIZER")) if c.get("ORGANIZER") else None,
                "attendees": [str(a) for a in attendees],
            })
if problems:
    print("INVALID", problems, file=sys.stderr)
    sys.exit(1)
print(json.dumps({"method": method, "events": events}))
