//! Schema versions. A fresh database gets every table and the current
//! version; an older one runs each pending migration in its own write
//! transaction together with the version bump, so a crash mid-way leaves a
//! consistent, resumable state; a newer one is refused.

use super::table::TypedTable;
use super::txn::Txn;
use super::{Result, Store, StoreError, tables};

/// The schema this binary writes.
pub const CURRENT_VERSION: u64 = 5;

/// One step from `to - 1` to `to`.
pub struct Migration {
    pub to: u64,
    pub name: &'static str,
    pub run: fn(&Txn) -> Result<()>,
}

/// Migrations of the production schema, oldest first. Version 1 is the
/// initial schema.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        to: 2,
        name: "list every booking by start and by host",
        run: list_every_booking,
    },
    Migration {
        to: 3,
        name: "index failed messages",
        run: index_failed_messages,
    },
    Migration {
        to: 4,
        name: "index and count messages by state",
        run: index_messages_by_state,
    },
    Migration {
        to: 5,
        name: "bookings and host calendars under short names",
        run: shorten_booking_rows,
    },
];

/// Version 2 lists bookings from two key-only indexes instead of reading
/// every booking; fill them from the bookings already stored.
fn list_every_booking(txn: &Txn) -> Result<()> {
    // Ids first, then one booking at a time: a large store is not held
    // in memory whole.
    let mut ids = Vec::new();
    tables::BOOKINGS.write(txn)?.scan_keys::<&str>(.., |id| {
        ids.push(id.to_string());
        true
    })?;
    for id in ids {
        let booking = tables::BOOKINGS.write(txn)?.get(id.as_str())?;
        if let Some(b) = booking {
            super::booking_list::list_in(txn, &b)?;
        }
    }
    Ok(())
}

/// Ids of failed messages, schema 3 only (version 4's by-state index and
/// tallies answer what it did, and version 4 deletes it).
const OUTBOX_FAILED_V3: TypedTable<&str, ()> = TypedTable::new("outbox_failed");

/// Version 3 counts failed messages from a key-only index instead of
/// reading the whole outbox; fill it from the messages already stored.
fn index_failed_messages(txn: &Txn) -> Result<()> {
    let mut failed = Vec::new();
    tables::OUTBOX.write(txn)?.scan(|id, m| {
        if m.state == crate::domain::DeliveryState::Failed {
            failed.push(id.to_string());
        }
        true
    })?;
    let mut index = OUTBOX_FAILED_V3.write(txn)?;
    for id in failed {
        index.insert(id.as_str(), &())?;
    }
    Ok(())
}

/// Version 4 lists a state's messages and counts them without reading the
/// whole outbox (sent mail piles up); fill the index and the tallies from
/// the messages already stored. They replace version 3's failed index.
fn index_messages_by_state(txn: &Txn) -> Result<()> {
    let mut keys = Vec::new();
    let mut tally = std::collections::HashMap::<&'static str, u64>::new();
    tables::OUTBOX.write(txn)?.scan(|id, m| {
        let state = m.state.as_str();
        keys.push((state, m.created_at.timestamp_micros(), id.to_string()));
        *tally.entry(state).or_default() += 1;
        true
    })?;
    let mut index = tables::OUTBOX_BY_STATE.write(txn)?;
    for (state, created, id) in &keys {
        index.insert((*state, *created, id.as_str()), &())?;
    }
    drop(index);
    let mut counts = tables::OUTBOX_TALLY.write(txn)?;
    for (state, n) in tally {
        counts.insert(state, &n)?;
    }
    drop(counts);
    txn.inner.delete_table(OUTBOX_FAILED_V3.definition())?;
    Ok(())
}

