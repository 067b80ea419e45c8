//! Each page of this area rendered in Japanese and in French: no English
//! text of the area's catalog may show, and the page says its language.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::bookings::{self, BookingFilters, BookingsList, Detail, Offer};
use super::pages::{self, FormPage, HostLine, PageFilters, PageForm, PagesList, QuestionRow};
use crate::domain::{
    Answer, AssignmentMode, Booking, BookingPage, BookingState, Email, Guest, Location,
    LocationKind, Member, MemberState, Role,
};
use crate::engine::Slot;
use crate::error::AppError;
use crate::i18n::{Lang, Msg, t};
use crate::web::auth::PageUser;

const CATALOG: &str = include_str!("../../../../locales/en/booking_admin.ftl");

/// The keys of this area's catalog, messages and attributes.
fn keys() -> Vec<String> {
    let mut keys = Vec::new();
    let mut message = None;
    for line in CATALOG.lines() {
        if let Some((id, _)) = line.split_once(" = ").or_else(|| line.split_once(" =")) {
            let id = id.trim();
            if let Some(attribute) = id.strip_prefix('.') {
                if let Some(m) = &message {
                    keys.push(format!("{m}.{attribute}"));
                }
            } else if id.starts_with("bkadm-") {
                message = Some(id.to_string());
                keys.push(id.to_string());
            }
        }
    }
    keys
}

/// What a reader sees of a page: text between tags and the attributes
/// read aloud or shown (aria-label, placeholder, title).
fn visible(html: &str) -> Vec<String> {
    let unescape = |s: &str| {
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    };
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let text = rest[..open].trim();
        if !text.is_empty() {
            out.push(unescape(text));
        }
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open..open + close];
        for attr in ["aria-label=\"", "placeholder=\"", "title=\""] {
            if let Some(at) = tag.find(attr) {
                let value = &tag[at + attr.len()..];
                if let Some(end) = value.find('"') {
                    out.push(unescape(&value[..end]));
                }
            }
        }
        rest = &rest[open + close + 1..];
    }
    out
}

/// Fails on any English text of the area that shows in a page meant for
/// `lang`. Texts that read the same in both languages ("Options",
/// "Page") cannot be told apart and are left out; a short text must be a
/// whole piece of text to count, a long one anywhere in it.
fn assert_no_english(lang: Lang, html: &str) {
    assert!(
        html.contains(&format!("<html lang=\"{}\"", lang.code())),
        "the page says its language"
    );
    let seen = visible(html);
    for key in keys() {
        let english = t(Lang::En, &key);
        if english == t(lang, &key) {
            continue;
        }
        // Without arguments a placeholder renders as "{$name}": what is
        // around it must not show either.
        let fragments: Vec<&str> = english
            .split(['{', '}'])
            .filter(|f| !f.starts_with('$'))
            .map(str::trim)
            .collect();
        let whole = fragments.len() == 1;
        let shows = seen.iter().any(|s| {
            fragments
                .iter()
                .any(|f| (whole && s == f) || (f.chars().count() >= 12 && s.contains(f)))
        });
        assert!(
            !shows,
            "{}: English text of {key} shows: {english:?}",
            lang.code()
        );
    }
}

fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

fn member(lang: Lang, first: &str, last: &str) -> Member {
    let mut m = Member::new(
        Email::parse(&format!("{}@example.org", first.to_lowercase())).unwrap(),
        Role::Owner,
        MemberState::Active,
        "Asia/Tokyo",
        lang.code(),
        at(2027, 1, 1, 0),
    );
    (m.first_name, m.last_name) = (first.into(), last.into());
    m
}

fn user(lang: Lang) -> PageUser {
    PageUser {
        member: member(lang, "Hanako", "Yamada"),
        session_token: "s".into(),
        csrf_token: "c".into(),
        unread: 2,
    }
}

fn booking_page(host: &Member) -> BookingPage {
    BookingPage {
        id: "p1".into(),
        slug: "kaigi".into(),
        title: "Kaigi".into(),
        description: String::new(),
        duration_minutes: 30,
        slot_step_minutes: 30,
        buffer_before_minutes: 0,
        buffer_after_minutes: 0,
        min_notice_minutes: 60,
        horizon_days: 60,
        location: Some(Location {
            kind: LocationKind::Video,
            value: String::new(),
        }),
        questions: Vec::new(),
        enabled: true,
        hosts: vec![host.id.clone()],
        assignment: AssignmentMode::RoundRobin,
        owner_id: host.id.clone(),
        created_at: at(2027, 1, 1, 0),
        updated_at: at(2027, 1, 1, 0),
    }
}

