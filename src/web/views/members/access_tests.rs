//! The members list offers each viewer exactly the moves the policy lets
//! them make: no bulk form, no row buttons for those who would get 403,
//! no removing an owner for admins; and it says what it is filtered by.

use chrono::{TimeZone, Utc};

use super::{Filters, ListPage, list_page};
use crate::domain::{Email, Member, MemberState, Role};
use crate::i18n::Lang;
use crate::web::auth::PageUser;

fn member(email: &str, role: Role, state: MemberState) -> Member {
    let now = Utc.with_ymd_and_hms(2027, 3, 14, 9, 0, 0).unwrap();
    let mut m = Member::new(Email::parse(email).unwrap(), role, state, "UTC", "en", now);
    m.first_name = "Pat".into();
    m.last_name = email.split('@').next().unwrap_or_default().into();
    m
}

fn viewer(role: Role) -> PageUser {
    PageUser {
        member: member("viewer@example.org", role, MemberState::Active),
        session_token: "s".into(),
        csrf_token: "c".into(),
        unread: 0,
    }
}

fn render(user: &PageUser, members: &[Member], filters: Filters<'_>) -> String {
    let can = user.can();
    let counts: Vec<(MemberState, usize)> = MemberState::ALL.into_iter().map(|s| (s, 2)).collect();
    list_page(
        user,
        Lang::En,
        &ListPage {
            current: MemberState::Active,
            counts: &counts,
            departments: &[],
            positions: &[],
            locations: &[],
            members,
            found: members.len(),
            total: 12,
            page_no: 0,
            pages: 1,
            previous: None,
            next: None,
            filters,
            done: None,
            admin: can.administer_members,
            can_invite: can.invite,
            can_apply_to_others: can.apply_to_others,
        },
    )
    .into_string()
}

fn active(role: Role, name: &str) -> Member {
    member(&format!("{name}@example.org"), role, MemberState::Active)
}

#[test]
fn colleagues_get_the_list_without_forms_that_refuse_them() {
    let people = [active(Role::Member, "ray"), active(Role::Owner, "olive")];
    for role in [Role::Manager, Role::Member, Role::Restricted] {
        let html = render(&viewer(role), &people, Filters::default());
        assert!(html.contains("ray@example.org"), "{role:?} sees colleagues");
        for refused in [
            "/members/bulk-edit",
            "/do/",
            "/members/import",
            "/members/invite-link",
            "export.csv",
            "/members/organization",
            "/members/defaults",
            "name=\"ids\"",
        ] {
            assert!(!html.contains(refused), "{role:?} offered {refused}");
        }
        // Managers and members invite (an admin approves); restricted
        // members do not.
        assert_eq!(
            html.contains("href=\"/members/invite\""),
            role != Role::Restricted,
            "{role:?}"
        );
    }
}

#[test]
fn admins_get_every_move_but_removing_an_owner() {
    let people = [
        active(Role::Member, "ray"),
        active(Role::Owner, "olive"),
        member("ken@example.org", Role::Member, MemberState::Pending),
    ];
    let admin = render(&viewer(Role::Admin), &people, Filters::default());
    let ray = &people[0].id;
    let olive = &people[1].id;
    let ken = &people[2].id;
    assert!(admin.contains("action=\"/members/bulk-edit\""));
    assert!(admin.contains(&format!("formaction=\"/members/{ray}/do/terminate\"")));
    assert!(admin.contains(&format!("formaction=\"/members/{ken}/do/approve\"")));
    assert!(admin.contains(&format!("formaction=\"/members/{ken}/do/reject\"")));
    assert!(
        !admin.contains(&format!("/members/{olive}/do/")),
        "an admin may not remove an owner"
    );
    for link in [
        "/members/invite",
        "/members/import",
        "/api/v1/members/export.csv",
    ] {
        assert!(admin.contains(&format!("href=\"{link}\"")), "{link}");
    }
    assert!(!admin.contains("/members/defaults"), "owners only");

    let owner = render(&viewer(Role::Owner), &people, Filters::default());
    assert!(owner.contains(&format!("formaction=\"/members/{olive}/do/terminate\"")));
    assert!(owner.contains("href=\"/members/defaults\""));
    // Nobody is offered a move on themself.
    let me = viewer(Role::Owner);
    let html = render(&me, std::slice::from_ref(&me.member), Filters::default());
    assert!(!html.contains("/do/"));
}

#[test]
fn a_filtered_list_says_so_and_clears() {
    let people = [active(Role::Member, "ray")];
    let html = render(
        &viewer(Role::Member),
        &people,
        Filters {
            q: Some("ray"),
            department: Some("Sales"),
            role: Some("member"),
            location: None,
            integration: None,
        },
    );
    assert!(
        html.contains(
            "Filtered by search: “ray”, Department: “Sales”, Role: “member”. <a href=\"/members?state=active\">Clear the filters</a>"
        ),
        "{html}"
    );
    let plain = render(&viewer(Role::Member), &people, Filters::default());
    assert!(!plain.contains("Filtered by"));
}