/// Version 5 stores bookings and the hosts' calendar rows under short
/// names, without fields at their default (`domain::Booking`); rewrite the
/// rows already stored so a database written before is as small. Rows
/// are read back through the long names' aliases, so a row this misses
/// would still read.
fn shorten_booking_rows(txn: &Txn) -> Result<()> {
    rebuilt(txn, &tables::BOOKINGS)?;
    rebuilt(txn, &tables::HOST_BOOKINGS)
}

/// Writes every row of `table` again, into a table built anew: rows that
/// shrank in place would leave each page as full as before, and not even
/// `compact` gives that room back. One row at a time through a scratch
/// table, so a large store is not held in memory.
fn rebuilt<K, V>(txn: &Txn, table: &TypedTable<K, V>) -> Result<()>
where
    K: redb::Key + 'static,
    V: serde::Serialize + serde::de::DeserializeOwned,
{
    let scratch = TypedTable::<K, V>::new("migration_scratch");
    copied(txn, table, &scratch)?;
    txn.inner.delete_table(table.definition())?;
    copied(txn, &scratch, table)?;
    txn.inner.delete_table(scratch.definition())?;
    Ok(())
}

fn copied<K, V>(txn: &Txn, from: &TypedTable<K, V>, to: &TypedTable<K, V>) -> Result<()>
where
    K: redb::Key + 'static,
    V: serde::Serialize + serde::de::DeserializeOwned,
{
    let source = from.write(txn)?;
    let mut target = to.write(txn)?;
    let mut failed = None;
    source.scan(|key, value| match target.insert(key, &value) {
        Ok(()) => true,
        Err(e) => {
            failed = Some(e);
            false
        }
    })?;
    failed.map_or(Ok(()), Err)
}

const VERSION_KEY: &str = "schema_version";

pub fn version_in(txn: &super::ReadTxn) -> Result<u64> {
    let meta = tables::META.read(txn)?;
    Ok(meta.get(VERSION_KEY)?.and_then(|v| v.as_u64()).unwrap_or(0))
}

fn stored_version(store: &Store) -> Result<Option<u64>> {
    let txn = store.read()?;
    match tables::META.read(&txn) {
        Ok(meta) => Ok(meta.get(VERSION_KEY)?.and_then(|v| v.as_u64())),
        Err(StoreError::Db(redb::Error::TableDoesNotExist(_))) => Ok(None),
        Err(e) => Err(e),
    }
}

fn set_version(txn: &Txn, version: u64) -> Result<()> {
    tables::META
        .write(txn)?
        .insert(VERSION_KEY, &serde_json::Value::from(version))
}

pub fn run(store: &Store, migrations: &[Migration], target: u64) -> Result<()> {
    let found = match stored_version(store)? {
        None => {
            let txn = store.write()?;
            for table in tables::ALL {
                table.create(&txn.inner)?;
            }
            set_version(&txn, target)?;
            store.commit(txn)?;
            tracing::info!(version = target, "created a new database");
            return Ok(());
        }
        Some(v) => v,
    };
    if found > target {
        return Err(StoreError::NewerSchema {
            path: store.path().to_path_buf(),
            found,
            supported: target,
        });
    }
    let steps: Vec<&Migration> = migrations
        .iter()
        .filter(|m| m.to > found && m.to <= target)
        .collect();
    let consecutive = steps.iter().zip(found + 1..).all(|(m, v)| m.to == v);
    if !consecutive || steps.len() as u64 != target - found {
        return Err(StoreError::Migration(format!(
            "no complete chain of migrations from schema {found} to {target}"
        )));
    }
    for step in steps {
        let txn = store.write()?;
        (step.run)(&txn)?;
        for table in tables::ALL {
            table.create(&txn.inner)?;
        }
        set_version(&txn, step.to)?;
        store.commit(txn)?;
        tracing::info!(version = step.to, name = step.name, "migrated the database");
    }
    ensure_tables(store)
}

