//! The start page per role: owners and admins get counts that open their
//! filtered lists, hosts their next bookings and what is left to set up,
//! restricted members only what they may open; in each language.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::{Booking, BookingState, Email, Guest, Member, MemberState, Role};
use crate::i18n::{Lang, t};
use crate::service::booking::week::Week;
use crate::web::auth::PageUser;

const ENGLISH: &str = include_str!("../../../../locales/en/dashboard.ftl");

fn at(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, d, h, 0, 0).unwrap()
}

fn viewer(role: Role, lang: Lang) -> PageUser {
    let email = Email::parse("hanako@example.org").unwrap();
    let mut m = Member::new(
        email,
        role,
        MemberState::Active,
        "Asia/Tokyo",
        lang.code(),
        at(1, 9),
    );
    (m.first_name, m.last_name) = ("Hanako".into(), "Yamada".into());
    PageUser {
        member: m,
        session_token: "s".into(),
        csrf_token: "c".into(),
        unread: 2,
    }
}

fn booking(id: &str, start: DateTime<Utc>) -> Booking {
    Booking {
        id: id.into(),
        page_id: "p1".into(),
        page_slug: "intro".into(),
        page_title: "Intro call".into(),
        hosts: vec![],
        start,
        end: start + chrono::Duration::minutes(30),
        buffer_before_minutes: 0,
        buffer_after_minutes: 0,
        guest: Guest {
            name: "Gail Guest".into(),
            email: "gail@example.org".into(),
            timezone: "UTC".into(),
            language: String::new(),
        },
        notes: String::new(),
        answers: vec![],
        location: String::new(),
        state: BookingState::Confirmed,
        assignment_reason: None,
        sequence: 0,
        cancel_reason: String::new(),
        cancelled_by: None,
        reminders_sent: vec![],
        guest_may_change: true,
        manage_token: None,
        created_at: start,
        updated_at: start,
    }
}

fn counts() -> AdminCounts {
    AdminCounts {
        active: 12,
        pending: 3,
        invited: 4,
        week: Week::containing(
            NaiveDate::from_ymd_opt(2027, 3, 3).unwrap(),
            chrono_tz::Europe::Paris,
        ),
        bookings_this_week: 7,
        failed_mail: 2,
        calendar_sync_errors: Some(1),
        externals: vec![crate::domain::ExternalMember {
            id: crate::domain::MemberId::from_string("x1"),
            name: "Jean Martin".into(),
            email: crate::domain::Email::parse("jean@example.fr").unwrap(),
            organization: "Martin SARL".into(),
            contact_member_id: crate::domain::MemberId::from_string("m1"),
            timezone: "Europe/Paris".into(),
            language: "fr".into(),
            icon_color: "#2458d3".into(),
            ranges: Vec::new(),
            message: String::new(),
            dates_entered_at: None,
            requested_at: at(1, 9),
            created_at: at(1, 9),
            updated_at: at(1, 9),
        }],
    }
}

fn panel() -> HostPanel {
    HostPanel {
        next: vec![booking("b1", at(8, 1)), booking("b2", at(9, 5))],
        more: true,
        tz: chrono_tz::Asia::Tokyo,
        setup: vec![
            SetupStep::WorkingHours,
            SetupStep::MeetingUrl {
                pages: vec!["Intro call".into()],
            },
        ],
    }
}

/// Every part of the page at once: what an owner who hosts sees.
pub(super) fn everything(_user: &PageUser) -> Dashboard {
    Dashboard {
        org_name: "Club".into(),
        admin: Some(counts()),
        host: Some(panel()),
    }
}

fn render(user: &PageUser, v: &Dashboard) -> String {
    let lang = Lang::parse(&user.member.language);
    dashboard(user, lang, v).into_string()
}

