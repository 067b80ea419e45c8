//! CSV import: good rows invite, bad rows are reported by line and leave
//! nothing behind, known people are skipped, departments are created only
//! on request, and the daily limit holds.

use super::{BASE_URL, World};
use crate::domain::{CatalogKind, Member, MemberState, Role};
use crate::error::AppError;
use crate::policy;
use crate::service::members::csv_io::{ImportOptions, ImportReport, import};

fn options(create_departments: bool) -> ImportOptions {
    ImportOptions {
        client_ip: "192.0.2.7".into(),
        create_departments,
        rows_per_day: 1000,
    }
}

fn run(w: &World, file: &str, options: &ImportOptions) -> Result<ImportReport, AppError> {
    run_as(w, &w.owner, file, options)
}

fn run_as(
    w: &World,
    importer: &Member,
    file: &str,
    options: &ImportOptions,
) -> Result<ImportReport, AppError> {
    let admin = policy::admin(importer).unwrap();
    import(&w.store, BASE_URL, admin, file.as_bytes(), options, w.now)
}

#[test]
fn good_rows_invite_and_bad_rows_are_reported_by_line() {
    let w = World::new();
    w.add_catalog(CatalogKind::Department, "Sales");
    let file = "email,first_name,last_name,department,role\n\
                ann@example.org,Ann,Smith,Sales,member\n\
                not-an-address,Bob,Brown,,\n\
                cy@example.org,Cy,Lee,,wizard\n\
                di@example.org,Di,Ng,Marketing,\n\
                ed@example.org,Ed,,,owner\n\
                ANN@example.org,Ann,Again,,\n";
    // An admin, who may give any role but owner.
    let ada = w.member("ada@example.org", Role::Admin, MemberState::Active);
    let report = run_as(&w, &ada, file, &options(false)).unwrap();
    assert_eq!(report.invited, 1);
    let errors: Vec<(usize, &str)> = report.errors.iter().map(|e| (e.line, e.code)).collect();
    assert_eq!(
        errors,
        [
            (3, "invalid_email"),
            (4, "invalid_role"),
            (5, "unknown_department"),
            (6, "forbidden_role"),
        ]
    );
    let skipped: Vec<(usize, &str)> = report.skipped.iter().map(|s| (s.line, s.code)).collect();
    assert_eq!(skipped, [(7, "duplicate_in_file")]);

    let ann = w.by_email("ann@example.org").unwrap();
    assert_eq!(
        (
            ann.state,
            ann.role,
            ann.department.as_deref(),
            ann.last_name.as_str()
        ),
        (MemberState::Invited, Role::Member, Some("Sales"), "Smith")
    );
    for email in ["cy@example.org", "di@example.org", "ed@example.org"] {
        assert!(
            w.by_email(email).is_none(),
            "{email}: a bad row writes nothing"
        );
    }
    assert!(
        !w.store
            .catalog(CatalogKind::Department)
            .unwrap()
            .iter()
            .any(|e| e.name == "Marketing")
    );
    // The invitation, and the importer's own notice by mail.
    assert!(w.queued() >= 1);
    assert_eq!(w.audited("member.imported"), 1);
}

#[test]
fn known_people_are_skipped_with_their_state() {
    let w = World::new();
    w.member("ann@example.org", Role::Member, MemberState::Active);
    w.member("bob@example.org", Role::Member, MemberState::Terminated);
    let file = "email\nann@example.org\nbob@example.org\ncy@example.org\n";
    let report = run(&w, file, &options(false)).unwrap();
    assert_eq!(report.invited, 1);
    let skipped: Vec<(&str, &str)> = report
        .skipped
        .iter()
        .map(|s| (s.email.as_str(), s.code))
        .collect();
    assert_eq!(
        skipped,
        [
            ("ann@example.org", "already_active"),
            ("bob@example.org", "previously_removed")
        ]
    );
    assert_eq!(
        w.by_email("bob@example.org").unwrap().state,
        MemberState::Terminated
    );
}

#[test]
fn missing_departments_are_created_only_when_asked() {
    let w = World::new();
    let file = "email;department\nann@example.org;Research\nbob@example.org;Research\n";
    let report = run(&w, file, &options(true)).unwrap();
    assert_eq!((report.invited, report.errors.len()), (2, 0));
    let departments: Vec<String> = w
        .store
        .catalog(CatalogKind::Department)
        .unwrap()
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(departments, ["Research"], "created once, for both rows");
}

#[test]
fn cells_become_one_line_fields() {
    let w = World::new();
    let file = "email,first_name,last_name,position\n\
                ann@example.org,\"Ann\nMarie\",\" Smith\t\",\"Head\r\nof sales\"\n";
    let report = run(&w, file, &options(false)).unwrap();
    assert_eq!(report.invited, 1, "{report:?}");
    let ann = w.by_email("ann@example.org").unwrap();
    assert_eq!(ann.first_name, "Ann Marie");
    assert_eq!(ann.last_name, "Smith");
    assert_eq!(ann.position, "Head of sales");
}

#[test]
fn the_daily_limit_counts_rows_per_person_and_address() {
    let w = World::new();
    let limited = ImportOptions {
        rows_per_day: 3,
        ..options(false)
    };
    let over = run(
        &w,
        "email\na@example.org\nb@example.org\nc@example.org\nd@example.org\n",
        &limited,
    );
    assert!(
        matches!(over, Err(AppError::RateLimited { .. })),
        "{over:?}"
    );
    assert!(
        w.by_email("a@example.org").is_none(),
        "a refused file writes nothing"
    );

    let report = run(&w, "email\na@example.org\nb@example.org\n", &limited).unwrap();
    assert_eq!(report.invited, 2);
    // One row left today; two is one too many, skipped rows count too.
    let over = run(&w, "email\nc@example.org\na@example.org\n", &limited);
    assert!(
        matches!(over, Err(AppError::RateLimited { .. })),
        "{over:?}"
    );
    assert_eq!(
        run(&w, "email\nc@example.org\n", &limited).unwrap().invited,
        1
    );
}

#[test]
fn a_file_without_an_email_column_or_rows_is_refused_whole() {
    let w = World::new();
    for file in [
        "name,phone\nAnn,1\n",
        "email,first_name\n",
        "email,colour\na@example.org,red\n",
    ] {
        let refused = run(&w, file, &options(false));
        assert!(
            matches!(&refused, Err(e) if e.field() == Some("file")),
            "{file:?}: {refused:?}"
        );
    }
}
