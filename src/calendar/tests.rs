//! Busy times against hand-computed intervals, one case per rule of
//! issue 14, the real-world-like exports under tests/fixtures/calendars,
//! and properties that hold for any input.

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::expand::MAX_BUSY;
use super::*;

fn utc(y: i32, m: u32, d: u32, h: u32, mi: u32) -> i64 {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, mi, 0)
        .unwrap()
        .and_utc()
        .timestamp()
}

/// VEVENT bodies (lines joined by `\n`) in a calendar, with CRLF as
/// exporters write.
fn cal(events: &[&str]) -> String {
    let mut s = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
    for e in events {
        s.push_str("BEGIN:VEVENT\r\n");
        for line in e.lines().map(str::trim).filter(|l| !l.is_empty()) {
            s.push_str(line);
            s.push_str("\r\n");
        }
        s.push_str("END:VEVENT\r\n");
    }
    s.push_str("END:VCALENDAR\r\n");
    s
}

/// The year 2026, the window of most cases.
const FROM: (i32, u32, u32) = (2026, 1, 1);
const TO: (i32, u32, u32) = (2027, 1, 1);

fn expand(ics: &str, zone: Tz) -> Expanded {
    busy_times(
        ics,
        zone,
        utc(FROM.0, FROM.1, FROM.2, 0, 0),
        utc(TO.0, TO.1, TO.2, 0, 0),
    )
    .unwrap()
}

fn spans(ics: &str, zone: Tz) -> Vec<(i64, i64)> {
    expand(ics, zone)
        .busy
        .iter()
        .map(|b| (b.start, b.end))
        .collect()
}

fn one(ics: &str, zone: Tz) -> (i64, i64) {
    let got = spans(ics, zone);
    assert_eq!(got.len(), 1, "{got:?}");
    got[0]
}

#[test]
fn windows_zone_names_are_read_with_cldrs_table() {
    let e = |tzid: &str, start: &str, end: &str| {
        cal(&[&format!(
            "UID:w\nDTSTART;TZID={tzid}:{start}\nDTEND;TZID={tzid}:{end}"
        )])
    };
    // 09:00 in Berlin in January (CET, +01:00).
    assert_eq!(
        one(
            &e(
                "W. Europe Standard Time",
                "20260115T090000",
                "20260115T100000"
            ),
            Tz::UTC
        ),
        (utc(2026, 1, 15, 8, 0), utc(2026, 1, 15, 9, 0))
    );
    // 09:00 in Tokyo (+09:00, no DST).
    assert_eq!(
        one(
            &e("Tokyo Standard Time", "20260715T090000", "20260715T093000"),
            Tz::UTC
        ),
        (utc(2026, 7, 15, 0, 0), utc(2026, 7, 15, 0, 30))
    );
    // 09:00 in New York in July (EDT, -04:00) and in January (EST, -05:00).
    assert_eq!(
        one(
            &e(
                "Eastern Standard Time",
                "20260715T090000",
                "20260715T100000"
            ),
            Tz::UTC
        ),
        (utc(2026, 7, 15, 13, 0), utc(2026, 7, 15, 14, 0))
    );
    assert_eq!(
        one(
            &e(
                "Eastern Standard Time",
                "20260115T090000",
                "20260115T100000"
            ),
            Tz::UTC
        ),
        (utc(2026, 1, 15, 14, 0), utc(2026, 1, 15, 15, 0))
    );
    // Quoted, as some exporters write every TZID.
    assert_eq!(
        one(
            &e(
                "\"W. Europe Standard Time\"",
                "20260715T090000",
                "20260715T100000"
            ),
            Tz::UTC
        ),
        (utc(2026, 7, 15, 7, 0), utc(2026, 7, 15, 8, 0))
    );
    assert!(
        expand(
            &e(
                "W. Europe Standard Time",
                "20260115T090000",
                "20260115T100000"
            ),
            Tz::UTC
        )
        .warnings
        .is_empty()
    );
}

#[test]
fn floating_times_are_in_the_members_zone() {
    let ics = cal(&["UID:f\nDTSTART:20260115T090000\nDTEND:20260115T100000"]);
    assert_eq!(
        one(&ics, Tz::Asia__Tokyo),
        (utc(2026, 1, 15, 0, 0), utc(2026, 1, 15, 1, 0))
    );
    assert_eq!(
        one(&ics, Tz::America__New_York),
        (utc(2026, 1, 15, 14, 0), utc(2026, 1, 15, 15, 0))
    );
    assert_eq!(
        one(&ics, Tz::UTC),
        (utc(2026, 1, 15, 9, 0), utc(2026, 1, 15, 10, 0))
    );
}

#[test]
fn utc_times_are_utc_whatever_the_member() {
    let ics = cal(&["UID:u\nDTSTART:20260115T090000Z\nDTEND:20260115T100000Z"]);
    assert_eq!(
        one(&ics, Tz::Asia__Tokyo),
        (utc(2026, 1, 15, 9, 0), utc(2026, 1, 15, 10, 0))
    );
}

