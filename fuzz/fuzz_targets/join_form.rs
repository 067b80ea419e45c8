//! Any body of the public join form, as the browser posts it, through the
//! whole path (one store, the organization's code, the password policy,
//! the transaction and the admins' mail): a refusal with a field or a
//! pending member stored with one-line names; never a panic, never a
//! server error.
#![no_main]

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::Utc;
use convene::domain::{Email, MemberState};
use convene::error::AppError;
use convene::service::members::invitations::public_invite;
use convene::service::members::join::{JoinForm, PublicKey, join_public};
use libfuzzer_sys::fuzz_target;

#[path = "shared/owned_store.rs"]
mod owned_store;

struct World {
    base: owned_store::OwnedStore,
    code: String,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let base = owned_store::owned_store();
        let admin = convene::policy::admin(&base.owner).unwrap();
        let (invite, enabled) = public_invite(&base.store, admin, false, Utc::now()).unwrap();
        assert!(enabled);
        World {
            base,
            code: invite.code,
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
        &w.base.store,
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
            let stored = w.base.store.member(&member.id).unwrap();
            assert_eq!(stored.as_ref(), Some(&member));
        }
        Err(e @ (AppError::Internal(_) | AppError::Store(_))) => panic!("{e}"),
        Err(_) => {}
    }
});
