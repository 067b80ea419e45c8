//! Invitations: one result per address, refusals by state, who may invite
//! how, drafts, join rules and the public link.

use super::{BASE_URL, World};
use crate::domain::{JoinRules, MemberState, Role, Transition};
use crate::error::AppError;
use crate::policy;
use crate::service::members::invitations::{
    InviteRequest, invite, join_rules, manage, public_invite, set_join_rules,
};
use crate::store;

fn request(emails: &[&str]) -> InviteRequest {
    InviteRequest {
        emails: emails.iter().map(|e| e.to_string()).collect(),
        send: true,
        ..Default::default()
    }
}

fn codes(results: &[crate::service::members::invitations::InviteResult]) -> Vec<&str> {
    results
        .iter()
        .map(|r| r.error.as_ref().map_or("ok", |e| e.code))
        .collect()
}

#[test]
fn one_result_per_address_in_the_order_given() {
    let w = World::new();
    let results = invite(
        &w.store,
        BASE_URL,
        &w.owner,
        request(&[
            "ann@example.org",
            "not an address",
            "ANN@example.org ",
            "bob@example.org",
        ]),
        w.now,
    )
    .unwrap();
    assert_eq!(
        codes(&results),
        ["ok", "invalid_email", "duplicate", "ok"],
        "the same address in another case is the same person"
    );
    for email in ["ann@example.org", "bob@example.org"] {
        let m = w.by_email(email).unwrap();
        assert_eq!((m.state, m.role), (MemberState::Invited, Role::Member));
    }
    assert_eq!(w.queued(), 2, "one invitation mail per new person");
    assert_eq!(w.audited("member.invited"), 2);
}

#[test]
fn known_addresses_are_refused_and_only_admins_learn_why() {
    let w = World::new();
    let active = w.member("carol@example.org", Role::Member, MemberState::Active);
    w.member("dan@example.org", Role::Member, MemberState::Pending);
    let results = invite(
        &w.store,
        BASE_URL,
        &w.owner,
        request(&["carol@example.org", "dan@example.org"]),
        w.now,
    )
    .unwrap();
    assert_eq!(codes(&results), ["already_active", "already_pending"]);
    assert_eq!(results[0].member_id.as_ref(), Some(&active.id));

    let manager = w.member("max@example.org", Role::Manager, MemberState::Active);
    let results = invite(
        &w.store,
        BASE_URL,
        &manager,
        request(&["carol@example.org"]),
        w.now,
    )
    .unwrap();
    assert_eq!(codes(&results), ["already_known"]);
    assert_eq!(
        results[0].member_id, None,
        "a manager learns nothing of the state"
    );
    assert_eq!(w.queued(), 0);
}

#[test]
fn people_invited_by_non_admins_wait_for_approval() {
    let w = World::new();
    let manager = w.member("max@example.org", Role::Manager, MemberState::Active);

    let drafts = InviteRequest {
        send: false,
        ..request(&["eve@example.org"])
    };
    let refused = invite(&w.store, BASE_URL, &manager, drafts, w.now);
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    let too_high = InviteRequest {
        role: Some(Role::Admin),
        ..request(&["eve@example.org"])
    };
    let refused = invite(&w.store, BASE_URL, &manager, too_high, w.now);
    assert!(
        matches!(&refused, Err(AppError::ForbiddenField(f)) if f == "role"),
        "{refused:?}"
    );
    let restricted = w.member("rita@example.org", Role::Restricted, MemberState::Active);
    let refused = invite(
        &w.store,
        BASE_URL,
        &restricted,
        request(&["eve@example.org"]),
        w.now,
    );
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    assert!(w.by_email("eve@example.org").is_none(), "nothing written");

    // Inviting verification is on by default: the manager's invitee needs
    // an admin's approval after joining; the owner's does not.
    invite(
        &w.store,
        BASE_URL,
        &manager,
        request(&["eve@example.org"]),
        w.now,
    )
    .unwrap();
    invite(
        &w.store,
        BASE_URL,
        &w.owner,
        request(&["fay@example.org"]),
        w.now,
    )
    .unwrap();
    let txn = w.store.write().unwrap();
    let needs = |email: &str| {
        let m = w.by_email(email).unwrap();
        store::invitation_of_in(&txn, &m.id)
            .unwrap()
            .unwrap()
            .needs_approval
    };
    assert!(needs("eve@example.org"));
    assert!(!needs("fay@example.org"));
}

