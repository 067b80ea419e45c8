//! Any file as a member import, through the whole path an admin's upload
//! takes (one store, one transaction): a report or a refusal, never a
//! panic; every row it says it invited is stored, and nothing else.
#![no_main]

use std::sync::OnceLock;

use chrono::Utc;
use convene::service::members::csv_io::{ImportOptions, import};
use libfuzzer_sys::fuzz_target;

#[path = "shared/owned_store.rs"]
mod owned_store;

fn world() -> &'static owned_store::OwnedStore {
    static WORLD: OnceLock<owned_store::OwnedStore> = OnceLock::new();
    WORLD.get_or_init(owned_store::owned_store)
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