#[test]
fn all_day_events_are_the_members_local_days() {
    let one_day = cal(&["UID:a\nDTSTART;VALUE=DATE:20260115\nDTEND;VALUE=DATE:20260116"]);
    // Paris in January: +01:00, so the day is 23:00Z to 23:00Z.
    assert_eq!(
        one(&one_day, Tz::Europe__Paris),
        (utc(2026, 1, 14, 23, 0), utc(2026, 1, 15, 23, 0))
    );
    assert_eq!(
        one(&one_day, Tz::Asia__Tokyo),
        (utc(2026, 1, 14, 15, 0), utc(2026, 1, 15, 15, 0))
    );
    // A TZID on a date changes nothing: days are the member's.
    let with_tzid = cal(&[
        "UID:a\nDTSTART;TZID=America/New_York;VALUE=DATE:20260115\nDTEND;VALUE=DATE:20260116",
    ]);
    assert_eq!(
        one(&with_tzid, Tz::Europe__Paris),
        (utc(2026, 1, 14, 23, 0), utc(2026, 1, 15, 23, 0))
    );
    // Three days across the spring change in Paris (29 March): 71 hours.
    let multi = cal(&["UID:m\nDTSTART;VALUE=DATE:20260328\nDTEND;VALUE=DATE:20260331"]);
    assert_eq!(
        one(&multi, Tz::Europe__Paris),
        (utc(2026, 3, 27, 23, 0), utc(2026, 3, 30, 22, 0))
    );
    // No DTEND: one day. DTEND equal to DTSTART: one day too.
    let no_end = cal(&["UID:n\nDTSTART;VALUE=DATE:20260115"]);
    assert_eq!(
        one(&no_end, Tz::UTC),
        (utc(2026, 1, 15, 0, 0), utc(2026, 1, 16, 0, 0))
    );
    let same = cal(&["UID:s\nDTSTART;VALUE=DATE:20260115\nDTEND;VALUE=DATE:20260115"]);
    assert_eq!(
        one(&same, Tz::UTC),
        (utc(2026, 1, 15, 0, 0), utc(2026, 1, 16, 0, 0))
    );
    // DURATION on a date.
    let two_days = cal(&["UID:d\nDTSTART;VALUE=DATE:20260115\nDURATION:P2D"]);
    assert_eq!(
        one(&two_days, Tz::UTC),
        (utc(2026, 1, 15, 0, 0), utc(2026, 1, 17, 0, 0))
    );
}

#[test]
fn a_recurring_all_day_event_is_a_local_day_each_time() {
    let ics =
        cal(&["UID:y\nDTSTART;VALUE=DATE:20100302\nDTEND;VALUE=DATE:20100303\nRRULE:FREQ=YEARLY"]);
    assert_eq!(
        one(&ics, Tz::Europe__Berlin),
        (utc(2026, 3, 1, 23, 0), utc(2026, 3, 2, 23, 0))
    );
}

#[test]
fn a_weekly_event_in_the_spring_gap_moves_forward_by_the_gap() {
    // 02:30 Berlin, weekly; 29 March 2026 has no 02:30 (02:00 -> 03:00).
    let ics = cal(&[
        "UID:g\nDTSTART;TZID=Europe/Berlin:20260322T023000\nDURATION:PT1H\nRRULE:FREQ=WEEKLY;COUNT=3",
    ]);
    assert_eq!(
        spans(&ics, Tz::UTC),
        vec![
            // CET: 01:30Z.
            (utc(2026, 3, 22, 1, 30), utc(2026, 3, 22, 2, 30)),
            // 02:30 does not exist; 03:30 CEST is 01:30Z.
            (utc(2026, 3, 29, 1, 30), utc(2026, 3, 29, 2, 30)),
            // CEST: 00:30Z.
            (utc(2026, 4, 5, 0, 30), utc(2026, 4, 5, 1, 30)),
        ]
    );
}

#[test]
fn a_weekly_event_in_the_autumn_fold_takes_the_first_time() {
    // 02:30 Berlin, weekly; 25 October 2026 has 02:30 twice.
    let ics = cal(&[
        "UID:f\nDTSTART;TZID=Europe/Berlin:20261018T023000\nDTEND;TZID=Europe/Berlin:20261018T030000\nRRULE:FREQ=WEEKLY;COUNT=3",
    ]);
    assert_eq!(
        spans(&ics, Tz::UTC),
        vec![
            (utc(2026, 10, 18, 0, 30), utc(2026, 10, 18, 1, 0)),
            // The first 02:30 is still CEST: 00:30Z.
            (utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1, 0)),
            // CET from then on: 01:30Z.
            (utc(2026, 11, 1, 1, 30), utc(2026, 11, 1, 2, 0)),
        ]
    );
}

#[test]
fn the_same_wall_clock_time_holds_across_dst() {
    let ics = cal(&[
        "UID:d\nDTSTART;TZID=America/New_York:20260306T090000\nDTEND;TZID=America/New_York:20260306T100000\nRRULE:FREQ=DAILY;COUNT=3",
    ]);
    assert_eq!(
        spans(&ics, Tz::UTC),
        vec![
            (utc(2026, 3, 6, 14, 0), utc(2026, 3, 6, 15, 0)),
            (utc(2026, 3, 7, 14, 0), utc(2026, 3, 7, 15, 0)),
            (utc(2026, 3, 8, 13, 0), utc(2026, 3, 8, 14, 0)),
        ]
    );
}

