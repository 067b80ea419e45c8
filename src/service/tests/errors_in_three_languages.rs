//! Errors are told in the reader's language: typical refusals of the
//! services, rendered in English, Japanese and French, carry their values
//! in each; and no service builds a message from bare English text.

use std::path::{Path, PathBuf};

use super::World;
use crate::domain::{CatalogKind, MemberState, Role};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::policy::{self, Action};
use crate::service::booking::pages::{self, PageInput};
use crate::service::booking::parse_query;
use crate::service::members::organize;

/// The error of a call that must fail.
fn refused<T>(r: Result<T, AppError>) -> AppError {
    match r {
        Err(e) => e,
        Ok(_) => panic!("the call was not refused"),
    }
}

/// The text in each language: English as given, the others different from
/// it and each holding every value.
fn told(e: &AppError, english: &str, values: &[&str]) {
    assert_eq!(e.text(Lang::En), english);
    for lang in [Lang::Ja, Lang::Fr] {
        let text = e.text(lang);
        assert_ne!(text, english, "{} is still English", lang.code());
        for v in values {
            assert!(text.contains(v), "{}: {text:?} lacks {v:?}", lang.code());
        }
    }
}

#[test]
fn an_invalid_slot_query_is_told_in_each_language() {
    let e = refused(parse_query("2031-03-10", "2031-03-01", "Europe/Paris"));
    assert_eq!(e.field(), Some("to"));
    told(&e, "must not be before from", &[]);
    let e = refused(parse_query("2031-03-01", "2031-06-01", "Europe/Paris"));
    told(&e, "at most 62 days at a time", &["62"]);
    let e = refused(parse_query("March 1st", "2031-03-02", "Europe/Paris"));
    told(
        &e,
        "a date like 2027-03-15 (a date between 1970 and 2200)",
        &["2027-03-15", "1970", "2200"],
    );
}

#[test]
fn an_unknown_time_zone_is_quoted_in_each_language() {
    let e = refused(parse_query("2031-03-01", "2031-03-02", "Asia/Tokio"));
    told(&e, "unknown time zone \"Asia/Tokio\"", &["Asia/Tokio"]);
    assert!(e.text(Lang::Ja).contains("「Asia/Tokio」"));
    assert!(e.text(Lang::Fr).contains("«\u{a0}Asia/Tokio\u{a0}»"));
}

#[test]
fn a_taken_slug_names_the_address_in_each_language() {
    let w = World::new();
    let page = |slug: &str| PageInput {
        slug: Some(slug.into()),
        title: Some("Intro call".into()),
        duration_minutes: Some(30),
        hosts: Some(vec![w.owner.id.clone()]),
        ..PageInput::default()
    };
    pages::create(&w.store, &w.owner, page("intro"), w.now).unwrap();
    let e = pages::create(&w.store, &w.owner, page("intro"), w.now).unwrap_err();
    assert_eq!(e.code(), "slug_taken");
    told(
        &e,
        "the address /book/intro is already used by another page",
        &["/book/intro"],
    );
}

#[test]
fn a_forbidden_action_names_the_role_in_each_language() {
    let e = policy::require(Role::Restricted, Action::AdministerMembers).unwrap_err();
    assert_eq!(e.code(), "forbidden");
    told(&e, "your role (restricted) does not allow this action", &[]);
    assert!(e.text(Lang::Ja).contains("制限付きメンバー"));
    assert!(e.text(Lang::Fr).contains("membre restreint"));

    let w = World::new();
    let restricted = w.member("rita@example.org", Role::Restricted, MemberState::Active);
    let e = pages::create(&w.store, &restricted, PageInput::default(), w.now).unwrap_err();
    told(&e, "you may not create booking pages", &[]);
}

