//! A store on a temporary file with one active owner: the world the
//! targets that run a whole use case start from.

use chrono::Utc;
use convene::domain::{Email, Member, MemberState, Role};
use convene::store::Store;

pub struct OwnedStore {
    pub store: Store,
    pub owner: Member,
    _dir: tempfile::TempDir,
}

pub fn owned_store() -> OwnedStore {
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
    OwnedStore {
        store,
        owner,
        _dir: dir,
    }
}
