//! Each page of the area rendered in Japanese and French: no English text
//! of the area's catalog is left, and the page says its language.

use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeZone, Utc};
use maud::Markup;
use serde_json::json;

use super::account::{self, LoginError, SetupFields, Via};
use super::book::{self, Calendar, FormState, Notice, Offer, Typed};
use super::manage::{self, Flash};
use crate::domain::{Booking, BookingPage, JoinRules, Member};
use crate::engine::Slot;
use crate::error::AppError;
use crate::i18n::{Lang, t};
use crate::service::members::join::JoinForm;
use crate::web::ui::layout::Shell;

const SOURCE: &str = include_str!("../../../../locales/en/guest.ftl");

/// The English texts of this area that a page could show as they are:
/// texts without placeholders, long enough not to occur by chance.
fn english_texts() -> Vec<(String, String)> {
    SOURCE
        .lines()
        .filter(|l| !l.starts_with([' ', '#', '\t']) && !l.trim().is_empty())
        .filter_map(|l| l.split_once(" = "))
        .filter(|(_, v)| !v.contains('{'))
        .map(|(k, _)| (k.trim().to_string(), t(Lang::En, k.trim())))
        .filter(|(_, v)| v.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .collect()
}

fn assert_translated(name: &str, lang: Lang, page: &Markup) {
    let html = page.clone().into_string();
    assert!(
        html.contains(&format!("<html lang=\"{}\">", lang.code())),
        "{name}: lang not {}",
        lang.code()
    );
    for (key, english) in english_texts() {
        assert!(
            !html.contains(&english),
            "{name} in {}: English text of {key} left: {english:?}",
            lang.code()
        );
    }
}

fn shell(lang: Lang) -> Shell<'static> {
    Shell {
        lang,
        here: Some("/somewhere"),
    }
}

fn page_fixture() -> BookingPage {
    serde_json::from_value(json!({
        "id": "p1", "slug": "intro", "title": "Intro", "description": "Half an hour.",
        "duration_minutes": 90, "slot_step_minutes": 30, "buffer_before_minutes": 0,
        "buffer_after_minutes": 0, "min_notice_minutes": 0, "horizon_days": 60,
        "location": { "kind": "video", "value": "" },
        "questions": [
            { "id": "q1", "label": "Company", "kind": "short_text", "required": true },
            { "id": "q2", "label": "Size", "kind": "single_choice", "options": ["1-10", "11+"] }
        ],
        "enabled": true, "hosts": ["m1"], "assignment": "single", "owner_id": "m1",
        "created_at": "2027-03-01T00:00:00Z", "updated_at": "2027-03-01T00:00:00Z"
    }))
    .unwrap()
}

fn booking_fixture(state: &str) -> Booking {
    serde_json::from_value(json!({
        "id": "b1", "page_id": "p1", "page_slug": "intro", "page_title": "Intro",
        "hosts": ["m1"], "start": "2027-03-15T00:00:00Z", "end": "2027-03-15T01:30:00Z",
        "buffer_before_minutes": 0, "buffer_after_minutes": 0,
        "guest": { "name": "Gail", "email": "gail@example.org", "timezone": "Asia/Tokyo" },
        "notes": "Hi", "answers": [{ "question_id": "q1", "label": "Company", "value": "Acme" }],
        "location": "https://meet.example.org/x", "state": state, "sequence": 0,
        "cancel_reason": "Plans", "guest_may_change": true,
        "created_at": "2027-03-01T00:00:00Z", "updated_at": "2027-03-01T00:00:00Z"
    }))
    .unwrap()
}

fn host() -> Member {
    let mut m = Member::new(
        crate::domain::Email::parse("hana@example.org").unwrap(),
        crate::domain::Role::Member,
        crate::domain::MemberState::Active,
        "Asia/Tokyo",
        "ja",
        Utc::now(),
    );
    (m.first_name, m.last_name) = ("Hanako".into(), "Yamada".into());
    m
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 3, d).unwrap()
}

fn slot_at(h: u32) -> Slot {
    let start = Utc
        .with_ymd_and_hms(2027, 3, 15, h, 0, 0)
        .unwrap()
        .timestamp();
    Slot {
        start,
        end: start + 1800,
        hosts: vec![0],
    }
}

