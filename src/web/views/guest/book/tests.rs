//! Why the booking page has no times: one reason, in the guest's
//! language, never next to a hint that says otherwise.

use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::BookingPage;
use crate::i18n::Lang;

fn fixture() -> BookingPage {
    serde_json::from_value(serde_json::json!({
        "id": "p1", "slug": "intro", "title": "Intro", "description": "",
        "duration_minutes": 30, "slot_step_minutes": 30, "buffer_before_minutes": 0,
        "buffer_after_minutes": 0, "min_notice_minutes": 0, "horizon_days": 60,
        "location": null, "questions": [],
        "enabled": true, "hosts": ["m1"], "assignment": "round_robin", "owner_id": "m1",
        "created_at": "2027-03-01T00:00:00Z", "updated_at": "2027-03-01T00:00:00Z"
    }))
    .unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 3, d).unwrap()
}

fn offer(with_days: bool, why: Option<NoTimes>) -> Offer {
    let mut days = BTreeMap::new();
    if with_days {
        let start = Utc
            .with_ymd_and_hms(2027, 3, 15, 1, 0, 0)
            .unwrap()
            .timestamp();
        days.insert(
            day(15),
            vec![Slot {
                start,
                end: start + 1800,
                hosts: vec![0],
            }],
        );
    }
    Offer {
        page: fixture(),
        hosts: vec!["Ann".into()],
        days,
        why,
    }
}

fn calendar(chosen: Option<NaiveDate>) -> Calendar {
    Calendar {
        tz: chrono_tz::UTC,
        tz_given: true,
        tz_unknown: None,
        month: day(1),
        day: chosen,
        start: None,
        today: day(2),
    }
}

fn render(lang: Lang, offer: &Offer, chosen: Option<NaiveDate>) -> String {
    let shell = Shell {
        lang,
        here: Some("/book/intro"),
    };
    page(&shell, offer, &calendar(chosen), None, None).into_string()
}

/// The reasons a guest can read, each in the month and on a day.
const REASONS: [NoTimes; 8] = [
    NoTimes::NoHost,
    NoTimes::Past,
    NoTimes::Notice { minutes: 2880 },
    NoTimes::Horizon { days: 30 },
    NoTimes::NoHours,
    NoTimes::OpenCap,
    NoTimes::DailyCap,
    NoTimes::Booked,
];

#[test]
fn an_empty_month_says_one_reason_and_asks_for_no_day() {
    for why in REASONS {
        for chosen in [None, Some(day(16))] {
            let html = render(Lang::En, &offer(false, Some(why)), chosen);
            assert_eq!(
                html.matches("data-testid=\"book-why\"").count(),
                1,
                "{why:?}"
            );
            // No "pick a day" and no day section under an empty month.
            assert!(!html.contains("Pick a day"), "{why:?}");
            assert!(!html.contains("book-day-slots"), "{why:?}");
        }
    }
    let html = render(
        Lang::En,
        &offer(false, Some(NoTimes::Horizon { days: 30 })),
        None,
    );
    assert!(
        html.contains(">Bookings open up to 30 days ahead.</p>"),
        "{html}"
    );
    let html = render(
        Lang::En,
        &offer(false, Some(NoTimes::Notice { minutes: 2880 })),
        None,
    );
    assert!(html.contains("at least 2 days ahead, so the times left this month are too soon."));
}

#[test]
fn an_empty_day_in_a_month_with_times_says_why_for_that_day() {
    let html = render(Lang::En, &offer(true, Some(NoTimes::Booked)), Some(day(16)));
    assert_eq!(html.matches("data-testid=\"book-why\"").count(), 1);
    assert!(
        html.contains(">Every time on this day is taken.</p>"),
        "{html}"
    );
    assert!(!html.contains("this month"));
    let html = render(
        Lang::En,
        &offer(true, Some(NoTimes::NoHours)),
        Some(day(16)),
    );
    assert!(html.contains(">No working hours are set on this day.</p>"));
    // A month with times and no day chosen: just the invitation to pick.
    let html = render(Lang::En, &offer(true, None), None);
    assert!(html.contains("Pick a day to see its times."));
    assert!(!html.contains("book-why"));
}

#[test]
fn reasons_are_in_the_guest_s_language() {
    let ja = render(
        Lang::Ja,
        &offer(false, Some(NoTimes::Horizon { days: 30 })),
        None,
    );
    assert!(
        ja.contains(">予約は30日先まで受け付けています。</p>"),
        "{ja}"
    );
    let fr = render(Lang::Fr, &offer(false, Some(NoTimes::DailyCap)), None);
    assert!(
        fr.contains(
            "La limite quotidienne de réservations est atteinte pour chaque jour libre de ce mois."
        ),
        "{fr}"
    );
    let fr = render(
        Lang::Fr,
        &offer(true, Some(NoTimes::Notice { minutes: 90 })),
        Some(day(16)),
    );
    assert!(
        fr.contains("Il faut réserver au moins 1\u{a0}h\u{a0}30\u{a0}min à l'avance")
            || fr.contains("Il faut réserver au moins 1 h 30 min à l'avance"),
        "{fr}"
    );
    // No English left in any of them.
    for lang in [Lang::Ja, Lang::Fr] {
        for why in REASONS {
            for (with_days, chosen) in [(false, None), (true, Some(day(16)))] {
                let html = render(lang, &offer(with_days, Some(why)), chosen);
                let en = render(Lang::En, &offer(with_days, Some(why)), chosen);
                let text = |h: &str| {
                    let at = h.find("data-testid=\"book-why\">").unwrap();
                    let rest = &h[at..];
                    rest[rest.find('>').unwrap() + 1..rest.find("</p>").unwrap()].to_string()
                };
                assert_ne!(text(&html), text(&en), "{why:?} in {}", lang.code());
            }
        }
    }
}
