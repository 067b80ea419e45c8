//! Editing members: who may change which field (the one table the member
//! page shows), roles, names on one line, and the form saved whole.

use super::{BASE_URL, World};
use crate::domain::{Member, MemberState, Role};
use crate::error::AppError;
use crate::policy;
use crate::service::members::profile::{ApplyToOthers, MemberPatch, edit, save_form};

fn refused_field(result: Result<impl std::fmt::Debug, AppError>) -> String {
    match result {
        Err(AppError::ForbiddenField(f)) => f,
        other => panic!("expected a refused field, got {other:?}"),
    }
}

fn patch_of(field: &str) -> MemberPatch {
    let mut p = MemberPatch::default();
    match field {
        "first_name" => p.first_name = Some("Zed".into()),
        "position" => p.position = Some("Lead".into()),
        "contact" => p.contact = Some("desk 4".into()),
        other => panic!("no sample for {other}"),
    }
    p
}

#[test]
fn names_are_the_person_s_own_and_organization_fields_the_admins() {
    let w = World::new();
    let mia = w.member("mia@example.org", Role::Member, MemberState::Active);
    let noa = w.member("noa@example.org", Role::Member, MemberState::Active);
    let ada = w.member("ada@example.org", Role::Admin, MemberState::Active);

    edit(
        &w.store,
        BASE_URL,
        &mia,
        &mia.id,
        patch_of("first_name"),
        w.now,
    )
    .unwrap();
    edit(
        &w.store,
        BASE_URL,
        &mia,
        &mia.id,
        patch_of("contact"),
        w.now,
    )
    .unwrap();
    let f = refused_field(edit(
        &w.store,
        BASE_URL,
        &mia,
        &noa.id,
        patch_of("first_name"),
        w.now,
    ));
    assert_eq!(f, "first_name");
    let f = refused_field(edit(
        &w.store,
        BASE_URL,
        &mia,
        &mia.id,
        patch_of("position"),
        w.now,
    ));
    assert_eq!(f, "position", "a member does not place themself");
    // An admin places and equips others, but never renames them.
    edit(
        &w.store,
        BASE_URL,
        &ada,
        &noa.id,
        patch_of("position"),
        w.now,
    )
    .unwrap();
    edit(
        &w.store,
        BASE_URL,
        &ada,
        &noa.id,
        patch_of("contact"),
        w.now,
    )
    .unwrap();
    let f = refused_field(edit(
        &w.store,
        BASE_URL,
        &ada,
        &noa.id,
        patch_of("first_name"),
        w.now,
    ));
    assert_eq!(f, "first_name");

    let noa = w.reload(&noa);
    assert_eq!(
        (noa.position.as_str(), noa.contact.as_str()),
        ("Lead", "desk 4")
    );
    assert_eq!(noa.first_name, "noa");
}

#[test]
fn the_service_accepts_exactly_what_the_page_offers() {
    let w = World::new();
    let people: Vec<Member> = Role::ALL
        .into_iter()
        .filter(|r| *r != Role::Owner)
        .map(|r| {
            w.member(
                &format!("{}@example.org", r.as_str()),
                r,
                MemberState::Active,
            )
        })
        .chain([w.owner.clone()])
        .collect();
    for actor in &people {
        for target in &people {
            let may = policy::editable_fields(actor, target);
            for (field, allowed) in [
                ("first_name", may.personal),
                ("position", may.organizational),
                ("contact", may.professional),
            ] {
                let done = edit(
                    &w.store,
                    BASE_URL,
                    actor,
                    &target.id,
                    patch_of(field),
                    w.now,
                );
                assert_eq!(
                    done.is_ok(),
                    allowed,
                    "{:?} editing {field} of {:?}: {done:?}",
                    actor.role,
                    target.role
                );
            }
        }
    }
}