fn offer(with_days: bool) -> Offer {
    let mut days = BTreeMap::new();
    if with_days {
        days.insert(day(15), vec![slot_at(0), slot_at(4)]);
    }
    Offer {
        page: page_fixture(),
        hosts: vec!["Hanako Yamada".into(), "Ken Ito".into()],
        days,
        why: None,
    }
}

fn calendar(chosen: Option<NaiveDate>, start: bool) -> Calendar {
    let tz = chrono_tz::Asia::Tokyo;
    Calendar {
        tz,
        tz_given: true,
        tz_unknown: Some("Mars/Olympus".into()),
        month: day(1),
        day: chosen,
        start: start.then(|| tz.with_ymd_and_hms(2027, 3, 15, 9, 0, 0).unwrap()),
        today: day(2),
    }
}

/// Every main view of the area, in `lang`.
fn pages(lang: Lang) -> Vec<(&'static str, Markup)> {
    let s = shell(lang);
    let with_days = offer(true);
    let typed = Typed {
        start: "2027-03-15T09:00:00+09:00".into(),
        timezone: "Asia/Tokyo".into(),
        ..Typed::default()
    };
    let field_error = AppError::invalid("answers.q1", "required");
    let taken = AppError::invalid("start", "gone");
    let (confirmed, cancelled) = (booking_fixture("confirmed"), booking_fixture("cancelled"));
    let hosts = [host()];
    let offers = (
        chrono_tz::Asia::Tokyo,
        BTreeMap::from([(day(15), vec![slot_at(0)])]),
    );
    let empty = (chrono_tz::Asia::Tokyo, BTreeMap::new());
    let rules = JoinRules {
        required_fields: vec![
            "phone".into(),
            "department".into(),
            "position".into(),
            "location".into(),
        ],
        ..JoinRules::default()
    };
    let typed_join = JoinForm::default();
    let setup = SetupFields {
        token: "t",
        organization: "",
        first_name: "",
        last_name: "",
        email: "",
    };
    let rate = AppError::BadCredentials;
    vec![
        (
            "month",
            book::page(
                &s,
                &with_days,
                &calendar(None, false),
                None,
                Some(Notice::NotUnderstood),
            ),
        ),
        (
            "day",
            book::page(
                &s,
                &with_days,
                &calendar(Some(day(15)), false),
                None,
                Some(Notice::Taken),
            ),
        ),
        (
            "empty day",
            book::page(&s, &with_days, &calendar(Some(day(16)), false), None, None),
        ),
        (
            "empty month",
            book::page(&s, &offer(false), &calendar(None, false), None, None),
        ),
        (
            "form",
            book::page(
                &s,
                &with_days,
                &calendar(Some(day(15)), true),
                Some(FormState {
                    typed: &typed,
                    error: Some(&field_error),
                }),
                None,
            ),
        ),
        (
            "form taken",
            book::page(
                &s,
                &with_days,
                &calendar(Some(day(15)), true),
                Some(FormState {
                    typed: &typed,
                    error: Some(&taken),
                }),
                None,
            ),
        ),
        ("booked", book::booked(&s, &confirmed, &hosts)),
        ("closed", book::closed(&s, "off")),
        (
            "manage new",
            manage::manage(
                &s,
                "tok",
                &confirmed,
                &hosts,
                &Flash {
                    new: true,
                    moved: true,
                    cancelled: false,
                },
                "",
                None,
            ),
        ),
        (
            "manage cancelled",
            manage::manage(
                &s,
                "tok",
                &cancelled,
                &hosts,
                &Flash {
                    cancelled: true,
                    ..Flash::default()
                },
                "",
                None,
            ),
        ),
        (
            "manage was cancelled",
            manage::manage(&s, "tok", &cancelled, &hosts, &Flash::default(), "", None),
        ),
        (
            "manage fixed",
            manage::manage(
                &s,
                "tok",
                &Booking {
                    guest_may_change: false,
                    ..confirmed.clone()
                },
                &hosts,
                &Flash::default(),
                "",
                None,
            ),
        ),
        (
            "reschedule",
            manage::reschedule(
                &s,
                "tok",
                &confirmed,
                Some(&offers),
                14,
                Some(manage::Notice::Taken),
            ),
        ),
        (
            "reschedule none",
            manage::reschedule(
                &s,
                "tok",
                &confirmed,
                Some(&empty),
                14,
                Some(manage::Notice::Invalid),
            ),
        ),
        (
            "reschedule closed",
            manage::reschedule(&s, "tok", &confirmed, None, 14, None),
        ),
        (
            "join invited",
            account::join(
                &s,
                "",
                "Club",
                Via::Invitation {
                    email: "a@example.org",
                },
                &rules,
                &typed_join,
                None,
            ),
        ),
        (
            "join link",
            account::join(&s, "", "Club", Via::Link, &rules, &typed_join, None),
        ),
        (
            "join code",
            account::join(&s, "/join", "Club", Via::Code, &rules, &typed_join, None),
        ),
        ("joined", account::joined(&s, true, "a@example.org")),
        ("requested", account::joined(&s, false, "a@example.org")),
        (
            "email confirmed",
            account::email_confirmed(&s, "a@example.org"),
        ),
        (
            "login",
            account::login(&s, "", "/", Some(LoginError::WrongCredentials)),
        ),
        (
            "login limited",
            account::login(&s, "a@example.org", "/", Some(LoginError::Other(&rate))),
        ),
        ("setup", account::setup(&s, &setup, None)),
        ("setup done", account::setup_done(&s)),
        ("setup bad link", account::setup_bad_link(&s)),
    ]
}

