//! Properties for any input: no panic, and every interval returned is
//! well-formed (end after start), overlaps the window and comes in order.
//! Three generators: arbitrary text, structurally plausible calendars
//! with random property values, and real-world-like exports mutated line
//! by line (the fuzz target of the parser and the expander).

use chrono_tz::Tz;
use proptest::prelude::*;

use super::super::*;
use super::{APPLE, GOOGLE, NEXTCLOUD, OUTLOOK};

fn check(ics: &str, zone: Tz, from: i64, to: i64) -> Result<(), TestCaseError> {
    if let Ok(got) = busy_times(ics, zone, from, to) {
        for b in &got.busy {
            prop_assert!(b.end > b.start, "{b:?}");
            prop_assert!(b.start < to && b.end > from, "{b:?} outside [{from}, {to})");
        }
        prop_assert!(got.busy.windows(2).all(|w| w[0] <= w[1]), "not sorted");
        prop_assert!(got.busy.len() <= expand::MAX_BUSY);
        prop_assert!(got.warnings.len() <= expand::MAX_WARNINGS);
    }
    Ok(())
}

fn zone() -> impl Strategy<Value = Tz> {
    prop::sample::select(vec![
        Tz::UTC,
        Tz::Europe__Berlin,
        Tz::America__New_York,
        Tz::Asia__Tokyo,
        Tz::Australia__Lord_Howe,
        Tz::Pacific__Kiritimati,
        Tz::America__Santiago,
    ])
}

/// 2026-01-01T00:00Z, around which most windows lie.
const BASE: i64 = 1_767_225_600;

/// A window of up to three days around 2026, now and then an absurd one.
fn window() -> impl Strategy<Value = (i64, i64)> {
    prop_oneof![
        8 => (-400i64..400, 0i64..3 * 86_400).prop_map(|(d, len)| {
            let from = BASE + d * 86_400;
            (from, from + len)
        }),
        1 => (any::<i64>(), any::<i64>()),
        1 => Just((i64::MIN, i64::MAX)),
    ]
}

fn date_value() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (2024i32..2028, 1u32..=12, 1u32..=28, 0u32..24, 0u32..60, any::<bool>()).prop_map(
            |(y, m, d, h, mi, z)| format!("{y:04}{m:02}{d:02}T{h:02}{mi:02}00{}", if z { "Z" } else { "" })
        ),
        2 => (2024i32..2028, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y:04}{m:02}{d:02}")),
        1 => (0i32..10_000, 0u32..14, 0u32..33, 0u32..26, 0u32..61, 0u32..61).prop_map(
            |(y, m, d, h, mi, s)| format!("{y:04}{m:02}{d:02}T{h:02}{mi:02}{s:02}")
        ),
        1 => "[0-9TZ:\\-]{0,20}",
    ]
}

fn tzid_param() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "",
        ";TZID=Europe/Berlin",
        ";TZID=W. Europe Standard Time",
        ";TZID=\"Tokyo Standard Time\"",
        ";TZID=/mozilla.org/20050126_1/America/New_York",
        ";TZID=Customized Time Zone",
        ";TZID=Mars/Olympus_Mons",
        ";TZID=",
        ";VALUE=DATE",
        ";VALUE=PERIOD",
    ])
    .prop_map(str::to_owned)
}

fn rule() -> impl Strategy<Value = String> {
    let freq = prop::sample::select(vec![
        "DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY", "MINUTELY", "SECONDLY", "daily", "NEVER",
    ]);
    let part = prop_oneof![
        (0u32..5).prop_map(|n| format!("INTERVAL={n}")),
        (0u32..50).prop_map(|n| format!("COUNT={n}")),
        date_value().prop_map(|d| format!("UNTIL={d}")),
        prop::sample::select(vec!["MO", "TU,TH", "-1FR", "2TH", "1SU,-1SA", "53MO", "XX"])
            .prop_map(|d| format!("BYDAY={d}")),
        (-40i32..40).prop_map(|n| format!("BYSETPOS={n}")),
        (-32i32..33).prop_map(|n| format!("BYMONTHDAY={n}")),
        (0u32..14).prop_map(|n| format!("BYMONTH={n}")),
        (-370i32..370).prop_map(|n| format!("BYYEARDAY={n}")),
        (-54i32..55).prop_map(|n| format!("BYWEEKNO={n}")),
        (0u32..25).prop_map(|n| format!("BYHOUR={n}")),
        prop::sample::select(vec!["WKST=SU", "X-FOO=1", "UNTIL", "=", ";"]).prop_map(str::to_owned),
    ];
    (freq, prop::collection::vec(part, 0..4)).prop_map(|(f, parts)| {
        let mut all = vec![format!("FREQ={f}")];
        all.extend(parts);
        all.join(";")
    })
}