#[test]
fn roles_follow_the_role_table_and_keep_an_owner() {
    let w = World::new();
    let ada = w.member("ada@example.org", Role::Admin, MemberState::Active);
    let mia = w.member("mia@example.org", Role::Member, MemberState::Active);
    let role = |r: Role| MemberPatch {
        role: Some(r),
        ..Default::default()
    };
    assert_eq!(
        refused_field(edit(
            &w.store,
            BASE_URL,
            &ada,
            &w.owner.id,
            role(Role::Admin),
            w.now
        )),
        "role",
        "an admin never touches an owner's role"
    );
    assert_eq!(
        refused_field(edit(
            &w.store,
            BASE_URL,
            &ada,
            &mia.id,
            role(Role::Owner),
            w.now
        )),
        "role"
    );
    edit(
        &w.store,
        BASE_URL,
        &ada,
        &mia.id,
        role(Role::Manager),
        w.now,
    )
    .unwrap();
    assert_eq!(w.reload(&mia).role, Role::Manager);
    // Saving a role unchanged is no change, whoever holds it.
    edit(
        &w.store,
        BASE_URL,
        &ada,
        &w.owner.id,
        role(Role::Owner),
        w.now,
    )
    .unwrap();
    let last = edit(
        &w.store,
        BASE_URL,
        &w.owner,
        &w.owner.id,
        role(Role::Admin),
        w.now,
    );
    assert!(
        matches!(
            last,
            Err(AppError::Conflict {
                code: "last_owner",
                ..
            })
        ),
        "{last:?}"
    );
}

#[test]
fn names_and_fields_are_stored_on_one_line() {
    let w = World::new();
    let mia = w.member("mia@example.org", Role::Member, MemberState::Active);
    let typed = MemberPatch {
        first_name: Some("  Mia\r\n\tRose \u{2028}".into()),
        last_name: Some("Stone\u{0}\u{202e}".into()),
        phone: Some("+33\n1 23".into()),
        email_signature: Some("Mia\nSupport team".into()),
        ..Default::default()
    };
    let edited = edit(&w.store, BASE_URL, &mia, &mia.id, typed, w.now).unwrap();
    let m = &edited.member;
    assert_eq!(m.first_name, "Mia Rose");
    assert_eq!(m.last_name, "Stone");
    assert_eq!(m.phone, "+33 1 23");
    assert_eq!(
        m.email_signature, "Mia\nSupport team",
        "a signature keeps its lines"
    );
    assert_eq!(w.reload(&mia).first_name, "Mia Rose");

    for (name, why) in [
        ("\n \t", "empty once on one line"),
        (&"x".repeat(101)[..], "too long"),
    ] {
        let p = MemberPatch {
            first_name: Some(name.to_string()),
            ..Default::default()
        };
        let refused = edit(&w.store, BASE_URL, &mia, &mia.id, p, w.now);
        assert!(
            matches!(&refused, Err(e) if e.field() == Some("first_name")),
            "{why}: {refused:?}"
        );
    }
}

#[test]
fn a_form_with_apply_to_others_is_saved_whole_or_not_at_all() {
    let w = World::new();
    let mia = w.member("mia@example.org", Role::Member, MemberState::Active);
    let noa = w.member("noa@example.org", Role::Member, MemberState::Active);
    let owner = policy::owner(&w.owner).unwrap();
    let contact = MemberPatch {
        contact: Some("front desk".into()),
        ..Default::default()
    };

    let apply = ApplyToOthers {
        owner,
        targets: vec![noa.id.clone()],
        fields: vec!["contact".into()],
    };
    let (_, applied) = save_form(
        &w.store,
        BASE_URL,
        &w.owner,
        &mia.id,
        contact.clone(),
        Some(apply),
        w.now,
    )
    .unwrap();
    assert_eq!(applied, 1);
    assert_eq!(w.reload(&mia).contact, "front desk");
    assert_eq!(
        w.reload(&noa).contact,
        "front desk",
        "copied from the saved edit"
    );

    // Copying Mia's role onto the only owner is refused: the edit of the
    // same form is not kept either.
    let position = MemberPatch {
        position: Some("Lead".into()),
        ..Default::default()
    };
    let apply = ApplyToOthers {
        owner,
        targets: vec![w.owner.id.clone()],
        fields: vec!["role".into()],
    };
    let refused = save_form(
        &w.store,
        BASE_URL,
        &w.owner,
        &mia.id,
        position,
        Some(apply),
        w.now,
    );
    assert!(
        matches!(
            refused,
            Err(AppError::Conflict {
                code: "last_owner",
                ..
            })
        ),
        "{refused:?}"
    );
    assert_eq!(
        w.reload(&mia).position,
        "",
        "nothing of the refused form was written"
    );
    assert_eq!(w.reload(&w.owner).role, Role::Owner);

    let apply = ApplyToOthers {
        owner,
        targets: vec![noa.id.clone()],
        fields: vec!["first_name".into()],
    };
    let refused = save_form(
        &w.store,
        BASE_URL,
        &w.owner,
        &mia.id,
        contact,
        Some(apply),
        w.now,
    );
    assert!(
        matches!(
            refused,
            Err(AppError::Invalid {
                code: "not_applicable",
                ..
            })
        ),
        "names are never copied: {refused:?}"
    );
}
