//! Every view of the area rendered in Japanese and French: none of the
//! English texts of the area may show, and the page says its language.

use chrono::{DateTime, TimeZone, Utc};
use maud::Markup;

use super::*;
use crate::domain::{
    DeliveryAttempt, DeliveryState, Email, Interval, Mail, Member, MemberId, MemberState,
    Notification, NotificationKind, OutboxMessage, Payload, Preferences, Role, Schedule,
    Unavailability, Webhook,
};
use crate::error::AppError;
use crate::i18n::{Lang, t};
use crate::jobs::scheduler::JobStatus;
use crate::service::org::outbox::QueueView;
use crate::store::JobRun;
use crate::web::auth::PageUser;

const ENGLISH: &str = include_str!("../../../../locales/en/org.ftl");
const EDITORS: &str = include_str!("../../../../locales/en/editors.ftl");
/// The settings page's own texts.
const SETTINGS: &str = include_str!("../../../../locales/en/settings.ftl");

/// The keys of this area's catalogs.
fn keys() -> Vec<&'static str> {
    ENGLISH
        .lines()
        .chain(SETTINGS.lines())
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim()))
        .filter(|k| k.starts_with("org-") || k.starts_with("settings-"))
        .collect()
}

fn at(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, d, h, 0, 0).unwrap()
}

fn user(lang: Lang) -> PageUser {
    let email = Email::parse("hanako@example.org").unwrap();
    let mut m = Member::new(
        email,
        Role::Owner,
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

/// The keys of the editors' catalog (the schedule editor and pickers).
fn editor_keys() -> Vec<&'static str> {
    EDITORS
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim()))
        .filter(|k| k.starts_with("ed-"))
        .collect()
}

/// The English values that must not show in another language: those that
/// differ from the translation, without placeholders, and long enough to
/// be told apart from markup (matched as whole words).
fn english_leaks(lang: Lang, html: &str) -> Vec<String> {
    leaks_of(keys(), lang, html)
}

fn leaks_of(keys: Vec<&'static str>, lang: Lang, html: &str) -> Vec<String> {
    keys.into_iter()
        .map(|k| (t(Lang::En, k), t(lang, k)))
        .filter(|(en, other)| en != other && !en.contains('{') && en.chars().count() > 2)
        .map(|(en, _)| en)
        .filter(|en| {
            html.match_indices(en.as_str()).any(|(i, _)| {
                let before = html[..i].chars().next_back();
                let after = html[i + en.len()..].chars().next();
                // Identifiers such as admin_digest or member.pending are
                // not words.
                let word = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
                !before.is_some_and(word) && !after.is_some_and(word)
            })
        })
        .collect()
}

/// What a person reads of a page: the text between tags, and the
/// attributes that are read out or shown (URLs and field names are not).
fn readable(html: &str) -> String {
    const SHOWN: [&str; 4] = [
        "aria-label=\"",
        "placeholder=\"",
        "title=\"",
        "data-confirm=\"",
    ];
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push('\n');
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c);
        let tag = &rest[open..close];
        for attr in SHOWN {
            if let Some(start) = tag.find(attr).map(|i| i + attr.len()) {
                let end = tag[start..].find('"').map_or(tag.len(), |e| start + e);
                out.push_str(&tag[start..end]);
                out.push('\n');
            }
        }
        rest = rest.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

fn invalid(field: &str) -> AppError {
    AppError::invalid(field, crate::i18n::Msg::key("org-schedule-whole-number"))
}