fn booking(host: &Member, state: BookingState) -> Booking {
    Booking {
        id: "b1".into(),
        page_id: "p1".into(),
        page_slug: "kaigi".into(),
        page_title: "Kaigi".into(),
        hosts: vec![
            host.id.clone(),
            crate::domain::MemberId::from_string("gone"),
        ],
        start: at(2027, 3, 14, 1),
        end: at(2027, 3, 14, 2),
        buffer_before_minutes: 0,
        buffer_after_minutes: 0,
        guest: Guest {
            name: "Gail".into(),
            email: "gail@example.org".into(),
            timezone: "Europe/Paris".into(),
            language: "en".into(),
        },
        notes: String::new(),
        answers: vec![Answer {
            question_id: "q".into(),
            label: "Firma".into(),
            value: "Acme".into(),
        }],
        location: String::new(),
        state,
        assignment_reason: None,
        sequence: 1,
        cancel_reason: String::new(),
        cancelled_by: (state == BookingState::Cancelled).then(|| "guest".into()),
        reminders_sent: Vec::new(),
        guest_may_change: true,
        manage_token: None,
        created_at: at(2027, 3, 1, 9),
        updated_at: at(2027, 3, 1, 9),
    }
}

fn typed_form() -> PageForm {
    PageForm {
        title: "Kaigi".into(),
        assignment: "single".into(),
        location_kind: "video".into(),
        duration: "30".into(),
        questions: vec![QuestionRow {
            label: "Firma".into(),
            kind: "single_choice".into(),
            ..QuestionRow::default()
        }],
        ..PageForm::default()
    }
}

#[test]
fn the_booking_pages_list_is_in_the_readers_language() {
    for lang in [Lang::Ja, Lang::Fr] {
        let host = member(lang, "Taro", "Suzuki");
        let members = vec![host.clone()];
        let list = [booking_page(&host)];
        for (pages, filtered, done) in [
            (&list[..], false, Some("created")),
            (&[][..], false, Some("deleted")),
            (&[][..], true, None),
        ] {
            let view = PagesList {
                filters: PageFilters::default(),
                filtered,
                done,
                error: None,
                pages,
                members: &members,
                hosts: &members,
                base_url: "https://convene.example",
                allow_overlap: Some(true),
            };
            let html = pages::pages_list(lang, &user(lang), &view).into_string();
            assert_no_english(lang, &html);
        }
        let view = PagesList {
            filters: PageFilters::default(),
            filtered: false,
            done: None,
            error: None,
            pages: &list,
            members: &members,
            hosts: &members,
            base_url: "https://convene.example",
            allow_overlap: None,
        };
        let html = pages::pages_list(lang, &user(lang), &view).into_string();
        assert!(html.contains("https://convene.example/book/kaigi"));
        if lang == Lang::Ja {
            assert!(html.contains("Suzuki Taro"), "family name first");
            assert!(html.contains("30分"));
        }
    }
}

#[test]
fn the_booking_page_form_is_in_the_readers_language() {
    for lang in [Lang::Ja, Lang::Fr] {
        let host = member(lang, "Taro", "Suzuki");
        let p = booking_page(&host);
        let status = [
            HostLine::Serves("Suzuki Taro".into()),
            HostLine::Gone("m-gone".into()),
        ];
        let refused = AppError::invalid("duration_minutes", Msg::key("bkadm-err-whole-number"));
        let general = AppError::invalid("nowhere", Msg::key("bkadm-err-pick-kind"));
        for (page, error) in [
            (None, None),
            (Some(&p), Some(&refused)),
            (Some(&p), Some(&general)),
        ] {
            let view = FormPage {
                page,
                members: std::slice::from_ref(&host),
                status: &status,
                base_url: "https://convene.example",
                done: Some("saved"),
                error,
            };
            let html = pages::page_form(lang, &user(lang), &typed_form(), &view).into_string();
            assert_no_english(lang, &html);
            assert!(html.contains("name=\"q.0.label\" value=\"Firma\""));
        }
    }
}

#[test]
fn the_bookings_list_is_in_the_readers_language() {
    for lang in [Lang::Ja, Lang::Fr] {
        let host = member(lang, "Taro", "Suzuki");
        let members = vec![host.clone()];
        let list = [booking(&host, BookingState::Confirmed)];
        let pages = [booking_page(&host)];
        for bookings in [&list[..], &[][..]] {
            let view = BookingsList {
                filters: BookingFilters {
                    state: Some("any"),
                    ..BookingFilters::default()
                },
                bad_date: true,
                bookings,
                pages: &pages,
                members: &members,
                hosts: &members,
                tz: chrono_tz::Asia::Tokyo,
                week: None,
                first_href: Some("/bookings".into()),
                next_href: Some("/bookings?after=x".into()),
                per_page: 50,
            };
            let html = bookings::bookings_list(lang, &user(lang), &view).into_string();
            assert_no_english(lang, &html);
            if !bookings.is_empty() {
                let when = match lang {
                    Lang::Ja => "2027年3月14日(日) 10:00",
                    _ => "dim. 14 mars 2027 10:00",
                };
                assert!(html.contains(when), "{when} in {html}");
            }
        }
    }
}