#[test]
fn overrides_move_and_cancel_single_occurrences() {
    let series = "UID:s@x\nDTSTART;TZID=Europe/Berlin:20260105T100000\nDTEND;TZID=Europe/Berlin:20260105T110000\nRRULE:FREQ=WEEKLY;COUNT=4";
    let moved = "UID:s@x\nRECURRENCE-ID;TZID=Europe/Berlin:20260112T100000\nDTSTART;TZID=Europe/Berlin:20260113T150000\nDTEND;TZID=Europe/Berlin:20260113T160000";
    let cancelled = "UID:s@x\nRECURRENCE-ID;TZID=Europe/Berlin:20260119T100000\nDTSTART;TZID=Europe/Berlin:20260119T100000\nDTEND;TZID=Europe/Berlin:20260119T110000\nSTATUS:CANCELLED";
    let expected = vec![
        (utc(2026, 1, 5, 9, 0), utc(2026, 1, 5, 10, 0)),
        (utc(2026, 1, 13, 14, 0), utc(2026, 1, 13, 15, 0)),
        (utc(2026, 1, 26, 9, 0), utc(2026, 1, 26, 10, 0)),
    ];
    assert_eq!(spans(&cal(&[series, moved, cancelled]), Tz::UTC), expected);
    // Overrides before their series, as CalDAV servers may order them.
    assert_eq!(spans(&cal(&[cancelled, moved, series]), Tz::UTC), expected);
    // A RECURRENCE-ID in UTC, or floating in the series' zone, matches too.
    let moved_utc = moved.replace(
        "RECURRENCE-ID;TZID=Europe/Berlin:20260112T100000",
        "RECURRENCE-ID:20260112T090000Z",
    );
    let cancelled_floating =
        cancelled.replace("RECURRENCE-ID;TZID=Europe/Berlin:", "RECURRENCE-ID:");
    assert_eq!(
        spans(&cal(&[series, &moved_utc, &cancelled_floating]), Tz::UTC),
        expected
    );
    let all = expand(&cal(&[series, moved, cancelled]), Tz::UTC);
    assert_eq!(all.events, 3);
    assert!(all.busy.iter().all(|b| b.uid == "s@x"));
}

#[test]
fn an_override_moved_into_the_window_counts_and_one_moved_out_does_not() {
    let series =
        "UID:s\nDTSTART:20251229T100000Z\nDTEND:20251229T110000Z\nRRULE:FREQ=WEEKLY;COUNT=3";
    // 29 Dec (outside) moved to 2 Jan; 5 Jan moved to 30 Dec (outside).
    let into =
        "UID:s\nRECURRENCE-ID:20251229T100000Z\nDTSTART:20260102T100000Z\nDTEND:20260102T110000Z";
    let out =
        "UID:s\nRECURRENCE-ID:20260105T100000Z\nDTSTART:20251230T100000Z\nDTEND:20251230T110000Z";
    assert_eq!(
        spans(&cal(&[series, into, out]), Tz::UTC),
        vec![
            (utc(2026, 1, 2, 10, 0), utc(2026, 1, 2, 11, 0)),
            (utc(2026, 1, 12, 10, 0), utc(2026, 1, 12, 11, 0)),
        ]
    );
}

#[test]
fn an_override_of_an_all_day_series_matches_by_day() {
    let series = "UID:a\nDTSTART;VALUE=DATE:20260105\nRRULE:FREQ=DAILY;COUNT=3";
    let cancelled =
        "UID:a\nRECURRENCE-ID;VALUE=DATE:20260106\nDTSTART;VALUE=DATE:20260106\nSTATUS:CANCELLED";
    assert_eq!(
        spans(&cal(&[series, cancelled]), Tz::UTC),
        vec![
            (utc(2026, 1, 5, 0, 0), utc(2026, 1, 6, 0, 0)),
            (utc(2026, 1, 7, 0, 0), utc(2026, 1, 8, 0, 0)),
        ]
    );
}

#[test]
fn an_override_without_its_series_stands_alone() {
    let only =
        "UID:o\nRECURRENCE-ID:20260112T090000Z\nDTSTART:20260113T090000Z\nDTEND:20260113T100000Z";
    assert_eq!(
        one(&cal(&[only]), Tz::UTC),
        (utc(2026, 1, 13, 9, 0), utc(2026, 1, 13, 10, 0))
    );
}

#[test]
fn exdates_remove_occurrences_in_any_form() {
    let ics = cal(&[
        "UID:x\nDTSTART;TZID=Europe/Berlin:20260105T090000\nDTEND;TZID=Europe/Berlin:20260105T093000\nRRULE:FREQ=DAILY;COUNT=6\nEXDATE;TZID=Europe/Berlin:20260106T090000,20260107T090000\nEXDATE:20260108T080000Z\nEXDATE;VALUE=DATE:20260109",
    ]);
    assert_eq!(
        spans(&ics, Tz::UTC),
        vec![
            (utc(2026, 1, 5, 8, 0), utc(2026, 1, 5, 8, 30)),
            (utc(2026, 1, 10, 8, 0), utc(2026, 1, 10, 8, 30)),
        ]
    );
}