/// Every main view of the area in `lang`, by name.
fn pages(lang: Lang) -> Vec<(&'static str, Markup)> {
    let u = user(lang);
    let me = u.member.id.clone();
    let dash = super::dashboard_tests::everything(&u);
    let settings_view = settings::tests::view(&me, at(2, 10));
    let mut failed = OutboxMessage::new(
        Payload::Mail(Mail {
            kind: "test".into(),
            to_email: "x@example.org".into(),
            to_name: String::new(),
            subject: "Hi".into(),
            text: String::new(),
            html: String::new(),
            ics: None,
            reply_to: None,
            unsubscribe_url: None,
            from_booking: None,
        }),
        at(4, 8),
    );
    failed.state = DeliveryState::Failed;
    failed.last_error = Some("550".into());
    let queue = QueueView {
        counts: crate::domain::DeliveryCounts {
            queued: 0,
            sent: 1,
            failed: 1,
            held: 0,
        },
        messages: vec![failed],
    };
    let job = |name: &'static str, ran: bool| JobStatus {
        name,
        description: "",
        schedule: "0 * * * *".into(),
        timezone: "UTC".into(),
        next_run: Some(at(5, 12)),
        running: false,
        last_run: ran.then(|| JobRun {
            started_at: at(5, 11),
            duration_ms: 12,
            ok: true,
            outcome: "0 expired sessions deleted".into(),
            result: Some(crate::domain::JobOutcome::SessionsCleaned { sessions: 0 }),
            last_success_at: None,
        }),
    };
    let jobs_list = [
        job("outbox_sweep", true),
        job("token_cleanup", false),
        job("admin_digest", false),
        job("booking_reminders", false),
    ];
    let hook = Webhook {
        id: "w1".into(),
        url: "https://hooks.example.org/x".into(),
        events: vec!["booking.created".into()],
        secret: "whsec".into(),
        created_by: me.clone(),
        created_at: at(6, 9),
    };
    let attempt = DeliveryAttempt {
        message_id: "m1".into(),
        event: "booking.created".into(),
        at: at(6, 10),
        status: Some(200),
        error: None,
        duration_ms: 30,
    };
    let hooks = vec![(hook.clone(), vec![attempt]), (hook.clone(), vec![])];
    let notice = |kind, title: &str, read| Notification {
        id: "n".into(),
        member_id: me.clone(),
        kind,
        title: title.into(),
        link: None,
        data: serde_json::Value::Null,
        read,
        created_at: at(7, 9),
    };
    let items = [
        notice(NotificationKind::Test, "Test notification", false),
        notice(
            NotificationKind::MemberPending,
            "Ken Tanaka <ken@example.org> waits for approval",
            true,
        ),
        notice(
            NotificationKind::ImportFinished,
            "Import finished: 2 invited, 1 skipped, 0 with errors",
            true,
        ),
    ];
    let mut schedule_data = Schedule::default();
    schedule_data.weekly.insert(
        "mon".into(),
        vec![Interval {
            start: "09:00".into(),
            end: "17:00".into(),
        }],
    );
    let sched = ScheduleView {
        member: u.member.clone(),
        form: ScheduleForm::saved("Asia/Tokyo", &schedule_data),
        periods: vec![Unavailability {
            id: "u1".into(),
            member_id: me.clone(),
            start: at(8, 0),
            end: at(9, 9),
            reason: "Golden Week".into(),
        }],
        period: PeriodForm::default(),
        editable: true,
    };
    let sched_empty = ScheduleView {
        member: u.member.clone(),
        form: ScheduleForm::saved("Asia/Tokyo", &Schedule::default()),
        periods: vec![],
        period: PeriodForm::default(),
        editable: false,
    };
    vec![
        ("dashboard", dashboard(&u, lang, &dash)),
        (
            "external members, none yet",
            crate::web::views::connect::list(
                &u,
                lang,
                &crate::web::views::connect::ListPage {
                    enabled: true,
                    max: 50,
                    members: &[],
                    team: std::slice::from_ref(&u.member),
                    filter: "",
                    done: None,
                    typed: &Default::default(),
                    error: None,
                },
            ),
        ),
        (
            "settings",
            settings(
                &u,
                lang,
                &settings_view,
                &Flash {
                    new_key: Some("cvn_xyz"),
                    ..Flash::default()
                },
            ),
        ),
        (
            "settings, empty audit and an error",
            settings(
                &u,
                lang,
                &SettingsView {
                    admin: settings_view
                        .admin
                        .map(|a| AdminSections { audit: vec![], ..a }),
                    ..settings::tests::view(&me, at(2, 10))
                },
                &Flash {
                    error: Some((Section::ApiKeys, &invalid("name"))),
                    ..Flash::default()
                },
            ),
        ),
        (
            "mail queue",
            mail_queue(&u, lang, &queue, DeliveryState::Failed, true),
        ),
        (
            "empty mail queue",
            mail_queue(
                &u,
                lang,
                &QueueView {
                    messages: vec![],
                    ..queue
                },
                DeliveryState::Sent,
                false,
            ),
        ),
        ("jobs", jobs(&u, lang, &jobs_list)),
        (
            "mail test, accepted",
            mail_test(&u, lang, &settings::tests::accepted()),
        ),
        (
            "mail test, refused",
            mail_test(&u, lang, &settings::tests::refused()),
        ),
        (
            "webhooks",
            webhooks(
                &u,
                lang,
                &WebhooksPage {
                    hooks: &hooks,
                    created: Some(&hook),
                    error: Some(&invalid("url")),
                    done: Some(WebhooksDone::Pinged),
                    url: "x",
                    events: &["booking.created".to_string()],
                },
            ),
        ),
        ("notifications", notifications(&u, lang, &items)),
        ("no notifications", notifications(&u, lang, &[])),
        (
            "preferences",
            preferences(&u, lang, &Preferences::default(), true, Some(&invalid("x"))),
        ),
        (
            "schedule",
            schedule(&u, lang, &me, &sched, true, Some(&invalid("weekly.mon[0]"))),
        ),
        (
            "empty schedule",
            schedule(
                &u,
                lang,
                &MemberId::from_string("m".to_string()),
                &sched_empty,
                false,
                None,
            ),
        ),
    ]
}