/// New tables need no migration: create any that is missing.
fn ensure_tables(store: &Store) -> Result<()> {
    let txn = store.read()?;
    let existing: Vec<String> = {
        use redb::TableHandle;
        txn.inner
            .list_tables()?
            .map(|t| t.name().to_string())
            .collect()
    };
    drop(txn);
    if tables::ALL
        .iter()
        .all(|t| existing.iter().any(|e| e == t.name()))
    {
        return Ok(());
    }
    let txn = store.write()?;
    for table in tables::ALL {
        table.create(&txn.inner)?;
    }
    store.commit(txn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::table::TypedTable;

    const THROWAWAY: TypedTable<&str, String> = TypedTable::new("throwaway_v2");

    fn add_throwaway(txn: &Txn) -> Result<()> {
        THROWAWAY
            .write(txn)?
            .insert("hello", &"from v2".to_string())
    }

    const V2: &[Migration] = &[Migration {
        to: 2,
        name: "add a throwaway table",
        run: add_throwaway,
    }];

    #[test]
    fn migrates_v1_to_v2_once_and_refuses_newer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.redb");
        drop(Store::open_with(&path, &[], 1, 8).unwrap());

        let store = Store::open_with(&path, V2, 2, 8).unwrap();
        assert_eq!(store.check().unwrap(), 2);
        let txn = store.read().unwrap();
        assert_eq!(
            THROWAWAY
                .read(&txn)
                .unwrap()
                .get("hello")
                .unwrap()
                .as_deref(),
            Some("from v2")
        );
        drop(txn);
        drop(store);

        // Running again is a no-op.
        let store = Store::open_with(&path, V2, 2, 8).unwrap();
        assert_eq!(store.check().unwrap(), 2);
        drop(store);

        // A binary that knows only v1 refuses the v2 file, with a clear message.
        match Store::open_with(&path, &[], 1, 8) {
            Err(
                e @ StoreError::NewerSchema {
                    found: 2,
                    supported: 1,
                    ..
                },
            ) => {
                assert!(e.to_string().contains("newer Convene"), "{e}");
            }
            Err(other) => panic!("unexpected error {other}"),
            Ok(_) => panic!("opened a newer database"),
        }
    }

    #[test]
    fn version_2_lists_the_bookings_already_stored() {
        use crate::domain::{Booking, BookingState, Guest, MemberId};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.redb");
        let t = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let booking = Booking {
            id: "b1".into(),
            page_id: "p1".into(),
            page_slug: "call".into(),
            page_title: "Call".into(),
            hosts: vec![MemberId::from_string("m1"), MemberId::from_string("m2")],
            start: t,
            end: t + chrono::Duration::minutes(30),
            buffer_before_minutes: 0,
            buffer_after_minutes: 0,
            guest: Guest {
                name: "Gail".into(),
                email: "gail@example.org".into(),
                timezone: "UTC".into(),
                language: String::new(),
            },
            notes: String::new(),
            answers: vec![],
            location: String::new(),
            state: BookingState::Cancelled,
            assignment_reason: None,
            sequence: 1,
            cancel_reason: String::new(),
            cancelled_by: None,
            reminders_sent: vec![],
            guest_may_change: true,
            manage_token: None,
            created_at: t,
            updated_at: t,
        };
        let store = Store::open_with(&path, &[], 1, 8).unwrap();
        let txn = store.write().unwrap();
        tables::BOOKINGS
            .write(&txn)
            .unwrap()
            .insert("b1", &booking)
            .unwrap();
        store.commit(txn).unwrap();
        drop(store);

        let store = Store::open_with(&path, MIGRATIONS, 2, 8).unwrap();
        let txn = store.read().unwrap();
        let mut by_start = vec![];
        tables::BOOKING_LIST
            .read(&txn)
            .unwrap()
            .scan_keys((i64::MIN, "")..(i64::MAX, ""), |(s, id)| {
                by_start.push((s, id.to_string()));
                true
            })
            .unwrap();
        assert_eq!(by_start, vec![(1_800_000_000, "b1".to_string())]);
        let mut by_host = vec![];
        tables::HOST_BOOKING_LIST
            .read(&txn)
            .unwrap()
            .scan_keys(("", i64::MIN, "")..("zz", i64::MIN, ""), |(h, _, id)| {
                by_host.push((h.to_string(), id.to_string()));
                true
            })
            .unwrap();
        assert_eq!(
            by_host,
            vec![("m1".into(), "b1".into()), ("m2".into(), "b1".into())]
        );
    }

    #[test]
    fn versions_3_and_4_index_the_messages_already_stored() {
        use crate::domain::{DeliveryState, Mail, OutboxMessage, Payload};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.redb");
        let t = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let message = |state| {
            let mut m = OutboxMessage::new(
                Payload::Mail(Mail {
                    kind: "test".into(),
                    to_email: "a@example.org".into(),
                    to_name: String::new(),
                    subject: "Hello".into(),
                    text: String::new(),
                    html: String::new(),
                    ics: None,
                    reply_to: None,
                    unsubscribe_url: None,
                    from_booking: None,
                }),
                t,
            );
            m.state = state;
            m
        };
        let store = Store::open_with(&path, MIGRATIONS, 2, 8).unwrap();
        let txn = store.write().unwrap();
        let mut outbox = tables::OUTBOX.write(&txn).unwrap();
        for state in [
            DeliveryState::Failed,
            DeliveryState::Sent,
            DeliveryState::Queued,
            DeliveryState::Failed,
        ] {
            let m = message(state);
            outbox.insert(m.id.as_str(), &m).unwrap();
            // As version 2 queued it.
            if state == DeliveryState::Queued {
                tables::OUTBOX_DUE
                    .write(&txn)
                    .unwrap()
                    .insert((m.next_attempt_at.timestamp_micros(), m.id.as_str()), &())
                    .unwrap();
            }
        }
        drop(outbox);
        store.commit(txn).unwrap();
        drop(store);

        let store = Store::open_with(&path, MIGRATIONS, 3, 8).unwrap();
        let mut failed_v3 = 0;
        OUTBOX_FAILED_V3
            .read(&store.read().unwrap())
            .unwrap()
            .scan_keys::<&str>(.., |_| {
                failed_v3 += 1;
                true
            })
            .unwrap();
        assert_eq!(failed_v3, 2);
        drop(store);

        // Version 4 lists and counts the same messages by state, and the
        // failed index it replaces is gone.
        let store = Store::open_with(&path, MIGRATIONS, 4, 8).unwrap();
        assert_eq!(store.check().unwrap(), 4);
        let tables: Vec<String> = {
            use redb::TableHandle;
            let txn = store.read().unwrap();
            txn.inner
                .list_tables()
                .unwrap()
                .map(|t| t.name().to_string())
                .collect()
        };
        assert!(!tables.iter().any(|t| t == "outbox_failed"), "{tables:?}");
        let report = store.check_integrity().unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        let counts = store.outbox_counts().unwrap();
        assert_eq!((counts.failed, counts.sent, counts.queued), (2, 1, 1));
        let failed = store.outbox_in_state(DeliveryState::Failed, 10).unwrap();
        assert_eq!(failed.len(), 2);
    }

    #[test]
    fn version_5_rewrites_bookings_and_host_rows_under_short_names() {
        use crate::domain::{AssignmentReason, HostSlot};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.redb");
        // Rows as versions before 5 wrote them: every field, named in full.
        let long_booking = serde_json::json!({
            "id": "b1", "page_id": "p1", "page_slug": "intro", "page_title": "Intro call",
            "hosts": ["m1"], "start": "2027-01-05T09:00:00Z", "end": "2027-01-05T09:30:00Z",
            "buffer_before_minutes": 5, "buffer_after_minutes": 0,
            "guest": {"name": "Ann Guest", "email": "ann@example.org",
                      "timezone": "Europe/Paris", "language": "fr"},
            "notes": "", "answers": [{"question_id": "q1", "label": "Topic", "value": "Rust"}],
            "location": "", "state": "confirmed",
            "assignment_reason": {"bookings": 3, "tied_with": 1},
            "sequence": 0, "cancel_reason": "", "cancelled_by": null, "reminders_sent": [60],
            "guest_may_change": true, "manage_token": "tok",
            "created_at": "2026-12-01T08:00:00.123456789Z",
            "updated_at": "2026-12-01T08:00:00.123456789Z"
        })
        .to_string();
        let long_slot = r#"{"end":1830675600,"buffer_before":300,"buffer_after":0}"#;
        let store = Store::open_with(&path, MIGRATIONS, 4, 8).unwrap();
        let txn = store.write().unwrap();
        txn.inner
            .open_table(tables::BOOKINGS.definition())
            .unwrap()
            .insert("b1", long_booking.as_bytes())
            .unwrap();
        txn.inner
            .open_table(tables::HOST_BOOKINGS.definition())
            .unwrap()
            .insert(("m1", 1_830_675_600 - 1800, "b1"), long_slot.as_bytes())
            .unwrap();
        store.commit(txn).unwrap();
        let before = tables::BOOKINGS
            .read(&store.read().unwrap())
            .unwrap()
            .get("b1")
            .unwrap()
            .unwrap();
        assert_eq!(before.guest.language, "fr");
        assert_eq!(before.answers[0].value, "Rust");
        assert_eq!(
            before.assignment_reason,
            Some(AssignmentReason::FewestBookings {
                bookings: 3,
                tied_with: 1
            })
        );
        drop(store);

        let store = Store::open_with(&path, MIGRATIONS, 5, 8).unwrap();
        assert_eq!(store.check().unwrap(), 5);
        let txn = store.read().unwrap();
        {
            use redb::TableHandle;
            let names: Vec<String> = txn
                .inner
                .list_tables()
                .unwrap()
                .map(|t| t.name().to_string())
                .collect();
            assert!(!names.iter().any(|n| n == "migration_scratch"), "{names:?}");
        }
        let raw = |table: &str| -> Vec<u8> {
            if table == "bookings" {
                let t = txn.inner.open_table(tables::BOOKINGS.definition()).unwrap();
                t.get("b1").unwrap().unwrap().value().to_vec()
            } else {
                let t = txn
                    .inner
                    .open_table(tables::HOST_BOOKINGS.definition())
                    .unwrap();
                t.get(("m1", 1_830_675_600 - 1800, "b1"))
                    .unwrap()
                    .unwrap()
                    .value()
                    .to_vec()
            }
        };
        let short = raw("bookings");
        assert!(
            short.len() * 5 < long_booking.len() * 3,
            "{} of {} bytes: {}",
            short.len(),
            long_booking.len(),
            String::from_utf8_lossy(&short)
        );
        let after = tables::BOOKINGS
            .read(&txn)
            .unwrap()
            .get("b1")
            .unwrap()
            .unwrap();
        assert_eq!(after, before);
        assert_eq!(raw("host_bookings"), br#"{"e":1830675600,"bb":300}"#);
        let slot = tables::HOST_BOOKINGS
            .read(&txn)
            .unwrap()
            .get(("m1", 1_830_675_600 - 1800, "b1"))
            .unwrap();
        assert_eq!(
            slot,
            Some(HostSlot {
                end: 1_830_675_600,
                buffer_before: 300,
                buffer_after: 0
            })
        );
        let head = crate::store::bookings::booking_reader(&txn)
            .unwrap()
            .head("b1")
            .unwrap()
            .unwrap()
            .1;
        assert_eq!(head.page_id, "p1");
    }

    #[test]
    fn fresh_database_is_at_the_current_version() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.redb")).unwrap();
        assert_eq!(store.check().unwrap(), CURRENT_VERSION);
    }
}