#[test]
fn every_page_is_in_japanese_and_french() {
    for lang in [Lang::Ja, Lang::Fr] {
        for (name, page) in pages(lang) {
            assert_translated(name, lang, &page);
        }
    }
}

#[test]
fn the_english_pages_read_as_before() {
    let html: String = pages(Lang::En)
        .into_iter()
        .map(|(_, p)| p.into_string())
        .collect();
    for text in [
        "1 h 30 min",
        "With Hanako Yamada, Ken Ito",
        "No free times on this day. Please pick another one.",
        "This time cannot be booked any more. Please pick another one.",
        "We do not know the time zone “Mars/Olympus”; showing times in UTC instead.",
        "Anything the host should know? <span class=\"muted\">(optional)</span>",
        "Free times in the next 14 days, in Asia/Tokyo.",
        "You were invited as <strong>a@example.org</strong>. Choose your name and a password.",
        "create the owner with <code>convene create-owner</code>.",
        "<p class=\"muted\">Reason: Plans</p>",
        "Now: <strong>",
        "Gail (gail@example.org)",
    ] {
        assert!(html.contains(text), "{text:?} missing");
    }
}

#[test]
fn dates_names_and_weeks_follow_the_reader() {
    let ja = pages(Lang::Ja);
    let html = |name: &str| {
        ja.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, p)| p.clone().into_string())
            .unwrap()
    };
    let day = html("day");
    assert!(day.contains("2027年3月15日(月曜日)"), "{day}");
    assert!(day.contains("2027年3月</h2>"));
    // The week starts on Sunday; 1 March 2027 is a Monday: one empty cell.
    assert!(day.contains("<th scope=\"col\">日</th><th scope=\"col\">月</th>"));
    // 00:00 and 04:00 UTC are 9:00 and 13:00 in Tokyo, on the 24-hour clock.
    assert!(
        day.contains(">9:00</a>") && day.contains(">13:00</a>"),
        "{day}"
    );
    let booked = html("booked");
    assert!(
        booked.contains("Yamada Hanako"),
        "family name first: {booked}"
    );
    assert!(booked.contains("2027年3月15日(月) 9:00～10:30 (Asia/Tokyo)"));

    let fr = pages(Lang::Fr);
    let month = &fr[0].1.clone().into_string();
    assert!(month.contains("<th scope=\"col\">lun.</th>"), "{month}");
    assert!(month.contains("mars 2027"));
    let en = pages(Lang::En);
    let day = en[1].1.clone().into_string();
    assert!(
        day.contains(">9:00 AM</a>") && day.contains(">1:00 PM</a>"),
        "{day}"
    );
    assert!(day.contains("<th scope=\"col\">Sun</th>"));
}
