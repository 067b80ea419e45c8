//! Any body of the public join form, as the browser posts it, through the
//! whole path (one store, the organization's code, the password policy,
//! the transaction and the admins' mail): a refusal with a field or a
//! pending member stored with one-line names; never a panic, never a
//! server error.
#![no_main]

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::Utc;
use convene::domain::{Email, Member, MemberState, Role};
use convene::error::AppError;
use convene::service::members::invitations::public_invite;
use convene::service::members::join::{JoinForm, PublicKey, join_public};
use convene::store::Store;
use libfuzzer_sys::fuzz_target;

struct World {
    store: Store,
    code: String,
    _dir: tempfile::TempDir,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("convene.redb")).unwrap();
        let owner = Member::new(
            Email::parse("owner@example.org").unwrap(),
            Role::Owner,
            MemberState::Active,
            "UTC",
            "en",
            Utc::now(),
        );
        let txn = store.write().unwrap();
        convene::store::put_member_in(&txn, &owner).unwrap();
        store.commit(txn).unwrap();
        let admin = convene::policy::admin(&owner).unwrap();
        let (invite, enabled) = public_invite(&store, admin, false, Utc::now()).unwrap();
        assert!(enabled);
        World {
            store,
            code: invite.code,
            _dir: dir,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let w = world();
    let Ok(mut form) = serde_urlencoded::from_bytes::<JoinForm>(data) else {
        return;
    };
    // Most inputs carry the right code, a password the policy takes, an
    // address and both names, so that the path past those checks is the one searched.
    let flags = data.last().copied().unwrap_or(0);
    if flags & 1 == 0 {
        form.code = w.code.clone();
    }
    if flags & 2 == 0 {
        form.password = "violet tram orbits quietly".into();
    }
    if flags & 8 == 0 && Email::parse(&form.email).is_none() {
        static JOINERS: AtomicU64 = AtomicU64::new(0);
        let n = JOINERS.fetch_add(1, Ordering::Relaxed);
        form.email = format!("joiner{n}@example.org");
    }
    if flags & 4 == 0 {
        for (field, name) in [
            (&mut form.first_name, "Ada"),
            (&mut form.last_name, "Lovelace"),
        ] {
            if field.trim().is_empty() {
                *field = name.into();
            }
        }
    }
    let code = form.code.clone();
    match join_public(
        &w.store,
        "https://convene.example.org",
        PublicKey::Code(&code),
        form,
        Utc::now(),
    ) {
        Ok(member) => {
            assert_eq!(member.state, MemberState::Pending);
            for name in [&member.first_name, &member.last_name, &member.location] {
                assert!(!name.contains(['\r', '\n']), "{name:?}");
            }
            let stored = w.store.member(&member.id).unwrap();
            assert_eq!(stored.as_ref(), Some(&member));
        }
        Err(e @ (AppError::Internal(_) | AppError::Store(_))) => panic!("{e}"),
        Err(_) => {}
    }
});