#[test]
fn no_english_text_shows_in_japanese_or_french() {
    assert!(keys().len() > 100, "keys read from the catalog");
    // The check finds English where there is some.
    for (name, page) in pages(Lang::En) {
        let found = english_leaks(Lang::Ja, &readable(&page.into_string()));
        assert!(!found.is_empty(), "{name}: nothing found in English");
    }
    for lang in [Lang::Ja, Lang::Fr] {
        for (name, page) in pages(lang) {
            let html = page.into_string();
            assert!(
                html.contains(&format!("<html lang=\"{}\">", lang.code())),
                "{name} in {}: the page's language",
                lang.code()
            );
            let leaks = english_leaks(lang, &readable(&html));
            assert!(
                leaks.is_empty(),
                "{name} in {}: English shows: {leaks:?}",
                lang.code()
            );
        }
    }
}

#[test]
fn pages_speak_the_reader_s_language() {
    let html = |lang, name| {
        pages(lang)
            .into_iter()
            .find(|(n, _)| *n == name)
            .map(|(_, p)| p.into_string())
            .unwrap()
    };
    let dash = html(Lang::Ja, "dashboard");
    assert!(
        dash.contains("ようこそ、Yamada Hanakoさん。あなたは<strong>Club</strong>のオーナーです。")
    );
    let notes = html(Lang::Fr, "notifications");
    assert!(notes.contains("Notification de test"));
    assert!(notes.contains("Ken Tanaka &lt;ken@example.org&gt; attend une approbation"));
    assert!(notes.contains("Importation terminée\u{a0}: 2 invités, 1 ignoré, 0 en erreur"));
    // Weekdays by name, the form keeping its field names.
    let week = html(Lang::Ja, "schedule");
    assert!(
        week.contains("<legend>月曜日</legend>") && week.contains("name=\"weekly.mon[0].start\"")
    );
    assert!(week.contains("aria-label=\"月曜日の勤務時間1：開始\""));
    // Dates in the member's zone and language.
    assert!(week.contains("2027年3月8日(月) 9:00～2027年3月9日(火) 18:00"));
    assert!(html(Lang::Fr, "jobs").contains("ven. 5 mars 2027 11:00"));
}

#[test]
fn english_pages_keep_their_wording() {
    let html = |name| {
        pages(Lang::En)
            .into_iter()
            .find(|(n, _)| *n == name)
            .map(|(_, p)| p.into_string())
            .unwrap()
    };
    assert!(html("dashboard").contains("Welcome, Hanako. You are owner of <strong>Club</strong>."));
    assert!(html("settings").contains(
        "Scripts call the JSON API with <code>Authorization: Bearer &lt;key&gt;</code>. A key acts as you."
    ));
    assert!(html("webhooks").contains("with the webhook's secret."));
    assert!(html("mail queue").contains("Failed (1)"));
    let notes = html("notifications");
    assert!(notes.contains("Import finished: 2 invited, 1 skipped, 0 with errors"));
    assert!(notes.contains("Ken Tanaka &lt;ken@example.org&gt; waits for approval"));
    assert!(html("schedule").contains("<legend>Monday</legend>"));
}

#[test]
fn the_schedule_editor_shows_no_english_in_japanese_or_french() {
    assert!(editor_keys().len() > 30, "keys read from the catalog");
    let english = pages(Lang::En)
        .into_iter()
        .find(|(n, _)| *n == "schedule")
        .map(|(_, p)| p.into_string())
        .unwrap();
    assert!(!leaks_of(editor_keys(), Lang::Ja, &readable(&english)).is_empty());
    for lang in [Lang::Ja, Lang::Fr] {
        for (name, page) in pages(lang)
            .into_iter()
            .filter(|(n, _)| n.contains("schedule"))
        {
            let html = page.into_string();
            let leaks = leaks_of(editor_keys(), lang, &readable(&html));
            assert!(leaks.is_empty(), "{name} in {}: {leaks:?}", lang.code());
            // The labels the script gives new rows are translated too.
            assert!(!html.contains("working hours {n}"), "{name}");
        }
    }
}

#[test]
fn a_read_only_schedule_offers_no_saving() {
    let u = user(Lang::En);
    let empty = pages(Lang::En)
        .into_iter()
        .find(|(n, _)| *n == "empty schedule")
        .map(|(_, p)| p.into_string())
        .unwrap();
    assert!(empty.contains(r#"<fieldset class="bare" disabled>"#));
    assert!(!empty.contains("Save schedule"));
    assert!(!empty.contains(r#"/unavailability""#));
    let full = pages(Lang::En)
        .into_iter()
        .find(|(n, _)| *n == "schedule")
        .map(|(_, p)| p.into_string())
        .unwrap();
    assert!(full.contains("Save schedule") && full.contains(&u.csrf_token));
    // The refused row is marked, its error next to it and in the banner.
    assert!(full.contains(r#"<li class="pair invalid" data-row>"#));
    assert!(full.contains("Not saved: a whole number"));
}

#[test]
fn markup_slots_follow_the_translation_s_order() {
    let text = format!("{} then {}", SLOTS[1], SLOTS[0]);
    let out = rich(
        &text,
        &[maud::html! { b { "a<" } }, maud::html! { i { "b" } }],
    )
    .into_string();
    assert_eq!(out, "<i>b</i> then <b>a&lt;</b>");
    assert_eq!(rich("x < y", &[]).into_string(), "x &lt; y");
}
