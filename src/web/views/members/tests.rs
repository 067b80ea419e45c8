//! Every page of this area, rendered for Japanese and French readers,
//! shows none of the English texts of its catalog and says its language.

use chrono::{TimeZone, Utc};
use maud::Markup;

use super::*;
use crate::domain::invitation::{JoinRules, REQUIRABLE_FIELDS};
use crate::domain::{Email, Member, MemberState, Role, Schedule};
use crate::error::AppError;
use crate::i18n::{Lang, Msg, t};
use crate::service::members::csv_io::{ImportReport, LineError, Skipped};
use crate::service::members::invitations::{InviteResult, Refusal};
use crate::service::members::organize::{CatalogItem, Defaults};
use crate::web::auth::PageUser;

const ENGLISH: &str = include_str!("../../../../locales/en/members.ftl");
const EDITORS: &str = include_str!("../../../../locales/en/editors.ftl");

/// The keys of this area's catalog and of the editors' (the pickers, the
/// weekly editor, refusal buttons), as written in the English files.
fn keys() -> Vec<&'static str> {
    ENGLISH
        .lines()
        .chain(EDITORS.lines())
        .filter(|l| l.starts_with("mem-") || l.starts_with("ed-"))
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim()))
        .collect()
}

/// The words of an English text between its placeholders.
fn fragments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        match rest.find('{') {
            Some(start) => {
                out.push(rest[..start].to_string());
                match rest[start..].find('}') {
                    Some(end) => rest = &rest[start + end + 1..],
                    None => break,
                }
            }
            None => {
                out.push(rest.to_string());
                break;
            }
        }
    }
    out.into_iter()
        .map(|f| f.trim().to_string())
        .filter(|f| f.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 2)
        .collect()
}

/// What a reader gets to read: text between tags, and the attributes
/// that are read out or shown.
fn readable(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push('\n');
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open..open + close];
        for attribute in ["placeholder", "aria-label", "title", "data-confirm", "alt"] {
            let marker = format!(" {attribute}=\"");
            if let Some(at) = tag.find(&marker) {
                let value = &tag[at + marker.len()..];
                out.push_str(value.split('"').next().unwrap_or(""));
                out.push('\n');
            }
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// `word` in `text` with nothing of a word glued to either side (codes
/// such as `already_active` are not English text).
fn contains_word(text: &str, word: &str) -> bool {
    let glued = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(glued) && !after.is_some_and(glued)
    })
}

fn assert_translated(lang: Lang, page: &str, markup: Markup) {
    let html = markup.into_string();
    assert!(
        html.contains(&format!("<html lang=\"{}\"", lang.code())),
        "{page}: not marked as {}",
        lang.code()
    );
    let shown = readable(&html);
    for key in keys() {
        let translated = t(lang, key);
        for fragment in fragments(&t(Lang::En, key)) {
            // The same words in both languages ("Actions", an example address).
            if translated.contains(&fragment) {
                continue;
            }
            assert!(
                !contains_word(&shown, &fragment),
                "{page} in {}: English text of {key} shown: {fragment:?}",
                lang.code()
            );
        }
    }
}

fn member(email: &str, first: &str, last: &str, role: Role, state: MemberState) -> Member {
    let now = Utc.with_ymd_and_hms(2027, 3, 14, 9, 0, 0).unwrap();
    let mut m = Member::new(
        Email::parse(email).unwrap(),
        role,
        state,
        "Asia/Tokyo",
        "en",
        now,
    );
    m.first_name = first.into();
    m.last_name = last.into();
    m.position = "Konsul".into();
    m.location = "Kyoto".into();
    m.department = Some("Kita".into());
    m
}

fn viewer(lang: Lang) -> PageUser {
    let mut m = member(
        "ann@example.org",
        "Ann",
        "Lee",
        Role::Owner,
        MemberState::Active,
    );
    m.language = lang.code().into();
    PageUser {
        member: m,
        session_token: "s".into(),
        csrf_token: "c".into(),
        unread: 2,
    }
}