#[test]
fn admins_see_counts_that_open_their_filtered_lists() {
    let user = viewer(Role::Admin, Lang::En);
    let html = render(&user, &everything(&user));
    for (href, number, label) in [
        ("/members?state=active", "12", "Active members"),
        ("/members?state=pending", "3", "Waiting for approval"),
        (
            "/members?state=invited",
            "4",
            "Invitations not accepted yet",
        ),
        ("/bookings?week=2027-03-01", "7", "Bookings this week"),
        (
            "/admin/mail?state=failed",
            "2",
            "Emails that could not be sent",
        ),
    ] {
        let card =
            format!("href=\"{href}\"><div class=\"number\">{number}</div><div>{label}</div>");
        assert!(html.contains(&card), "{card} in {html}");
    }
    // Pending approvals and failed mail call for attention.
    assert!(html.contains("class=\"card alert\" href=\"/members?state=pending\""));
    assert!(html.contains("class=\"card alert\" href=\"/admin/mail?state=failed\""));
    assert!(html.contains("class=\"card\" href=\"/members?state=active\""));
}

#[test]
fn the_calendar_card_waits_for_a_count() {
    let lang = Lang::En;
    assert_eq!(calendar_errors_card(lang, None).into_string(), "");
    let card = calendar_errors_card(lang, Some(3)).into_string();
    assert!(card.contains(">3<") && card.contains("Calendars with sync errors"));
    assert!(card.contains("card alert"));
    let calm = calendar_errors_card(lang, Some(0)).into_string();
    assert!(!calm.contains("alert"));
    let user = viewer(Role::Owner, lang);
    let mut v = everything(&user);
    if let Some(c) = v.admin.as_mut() {
        c.calendar_sync_errors = None;
    }
    assert!(!render(&user, &v).contains("Calendars with sync errors"));
}

#[test]
fn an_organization_of_one_is_asked_to_invite() {
    let user = viewer(Role::Owner, Lang::En);
    let v = Dashboard {
        org_name: "Club".into(),
        admin: Some(AdminCounts {
            active: 1,
            pending: 0,
            invited: 0,
            bookings_this_week: 0,
            failed_mail: 0,
            ..counts()
        }),
        host: None,
    };
    let html = render(&user, &v);
    assert!(html.contains("You are the only member so far."));
    assert!(html.contains("href=\"/members/invite\""));
    assert!(!render(&user, &everything(&user)).contains("only member"));
}

#[test]
fn members_see_their_next_bookings_in_their_language_and_zone() {
    let user = viewer(Role::Member, Lang::Ja);
    let v = Dashboard {
        org_name: "Club".into(),
        admin: None,
        host: Some(panel()),
    };
    let html = render(&user, &v);
    // 01:00 UTC on 8 March is 10:00 in Tokyo.
    assert!(html.contains("href=\"/bookings/b1\""), "{html}");
    assert!(html.contains("2027年3月8日(月) 10:00"), "{html}");
    assert!(html.contains("Intro call（Gail Guest様）"));
    assert!(html.contains("時刻はAsia/Tokyoで表示しています。"));
    assert!(html.contains("予約をすべて見る（ほかにもあります）"));
    // Unread notifications open the list.
    assert!(html.contains("<a href=\"/notifications\">未読の通知が2件あります。</a>"));
    // No admin counts, nothing that would refuse them.
    for admin_only in [
        "/members?state=pending",
        "/admin/mail",
        "/bookings?week=",
        "/external-members",
    ] {
        assert!(!html.contains(admin_only), "{admin_only}");
    }
}

#[test]
fn what_to_set_up_links_to_where_it_is_done_and_goes_once_done() {
    let user = viewer(Role::Member, Lang::En);
    let me = user.member.id.clone();
    let mut v = Dashboard {
        org_name: "Club".into(),
        admin: None,
        host: Some(panel()),
    };
    let html = render(&user, &v);
    assert!(html.contains(&format!(
        "<a href=\"/members/{me}/schedule\">Set your working hours</a>: guests can only book you within them."
    )));
    assert!(html.contains(&format!(
        "<a href=\"/members/{me}\">Add your meeting URL</a>: Intro call is a video meeting and needs one."
    )));
    if let Some(h) = v.host.as_mut() {
        h.setup = vec![SetupStep::MeetingUrl {
            pages: vec!["Intro call".into(), "Demo".into()],
        }];
    }
    let html = render(&user, &v);
    assert!(html.contains("Intro call, Demo are video meetings and need one."));
    assert!(!html.contains("Set your working hours"));
    if let Some(h) = v.host.as_mut() {
        h.setup.clear();
    }
    let html = render(&user, &v);
    assert!(!html.contains("Set up next"), "the section goes once done");
}