#[test]
fn bysetpos_and_byday_pick_their_days() {
    // The last workday of each month, 16:00 UTC, from January.
    let last_workday = cal(&[
        "UID:b\nDTSTART:20260130T160000Z\nDTEND:20260130T170000Z\nRRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=4",
    ]);
    let starts: Vec<i64> = spans(&last_workday, Tz::UTC).iter().map(|s| s.0).collect();
    assert_eq!(
        starts,
        vec![
            utc(2026, 1, 30, 16, 0),
            utc(2026, 2, 27, 16, 0),
            utc(2026, 3, 31, 16, 0),
            utc(2026, 4, 30, 16, 0)
        ]
    );
    // The second Thursday, Outlook's way (BYDAY=TH;BYSETPOS=2).
    let second_thursday = cal(&[
        "UID:t\nDTSTART:20260108T150000Z\nDURATION:PT1H\nRRULE:FREQ=MONTHLY;COUNT=3;INTERVAL=1;BYDAY=TH;BYSETPOS=2",
    ]);
    let starts: Vec<i64> = spans(&second_thursday, Tz::UTC)
        .iter()
        .map(|s| s.0)
        .collect();
    assert_eq!(
        starts,
        vec![
            utc(2026, 1, 8, 15, 0),
            utc(2026, 2, 12, 15, 0),
            utc(2026, 3, 12, 15, 0)
        ]
    );
    // Every other week on Monday and Wednesday until a UTC UNTIL.
    let biweekly = cal(&[
        "UID:w\nDTSTART;TZID=Europe/Berlin:20260105T100000\nDURATION:PT30M\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20260121T090000Z",
    ]);
    let starts: Vec<i64> = spans(&biweekly, Tz::UTC).iter().map(|s| s.0).collect();
    assert_eq!(
        starts,
        vec![
            utc(2026, 1, 5, 9, 0),
            utc(2026, 1, 7, 9, 0),
            utc(2026, 1, 19, 9, 0),
            utc(2026, 1, 21, 9, 0)
        ]
    );
}

#[test]
fn rdates_add_occurrences_with_their_own_zone_or_period() {
    let ics = cal(&[
        "UID:r\nDTSTART;TZID=Europe/Berlin:20260105T090000\nDTEND;TZID=Europe/Berlin:20260105T100000\nRDATE;TZID=Europe/Berlin:20260107T090000,20260108T090000\nRDATE;VALUE=PERIOD:20260110T120000Z/PT2H,20260111T120000Z/20260111T123000Z",
    ]);
    assert_eq!(
        spans(&ics, Tz::UTC),
        vec![
            (utc(2026, 1, 5, 8, 0), utc(2026, 1, 5, 9, 0)),
            (utc(2026, 1, 7, 8, 0), utc(2026, 1, 7, 9, 0)),
            (utc(2026, 1, 8, 8, 0), utc(2026, 1, 8, 9, 0)),
            (utc(2026, 1, 10, 12, 0), utc(2026, 1, 10, 14, 0)),
            (utc(2026, 1, 11, 12, 0), utc(2026, 1, 11, 12, 30)),
        ]
    );
}

#[test]
fn duration_replaces_dtend() {
    let exact = cal(&["UID:d\nDTSTART:20260115T090000Z\nDURATION:PT1H30M"]);
    assert_eq!(
        one(&exact, Tz::UTC),
        (utc(2026, 1, 15, 9, 0), utc(2026, 1, 15, 10, 30))
    );
    // P1D is a day on the wall clock: 12:00 to 12:00 across the spring
    // change in Berlin, 23 hours.
    let nominal = cal(&["UID:n\nDTSTART;TZID=Europe/Berlin:20260328T120000\nDURATION:P1D"]);
    assert_eq!(
        one(&nominal, Tz::UTC),
        (utc(2026, 3, 28, 11, 0), utc(2026, 3, 29, 10, 0))
    );
    // PT24H is exact: 24 hours.
    let exact_day = cal(&["UID:e\nDTSTART;TZID=Europe/Berlin:20260328T120000\nDURATION:PT24H"]);
    assert_eq!(
        one(&exact_day, Tz::UTC),
        (utc(2026, 3, 28, 11, 0), utc(2026, 3, 29, 11, 0))
    );
}

#[test]
fn a_timed_event_without_an_end_blocks_nothing() {
    let ics = cal(&[
        "UID:n\nDTSTART:20260115T090000Z",
        "UID:z\nDTSTART:20260115T090000Z\nDTEND:20260115T090000Z",
    ]);
    let got = expand(&ics, Tz::UTC);
    assert!(got.busy.is_empty());
    assert_eq!(got.events, 2);
    assert!(got.warnings.is_empty());
}

#[test]
fn transparent_free_and_cancelled_events_are_ignored() {
    let ics = cal(&[
        "UID:t\nDTSTART:20260115T090000Z\nDTEND:20260115T100000Z\nTRANSP:TRANSPARENT",
        "UID:c\nDTSTART:20260115T090000Z\nDTEND:20260115T100000Z\nSTATUS:CANCELLED",
        "UID:f\nDTSTART:20260115T090000Z\nDTEND:20260115T100000Z\nX-MICROSOFT-CDO-BUSYSTATUS:FREE",
        "UID:b\nDTSTART:20260115T110000Z\nDTEND:20260115T120000Z\nTRANSP:OPAQUE\nSTATUS:TENTATIVE",
        "UID:r\nDTSTART:20260116T090000Z\nDTEND:20260116T100000Z\nRRULE:FREQ=DAILY\ntransp:transparent",
    ]);
    let got = expand(&ics, Tz::UTC);
    assert_eq!(got.events, 5);
    assert_eq!(
        got.busy,
        vec![BusyTime {
            start: utc(2026, 1, 15, 11, 0),
            end: utc(2026, 1, 15, 12, 0),
            uid: "b".into()
        }]
    );
}

#[test]
fn an_unknown_tzid_falls_back_to_the_member_zone_with_one_warning() {
    let ics = cal(&[
        "UID:u1\nDTSTART;TZID=Mars/Olympus_Mons:20260115T090000\nDTEND;TZID=Mars/Olympus_Mons:20260115T100000",
        "UID:u2\nDTSTART;TZID=Mars/Olympus_Mons:20260116T090000\nDTEND;TZID=Mars/Olympus_Mons:20260116T100000",
    ]);
    let got = expand(&ics, Tz::Asia__Tokyo);
    assert_eq!(got.busy.len(), 2);
    assert_eq!(got.busy[0].start, utc(2026, 1, 15, 0, 0));
    assert_eq!(
        got.warnings,
        vec![Warning::UnknownZone {
            tzid: "Mars/Olympus_Mons".into()
        }]
    );
    assert_eq!(got.warnings[0].code(), "unknown_zone");
}

