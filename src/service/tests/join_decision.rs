//! A request to join, from the asker's side: signing in while it waits
//! says so (only to someone with the right password), and the decision
//! reaches them by mail in their language.

use super::{BASE_URL, World};
use crate::domain::{DeliveryState, MemberState, Payload, Role, Transition};
use crate::error::AppError;
use crate::service::auth::login;
use crate::store::{self, Credential};

const PASSWORD: &str = "plum kettle drifts softly";

fn with_password(w: &World, email: &str, language: &str) -> crate::domain::Member {
    let mut m = w.member(email, Role::Member, MemberState::Pending);
    m.language = language.into();
    let txn = w.store.write().unwrap();
    store::put_member_in(&txn, &m).unwrap();
    store::set_password_in(
        &txn,
        &m.id,
        &Credential {
            password_hash: crate::passwords::hash(PASSWORD).unwrap(),
            changed_at: w.now,
        },
    )
    .unwrap();
    w.store.commit(txn).unwrap();
    m
}

fn mails_to(w: &World, email: &str) -> Vec<(String, String)> {
    w.store
        .outbox_in_state(DeliveryState::Queued, 1_000)
        .unwrap()
        .into_iter()
        .filter_map(|m| match m.payload {
            Payload::Mail(mail) if mail.to_email == email => Some((mail.kind, mail.subject)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_waiting_member_with_the_right_password_is_told_to_wait() {
    let w = World::new();
    let m = with_password(&w, "wren@example.org", "en");
    assert!(matches!(
        login(&w.store, "wren@example.org", PASSWORD, w.now),
        Err(AppError::AwaitingApproval)
    ));
    assert!(matches!(
        login(&w.store, "wren@example.org", "not the password", w.now),
        Err(AppError::BadCredentials)
    ));
    let admin = crate::policy::admin(&w.owner).unwrap();
    crate::service::members::perform(&w.store, BASE_URL, admin, &m.id, Transition::Approve, w.now)
        .unwrap();
    login(&w.store, "wren@example.org", PASSWORD, w.now).expect("approved members sign in");
}

#[test]
fn the_decision_is_mailed_in_the_asker_s_language() {
    let w = World::new();
    let yes = with_password(&w, "aoi@example.org", "ja");
    let no = with_password(&w, "noe@example.org", "fr");
    let admin = crate::policy::admin(&w.owner).unwrap();
    crate::service::members::perform(
        &w.store,
        BASE_URL,
        admin,
        &yes.id,
        Transition::Approve,
        w.now,
    )
    .unwrap();
    let admin = crate::policy::admin(&w.owner).unwrap();
    crate::service::members::perform(&w.store, BASE_URL, admin, &no.id, Transition::Reject, w.now)
        .unwrap();
    let approved = mails_to(&w, "aoi@example.org");
    assert_eq!(approved.len(), 1, "{approved:?}");
    assert_eq!(approved[0].0, "member_approved");
    assert!(approved[0].1.contains("承認"), "{}", approved[0].1);
    let rejected = mails_to(&w, "noe@example.org");
    assert_eq!(rejected.len(), 1, "{rejected:?}");
    assert_eq!(rejected[0].0, "member_rejected");
    assert!(rejected[0].1.contains("demande"), "{}", rejected[0].1);
}
