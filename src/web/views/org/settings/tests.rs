//! The settings page and the test message's answer as each reader sees
//! them. The area's tests (`org/tests.rs`) also render these in Japanese
//! and French and look for English left in them.

use chrono::{DateTime, TimeZone, Utc};

use super::*;
use crate::domain::{ApiKeyId, Email, Member, MemberId, MemberState, Role};
use crate::mail::transport::{TestFailure, TestSend};
use crate::store::JobRun;
use crate::web::views::org::mail_test;

fn at(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, d, 9, 0, 0).unwrap()
}

/// An admin view of the page: a light brand colour, a key, a job, an
/// audit entry.
pub fn view(me: &MemberId, created: DateTime<Utc>) -> SettingsView {
    SettingsView {
        org: OrgSettings {
            name: "Club".into(),
            timezone: "Asia/Tokyo".into(),
            language: "ja".into(),
            brand_color: Some("#ffcc00".into()),
        },
        keys: vec![ApiKeyRecord {
            id: ApiKeyId::from_string("k1".to_string()),
            member_id: me.clone(),
            name: "ci".into(),
            prefix: "cvn_abc".into(),
            created_at: created,
        }],
        admin: Some(AdminSections {
            owner: true,
            rules: JoinRules::default(),
            allow_overlap: true,
            mail: MailSummary {
                transport: "smtp".into(),
                destination: "mail.example.org:587".into(),
                from: "Club <club@example.org>".into(),
            },
            jobs: vec![JobStatus {
                name: "outbox_sweep",
                description: "",
                schedule: "*/5 * * * *".into(),
                timezone: "UTC".into(),
                next_run: None,
                running: false,
                last_run: Some(JobRun {
                    started_at: created,
                    duration_ms: 3,
                    ok: false,
                    outcome: "2 failed".into(),
                    result: None,
                    last_success_at: None,
                }),
            }],
            webhooks: 2,
            audit: vec![AuditEntry {
                at: created,
                actor: None,
                action: "org.settings_changed".into(),
                target: None,
                detail: serde_json::Value::Null,
            }],
        }),
    }
}

pub fn accepted() -> TestSend {
    TestSend::Accepted {
        server: "mail.example.org:587".into(),
        code: "250".into(),
        text: "2.0.0 Ok: queued as 4F2A1".into(),
    }
}

pub fn refused() -> TestSend {
    TestSend::Failed {
        server: "127.0.0.1:2525".into(),
        failure: TestFailure::Refused("Connection refused (os error 111)".into()),
    }
}

fn user(role: Role, lang: Lang) -> PageUser {
    let mut m = Member::new(
        Email::parse("ann@example.org").unwrap(),
        role,
        MemberState::Active,
        "UTC",
        lang.code(),
        at(1),
    );
    m.first_name = "Ann".into();
    PageUser {
        member: m,
        session_token: "s".into(),
        csrf_token: "c".into(),
        unread: 0,
    }
}

fn render(role: Role, view: &SettingsView, flash: &Flash<'_>) -> String {
    settings(&user(role, Lang::En), Lang::En, view, flash).into_string()
}

#[test]
fn owners_see_every_section_and_may_change_the_defaults() {
    let u = user(Role::Owner, Lang::En);
    let html = render(Role::Owner, &view(&u.member.id, at(2)), &Flash::default());
    for id in [
        "organization",
        "api-keys",
        "join-rules",
        "booking",
        "mail",
        "jobs",
        "webhooks",
        "audit",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "section {id}");
    }
    assert!(
        html.contains("<select id=\"f-timezone\" name=\"timezone\">"),
        "{html}"
    );
    assert!(html.contains("<option value=\"Asia/Tokyo\" selected>Asia/Tokyo</option>"));
    assert!(html.contains("<option value=\"ja\" lang=\"ja\" selected>日本語</option>"));
    assert!(html.contains("action=\"/settings/api-keys/k1/regenerate\""));
    // The SMTP server by host and port; the last run of each job.
    assert!(html.contains("<code>mail.example.org:587</code>"));
    assert!(
        html.contains("<span class=\"fail\">2 failed</span>"),
        "{html}"
    );
    assert!(html.contains("<p>2 webhooks.</p>"));
}

