// Reads an iCalendar file with ical.js (Mozilla's parser, used by
// Thunderbird and many web calendars) and prints what it understood of
// each VEVENT as JSON, so tests can compare it with Python's icalendar.
// usage: node check_ics.cjs FILE
const fs = require("fs");
const ICAL = require("ical.js");
const text = fs.readFileSync(process.argv[2], "utf8");
const root = new ICAL.Component(ICAL.parse(text));
if (root.name !== "vcalendar") throw new Error(`not a VCALENDAR: ${root.name}`);
const events = root.getAllSubcomponents("vevent").map((v) => {
  const e = new ICAL.Event(v);
  const organizer = v.getFirstProperty("organizer");
  return {
    uid: e.uid,
    sequence: e.sequence,
    status: v.getFirstPropertyValue("status"),
    summary: e.summary,
    description: e.description,
    location: e.location || null,
    start: e.startDate.toJSDate().toISOString(),
    cn: organizer ? organizer.getParameter("cn") : null,
  };
});
process.stdout.write(JSON.stringify({ calname: root.getFirstPropertyValue("x-wr-calname"), events }));
