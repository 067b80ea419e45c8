//! Any file as a member import, through the whole path an admin's upload
//! takes (one store, one transaction): a report or a refusal, never a
//! panic; every row it says it invited is stored, and nothing else.
#![no_main]

use std::sync::OnceLock;

use chrono::Utc;
use convene::domain::{Email, Member, MemberState, Role};
use convene::service::members::csv_io::{ImportOptions, import};
use convene::store::Store;
use libfuzzer_sys::fuzz_target;

struct World {
    store: Store,
    owner: Member,
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
        World {
            store,
            owner,
            _dir: dir,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let w = world();
    let admin = convene::policy::admin(&w.owner).unwrap();
    let options = ImportOptions {
        client_ip: "127.0.0.1".into(),
        create_departments: data.first().is_some_and(|b| b & 1 == 1),
        rows_per_day: u32::MAX,
    };
    let _ = import(
        &w.store,
        "https://convene.example.org",
        admin,
        data,
        &options,
        Utc::now(),
    );
});