#[test]
fn drafts_send_nothing_until_activated() {
    let w = World::new();
    let admin = policy::admin(&w.owner).unwrap();
    let drafts = InviteRequest {
        send: false,
        ..request(&["gus@example.org"])
    };
    invite(&w.store, BASE_URL, &w.owner, drafts, w.now).unwrap();
    let gus = w.by_email("gus@example.org").unwrap();
    assert_eq!(gus.state, MemberState::Draft);
    assert_eq!(w.queued(), 0);

    let gus = manage(
        &w.store,
        BASE_URL,
        admin,
        &gus.id,
        Transition::Activate,
        w.now,
    )
    .unwrap();
    assert_eq!(gus.state, MemberState::Invited);
    assert_eq!(w.queued(), 1);
    // Activating twice is not a move an invited member can make.
    let again = manage(
        &w.store,
        BASE_URL,
        admin,
        &gus.id,
        Transition::Activate,
        w.now,
    );
    assert!(matches!(
        again,
        Err(AppError::Conflict {
            code: "illegal_transition",
            ..
        })
    ));

    manage(
        &w.store,
        BASE_URL,
        admin,
        &gus.id,
        Transition::CancelInvitation,
        w.now,
    )
    .unwrap();
    assert!(
        w.by_email("gus@example.org").is_none(),
        "a withdrawn invitation leaves no member"
    );
    assert_eq!(w.audited("member.cancel_invitation"), 1);
}

#[test]
fn join_rules_are_checked_before_they_are_saved() {
    let w = World::new();
    let admin = policy::admin(&w.owner).unwrap();
    let bad_days = JoinRules {
        invitation_days: 0,
        ..JoinRules::default()
    };
    let refused = set_join_rules(&w.store, admin, bad_days, w.now);
    assert!(
        matches!(&refused, Err(e) if e.field() == Some("invitation_days")),
        "{refused:?}"
    );
    let bad_field = JoinRules {
        required_fields: vec!["salary".into()],
        ..JoinRules::default()
    };
    let refused = set_join_rules(&w.store, admin, bad_field, w.now);
    assert!(
        matches!(&refused, Err(e) if e.field() == Some("required_fields")),
        "{refused:?}"
    );
    assert_eq!(join_rules(&w.store).unwrap(), JoinRules::default());

    let rules = JoinRules {
        public_join: false,
        required_fields: vec!["phone".into()],
        invitation_days: 30,
        ..JoinRules::default()
    };
    set_join_rules(&w.store, admin, rules.clone(), w.now).unwrap();
    assert_eq!(join_rules(&w.store).unwrap(), rules);
}

#[test]
fn the_public_link_is_made_once_and_replaced_on_request() {
    let w = World::new();
    let admin = policy::admin(&w.owner).unwrap();
    let (first, enabled) = public_invite(&w.store, admin, false, w.now).unwrap();
    assert!(enabled, "public joining is on by default");
    let (again, _) = public_invite(&w.store, admin, false, w.now).unwrap();
    assert_eq!((&first.token, &first.code), (&again.token, &again.code));
    let (rotated, _) = public_invite(&w.store, admin, true, w.now).unwrap();
    assert_ne!(rotated.token, first.token);
    assert_eq!(w.audited("public_invite.created"), 1);
    assert_eq!(w.audited("public_invite.rotated"), 1);
}

#[test]
fn an_invitation_is_answered_to_whoever_invited() {
    let w = World::new();
    invite(
        &w.store,
        BASE_URL,
        &w.owner,
        request(&["ann@example.org"]),
        w.now,
    )
    .unwrap();
    let mails: Vec<crate::domain::Mail> = w
        .store
        .outbox_in_state(crate::domain::DeliveryState::Queued, usize::MAX)
        .unwrap()
        .into_iter()
        .filter_map(|m| match m.payload {
            crate::domain::Payload::Mail(mail) => Some(mail),
            _ => None,
        })
        .collect();
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail.kind, "invitation");
    let reply = mail.reply_to.as_ref().expect("the inviter");
    assert_eq!(
        (reply.email.as_str(), reply.name.as_str()),
        ("owner@example.org", "Olga Owner")
    );
    // Not a mail of the invitee's preferences: they have none yet.
    assert_eq!(mail.unsubscribe_url, None);
    // No name is known yet: the address stands in, and the message
    // builder does not repeat it as a display name.
    assert_eq!(mail.to_name, "ann@example.org");
}