#[test]
fn empty_states_say_what_to_do() {
    let member = viewer(Role::Member, Lang::En);
    let nothing = Dashboard {
        org_name: "Club".into(),
        admin: None,
        host: Some(HostPanel {
            next: vec![],
            more: false,
            tz: chrono_tz::UTC,
            setup: vec![],
        }),
    };
    let html = render(&member, &nothing);
    assert!(html.contains("Nothing is booked with you yet."));
    assert!(html.contains("href=\"/booking-pages\""));
    let mut quiet = member;
    quiet.unread = 0;
    let html = render(&quiet, &nothing);
    assert!(html.contains("No unread notifications."));

    // A restricted member hosts nothing: no bookings part, no booking
    // pages, the directory instead.
    let restricted = viewer(Role::Restricted, Lang::En);
    let html = render(
        &restricted,
        &Dashboard {
            org_name: "Club".into(),
            admin: None,
            host: None,
        },
    );
    assert!(html.contains("in the <a href=\"/members\">members directory</a>."));
    for hidden in [
        "/booking-pages",
        "/bookings",
        "/external-members",
        "/admin/",
    ] {
        assert!(
            !html.contains(hidden),
            "{hidden} shown to a restricted member"
        );
    }
}

#[test]
fn the_navigation_follows_the_role() {
    let html = |role| {
        render(
            &viewer(role, Lang::En),
            &Dashboard {
                org_name: "Club".into(),
                admin: None,
                host: None,
            },
        )
    };
    let nav = |h: &str, href: &str| h.contains(&format!("<a href=\"{href}\""));
    for role in Role::ALL {
        let h = html(role);
        assert!(nav(&h, "/members") && nav(&h, "/settings"), "{role:?}");
        assert_eq!(nav(&h, "/booking-pages"), role >= Role::Member, "{role:?}");
        assert_eq!(nav(&h, "/bookings"), role >= Role::Member, "{role:?}");
        assert_eq!(
            nav(&h, "/external-members"),
            role >= Role::Admin,
            "{role:?}"
        );
    }
}

/// The English texts of the area, without placeholders.
fn english_texts() -> Vec<(String, String)> {
    ENGLISH
        .lines()
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, _)| (k.trim().to_string(), t(Lang::En, k.trim())))
        .filter(|(_, en)| !en.contains('{') && en.split_whitespace().count() >= 2)
        .collect()
}

#[test]
fn the_page_speaks_japanese_and_french() {
    assert!(english_texts().len() > 15, "texts read from the catalog");
    for lang in [Lang::Ja, Lang::Fr] {
        let user = viewer(Role::Owner, lang);
        let mut pages = vec![render(&user, &everything(&user))];
        pages.push(render(
            &viewer(Role::Restricted, lang),
            &Dashboard {
                org_name: "Club".into(),
                admin: None,
                host: Some(HostPanel {
                    next: vec![],
                    more: false,
                    tz: chrono_tz::UTC,
                    setup: vec![],
                }),
            },
        ));
        for html in pages {
            assert!(html.contains(&format!("<html lang=\"{}\">", lang.code())));
            for (key, en) in english_texts() {
                assert!(!html.contains(&en), "{key} in English on the {lang:?} page");
            }
        }
    }
    let fr = render(
        &viewer(Role::Member, Lang::Fr),
        &everything(&viewer(Role::Member, Lang::Fr)),
    );
    assert!(fr.contains("Vous avez 2 notifications non lues."));
    assert!(fr.contains("lun. 8 mars 2027 10:00"), "{fr}");
}
