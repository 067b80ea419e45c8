//! Parse and expand a generated 10,000-event calendar over one year (the
//! figure of the calendar import issue): single events in IANA, Windows
//! and UTC zones, all-day and multi-day events, weekly, daily, monthly
//! (BYSETPOS) and yearly series (some since years ago, with COUNT, UNTIL,
//! EXDATE and overrides), free and cancelled events.
//!
//!     cargo bench --bench calendar
//!
//! Peak memory of one parse and expansion (no criterion around it), and
//! of generating the text alone, to subtract:
//!
//!     CALENDAR_ONCE=1 /usr/bin/time -v target/release/deps/calendar-<hash>
//!     CALENDAR_ONCE=generate /usr/bin/time -v target/release/deps/calendar-<hash>

use std::fmt::Write;
use std::hint::black_box;

use chrono_tz::Tz;
use convene::calendar::busy_times;
use criterion::Criterion;

/// 2026-01-01T00:00Z and 2027-01-01T00:00Z: the window.
const FROM: i64 = 1_767_225_600;
const TO: i64 = 1_798_761_600;

/// A deterministic pseudo-random sequence (xorshift), so runs compare.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nX-LIC-LOCATION:Europe/Berlin\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/// A date `day` days into 2026 (0..365), as iCalendar writes it.
fn date(day: u64) -> String {
    let first = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    (first + chrono::Days::new(day))
        .format("%Y%m%d")
        .to_string()
}

fn stamp(day: u64, hour: u64, minute: u64) -> String {
    format!("{}T{hour:02}{minute:02}00", date(day))
}

/// The noise every exporter adds: what busy times never read.
fn filler(s: &mut String, i: usize) {
    let _ = write!(
        s,
        "DTSTAMP:20251201T120000Z\r\nCREATED:20251101T090000Z\r\nLAST-MODIFIED:20251115T101010Z\r\nSEQUENCE:1\r\nSUMMARY:Meeting number {i} about the quarterly planning\r\nDESCRIPTION:Agenda:\\n1. Review\\n2. Plan\\nJoin: https://meet.example.org/ab\r\n c-defg-{i}\r\nLOCATION:Room {}\r\nORGANIZER;CN=Ada Lovelace:mailto:ada@example.org\r\nATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Charles\r\n  Babbage:mailto:charles@example.org\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nTRIGGER:-PT10M\r\nEND:VALARM\r\n",
        i % 40
    );
}