#[test]
fn a_booking_detail_is_in_the_readers_language() {
    let day = NaiveDate::from_ymd_opt(2027, 3, 15).unwrap();
    for lang in [Lang::Ja, Lang::Fr] {
        let host = member(lang, "Taro", "Suzuki");
        let members = vec![host.clone()];
        let slot = Slot {
            start: at(2027, 3, 15, 4).timestamp(),
            end: at(2027, 3, 15, 5).timestamp(),
            hosts: vec![0],
        };
        let bad_day = AppError::invalid("day", Msg::key("bkadm-detail-bad-day"));
        let offers = [
            Offer::Slots(vec![slot]),
            Offer::Slots(Vec::new()),
            Offer::NotMovable(crate::service::booking::NotMovable::PageGone),
        ];
        for state in [BookingState::Confirmed, BookingState::Cancelled] {
            let b = booking(&host, state);
            for offer in &offers {
                let view = Detail {
                    booking: &b,
                    members: &members,
                    day,
                    offer,
                    tz: chrono_tz::Asia::Tokyo,
                    done: Some("rescheduled"),
                    error: Some(&bad_day),
                };
                let html = bookings::booking_detail(lang, &user(lang), &view).into_string();
                assert_no_english(lang, &html);
                assert!(html.contains("Europe/Paris"), "the guest's zone");
            }
        }
        let b = booking(&host, BookingState::Confirmed);
        let view = Detail {
            booking: &b,
            members: &members,
            day,
            offer: &offers[0],
            tz: chrono_tz::Asia::Tokyo,
            done: None,
            error: None,
        };
        let html = bookings::booking_detail(lang, &user(lang), &view).into_string();
        // 04:00 UTC is 13:00 in Tokyo; the button's value stays machine-readable.
        assert!(html.contains(">13:00</button>"), "{html}");
        assert!(html.contains("value=\"2027-03-15T13:00:00+09:00\""));
        let title = match lang {
            Lang::Ja => "Kaigi（Gail 様）",
            _ => "Kaigi avec Gail",
        };
        assert!(html.contains(title));
    }
}

#[test]
fn english_reads_as_before() {
    let lang = Lang::En;
    let host = member(lang, "Olive", "Owner");
    let b = booking(&host, BookingState::Cancelled);
    let members = vec![host.clone()];
    let offer = Offer::NotMovable(crate::service::booking::NotMovable::Cancelled);
    let view = Detail {
        booking: &b,
        members: &members,
        day: NaiveDate::from_ymd_opt(2027, 3, 15).unwrap(),
        offer: &offer,
        tz: chrono_tz::Asia::Tokyo,
        done: None,
        error: None,
    };
    let html = bookings::booking_detail(lang, &user(lang), &view).into_string();
    assert!(html.contains("Kaigi with Gail"));
    assert!(html.contains("Olive Owner, (former member)"));
    assert!(html.contains("<dt>Cancelled by</dt><dd>the guest</dd>"));
    assert!(html.contains("(changes mailed so far)"));
    assert!(html.contains("For the guest: "));

    let view = FormPage {
        page: None,
        members: &members,
        status: &[HostLine::Serves("Olive Owner".into())],
        base_url: "https://convene.example/",
        done: None,
        error: None,
    };
    let html = pages::page_form(lang, &user(lang), &typed_form(), &view).into_string();
    assert!(html.contains(
        "Lowercase letters, digits and hyphens. Guests book at <code>https://convene.example/book/your-page</code>"
    ));
    assert!(html.contains("Olive Owner: <span class=\"ok\">can serve</span>"));
    assert!(html.contains("aria-label=\"Question 1 label\""));
    assert!(html.contains("<title>New booking page · Convene</title>"));
}

#[test]
fn errors_find_their_field_and_row() {
    let e = AppError::invalid("questions[0].options", "two options");
    assert_eq!(pages::error_field(&e), Some("questions[0].options"));
    let taken = AppError::Conflict {
        code: "slug_taken",
        message: "taken".into(),
    };
    assert_eq!(pages::error_field(&taken), Some("slug"));
    // Shown in the row it belongs to, in the reader's language.
    let form = PageForm {
        questions: vec![
            QuestionRow {
                label: "A".into(),
                ..QuestionRow::default()
            },
            QuestionRow {
                label: "B".into(),
                ..QuestionRow::default()
            },
        ],
        ..PageForm::default()
    };
    let refused = AppError::invalid("questions[1].kind", Msg::key("bkadm-err-pick-kind"));
    let view = FormPage {
        page: None,
        members: &[],
        status: &[],
        base_url: "",
        done: None,
        error: Some(&refused),
    };
    let html = pages::page_form(Lang::Fr, &user(Lang::Fr), &form, &view).into_string();
    assert_eq!(html.matches("choisissez un type").count(), 1);
    let row_b = html.find("value=\"B\"").unwrap();
    assert!(html[row_b..].contains("choisissez un type"));
}

#[test]
#[should_panic(expected = "bkadm-bookings-empty")]
fn the_check_finds_english_left_in_a_page() {
    assert_no_english(
        Lang::Ja,
        "<html lang=\"ja\"><p><strong>No bookings here.</strong></p></html>",
    );
}

#[test]
#[should_panic(expected = "bkadm-bookings-times-in")]
fn the_check_finds_english_around_a_placeholder() {
    assert_no_english(
        Lang::Fr,
        "<html lang=\"fr\"><p>Times in UTC. Without dates, the list shows what is still to come.</p></html>",
    );
}
