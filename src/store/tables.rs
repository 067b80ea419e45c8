//! Every table of the database, in one place, so backups copy them all.

use redb::Key;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::invitations::{EmailChange, PasswordReset};
use super::jobs::JobRun;
use super::table::TypedTable;
use super::{AuditEntry, Credential, Result};
use crate::domain::{
    CatalogEntry, DeliveryAttempt, Invitation, Member, MemberId, Notification, Organization,
    OutboxMessage, Preferences, Schedule, Webhook,
};
use crate::store::{ApiKeyRecord, SessionRecord};

/// Singletons and counters: "schema_version", …
pub const META: TypedTable<&str, serde_json::Value> = TypedTable::new("meta");
/// The organization, under the key "org".
pub const ORG: TypedTable<&str, Organization> = TypedTable::new("org");
pub const MEMBERS: TypedTable<&str, Member> = TypedTable::new("members");
/// Normalized email → member id.
pub const MEMBER_EMAILS: TypedTable<&str, MemberId> = TypedTable::new("member_emails");
/// Member id → password hash, apart from the member so it never leaks into
/// a member's JSON by accident.
pub const CREDENTIALS: TypedTable<&str, Credential> = TypedTable::new("credentials");
/// SHA-256 of the session token → session.
pub const SESSIONS: TypedTable<[u8; 32], SessionRecord> = TypedTable::new("sessions");
/// SHA-256 of the API key → key record.
pub const API_KEYS: TypedTable<[u8; 32], ApiKeyRecord> = TypedTable::new("api_keys");
/// (unix microseconds, random id) → audit entry, oldest first.
pub const AUDIT: TypedTable<(i64, &str), AuditEntry> = TypedTable::new("audit");

/// Message id → message (mails and webhook calls).
pub const OUTBOX: TypedTable<&str, OutboxMessage> = TypedTable::new("outbox");
/// (next attempt, unix µs; message id) of queued messages only.
pub const OUTBOX_DUE: TypedTable<(i64, &str), ()> = TypedTable::new("outbox_due");
/// (state, created µs, message id) of every message: lists of one state,
/// newest first, read only that state's keys however much mail was sent.
pub const OUTBOX_BY_STATE: TypedTable<(&str, i64, &str), ()> = TypedTable::new("outbox_by_state");
/// State → how many messages are in it, moved in the transaction that
/// moves a message.
pub const OUTBOX_TALLY: TypedTable<&str, u64> = TypedTable::new("outbox_tally");
/// (member, created µs, id) → notification.
pub const NOTIFICATIONS: TypedTable<(&str, i64, &str), Notification> =
    TypedTable::new("notifications");
/// Member → number of unread notifications.
pub const NOTIFICATION_UNREAD: TypedTable<&str, u64> = TypedTable::new("notification_unread");
/// Member → notification preferences.
pub const PREFERENCES: TypedTable<&str, Preferences> = TypedTable::new("preferences");
pub const WEBHOOKS: TypedTable<&str, Webhook> = TypedTable::new("webhooks");
/// (webhook, attempt µs, message id) → attempt.
pub const WEBHOOK_DELIVERIES: TypedTable<(&str, i64, &str), DeliveryAttempt> =
    TypedTable::new("webhook_deliveries");
/// Job name → its last run.
pub const JOB_RUNS: TypedTable<&str, JobRun> = TypedTable::new("job_runs");

/// SHA-256 of an invitation token → invitation.
pub const INVITATIONS: TypedTable<[u8; 32], Invitation> = TypedTable::new("invitations");
/// SHA-256 of an email-change token → the change.
pub const EMAIL_CHANGES: TypedTable<[u8; 32], EmailChange> = TypedTable::new("email_changes");
/// SHA-256 of a password-reset token → the member it is for.
pub const PASSWORD_RESETS: TypedTable<[u8; 32], PasswordReset> = TypedTable::new("password_resets");
/// (kind, name) → department, position or location.
pub const CATALOG: TypedTable<(&str, &str), CatalogEntry> = TypedTable::new("catalog");
/// Member → weekly schedule.
pub const SCHEDULES: TypedTable<&str, Schedule> = TypedTable::new("schedules");
/// (UTC day, "member:<id>" or "ip:<addr>") → CSV rows imported that day.
pub const IMPORT_USAGE: TypedTable<(&str, &str), u32> = TypedTable::new("import_usage");