const CENTRAL_EUROPE_RULES: &str = "BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\n";

fn with_vtimezone(tzid_line: &str, extra: &str, event: &str) -> String {
    cal(&[event]).replacen(
        "BEGIN:VEVENT",
        &format!("BEGIN:VTIMEZONE\r\n{tzid_line}\r\n{extra}{CENTRAL_EUROPE_RULES}END:VTIMEZONE\r\nBEGIN:VEVENT"),
        1,
    )
}

#[test]
fn a_vtimezone_no_database_knows_is_followed_by_its_rules() {
    let ics = with_vtimezone(
        "TZID:Customized Time Zone",
        "",
        "UID:c\nDTSTART;TZID=Customized Time Zone:20260115T090000\nDTEND;TZID=Customized Time Zone:20260115T100000\nRRULE:FREQ=MONTHLY;COUNT=7",
    );
    let got = expand(&ics, Tz::Asia__Tokyo);
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
    let starts: Vec<i64> = got.busy.iter().map(|b| b.start).collect();
    assert_eq!(
        starts,
        vec![
            utc(2026, 1, 15, 8, 0),
            utc(2026, 2, 15, 8, 0),
            utc(2026, 3, 15, 8, 0),
            // Summer time from 29 March.
            utc(2026, 4, 15, 7, 0),
            utc(2026, 5, 15, 7, 0),
            utc(2026, 6, 15, 7, 0),
            utc(2026, 7, 15, 7, 0),
        ]
    );
}

#[test]
fn a_vtimezone_with_x_lic_location_uses_the_database() {
    let ics = with_vtimezone(
        "TZID:My Own Name For Lisbon",
        "X-LIC-LOCATION:Europe/Lisbon\r\n",
        "UID:l\nDTSTART;TZID=My Own Name For Lisbon:20260715T090000\nDTEND;TZID=My Own Name For Lisbon:20260715T100000",
    );
    // Lisbon in July is +01:00 (the rules in the block would say +02:00).
    assert_eq!(
        one(&ics, Tz::UTC),
        (utc(2026, 7, 15, 8, 0), utc(2026, 7, 15, 9, 0))
    );
}

#[test]
fn tzids_with_path_prefixes_are_found() {
    for tzid in [
        "/mozilla.org/20050126_1/Europe/Berlin",
        "/Europe/Berlin",
        "/freeassociation.sourceforge.net/Tzfile/Europe/Berlin",
    ] {
        let ics = cal(&[&format!(
            "UID:p\nDTSTART;TZID={tzid}:20260715T090000\nDTEND;TZID={tzid}:20260715T100000"
        )]);
        let got = expand(&ics, Tz::UTC);
        assert!(got.warnings.is_empty(), "{tzid}");
        assert_eq!(got.busy[0].start, utc(2026, 7, 15, 7, 0), "{tzid}");
    }
}

#[test]
fn only_what_overlaps_the_window_is_returned() {
    let ics = cal(&[
        // Ends exactly at the window's start: out.
        "UID:a\nDTSTART:20251231T230000Z\nDTEND:20260101T000000Z",
        // Straddles the start: in, whole.
        "UID:b\nDTSTART:20251231T230000Z\nDTEND:20260101T003000Z",
        // Starts exactly at the window's end: out.
        "UID:c\nDTSTART:20270101T000000Z\nDTEND:20270101T010000Z",
        // A week-long all-day event that began before the window.
        "UID:d\nDTSTART;VALUE=DATE:20251228\nDTEND;VALUE=DATE:20260104",
    ]);
    let got = expand(&ics, Tz::UTC);
    let uids: Vec<&str> = got.busy.iter().map(|b| b.uid.as_str()).collect();
    assert_eq!(uids, vec!["d", "b"]);
    assert_eq!(got.busy[1].start, utc(2025, 12, 31, 23, 0));
}

#[test]
fn an_old_daily_series_costs_only_the_window() {
    let ics = cal(&[
        "UID:o\nDTSTART;TZID=Europe/Paris:19900101T073000\nDTEND;TZID=Europe/Paris:19900101T074500\nRRULE:FREQ=DAILY",
    ]);
    let got = busy_times(&ics, Tz::UTC, utc(2026, 3, 1, 0, 0), utc(2026, 4, 1, 0, 0)).unwrap();
    assert_eq!(got.busy.len(), 31);
    // CET until 28 March, CEST from 29 March.
    assert_eq!(got.busy[27].start, utc(2026, 3, 28, 6, 30));
    assert_eq!(got.busy[28].start, utc(2026, 3, 29, 5, 30));
}