fn people() -> Vec<Member> {
    vec![
        member(
            "ken@example.org",
            "健",
            "田中",
            Role::Member,
            MemberState::Pending,
        ),
        member(
            "lia@example.org",
            "Lia",
            "Moreau",
            Role::Manager,
            MemberState::Invited,
        ),
        member(
            "max@example.org",
            "Max",
            "Roy",
            Role::Restricted,
            MemberState::Draft,
        ),
        member(
            "ola@example.org",
            "Ola",
            "Berg",
            Role::Admin,
            MemberState::Rejected,
        ),
        member(
            "pat@example.org",
            "Pat",
            "Kim",
            Role::Member,
            MemberState::Terminated,
        ),
        member(
            "ray@example.org",
            "Ray",
            "Ito",
            Role::Member,
            MemberState::Active,
        ),
    ]
}

const BOTH: [Lang; 2] = [Lang::Ja, Lang::Fr];

#[test]
fn the_members_list_is_translated() {
    let departments = vec!["Kita".to_string()];
    let positions = vec!["Coach".to_string()];
    let locations = vec!["Lyon".to_string()];
    let counts: Vec<(MemberState, usize)> = MemberState::ALL.into_iter().map(|s| (s, 3)).collect();
    let members = people();
    for lang in BOTH {
        let user = viewer(lang);
        let done = done_text(lang, "ken@example.org", crate::domain::Transition::Approve);
        let page = list_page(
            &user,
            lang,
            &ListPage {
                current: MemberState::Pending,
                counts: &counts,
                departments: &departments,
                positions: &positions,
                locations: &locations,
                members: &members,
                found: 120,
                total: 130,
                page_no: 1,
                pages: 3,
                previous: Some("/members?page=0".into()),
                next: Some("/members?page=2".into()),
                filters: Filters::default(),
                done: Some(&done),
                admin: true,
                can_invite: true,
                can_apply_to_others: true,
            },
        );
        let html = page.clone().into_string();
        // Bulk edit picks from the organization's lists, not free text.
        for (name, value) in [
            ("department", "Kita"),
            ("position", "Coach"),
            ("location", "Lyon"),
        ] {
            let select = html
                .split(&format!("<select name=\"{name}\""))
                .nth(if name == "department" { 2 } else { 1 })
                .unwrap_or_else(|| panic!("no {name} picker in the bulk form"));
            let select = select.split("</select>").next().unwrap();
            assert!(
                select.contains(&format!("<option value=\"{value}\">")),
                "{select}"
            );
        }
        assert_translated(lang, "members list", page);
        for (key, empty) in [("mem-list-alone", (1, 0)), ("mem-list-none-match", (5, 0))] {
            let page = list_page(
                &user,
                lang,
                &ListPage {
                    current: MemberState::Active,
                    counts: &counts,
                    departments: &departments,
                    positions: &[],
                    locations: &[],
                    members: &[],
                    found: empty.1,
                    total: empty.0,
                    page_no: 0,
                    pages: 0,
                    previous: None,
                    next: None,
                    filters: Filters::default(),
                    done: Some(&bulk_done_text(lang, 3)),
                    admin: true,
                    can_invite: true,
                    can_apply_to_others: false,
                },
            )
            .into_string();
            assert!(page.contains(&t(lang, key)), "{key}");
        }
    }
}

fn lists(others: &[Member]) -> OrgLists {
    OrgLists {
        departments: vec!["Kita".into()],
        positions: vec!["Konsul".into(), "Lead".into()],
        locations: vec!["Kyoto".into()],
        supervisors: others
            .iter()
            .filter(|m| m.state == MemberState::Active)
            .cloned()
            .collect(),
        former_supervisor: None,
    }
}