/// (member, start unix s, id) → unavailability period.
pub const UNAVAILABILITY: TypedTable<(&str, i64, &str), crate::domain::Unavailability> =
    TypedTable::new("unavailability");

/// Page id → booking page.
pub const BOOKING_PAGES: TypedTable<&str, crate::domain::BookingPage> =
    TypedTable::new("booking_pages");
/// Slug → page id; slugs are unique.
pub const PAGE_SLUGS: TypedTable<&str, String> = TypedTable::new("page_slugs");
/// Booking id → booking (confirmed and cancelled).
pub const BOOKINGS: TypedTable<&str, crate::domain::Booking> = TypedTable::new("bookings");
/// (host, start unix s, booking id) → what the engine needs, confirmed
/// bookings only: a host's availability is one range read.
pub const HOST_BOOKINGS: TypedTable<(&str, i64, &str), crate::domain::HostSlot> =
    TypedTable::new("host_bookings");
/// (start unix s, booking id), confirmed bookings only: reminders and
/// date-range lists.
pub const BOOKING_STARTS: TypedTable<(i64, &str), ()> = TypedTable::new("booking_starts");
/// (start unix s, booking id), every booking in any state: the bookings
/// list, in order and a page at a time.
pub const BOOKING_LIST: TypedTable<(i64, &str), ()> = TypedTable::new("booking_list");
/// (host, start unix s, booking id), every booking in any state: a host's
/// bookings list.
pub const HOST_BOOKING_LIST: TypedTable<(&str, i64, &str), ()> =
    TypedTable::new("host_booking_list");
/// SHA-256 of a guest's manage token → booking id.
pub const BOOKING_TOKENS: TypedTable<[u8; 32], String> = TypedTable::new("booking_tokens");

/// Connection id → a member's connected calendar.
pub const CONNECTIONS: TypedTable<&str, crate::domain::CalendarConnection> =
    TypedTable::new("calendar_connections");
/// (member, connection id): a member's connections, one range read.
pub const MEMBER_CONNECTIONS: TypedTable<(&str, &str), ()> = TypedTable::new("member_connections");
/// Connection id → the busy intervals of its last good sync, in start
/// order. Written whole by each sync that changed something.
pub const CONNECTION_BUSY: TypedTable<&str, Vec<crate::domain::StoredBusy>> =
    TypedTable::new("connection_busy");

/// (member, booking id) → the booking's event as written to the member's
/// CalDAV calendar.
pub const WRITTEN_EVENTS: TypedTable<(&str, &str), crate::domain::WrittenEvent> =
    TypedTable::new("written_events");

/// SHA-256 of a feed token → the feed (see `feeds`).
pub const FEEDS: TypedTable<[u8; 32], super::feeds::FeedRecord> = TypedTable::new("feeds");
/// "member:<id>" or "page:<id>" → the hash of its current feed token.
pub const FEED_OWNERS: TypedTable<&str, [u8; 32]> = TypedTable::new("feed_owners");

/// What a backup and a fresh database need to know of each table.
/// What reading a whole table found.
pub struct Verified {
    pub rows: u64,
    /// Keys and values.
    pub stored_bytes: u64,
    /// With the tree's own pages and their unused space.
    pub tree_bytes: u64,
    pub corrupt: Vec<String>,
}

pub trait AnyTable: Sync {
    fn name(&self) -> &'static str;
    fn create(&self, txn: &redb::WriteTransaction) -> Result<()>;
    /// Copies every row into `to`, committing every `batch_bytes` of
    /// values so that memory stays bounded whatever the table's size.
    fn copy(
        &self,
        from: &redb::ReadTransaction,
        to: &redb::Database,
        batch_bytes: usize,
    ) -> Result<u64>;
    /// Rows, the bytes its keys and values take (redb's `stored_bytes`),
    /// and the keys (debug-printed) of records that do not decode.
    fn verify(&self, from: &redb::ReadTransaction) -> Result<Verified>;
}