fn calendar(events: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut s = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Convene bench//EN\r\nCALSCALE:GREGORIAN\r\n",
    );
    s.push_str(VTIMEZONE);
    let zones = [
        ";TZID=Europe/Berlin",
        ";TZID=Europe/Berlin",
        ";TZID=W. Europe Standard Time",
        ";TZID=Eastern Standard Time",
        ";TZID=Asia/Tokyo",
        "",
    ];
    let mut i = 0;
    while i < events {
        let kind = rng.below(100);
        let day = rng.below(365);
        let hour = 7 + rng.below(11);
        let minute = [0, 15, 30, 45][rng.below(4) as usize];
        let tz = zones[rng.below(zones.len() as u64) as usize];
        let uid = format!("{i:05}-{:016x}@bench.example.org", rng.next());
        let start = stamp(day, hour, minute);
        let end = stamp(day, hour + 1, minute);
        s.push_str("BEGIN:VEVENT\r\n");
        let _ = write!(s, "UID:{uid}\r\n");
        match kind {
            // A single timed event (60%), now and then in UTC.
            0..60 => {
                if kind < 10 {
                    let _ = write!(s, "DTSTART:{start}Z\r\nDTEND:{end}Z\r\n");
                } else {
                    let _ = write!(s, "DTSTART{tz}:{start}\r\nDTEND{tz}:{end}\r\n");
                }
            }
            // All-day, one to four days (10%).
            60..70 => {
                let days = 1 + rng.below(4);
                let _ = write!(
                    s,
                    "DTSTART;VALUE=DATE:{}\r\nDTEND;VALUE=DATE:{}\r\n",
                    date(day),
                    date(day + days)
                );
            }
            // Weekly (12%): open, with UNTIL or COUNT, some with EXDATEs;
            // every fourth series has a moved occurrence.
            70..82 => {
                let first = rng.below(60);
                let _ = write!(
                    s,
                    "DTSTART{tz}:{}\r\nDTEND{tz}:{}\r\n",
                    stamp(first, hour, minute),
                    stamp(first, hour + 1, minute)
                );
                match rng.below(3) {
                    0 => s.push_str("RRULE:FREQ=WEEKLY;BYDAY=MO,WE\r\n"),
                    1 => {
                        let _ = write!(
                            s,
                            "RRULE:FREQ=WEEKLY;UNTIL={}T235959Z\r\n",
                            date(200 + rng.below(160))
                        );
                    }
                    _ => s.push_str("RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=20\r\n"),
                }
                if rng.below(2) == 0 {
                    let _ = write!(
                        s,
                        "EXDATE{tz}:{}\r\n",
                        stamp(70 + 7 * rng.below(20), hour, minute)
                    );
                }
                if kind.is_multiple_of(4) && i + 1 < events {
                    filler(&mut s, i);
                    s.push_str("END:VEVENT\r\nBEGIN:VEVENT\r\n");
                    i += 1;
                    let moved = 100 + 7 * rng.below(20);
                    let _ = write!(
                        s,
                        "UID:{uid}\r\nRECURRENCE-ID{tz}:{}\r\nDTSTART{tz}:{}\r\nDTEND{tz}:{}\r\n",
                        stamp(moved, hour, minute),
                        stamp(moved + 1, hour, minute),
                        stamp(moved + 1, hour + 1, minute)
                    );
                }
            }
            // Daily (1%), since years ago or with COUNT.
            82..83 => {
                if rng.below(2) == 0 {
                    let _ = write!(
                        s,
                        "DTSTART{tz}:20190107T083000\r\nDTEND{tz}:20190107T084500\r\nRRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR\r\n"
                    );
                } else {
                    let _ = write!(
                        s,
                        "DTSTART{tz}:{start}\r\nDURATION:PT15M\r\nRRULE:FREQ=DAILY;COUNT=30\r\n"
                    );
                }
            }
            // Monthly (5%): the nth weekday, or the last workday.
            83..88 => {
                let _ = write!(s, "DTSTART{tz}:{start}\r\nDTEND{tz}:{end}\r\n");
                if rng.below(2) == 0 {
                    s.push_str("RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1\r\n");
                } else {
                    s.push_str("RRULE:FREQ=MONTHLY;BYDAY=2TH\r\n");
                }
            }
            // Yearly all-day since long ago (3%).
            88..91 => {
                let _ = write!(
                    s,
                    "DTSTART;VALUE=DATE:1990{}\r\nDTEND;VALUE=DATE:1990{}\r\nRRULE:FREQ=YEARLY\r\n",
                    &date(day)[4..],
                    &date(day + 1)[4..]
                );
            }
            // Free (5%) and cancelled (4%).
            91..96 => {
                let _ = write!(
                    s,
                    "DTSTART{tz}:{start}\r\nDTEND{tz}:{end}\r\nTRANSP:TRANSPARENT\r\n"
                );
            }
            _ => {
                let _ = write!(
                    s,
                    "DTSTART{tz}:{start}\r\nDTEND{tz}:{end}\r\nSTATUS:CANCELLED\r\n"
                );
            }
        }
        filler(&mut s, i);
        s.push_str("END:VEVENT\r\n");
        i += 1;
    }
    s.push_str("END:VCALENDAR\r\n");
    s
}

fn bench(c: &mut Criterion, ics: &str) {
    c.bench_function("parse and expand 10,000 events over one year", |b| {
        b.iter(|| busy_times(black_box(ics), Tz::Europe__Berlin, FROM, TO))
    });
}

fn main() {
    let ics = calendar(10_000);
    let once = std::env::var("CALENDAR_ONCE").ok();
    if once.as_deref() == Some("generate") {
        // The baseline for peak memory: the text alone.
        println!("calendar: {} bytes, not expanded", black_box(&ics).len());
        return;
    }
    let got = match busy_times(&ics, Tz::Europe__Berlin, FROM, TO) {
        Ok(got) => got,
        Err(e) => {
            eprintln!("the generated calendar does not expand: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "calendar: {} bytes, {} VEVENTs, {} busy intervals, {} warnings",
        ics.len(),
        got.events,
        got.busy.len(),
        got.warnings.len()
    );
    if once.is_some() {
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c, &ics);
    c.final_summary();
}