fn property() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (tzid_param(), date_value()).prop_map(|(p, v)| format!("DTSTART{p}:{v}")),
        2 => (tzid_param(), date_value()).prop_map(|(p, v)| format!("DTEND{p}:{v}")),
        1 => prop::sample::select(vec!["PT1H", "P1D", "PT0S", "-PT1H", "P2W", "PT90M", "P1DT2H", "P", "PTXH"])
            .prop_map(|d| format!("DURATION:{d}")),
        2 => rule().prop_map(|r| format!("RRULE:{r}")),
        1 => (tzid_param(), prop::collection::vec(date_value(), 1..3))
            .prop_map(|(p, v)| format!("EXDATE{p}:{}", v.join(","))),
        1 => (tzid_param(), prop::collection::vec(date_value(), 1..3), date_value())
            .prop_map(|(p, v, e)| format!("RDATE{p}:{}/{e},{}", v[0], v.join(","))),
        1 => (tzid_param(), date_value()).prop_map(|(p, v)| format!("RECURRENCE-ID{p}:{v}")),
        1 => prop::sample::select(vec!["STATUS:CANCELLED", "STATUS:CONFIRMED", "TRANSP:TRANSPARENT", "TRANSP:OPAQUE", "X-MICROSOFT-CDO-BUSYSTATUS:FREE"])
            .prop_map(str::to_owned),
        2 => prop::sample::select(vec!["UID:a", "UID:b", "UID:", "SUMMARY:x"]).prop_map(str::to_owned),
        1 => "[A-Z\\-]{1,12}(;[A-Z]{1,5}=[a-z\"/]{0,8})?:[ -~]{0,30}",
    ]
}

const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n";

fn calendar() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec(prop::collection::vec(property(), 0..8), 0..5),
    )
        .prop_map(|(tz, events)| {
            let mut s = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
            if tz {
                s.push_str(VTIMEZONE);
            }
            for props in events {
                s.push_str("BEGIN:VEVENT\r\n");
                for p in props {
                    s.push_str(&p);
                    s.push_str("\r\n");
                }
                s.push_str("END:VEVENT\r\n");
            }
            s.push_str("END:VCALENDAR\r\n");
            s
        })
}

/// One edit of a feed's lines.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Duplicate(usize),
    Insert(usize, String),
    /// Replace the value after the first ':' of a line.
    Revalue(usize, String),
    Swap(usize, usize),
    /// Cut the text at a byte offset (on a char boundary at or before).
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let line = prop_oneof![
        property(),
        prop::sample::select(vec![
            "BEGIN:VEVENT",
            "END:VEVENT",
            "BEGIN:VALARM",
            "END:VCALENDAR",
            "BEGIN:VCALENDAR",
            "BEGIN:X-UNKNOWN",
            " folded",
            ""
        ])
        .prop_map(str::to_owned),
        "[ -~]{0,40}",
    ];
    prop_oneof![
        3 => any::<usize>().prop_map(Edit::Delete),
        2 => any::<usize>().prop_map(Edit::Duplicate),
        3 => (any::<usize>(), line).prop_map(|(i, l)| Edit::Insert(i, l)),
        3 => (any::<usize>(), prop_oneof![date_value(), rule(), "[ -~]{0,20}"]).prop_map(|(i, v)| Edit::Revalue(i, v)),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
        1 => any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn mutate(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let mut cut = None;
    for e in edits {
        let n = lines.len().max(1);
        match e {
            Edit::Delete(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Edit::Duplicate(i) if !lines.is_empty() => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Edit::Insert(i, l) => lines.insert(i % (lines.len() + 1), l.clone()),
            Edit::Revalue(i, v) if !lines.is_empty() => {
                let l = &mut lines[i % n];
                if let Some(colon) = l.find(':') {
                    l.truncate(colon + 1);
                    l.push_str(v);
                }
            }
            Edit::Swap(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Edit::Truncate(at) => cut = Some(*at),
            _ => {}
        }
    }
    let mut out = lines.join("\r\n");
    if let Some(at) = cut {
        let mut at = at % (out.len() + 1);
        while !out.is_char_boundary(at) {
            at -= 1;
        }
        out.truncate(at);
    }
    out
}

fn fixture() -> impl Strategy<Value = (&'static str, Tz)> {
    prop::sample::select(vec![
        (GOOGLE, Tz::Europe__Berlin),
        (OUTLOOK, Tz::Europe__London),
        (APPLE, Tz::America__New_York),
        (NEXTCLOUD, Tz::Europe__Paris),
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400), zone in zone(), (from, to) in window()) {
        check(&String::from_utf8_lossy(&bytes), zone, from, to)?;
    }

    #[test]
    fn arbitrary_text_after_a_header_never_panics(body in "[ -~\r\n\t]{0,300}", zone in zone(), (from, to) in window()) {
        check(&format!("BEGIN:VCALENDAR\r\n{body}"), zone, from, to)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn plausible_calendars_never_panic_and_give_sound_intervals(ics in calendar(), zone in zone(), (from, to) in window()) {
        check(&ics, zone, from, to)?;
    }

    /// The fuzz target: exports as Google, Outlook, Apple and Nextcloud
    /// write them, with lines deleted, duplicated, inserted, revalued,
    /// swapped, and the text cut short.
    #[test]
    fn mutated_exports_never_panic(
        (text, zone) in fixture(),
        edits in prop::collection::vec(edit(), 1..8),
        (from, to) in window(),
    ) {
        check(&mutate(text, &edits), zone, from, to)?;
    }
}

#[test]
fn the_fixtures_pass_the_checks_over_wide_windows() {
    for (text, zone) in [
        (GOOGLE, Tz::Europe__Berlin),
        (OUTLOOK, Tz::Europe__London),
        (APPLE, Tz::America__New_York),
        (NEXTCLOUD, Tz::Europe__Paris),
    ] {
        for (from, to) in [
            (BASE - 400 * 86_400, BASE + 800 * 86_400),
            (i64::MIN, i64::MAX),
            (BASE, BASE),
        ] {
            check(text, zone, from, to).unwrap();
        }
    }
}