#[test]
fn a_light_colour_says_which_shade_the_pages_use() {
    let u = user(Role::Owner, Lang::En);
    let html = render(Role::Owner, &view(&u.member.id, at(2)), &Flash::default());
    let accent = OrgSettings {
        brand_color: Some("#ffcc00".into()),
        ..view(&u.member.id, at(2)).org
    }
    .accent()
    .unwrap();
    assert!(accent.darkened());
    let note = format!(
        "#ffcc00 is too light to read on the pages ({:.1}:1, at least 4.5:1 is needed), so they use the darker {} instead.",
        accent.chosen_contrast,
        accent.light.hex()
    );
    assert!(html.contains(&note), "{html}");
    assert!(html.contains("type=\"color\" value=\"#ffcc00\""));
}

#[test]
fn admins_who_are_not_owners_see_the_defaults_locked() {
    let u = user(Role::Admin, Lang::En);
    let mut v = view(&u.member.id, at(2));
    if let Some(a) = v.admin.as_mut() {
        a.owner = false;
    }
    let html = render(Role::Admin, &v, &Flash::default());
    assert!(html.contains("<select id=\"f-timezone\" name=\"timezone\" disabled>"));
    assert!(html.contains("<select id=\"f-language\" name=\"language\" disabled>"));
    assert!(html.contains("Only the owner can change the time zone and the language"));
}

#[test]
fn members_see_the_name_and_their_keys_only() {
    let u = user(Role::Member, Lang::En);
    let v = SettingsView {
        admin: None,
        ..view(&u.member.id, at(2))
    };
    let html = render(Role::Member, &v, &Flash::default());
    assert!(html.contains("<p>Club</p>"));
    assert!(html.contains("id=\"api-keys\""));
    for hidden in [
        "/settings/organization",
        "join-rules",
        "/admin/mail/test",
        "Audit log",
    ] {
        assert!(!html.contains(hidden), "{hidden}");
    }
}

#[test]
fn a_refused_form_keeps_what_was_typed_and_shows_the_field_error() {
    let u = user(Role::Owner, Lang::En);
    let typed = OrgForm {
        name: "Club du Lac".into(),
        timezone: "Europe/Paris".into(),
        language: "fr".into(),
        brand_color: "#123456".into(),
        brand_default: false,
    };
    let e = AppError::invalid("name", crate::i18n::Msg::key("settings-err-name-empty"));
    let flash = Flash {
        error: Some((Section::Organization, &e)),
        org: Some(&typed),
        ..Flash::default()
    };
    let html = render(Role::Owner, &view(&u.member.id, at(2)), &flash);
    assert!(
        html.contains("value=\"Club du Lac\" required aria-invalid=\"true\""),
        "{html}"
    );
    assert!(
        html.contains("<p class=\"error\" id=\"f-name-error\">the organization needs a name</p>")
    );
    assert!(html.contains("<option value=\"Europe/Paris\" selected>"));
    assert!(html.contains("type=\"color\" value=\"#123456\""));
    // Only that section shows an outcome.
    assert!(!html.contains("role=\"status\""));
}

#[test]
fn a_saved_section_says_so_once() {
    let u = user(Role::Owner, Lang::En);
    let flash = Flash {
        saved: Some(Section::Booking),
        ..Flash::default()
    };
    let html = render(Role::Owner, &view(&u.member.id, at(2)), &flash);
    assert_eq!(
        html.matches("<p class=\"toast ok\" role=\"status\">Saved.</p>")
            .count(),
        1
    );
    let booking = &html[html.find("id=\"booking\"").unwrap()..];
    assert!(
        booking.starts_with("id=\"booking\">Booking</h2><p class=\"toast ok\""),
        "{booking}"
    );
}

#[test]
fn the_test_message_shows_the_server_s_answer() {
    let u = user(Role::Owner, Lang::En);
    let html = mail_test(&u, Lang::En, &accepted()).into_string();
    assert!(html.contains(
        "The mail server mail.example.org:587 accepted the message for ann@example.org."
    ));
    assert!(html.contains("data-testid=\"smtp-answer\">250 2.0.0 Ok: queued as 4F2A1</code>"));
    let html = mail_test(&u, Lang::En, &refused()).into_string();
    assert!(html.contains("Nothing answered at 127.0.0.1:2525: the connection was refused."));
    assert!(html.contains("role=\"alert\""));
    let auth = TestSend::Failed {
        server: "mail.example.org:587".into(),
        failure: TestFailure::Auth {
            code: "535".into(),
            text: "5.7.8 Authentication credentials invalid".into(),
        },
    };
    let html = mail_test(&u, Lang::Ja, &auth).into_string();
    assert!(
        html.contains("mail.example.org:587 がログインを拒否しました。"),
        "{html}"
    );
    assert!(html.contains(">535 5.7.8 Authentication credentials invalid</code>"));
}
