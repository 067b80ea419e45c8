//! Connect's views in Japanese and French: none of the English texts of
//! the area may show, and each page says its language.

use chrono::{DateTime, TimeZone, Utc};
use maud::Markup;

use super::dates_page::{self, DatesPage, Row};
use super::*;
use crate::domain::{CandidateRange, Email, MemberId, Role};
use crate::i18n::Lang;
use crate::service::connect::messages::Message;
use crate::web::ui::layout::Shell;

const ENGLISH: &str = include_str!("../../../../locales/en/connect.ftl");

fn at(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, d, h, 0, 0).unwrap()
}

fn user(lang: Lang) -> PageUser {
    let mut m = Member::new(
        Email::parse("hanako@example.org").unwrap(),
        Role::Admin,
        crate::domain::MemberState::Active,
        "Asia/Tokyo",
        lang.code(),
        at(1, 0),
    );
    m.first_name = "Hanako".into();
    m.last_name = "Yamada".into();
    PageUser {
        member: m,
        session_token: "s".into(),
        csrf_token: "c".into(),
        unread: 0,
    }
}

fn external(entered: bool) -> ExternalMember {
    ExternalMember {
        id: MemberId::from_string("x1"),
        name: "Jean Martin".into(),
        email: Email::parse("jean@example.fr").unwrap(),
        organization: "Martin SARL".into(),
        contact_member_id: MemberId::from_string("m1"),
        timezone: "Europe/Paris".into(),
        language: "fr".into(),
        icon_color: "#2458d3".into(),
        ranges: if entered {
            vec![CandidateRange {
                start: at(10, 8),
                end: at(10, 12),
            }]
        } else {
            Vec::new()
        },
        message: if entered {
            "Merci".into()
        } else {
            String::new()
        },
        dates_entered_at: entered.then(|| at(2, 9)),
        requested_at: at(1, 9),
        created_at: at(1, 9),
        updated_at: at(2, 9),
    }
}

fn pages(lang: Lang) -> Vec<(&'static str, Markup)> {
    let u = user(lang);
    let team = vec![u.member.clone()];
    let xs = vec![external(true), external(false)];
    let typed = InviteFields::default();
    let list_page = |enabled, members: &'static [ExternalMember]| ListPage {
        enabled,
        max: 50,
        members,
        team: &[],
        filter: "",
        done: Some(Done::Invited),
        typed: &typed,
        error: None,
    };
    let rows = vec![Row {
        start: "2027-03-10T09:00".into(),
        end: "2027-03-10T12:00".into(),
    }];
    let shell = Shell {
        lang,
        here: Some("/connect/t"),
    };
    let dates = DatesPage {
        shell,
        name: "Jean Martin",
        organization: "Martin SARL",
        asker: "Club",
        timezone: "Europe/Paris",
        detect_zone: false,
        rows: &rows,
        message: "",
        error: None,
        saved: true,
        expires_at: Some(at(30, 0)),
        now: at(1, 0),
    };
    let x = external(true);
    vec![
        ("list, Connect off", list(&u, lang, &list_page(false, &[]))),
        (
            "list with members",
            list(
                &u,
                lang,
                &ListPage {
                    members: &xs,
                    team: &team,
                    ..list_page(true, &[])
                },
            ),
        ),
        (
            "detail",
            detail(
                &u,
                lang,
                &DetailPage {
                    x: &x,
                    team: &team,
                    pages: &[],
                    upcoming: 2,
                    done: Some(Done::Requested),
                    typed: None,
                    error: None,
                    now: at(1, 0),
                    manage: true,
                },
            ),
        ),
        ("dates form", dates_page::form(&dates)),
        (
            "review",
            dates_page::review(
                &dates,
                &[CandidateRange {
                    start: at(10, 8),
                    end: at(10, 11),
                }],
            ),
        ),
        (
            "messages",
            messages::messages(&u, lang, &[Message::External(external(true))]),
        ),
        ("no messages", messages::messages(&u, lang, &[])),
    ]
}

#[test]
fn connect_pages_leave_no_english_text_in_japanese_and_french() {
    let english: Vec<&str> = ENGLISH
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(_, v)| v.trim()))
        // Placeholders and one-word texts shared by languages aside.
        .filter(|v| !v.contains('{') && v.split(' ').count() > 2)
        .collect();
    for lang in [Lang::Ja, Lang::Fr] {
        for (name, page) in pages(lang) {
            let html = page.into_string();
            assert!(
                html.contains(&format!("lang=\"{}\"", lang.code())),
                "{name} in {lang:?}"
            );
            for text in &english {
                assert!(!html.contains(text), "{name} in {lang:?} shows {text:?}");
            }
        }
    }
}

#[test]
fn the_date_form_keeps_what_was_typed_and_names_the_wrong_row() {
    let rows = vec![
        Row {
            start: "2027-03-10T09:00".into(),
            end: "2027-03-10T12:00".into(),
        },
        Row {
            start: "2027-03-11T09:00".into(),
            end: "2027-03-11T08:00".into(),
        },
    ];
    let e = crate::error::AppError::invalid(
        "ranges[1].end",
        crate::i18n::Msg::key("err-connect-end-before-start"),
    );
    let html = dates_page::form(&DatesPage {
        shell: Shell {
            lang: Lang::En,
            here: None,
        },
        name: "Jean",
        organization: "",
        asker: "Club",
        timezone: "Europe/Paris",
        detect_zone: false,
        rows: &rows,
        message: "typed message",
        error: Some(&e),
        saved: false,
        expires_at: None,
        now: at(1, 0),
    })
    .into_string();
    assert!(html.contains("value=\"2027-03-11T08:00\""));
    assert!(html.contains("typed message"));
    assert!(html.contains("the end must be after the start"));
    // Two typed rows and three spare ones.
    assert_eq!(html.matches("data-range-row").count(), 5);
}
