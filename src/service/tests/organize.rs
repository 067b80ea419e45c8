//! Departments, positions and locations: counts, renames that move every
//! member, deletes only of unused entries; bulk edit's fields.

use super::World;
use crate::domain::{CatalogKind, Member, MemberState, Role};
use crate::error::AppError;
use crate::policy;
use crate::service::members::organize::{
    bulk_edit, catalog, create_catalog, delete_catalog, rename_catalog,
};
use crate::store;

fn in_department(w: &World, email: &str, state: MemberState, department: &str) -> Member {
    let mut m = w.member(email, Role::Member, state);
    m.department = Some(department.into());
    let txn = w.store.write().unwrap();
    store::put_member_in(&txn, &m).unwrap();
    w.store.commit(txn).unwrap();
    m
}

fn counts(w: &World, kind: CatalogKind) -> Vec<(String, usize)> {
    catalog(&w.store, kind)
        .unwrap()
        .into_iter()
        .map(|i| (i.name, i.members))
        .collect()
}

#[test]
fn a_rename_moves_every_member_and_says_how_many() {
    let w = World::new();
    let admin = policy::admin(&w.owner).unwrap();
    w.add_catalog(CatalogKind::Department, "Sales");
    w.add_catalog(CatalogKind::Department, "Support");
    let ann = in_department(&w, "ann@example.org", MemberState::Active, "Sales");
    let bob = in_department(&w, "bob@example.org", MemberState::Invited, "Sales");
    let cy = in_department(&w, "cy@example.org", MemberState::Terminated, "Sales");
    in_department(&w, "di@example.org", MemberState::Active, "Support");
    assert_eq!(
        counts(&w, CatalogKind::Department),
        [("Sales".to_string(), 3), ("Support".to_string(), 1)]
    );

    let renamed = rename_catalog(
        &w.store,
        admin,
        CatalogKind::Department,
        "Sales",
        "Revenue",
        w.now,
    )
    .unwrap();
    assert_eq!((renamed.name.as_str(), renamed.members), ("Revenue", 3));
    for m in [&ann, &bob, &cy] {
        assert_eq!(w.reload(m).department.as_deref(), Some("Revenue"));
    }
    assert_eq!(
        counts(&w, CatalogKind::Department),
        [("Revenue".to_string(), 3), ("Support".to_string(), 1)]
    );
    assert_eq!(w.audited("department.renamed"), 1);
}

#[test]
fn a_rename_keeps_names_unique() {
    let w = World::new();
    let admin = policy::admin(&w.owner).unwrap();
    w.add_catalog(CatalogKind::Location, "Tokyo");
    w.add_catalog(CatalogKind::Location, "Paris");
    let taken = rename_catalog(
        &w.store,
        admin,
        CatalogKind::Location,
        "Tokyo",
        "Paris",
        w.now,
    );
    assert!(matches!(
        taken,
        Err(AppError::Conflict {
            code: "already_exists",
            ..
        })
    ));
    let unknown = rename_catalog(
        &w.store,
        admin,
        CatalogKind::Location,
        "Lyon",
        "Nice",
        w.now,
    );
    assert!(matches!(unknown, Err(AppError::NotFound)));
    let blank = rename_catalog(
        &w.store,
        admin,
        CatalogKind::Location,
        "Tokyo",
        " \n ",
        w.now,
    );
    assert!(
        matches!(&blank, Err(e) if e.field() == Some("name")),
        "{blank:?}"
    );
    // Renaming to the same name, or to one line of what was typed, is fine.
    let same = rename_catalog(
        &w.store,
        admin,
        CatalogKind::Location,
        "Tokyo",
        "Tokyo",
        w.now,
    );
    assert_eq!(same.unwrap().members, 0);
    let typed = rename_catalog(
        &w.store,
        admin,
        CatalogKind::Location,
        "Tokyo",
        " Tokyo\n HQ ",
        w.now,
    );
    assert_eq!(typed.unwrap().name, "Tokyo HQ");
}

#[test]
fn only_an_entry_nobody_uses_is_deleted() {
    let w = World::new();
    let admin = policy::admin(&w.owner).unwrap();
    w.add_catalog(CatalogKind::Department, "Sales");
    in_department(&w, "ann@example.org", MemberState::Active, "Sales");
    in_department(&w, "bob@example.org", MemberState::Pending, "Sales");
    in_department(&w, "cy@example.org", MemberState::Terminated, "Sales");

    let refused = delete_catalog(&w.store, admin, CatalogKind::Department, "Sales", w.now);
    match refused {
        Err(AppError::Conflict {
            code: "not_empty",
            message,
        }) => assert!(
            message.to_string().contains("2 members"),
            "removed members do not count: {message}"
        ),
        other => panic!("expected not_empty, got {other:?}"),
    }

    // Moving the two out (bulk edit clears the department) frees it.
    let ids: Vec<_> = ["ann@example.org", "bob@example.org"]
        .iter()
        .map(|e| serde_json::json!(w.by_email(e).unwrap().id))
        .collect();
    let body = serde_json::json!({ "ids": ids, "department": null });
    let serde_json::Value::Object(body) = body else {
        unreachable!()
    };
    assert_eq!(bulk_edit(&w.store, admin, &body, w.now).unwrap(), 2);
    delete_catalog(&w.store, admin, CatalogKind::Department, "Sales", w.now).unwrap();
    assert!(counts(&w, CatalogKind::Department).is_empty());
    let gone = delete_catalog(&w.store, admin, CatalogKind::Department, "Sales", w.now);
    assert!(matches!(gone, Err(AppError::NotFound)));
}

#[test]
fn new_entries_are_one_line_and_unique() {
    let w = World::new();
    let admin = policy::admin(&w.owner).unwrap();
    let made = create_catalog(
        &w.store,
        admin,
        CatalogKind::Position,
        "  Team\r\nlead ",
        w.now,
    )
    .unwrap();
    assert_eq!((made.name.as_str(), made.members), ("Team lead", 0));
    let again = create_catalog(&w.store, admin, CatalogKind::Position, "Team lead", w.now);
    assert!(matches!(
        again,
        Err(AppError::Conflict {
            code: "already_exists",
            ..
        })
    ));
    let long = create_catalog(
        &w.store,
        admin,
        CatalogKind::Position,
        &"p".repeat(101),
        w.now,
    );
    assert!(long.is_err());
    assert_eq!(
        counts(&w, CatalogKind::Position),
        [("Team lead".to_string(), 0)]
    );
}

#[test]
fn bulk_edit_names_the_field_it_refuses() {
    let w = World::new();
    let admin = policy::admin(&w.owner).unwrap();
    let ann = w.member("ann@example.org", Role::Member, MemberState::Active);
    let body = serde_json::json!({ "ids": [ann.id], "role": "admin" });
    let serde_json::Value::Object(body) = body else {
        unreachable!()
    };
    let refused = bulk_edit(&w.store, admin, &body, w.now);
    assert!(
        matches!(&refused, Err(AppError::Invalid { code: "not_bulk_editable", field: Some(f), .. }) if f == "role"),
        "{refused:?}"
    );
    let unknown_department = serde_json::json!({ "ids": [ann.id], "department": "Nowhere" });
    let serde_json::Value::Object(body) = unknown_department else {
        unreachable!()
    };
    let refused = bulk_edit(&w.store, admin, &body, w.now);
    assert!(
        matches!(
            refused,
            Err(AppError::Invalid {
                code: "unknown_department",
                ..
            })
        ),
        "{refused:?}"
    );
    assert_eq!(w.reload(&ann).department, None);
}
