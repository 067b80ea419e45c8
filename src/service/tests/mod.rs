//! Service tests on a temporary store: the rules of each use case, called
//! as the handlers call them, without HTTP.

mod booking_changes;
mod booking_mails;
mod csv_import;
mod errors_in_three_languages;
mod invitations;
mod join_decision;
mod organize;
mod profile;

use chrono::{DateTime, TimeZone, Utc};
use tempfile::TempDir;

use crate::domain::{CatalogEntry, CatalogKind, DeliveryState, Email, Member, MemberState, Role};
use crate::service::org::setup::{NewOwner, create_owner};
use crate::store::{self, Store};

pub const BASE_URL: &str = "https://convene.example.org";

/// A fresh organization: a store in a temporary directory, its owner, and
/// a fixed clock.
pub struct World {
    _dir: TempDir,
    pub store: Store,
    pub owner: Member,
    pub now: DateTime<Utc>,
}

impl World {
    pub fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("convene.redb")).unwrap();
        let now = Utc.with_ymd_and_hms(2031, 3, 4, 9, 30, 0).unwrap();
        let owner = create_owner(
            &store,
            NewOwner {
                organization: "Club".into(),
                email: "owner@example.org".into(),
                first_name: "Olga".into(),
                last_name: "Owner".into(),
                password: "violet tram orbits quietly".into(),
            },
            now,
        )
        .unwrap();
        World {
            _dir: dir,
            store,
            owner,
            now,
        }
    }

    /// A member written straight to the store: faster than inviting and
    /// joining, and the tests are about what comes after.
    pub fn member(&self, email: &str, role: Role, state: MemberState) -> Member {
        let mut m = Member::new(
            Email::parse(email).unwrap(),
            role,
            state,
            "Europe/Paris",
            "en",
            self.now,
        );
        m.first_name = email.split('@').next().unwrap().to_string();
        let txn = self.store.write().unwrap();
        store::put_member_in(&txn, &m).unwrap();
        self.store.commit(txn).unwrap();
        m
    }

    /// A member as stored now.
    pub fn reload(&self, m: &Member) -> Member {
        self.store.member(&m.id).unwrap().unwrap()
    }

    pub fn by_email(&self, email: &str) -> Option<Member> {
        self.store
            .member_by_email(&Email::parse(email).unwrap())
            .unwrap()
    }

    pub fn add_catalog(&self, kind: CatalogKind, name: &str) {
        let txn = self.store.write().unwrap();
        store::put_catalog_in(
            &txn,
            &CatalogEntry {
                kind,
                name: name.into(),
                created_at: self.now,
            },
        )
        .unwrap();
        self.store.commit(txn).unwrap();
    }

    /// Mail and webhook calls waiting to leave.
    pub fn queued(&self) -> usize {
        self.store
            .outbox_in_state(DeliveryState::Queued, usize::MAX)
            .unwrap()
            .len()
    }

    /// How many audit rows record `action`. (Rows written at one instant
    /// have no order among themselves, so tests count them.)
    pub fn audited(&self, action: &str) -> usize {
        self.store
            .audit_log(usize::MAX)
            .unwrap()
            .iter()
            .filter(|e| e.action == action)
            .count()
    }
}