#[test]
fn a_members_page_is_translated_with_its_notices_and_errors() {
    let others = people();
    let lists = lists(&others);
    let target = &others[0];
    for lang in BOTH {
        let user = viewer(lang);
        let apply = ApplyChoice {
            fields: vec!["role".into()],
            targets: vec![others[1].id.clone()],
            role_confirmed: false,
        };
        let editable = crate::policy::editable_fields(&user.member, target);
        let error = AppError::Invalid {
            code: "role_copy_unconfirmed",
            message: Msg::key("mem-apply-role-unconfirmed"),
            field: None,
        };
        let page = profile_page(
            &user,
            lang,
            &ProfilePage {
                member: target,
                lists: &lists,
                others: &others[1..],
                editable,
                owner: true,
                saved: None,
                error: Some(&error),
                apply: &apply,
            },
        );
        let html = page.into_string();
        assert!(html.contains(&t(lang, "mem-apply-role-unconfirmed")));
        // The ticked boxes come back ticked.
        assert!(html.contains(r#"name="apply_role_confirmed" value="1">"#));
        assert!(html.contains(r#"value="role" checked"#));
        // Japanese readers get the family name first.
        if lang == Lang::Ja {
            assert!(html.contains("<h1>田中 健</h1>"));
            assert!(html.contains("Moreau Lia"));
        }
        assert_translated(lang, "member page", maud::PreEscaped(html));
        let saved = profile_page(
            &user,
            lang,
            &ProfilePage {
                member: target,
                lists: &lists,
                others: &others[1..],
                editable,
                owner: true,
                saved: Some(Saved {
                    pending_email: Some("ken.new@example.org".into()),
                    applied: 2,
                }),
                error: None,
                apply: &ApplyChoice::default(),
            },
        );
        assert_translated(lang, "member page saved", saved);
    }
}

fn result(email: &str, code: Option<&'static str>) -> InviteResult {
    InviteResult {
        email: email.into(),
        ok: code.is_none(),
        member_id: code.map(|_| crate::domain::MemberId::from_string(format!("id-{email}"))),
        error: code.map(|code| Refusal {
            code,
            message: format!("{email} english words from the service").into(),
        }),
    }
}

#[test]
fn the_invitation_form_and_its_results_are_translated() {
    let supervisors = people();
    let departments = vec!["Kita".to_string()];
    let results: Vec<InviteResult> = [
        None,
        Some("invalid_email"),
        Some("duplicate"),
        Some("already_active"),
        Some("already_pending"),
        Some("previously_rejected"),
        Some("previously_removed"),
        Some("already_invited"),
        Some("already_known"),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, code)| result(&format!("p{i}@example.org"), code))
    .collect();
    let outcomes: Vec<InviteOutcome<'_>> = results
        .iter()
        .enumerate()
        .map(|(i, result)| InviteOutcome {
            result,
            draft: i == 7,
        })
        .collect();
    let roles = [Role::Admin, Role::Manager, Role::Member, Role::Restricted];
    for lang in BOTH {
        let user = viewer(lang);
        for admin in [true, false] {
            let error = AppError::ForbiddenField("as_new".into());
            let html = invite_page(
                &user,
                lang,
                &InvitePage {
                    departments: &departments,
                    positions: &departments,
                    locations: &departments,
                    supervisors: &supervisors,
                    roles: &roles,
                    admin,
                    typed: Typed {
                        as_new: true,
                        ..Typed::default()
                    },
                    results: Some(&outcomes),
                    error: Some(&error),
                },
            )
            .into_string();
            assert!(
                !html.contains("english words"),
                "refusals in the reader's language"
            );
            assert!(!html.contains(r#"value="owner""#));
            let draft = crate::tr!(lang, "mem-refusal-draft", email = "p7@example.org");
            assert!(html.contains(&draft), "{draft}");
            assert_translated(lang, "invite", maud::PreEscaped(html));
        }
    }
}

#[test]
fn the_organization_pages_are_translated() {
    let rules = JoinRules {
        inviting_verification: true,
        public_join: false,
        required_fields: vec![REQUIRABLE_FIELDS[0].to_string()],
        invitation_days: 7,
    };
    let report = ImportReport {
        invited: 2,
        skipped: vec![Skipped {
            line: 3,
            email: "ken@example.org".into(),
            code: "already_active",
        }],
        errors: vec![LineError {
            line: 4,
            code: "invalid_email",
            message: "x".into(),
            field: Some("email".into()),
        }],
    };
    let items = vec![
        CatalogItem {
            name: "Kita".into(),
            members: 1,
        },
        CatalogItem {
            name: "Minami".into(),
            members: 4,
        },
    ];
    for lang in BOTH {
        let user = viewer(lang);
        let link = invite_link_page(
            &user,
            lang,
            "https://convene.example/join/org/tok",
            "https://convene.example",
            "12345678",
            "<svg></svg>",
            &rules,
        );
        let html = link.into_string();
        assert!(html.contains(r#"<strong data-testid="join-code">12345678</strong>"#));
        assert!(html.contains("<code>https://convene.example/join</code>"));
        assert_translated(lang, "invite link", maud::PreEscaped(html));
        let import = import_page(&user, lang, Some(&report), None).into_string();
        assert!(import.contains("<strong>2</strong>"));
        assert_translated(lang, "import", maud::PreEscaped(import));
        for kind in crate::domain::CatalogKind::ALL {
            let done = crate::tr!(lang, "mem-org-renamed", name = "Minami");
            let page = structure_page(
                &user,
                lang,
                &StructurePage {
                    kind,
                    items: &items,
                    done: Some(&done),
                },
            );
            assert_translated(lang, "organization", page);
        }
        let empty = structure_page(
            &user,
            lang,
            &StructurePage {
                kind: crate::domain::CatalogKind::Location,
                items: &[],
                done: None,
            },
        );
        assert_translated(lang, "organization, empty", empty);
    }
}

#[test]
fn the_account_defaults_are_translated() {
    let defaults = DefaultsForm::saved(&Defaults {
        timezone: "Asia/Tokyo".into(),
        language: "ja".into(),
        schedule: Schedule::office_hours(),
    });
    for lang in BOTH {
        let user = viewer(lang);
        let error = AppError::invalid("weekly.mon[0]", Msg::key("err-schedule-time-format"));
        let html = defaults_page(&user, lang, &defaults, true, Some(&error)).into_string();
        // The same editor as a member's schedule, with its pickers.
        assert!(html.contains(r#"name="weekly.fri[0].end" value="17:00""#));
        assert!(html.contains(r#"<option value="ja" lang="ja" selected>日本語</option>"#));
        assert!(html.contains(r#"<option value="Asia/Tokyo" selected>Asia/Tokyo</option>"#));
        assert!(html.contains(&t(lang, "err-schedule-time-format")));
        assert_translated(lang, "defaults", maud::PreEscaped(html));
    }
}

#[test]
fn markup_goes_where_the_translation_puts_it() {
    let text = format!("a {} b {} c", slot(1), slot(0));
    let out = rich(
        &text,
        &[maud::html! { i { "x" } }, maud::html! { b { "<y>" } }],
    );
    assert_eq!(out.into_string(), "a <b>&lt;y&gt;</b> b <i>x</i> c");
    // Text of the catalog is escaped; a slot with no piece is dropped.
    assert_eq!(
        rich(&format!("<{}>", slot(5)), &[]).into_string(),
        "&lt;&gt;"
    );
}

#[test]
fn english_stays_as_it_was() {
    let en = Lang::En;
    assert_eq!(
        done_text(
            en,
            "pat@example.org",
            crate::domain::Transition::CancelInvitation
        ),
        "pat@example.org: cancel invitation done."
    );
    assert_eq!(bulk_done_text(en, 1), "1 member updated.");
    assert_eq!(bulk_done_text(en, 3), "3 members updated.");
    assert_eq!(
        crate::tr!(
            en,
            "mem-import-summary",
            invited = 2,
            shown = "2",
            skipped = 1_usize,
            errors = 0_usize
        ),
        "2 invited, 1 skipped, 0 with errors."
    );
    assert_eq!(
        crate::tr!(en, "mem-refusal-invalid-email", address = "not-an-address"),
        "\"not-an-address\" is not a valid email address"
    );
    assert_eq!(
        crate::tr!(en, "mem-list-tab", state = "Active", count = 3),
        "Active (3)"
    );
}

/// The invitation page after refusals, seen by an admin or not.
fn refused_page(lang: Lang, admin: bool) -> String {
    let codes = [
        "already_pending",
        "previously_rejected",
        "previously_removed",
        "already_invited",
        "already_invited",
        "already_active",
        "invalid_email",
    ];
    let results: Vec<InviteResult> = codes
        .iter()
        .enumerate()
        .map(|(i, code)| result(&format!("r{i}@example.org"), Some(*code)))
        .collect();
    let outcomes: Vec<InviteOutcome<'_>> = results
        .iter()
        .enumerate()
        .map(|(i, result)| InviteOutcome {
            result,
            draft: i == 4,
        })
        .collect();
    let departments = vec!["Kita".to_string()];
    invite_page(
        &viewer(lang),
        lang,
        &InvitePage {
            departments: &departments,
            positions: &[],
            locations: &[],
            supervisors: &[],
            roles: &[Role::Member],
            admin,
            typed: Typed {
                emails: "r0@example.org",
                department: "Kita",
                role: "member",
                ..Typed::default()
            },
            results: Some(&outcomes),
            error: None,
        },
    )
    .into_string()
}

#[test]
fn each_refusal_carries_the_button_that_settles_it() {
    let html = refused_page(Lang::En, true);
    let form = |id: &str, action: &str| {
        format!(
            r#"<form class="resolve" method="post" action="/members/id-{id}@example.org/do/{action}"><input type="hidden" name="csrf_token" value="c">"#
        )
    };
    assert!(html.contains(&form("r0", "approve")), "pending: approve");
    assert!(
        html.contains(&form("r1", "reexamine")),
        "rejected: re-examine"
    );
    assert!(html.contains(&form("r2", "restore")), "removed: restore");
    assert!(
        html.contains(&form("r3", "resend-invitation")),
        "invited: resend"
    );
    assert!(
        html.contains(&form("r4", "activate")),
        "draft: send the invitation"
    );
    assert!(html.contains(r#"<a href="/members/id-r5@example.org" aria-describedby="invite-row-5">Open the member's page</a>"#));
    // A removed address can also be invited again as a new person, with
    // the placement of the refused invitation.
    let again = html
        .split(r#"<form class="resolve" method="post" action="/members/invite">"#)
        .nth(1)
        .and_then(|rest| rest.split("</form>").next())
        .unwrap();
    assert!(again.contains(r#"name="emails" value="r2@example.org""#));
    assert!(again.contains(r#"name="as_new" value="1""#));
    assert!(again.contains(r#"name="department" value="Kita""#));
    assert!(again.contains(r#"name="csrf_token" value="c""#));
    assert!(again.contains(">Invite as a new person</button>"));
    // Each button names the address it acts on.
    assert!(html.contains(r#"aria-describedby="invite-row-0">Approve</button>"#));
    // A bad address has nothing to settle.
    assert_eq!(html.matches(r#"data-testid="resolve""#).count(), 6);
    // Only admins learn whose address it is, and act on it.
    let not_admin = refused_page(Lang::En, false);
    assert!(!not_admin.contains("/do/") && !not_admin.contains("as_new"));
    for lang in BOTH {
        let html = refused_page(lang, true);
        assert!(html.contains(&t(lang, "ed-resolve-approve")));
        assert_translated(lang, "invite refusals", maud::PreEscaped(html));
    }
}

#[test]
fn an_import_report_says_what_each_skipped_line_means() {
    let skipped = [
        "duplicate_in_file",
        "already_active",
        "already_pending",
        "previously_rejected",
        "previously_removed",
        "already_invited",
    ];
    let report = ImportReport {
        invited: 1,
        skipped: skipped
            .iter()
            .enumerate()
            .map(|(i, code)| Skipped {
                line: i + 2,
                email: format!("s{i}@example.org"),
                code,
            })
            .collect(),
        errors: vec![
            LineError {
                line: 9,
                code: "unknown_department",
                message: Msg::key("err-csv-unknown-department").arg("department", "Mars"),
                field: Some("department".into()),
            },
            LineError {
                line: 10,
                code: "invalid_email",
                message: Msg::key("err-not-an-email").arg("email", "nobody"),
                field: Some("email".into()),
            },
        ],
    };
    for lang in [Lang::En, Lang::Ja, Lang::Fr] {
        let html = import_page(&viewer(lang), lang, Some(&report), None).into_string();
        for (key, code) in [
            ("ed-import-skip-duplicate", "duplicate_in_file"),
            ("ed-import-skip-active", "already_active"),
            ("ed-import-skip-pending", "already_pending"),
            ("ed-import-skip-rejected", "previously_rejected"),
            ("ed-import-skip-removed", "previously_removed"),
            ("ed-import-skip-invited", "already_invited"),
        ] {
            let sentence = maud::html! { (t(lang, key)) }.into_string();
            assert!(html.contains(&sentence), "{}: {key}", lang.code());
            assert!(
                html.contains(&format!("({code})")),
                "the code stays: {code}"
            );
        }
        for key in ["ed-import-fix-department", "ed-import-fix-email"] {
            let advice = maud::html! { (t(lang, key)) }.into_string();
            assert!(html.contains(&advice), "{}: {key}", lang.code());
        }
        // The list where the member can be settled.
        assert!(html.contains(r#"<a href="/members?state=pending">"#));
        assert!(html.contains(r#"<a href="/members?state=terminated">"#));
        if lang != Lang::En {
            assert_translated(lang, "import explained", maud::PreEscaped(html));
        }
    }
    assert!(
        import_page(&viewer(Lang::En), Lang::En, Some(&report), None)
            .into_string()
            .contains("This person has already joined and waits for approval")
    );
}

#[test]
fn the_members_page_chooses_from_lists_and_names_the_supervisor() {
    let others = people();
    let mut lists = lists(&others);
    let mut target = others[5].clone();
    let boss = others[4].clone();
    target.supervisor_id = Some(boss.id.clone());
    target.position = "Old title".into();
    lists.former_supervisor = Some(boss.clone());
    let user = viewer(Lang::En);
    let page = |target: &Member, editable| {
        profile_page(
            &user,
            Lang::En,
            &ProfilePage {
                member: target,
                lists: &lists,
                others: &others,
                editable,
                owner: false,
                saved: None,
                error: None,
                apply: &ApplyChoice::default(),
            },
        )
        .into_string()
    };
    let html = page(
        &target,
        crate::policy::editable_fields(&user.member, &target),
    );
    assert!(html.contains(r#"<select id="f-supervisor_id" name="supervisor_id">"#));
    // A supervisor who left is still named, with their state.
    assert!(html.contains(&format!(
        r#"<option value="{}" selected>Pat Kim (terminated)</option>"#,
        boss.id
    )));
    // Nobody is offered as their own supervisor.
    assert!(!html.contains(&format!(r#"<option value="{}""#, target.id)));
    // A stored position off the list stays shown and chosen.
    assert!(html.contains(r#"<option value="Old title" selected>Old title</option>"#));
    assert!(html.contains(r#"<option value="Lead">Lead</option>"#));
    assert!(html.contains(r#"<select id="f-timezone" name="timezone">"#));
    assert!(html.contains(r#"type="search" id="f-timezone-filter" hidden"#));
    assert!(html.contains(r#"<option value="en" lang="en" selected>English</option>"#));
    // Someone who may not change the organizational fields sees them off.
    let own = crate::policy::editable_fields(&others[5], &target);
    let html = page(&target, own);
    assert!(html.contains(r#"<select id="f-supervisor_id" name="supervisor_id" disabled>"#));
    assert!(html.contains(r#"<select id="f-position" name="position" disabled>"#));
}