#[test]
fn limits_and_names_are_arguments_in_each_language() {
    let w = World::new();
    let admin = policy::admin(&w.owner).unwrap();
    organize::create_catalog(&w.store, admin, CatalogKind::Department, "Sales", w.now).unwrap();
    let e = refused(organize::create_catalog(
        &w.store,
        admin,
        CatalogKind::Department,
        "Sales",
        w.now,
    ));
    told(&e, "the department \"Sales\" already exists", &["Sales"]);
    assert!(e.text(Lang::Ja).starts_with("部署"));
    assert!(e.text(Lang::Fr).starts_with("Le service"));

    let long = "x".repeat(101);
    let e = refused(organize::create_catalog(
        &w.store,
        admin,
        CatalogKind::Position,
        &long,
        w.now,
    ));
    told(&e, "a name of 1 to 100 characters", &["100"]);

    // Fluent writes no digit groups: the limits English writes with one
    // are spelled out in the catalog, in each language's way.
    let e = pages::create(
        &w.store,
        &w.owner,
        PageInput {
            slug: Some("intro".into()),
            title: Some("Intro call".into()),
            description: Some("x".repeat(5_001)),
            duration_minutes: Some(30),
            hosts: Some(vec![w.owner.id.clone()]),
            ..PageInput::default()
        },
        w.now,
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("description"));
    told(&e, "at most 5,000 characters", &["5"]);
    assert!(e.text(Lang::Ja).contains("5,000"));
    assert!(e.text(Lang::Fr).contains("5\u{a0}000"));
}

/// Files under `src/service` read at test time, with their paths.
fn service_sources() -> Vec<(PathBuf, String)> {
    crate::i18n::checks::rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/service"))
}

/// Messages given as plain text on purpose: (file, the start of the
/// plain text's expression). Keep short, and say why.
const PLAIN_ON_PURPOSE: &[(&str, &str)] = &[
    // The outbound address policy explains itself with the address and
    // the network it belongs to.
    ("org/webhooks.rs", "Msg::plain(e.to_string())"),
];

/// Where a message is given: after `invalid(<field>, `, `forbidden(`,
/// `bad_request(` or `message:`, the expression that follows.
fn message_expressions(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut push = |rest: &str| {
        let expr: String = rest.trim_start().chars().take(60).collect();
        found.push(expr);
    };
    for (i, _) in flat.match_indices("AppError::invalid(") {
        let rest = &flat[i + "AppError::invalid(".len()..];
        // Past the field: a literal, a name or a `&format!(..)`, up to the
        // comma at depth zero.
        let mut depth = 0i32;
        let mut cut = None;
        for (j, c) in rest.char_indices() {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    cut = Some(j + 1);
                    break;
                }
                _ => {}
            }
        }
        if let Some(cut) = cut {
            push(&rest[cut..]);
        }
    }
    for needle in ["AppError::forbidden(", "AppError::bad_request(", "message:"] {
        for (i, _) in flat.match_indices(needle) {
            push(&flat[i + needle.len()..]);
        }
    }
    found
}

fn is_bare_text(expr: &str) -> bool {
    expr.starts_with('"')
        || expr.starts_with("format!")
        || expr.starts_with("Msg::plain")
        || expr.starts_with("Msg::from")
        || expr.contains(".to_string().into()")
}

#[test]
fn service_messages_come_from_the_catalog() {
    let sources = service_sources();
    assert!(sources.len() > 20, "the service sources were not found");
    let mut bare = Vec::new();
    let mut allowed_seen = 0;
    for (path, text) in &sources {
        let rel = path
            .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/service"))
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        // Tests build messages to compare with, not to show.
        if rel.starts_with("tests/") || rel.ends_with("_tests.rs") {
            continue;
        }
        let code = text.split("#[cfg(test)]").next().unwrap_or(text);
        for expr in message_expressions(code) {
            if !is_bare_text(&expr) {
                continue;
            }
            if PLAIN_ON_PURPOSE
                .iter()
                .any(|(file, start)| rel == *file && expr.starts_with(start))
            {
                allowed_seen += 1;
                continue;
            }
            bare.push(format!("{rel}: {expr}"));
        }
    }
    assert!(
        bare.is_empty(),
        "messages not from the catalog (use Msg::key(\"err-…\")):\n{}",
        bare.join("\n")
    );
    assert_eq!(
        allowed_seen,
        PLAIN_ON_PURPOSE.len(),
        "an allowed plain message is gone: shorten PLAIN_ON_PURPOSE"
    );
}

#[test]
fn the_scan_finds_bare_messages() {
    let code = r#"
        return Err(AppError::invalid("name", "a name"));
        return Err(AppError::invalid(&format!("q[{i}]"), format!("at most {n}")));
        Err(AppError::forbidden("no"))
        AppError::Conflict { code: "x", message: format!("{a} taken").into() }
        AppError::invalid("ok", Msg::key("err-required"))
        AppError::Gone { message: Msg::key("err-page-disabled") }
    "#;
    let bare: Vec<String> = message_expressions(code)
        .into_iter()
        .filter(|e| is_bare_text(e))
        .collect();
    assert_eq!(bare.len(), 4, "{bare:?}");
}