#[test]
fn broken_events_are_skipped_with_a_warning_and_the_rest_kept() {
    let ics = cal(&[
        "UID:no-start\nDTEND:20260115T100000Z",
        "UID:bad-start\nDTSTART:2026-01-15 09:00\nDTEND:20260115T100000Z",
        "UID:bad-end\nDTSTART:20260115T090000Z\nDTEND:tomorrow",
        "UID:backwards\nDTSTART:20260115T090000Z\nDTEND:20260115T080000Z",
        "UID:mixed\nDTSTART;VALUE=DATE:20260115\nDTEND:20260115T080000Z",
        "UID:bad-duration\nDTSTART:20260115T090000Z\nDURATION:an hour",
        "UID:bad-rule\nDTSTART:20260115T090000Z\nDURATION:PT1H\nRRULE:FREQ=SOMETIMES",
        "UID:rejected-rule\nDTSTART:20260115T090000Z\nDURATION:PT1H\nRRULE:FREQ=MONTHLY;BYSETPOS=400;BYDAY=MO",
        "UID:bad-rid\nRECURRENCE-ID:yesterday\nDTSTART:20260115T090000Z\nDURATION:PT1H",
        "UID:good\nDTSTART:20260115T090000Z\nDTEND:20260115T100000Z",
    ]);
    let got = expand(&ics, Tz::UTC);
    assert_eq!(got.events, 10);
    assert_eq!(got.busy.len(), 1);
    assert_eq!(got.busy[0].uid, "good");
    let reasons: Vec<(&str, &str)> = got
        .warnings
        .iter()
        .map(|w| match w {
            Warning::SkippedEvent { uid, reason } => (uid.as_str(), reason.code()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        reasons,
        vec![
            ("no-start", "bad_start"),
            ("bad-start", "bad_start"),
            ("bad-end", "bad_end"),
            ("backwards", "bad_end"),
            ("mixed", "bad_end"),
            ("bad-duration", "bad_end"),
            ("bad-rule", "bad_rule"),
            ("rejected-rule", "bad_rule"),
            ("bad-rid", "bad_recurrence_id"),
        ]
    );
    assert!(got.warnings.iter().all(|w| w.code() == "skipped_event"));
}

#[test]
fn what_is_no_calendar_or_no_parsable_one_is_an_error() {
    let err = busy_times("<html><body>Please sign in</body></html>", Tz::UTC, 0, 1).unwrap_err();
    assert_eq!(err, ExpandError::NotACalendar);
    assert_eq!(err.code(), "not_a_calendar");
    let truncated =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260115T090000Z\r\n";
    let err = busy_times(truncated, Tz::UTC, 0, 1).unwrap_err();
    assert_eq!(err, ExpandError::Unparsable { line: 5 });
    assert_eq!(err.code(), "unparsable");
}

#[test]
fn a_feed_that_expands_past_the_cap_fails() {
    // Three series of every minute: 3 x 86,400 intervals in 60 days.
    let every_minute = |uid: &str| {
        format!("UID:{uid}\nDTSTART:20260101T000000Z\nDURATION:PT1M\nRRULE:FREQ=MINUTELY")
    };
    let ics = cal(&[&every_minute("a"), &every_minute("b"), &every_minute("c")]);
    let err = busy_times(&ics, Tz::UTC, utc(2026, 1, 1, 0, 0), utc(2026, 3, 2, 0, 0)).unwrap_err();
    assert_eq!(err, ExpandError::TooManyOccurrences);
    assert_eq!(err.code(), "too_many_occurrences");
    // Two of them stay under the cap.
    let two = cal(&[&every_minute("a"), &every_minute("b")]);
    let got = busy_times(&two, Tz::UTC, utc(2026, 1, 1, 0, 0), utc(2026, 3, 2, 0, 0)).unwrap();
    assert_eq!(got.busy.len(), 2 * 86_400);
    assert!(got.busy.len() < MAX_BUSY);
}

#[test]
fn one_series_with_too_many_occurrences_is_skipped_and_the_rest_kept() {
    // Every minute of a year: 525,600, more than one series may give.
    let ics = cal(&[
        "UID:m\nDTSTART:20260101T000000Z\nDURATION:PT1M\nRRULE:FREQ=MINUTELY",
        "UID:fine\nDTSTART:20260115T090000Z\nDTEND:20260115T100000Z",
    ]);
    let got = expand(&ics, Tz::UTC);
    assert_eq!(got.busy.len(), 1);
    assert_eq!(
        got.warnings,
        vec![Warning::SkippedEvent {
            uid: "m".into(),
            reason: SkipReason::TooManyInstances
        }]
    );
}

#[test]
fn rules_that_never_match_are_charged_so_a_feed_of_them_fails() {
    let never = |i: usize| {
        format!(
            "UID:n{i}\nDTSTART:20260101T090000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"
        )
    };
    // A few: their DTSTART is all they give.
    let few: Vec<String> = (0..3).map(never).collect();
    let few: Vec<&str> = few.iter().map(String::as_str).collect();
    assert_eq!(expand(&cal(&few), Tz::UTC).busy.len(), 3);
    // Many: the calendar's budget runs out.
    let many: Vec<String> = (0..25).map(never).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    let err = busy_times(
        &cal(&many),
        Tz::UTC,
        utc(2026, 1, 1, 0, 0),
        utc(2027, 1, 1, 0, 0),
    )
    .unwrap_err();
    assert_eq!(err, ExpandError::TooManyOccurrences);
}

#[test]
fn a_count_series_too_long_to_walk_is_skipped() {
    let ics = cal(&[
        "UID:long\nDTSTART:19900101T000000Z\nDURATION:PT1S\nRRULE:FREQ=SECONDLY;COUNT=4000000000",
        "UID:fine\nDTSTART:20260115T090000Z\nDTEND:20260115T100000Z",
    ]);
    let got = expand(&ics, Tz::UTC);
    assert_eq!(got.busy.len(), 1);
    assert_eq!(
        got.warnings,
        vec![Warning::SkippedEvent {
            uid: "long".into(),
            reason: SkipReason::TooManyInstances
        }]
    );
}

#[test]
fn events_without_uid_are_kept_apart() {
    let ics = cal(&[
        "DTSTART:20260115T090000Z\nDTEND:20260115T100000Z",
        "DTSTART:20260116T090000Z\nDTEND:20260116T100000Z",
    ]);
    let got = expand(&ics, Tz::UTC);
    assert_eq!(got.busy.len(), 2);
    assert!(got.busy.iter().all(|b| b.uid.is_empty()));
}

#[test]
fn duplicates_are_returned_once_and_sorted() {
    let e = "UID:d\nDTSTART:20260115T090000Z\nDTEND:20260115T100000Z";
    let later = "UID:a\nDTSTART:20260116T090000Z\nDTEND:20260116T100000Z";
    let got = expand(&cal(&[later, e, e]), Tz::UTC);
    let uids: Vec<&str> = got.busy.iter().map(|b| b.uid.as_str()).collect();
    assert_eq!(uids, vec!["d", "a"]);
}

// The exports under tests/fixtures/calendars, against intervals worked out
// by hand from their text. Window: the first quarter of 2026.

fn quarter(ics: &str, zone: Tz) -> Expanded {
    busy_times(ics, zone, utc(2026, 1, 1, 0, 0), utc(2026, 4, 1, 0, 0)).unwrap()
}

fn by_uid(got: &Expanded, prefix: &str) -> Vec<(i64, i64)> {
    got.busy
        .iter()
        .filter(|b| b.uid.starts_with(prefix))
        .map(|b| (b.start, b.end))
        .collect()
}

const GOOGLE: &str = include_str!("../../tests/fixtures/calendars/google.ics");
const OUTLOOK: &str = include_str!("../../tests/fixtures/calendars/outlook.ics");
const APPLE: &str = include_str!("../../tests/fixtures/calendars/apple.ics");
const NEXTCLOUD: &str = include_str!("../../tests/fixtures/calendars/nextcloud.ics");

#[test]
fn a_google_export() {
    let got = quarter(GOOGLE, Tz::Europe__Berlin);
    assert_eq!(got.events, 9);
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
    let standup = |d: u32| (utc(2026, 1, d, 9, 0), utc(2026, 1, d, 9, 30));
    assert_eq!(
        by_uid(&got, "7kq3"),
        vec![
            standup(5),
            // 7th excluded; 9th moved to 14:00; 12th cancelled.
            (utc(2026, 1, 9, 13, 0), utc(2026, 1, 9, 13, 30)),
            standup(14),
            standup(16),
            standup(19),
            standup(21),
            standup(23),
            standup(26),
            standup(28),
            standup(30),
        ]
    );
    assert_eq!(
        by_uid(&got, "2p9r"),
        vec![(utc(2026, 1, 19, 23, 0), utc(2026, 1, 22, 23, 0))]
    );
    assert_eq!(by_uid(&got, "focus"), vec![]);
    assert_eq!(
        by_uid(&got, "0400"),
        vec![(utc(2026, 1, 15, 15, 0), utc(2026, 1, 15, 16, 0))]
    );
    assert_eq!(
        by_uid(&got, "holiday"),
        vec![(utc(2026, 3, 1, 23, 0), utc(2026, 3, 2, 23, 0))]
    );
    assert_eq!(by_uid(&got, "cancelled"), vec![]);
    assert_eq!(
        by_uid(&got, "evening"),
        vec![
            (utc(2026, 3, 16, 17, 0), utc(2026, 3, 16, 18, 30)),
            (utc(2026, 3, 23, 17, 0), utc(2026, 3, 23, 18, 30)),
            (utc(2026, 3, 30, 16, 0), utc(2026, 3, 30, 17, 30)),
        ]
    );
    assert_eq!(got.busy.len(), 10 + 1 + 1 + 1 + 3);
}

#[test]
fn an_outlook_export() {
    let got = quarter(OUTLOOK, Tz::Europe__London);
    assert_eq!(got.events, 9);
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
    let team = |m: u32, d: u32| (utc(2026, m, d, 8, 0), utc(2026, m, d, 9, 0));
    assert_eq!(
        by_uid(&got, "040000008200E00074C5B7101A82E00800000000D0D6"),
        vec![
            team(1, 6),
            team(1, 13),
            // 20th excluded; 27th moved to Wednesday 28th 11:00 CET.
            (utc(2026, 1, 28, 10, 0), utc(2026, 1, 28, 11, 0)),
            team(2, 3),
            team(2, 10),
            team(2, 17),
            team(2, 24),
            // UNTIL 08:00Z is the 09:00 CET start itself: included.
            team(3, 3),
        ]
    );
    let tokyo = by_uid(&got, "040000008200E00074C5B7101A82E00800000000A1A1");
    assert_eq!(
        tokyo,
        vec![(utc(2026, 2, 10, 9, 0), utc(2026, 2, 10, 10, 0))]
    );
    let new_york = by_uid(&got, "040000008200E00074C5B7101A82E00800000000B2B2");
    assert_eq!(
        new_york,
        vec![(utc(2026, 3, 10, 13, 0), utc(2026, 3, 10, 14, 0))]
    );
    let custom = by_uid(&got, "040000008200E00074C5B7101A82E00800000000C3C3");
    assert_eq!(
        custom,
        vec![(utc(2026, 3, 31, 7, 0), utc(2026, 3, 31, 8, 0))]
    );
    let training = by_uid(&got, "040000008200E00074C5B7101A82E00800000000D4D4");
    assert_eq!(
        training,
        vec![(utc(2026, 2, 2, 0, 0), utc(2026, 2, 3, 0, 0))]
    );
    assert_eq!(
        by_uid(&got, "040000008200E00074C5B7101A82E00800000000E5E5"),
        vec![]
    );
    let council = by_uid(&got, "040000008200E00074C5B7101A82E00800000000F6F6");
    assert_eq!(
        council,
        vec![
            (utc(2026, 1, 8, 14, 0), utc(2026, 1, 8, 15, 0)),
            (utc(2026, 2, 12, 14, 0), utc(2026, 2, 12, 15, 0)),
            (utc(2026, 3, 12, 14, 0), utc(2026, 3, 12, 15, 0)),
        ]
    );
    let described = by_uid(&got, "040000008200E00074C5B7101A82E0080000000007");
    assert_eq!(
        described,
        vec![(utc(2026, 2, 16, 11, 0), utc(2026, 2, 16, 12, 30))]
    );
    assert_eq!(got.busy.len(), 8 + 1 + 1 + 1 + 1 + 3 + 1);
}

#[test]
fn an_apple_export() {
    let got = quarter(APPLE, Tz::America__New_York);
    assert_eq!(got.events, 7);
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
    assert_eq!(
        by_uid(&got, "4C5D"),
        vec![(utc(2026, 3, 2, 14, 30), utc(2026, 3, 2, 15, 30))]
    );
    assert_eq!(
        by_uid(&got, "9F8E"),
        vec![
            (utc(2026, 3, 1, 7, 30), utc(2026, 3, 1, 8, 30)),
            // 02:30 on 8 March does not exist in New York: 03:30 EDT.
            (utc(2026, 3, 8, 7, 30), utc(2026, 3, 8, 8, 30)),
            (utc(2026, 3, 15, 6, 30), utc(2026, 3, 15, 7, 30)),
        ]
    );
    assert_eq!(
        by_uid(&got, "1A2B"),
        vec![(utc(2026, 3, 5, 17, 0), utc(2026, 3, 5, 18, 0))]
    );
    // 6, 7 and 8 March, New York days; the clocks change on the 8th.
    assert_eq!(
        by_uid(&got, "7B6A"),
        vec![(utc(2026, 3, 6, 5, 0), utc(2026, 3, 9, 4, 0))]
    );
    assert_eq!(
        by_uid(&got, "C1D2"),
        vec![
            (utc(2026, 2, 3, 23, 0), utc(2026, 2, 4, 0, 0)),
            (utc(2026, 2, 10, 23, 0), utc(2026, 2, 11, 0, 0)),
            (utc(2026, 2, 14, 15, 0), utc(2026, 2, 14, 16, 0)),
        ]
    );
    assert_eq!(by_uid(&got, "D2E3"), vec![]);
    assert_eq!(
        by_uid(&got, "E3F4"),
        vec![(utc(2026, 2, 20, 5, 0), utc(2026, 2, 21, 5, 0))]
    );
    assert_eq!(got.busy.len(), 1 + 3 + 1 + 1 + 3 + 1);
}

#[test]
fn a_nextcloud_export() {
    let got = quarter(NEXTCLOUD, Tz::Europe__Paris);
    assert_eq!(got.events, 7);
    assert_eq!(
        got.warnings,
        vec![
            Warning::UnknownZone {
                tzid: "Mars/Olympus_Mons".into()
            },
            Warning::SkippedEvent {
                uid: "f8a6b7c9-d0e1-4f2a-3b4c-5d6e7f8091a2".into(),
                reason: SkipReason::BadStart
            },
        ]
    );
    assert_eq!(
        by_uid(&got, "a3b1"),
        vec![
            (utc(2026, 1, 15, 13, 0), utc(2026, 1, 15, 14, 30)),
            (utc(2026, 2, 19, 13, 0), utc(2026, 2, 19, 14, 30)),
            (utc(2026, 3, 19, 13, 0), utc(2026, 3, 19, 14, 30)),
        ]
    );
    assert_eq!(
        by_uid(&got, "20260110"),
        vec![(utc(2026, 2, 4, 7, 30), utc(2026, 2, 4, 8, 30))]
    );
    assert_eq!(
        by_uid(&got, "b4c2"),
        vec![(utc(2026, 2, 10, 9, 0), utc(2026, 2, 10, 10, 0))]
    );
    let run = by_uid(&got, "c5d3");
    // 90 days less the excluded 1 January.
    assert_eq!(run.len(), 89);
    assert_eq!(run[0], (utc(2026, 1, 2, 6, 30), utc(2026, 1, 2, 6, 45)));
    assert_eq!(run[88], (utc(2026, 3, 31, 5, 30), utc(2026, 3, 31, 5, 45)));
    assert_eq!(by_uid(&got, "d6e4"), vec![]);
    let course = |d: u32| (utc(2026, 1, d, 8, 0), utc(2026, 1, d, 9, 0));
    assert_eq!(
        by_uid(&got, "e7f5"),
        vec![course(5), course(12), course(19), course(26)]
    );
}

#[test]
fn exports_read_the_same_with_bare_line_feeds() {
    for (ics, zone) in [
        (GOOGLE, Tz::Europe__Berlin),
        (OUTLOOK, Tz::Europe__London),
        (APPLE, Tz::America__New_York),
        (NEXTCLOUD, Tz::Europe__Paris),
    ] {
        assert_eq!(
            quarter(&ics.replace("\r\n", "\n"), zone),
            quarter(ics, zone)
        );
    }
}

mod properties;