impl<K: Key + 'static, V: Serialize + DeserializeOwned> AnyTable for TypedTable<K, V> {
    fn name(&self) -> &'static str {
        TypedTable::name(self)
    }

    fn create(&self, txn: &redb::WriteTransaction) -> Result<()> {
        txn.open_table(self.definition())?;
        Ok(())
    }

    // A new file of its own, not the store: its commits skip Store::commit.
    #[allow(clippy::disallowed_methods)]
    fn copy(
        &self,
        from: &redb::ReadTransaction,
        to: &redb::Database,
        batch_bytes: usize,
    ) -> Result<u64> {
        use redb::ReadableTable;
        let source = from.open_table(self.definition())?;
        let mut rows = 0;
        let mut entries = source.iter()?.peekable();
        loop {
            // At least one commit, so that an empty table exists too.
            let txn = to.begin_write()?;
            {
                let mut target = txn.open_table(self.definition())?;
                let mut bytes = 0;
                while bytes < batch_bytes {
                    let Some(entry) = entries.next() else { break };
                    let (k, v) = entry?;
                    bytes += v.value().len();
                    target.insert(k.value(), v.value())?;
                    rows += 1;
                }
            }
            txn.commit()?;
            if entries.peek().is_none() {
                return Ok(rows);
            }
        }
    }

    fn verify(&self, from: &redb::ReadTransaction) -> Result<Verified> {
        use redb::{ReadableTable, ReadableTableMetadata};
        let source = from.open_table(self.definition())?;
        let (mut rows, mut corrupt) = (0, Vec::new());
        for entry in source.iter()? {
            let (k, v) = entry?;
            rows += 1;
            if super::table::decode::<V>(self.name(), v.value()).is_err() {
                corrupt.push(format!("{:?}", k.value()));
            }
        }
        let stats = source.stats()?;
        Ok(Verified {
            rows,
            stored_bytes: stats.stored_bytes(),
            tree_bytes: stats.stored_bytes() + stats.metadata_bytes() + stats.fragmented_bytes(),
            corrupt,
        })
    }
}

/// External member id → external member.
pub const EXTERNAL_MEMBERS: TypedTable<&str, crate::domain::ExternalMember> =
    TypedTable::new("external_members");
/// SHA-256 of a candidate-date token → what it opens.
pub const CONNECT_TOKENS: TypedTable<[u8; 32], crate::domain::ConnectToken> =
    TypedTable::new("connect_tokens");

pub static ALL: &[&dyn AnyTable] = &[
    &META,
    &ORG,
    &MEMBERS,
    &MEMBER_EMAILS,
    &CREDENTIALS,
    &SESSIONS,
    &API_KEYS,
    &AUDIT,
    &OUTBOX,
    &OUTBOX_DUE,
    &OUTBOX_BY_STATE,
    &OUTBOX_TALLY,
    &NOTIFICATIONS,
    &NOTIFICATION_UNREAD,
    &PREFERENCES,
    &WEBHOOKS,
    &WEBHOOK_DELIVERIES,
    &JOB_RUNS,
    &INVITATIONS,
    &EMAIL_CHANGES,
    &PASSWORD_RESETS,
    &CATALOG,
    &SCHEDULES,
    &IMPORT_USAGE,
    &UNAVAILABILITY,
    &BOOKING_PAGES,
    &PAGE_SLUGS,
    &BOOKINGS,
    &HOST_BOOKINGS,
    &BOOKING_STARTS,
    &BOOKING_LIST,
    &HOST_BOOKING_LIST,
    &BOOKING_TOKENS,
    &CONNECTIONS,
    &MEMBER_CONNECTIONS,
    &CONNECTION_BUSY,
    &WRITTEN_EVENTS,
    &FEEDS,
    &FEED_OWNERS,
    &EXTERNAL_MEMBERS,
    &CONNECT_TOKENS,
];
