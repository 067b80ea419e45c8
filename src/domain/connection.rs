//! A member's own calendar, connected so its events count as busy times.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::MemberId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalendarKind {
    /// A secret iCal address (Google, Outlook, Apple, Nextcloud, Fastmail).
    IcalUrl,
    /// A CalDAV server, principal or calendar collection.
    Caldav,
}

impl CalendarKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CalendarKind::IcalUrl => "ical_url",
            CalendarKind::Caldav => "caldav",
        }
    }

    pub fn parse(s: &str) -> Option<CalendarKind> {
        match s {
            "ical_url" => Some(CalendarKind::IcalUrl),
            "caldav" => Some(CalendarKind::Caldav),
            _ => None,
        }
    }
}

/// One calendar collection found on a CalDAV server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collection {
    /// The collection's absolute URL.
    pub href: String,
    #[serde(default)]
    pub name: String,
    /// Whether its events count as busy (every calendar found does until
    /// the member unticks it).
    pub busy: bool,
    /// What the server said the collection's state was at the last sync
    /// (sync-token, else getctag): unchanged means nothing to read.
    #[serde(default)]
    pub version: String,
}

/// Why the last sync failed, kept until a sync succeeds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncProblem {
    /// Stable code (`unreachable`, `not_found`, `unauthorized`,
    /// `not_a_calendar`, `too_large`, `unparsable`, `refused`, …).
    pub code: String,
    /// What the other side said, for the admin (a status line, an error
    /// text); never a password.
    #[serde(default)]
    pub detail: String,
    pub at: DateTime<Utc>,
}

/// Something a sync read but could not use as it was (an unknown time
/// zone, a skipped event); the rest was imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncNote {
    pub code: String,
    #[serde(default)]
    pub detail: String,
}

/// What writing back does with a cancelled booking's event.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CancelAction {
    /// The event is deleted from the member's calendar.
    #[default]
    Delete,
    /// The event stays, marked STATUS:CANCELLED (struck through in most
    /// calendar apps), so the member sees what was cancelled.
    MarkCancelled,
}

impl CancelAction {
    pub fn as_str(self) -> &'static str {
        match self {
            CancelAction::Delete => "delete",
            CancelAction::MarkCancelled => "mark_cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<CancelAction> {
        match s {
            "delete" => Some(CancelAction::Delete),
            "mark_cancelled" => Some(CancelAction::MarkCancelled),
            _ => None,
        }
    }
}

/// A booking's event as written to a member's CalDAV calendar: where it
/// is and the version the server gave it, for the next change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrittenEvent {
    pub connection_id: String,
    /// The event resource's absolute URL.
    pub href: String,
    /// The server's ETag of what was written (`If-Match` of the next
    /// change); empty when the server gave none.
    #[serde(default)]
    pub etag: String,
    /// The booking's sequence as last written.
    pub sequence: u32,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarConnection {
    pub id: String,
    pub member_id: MemberId,
    pub kind: CalendarKind,
    /// As the member gave it (`webcal://` already turned into https://).
    pub url: String,
    #[serde(default)]
    pub username: String,
    /// The password sealed with the server's key (`secrets`); never shown.
    #[serde(default)]
    pub password: Option<Vec<u8>>,
    /// Bookings are written to this calendar (CalDAV; one per member).
    #[serde(default)]
    pub write_back: bool,
    /// The collection bookings are written to; empty: the account's
    /// default calendar (`schedule-default-calendar-URL`, else its first
    /// calendar that takes events).
    #[serde(default)]
    pub write_calendar: String,
    #[serde(default)]
    pub on_cancel: CancelAction,
    /// Why the last write-back failed, until one succeeds.
    #[serde(default)]
    pub write_error: Option<SyncProblem>,
    #[serde(default)]
    pub last_write_at: Option<DateTime<Utc>>,
    /// CalDAV: the collections discovered under `url`.
    #[serde(default)]
    pub collections: Vec<Collection>,
    /// iCal URL: the validators of the last body read, sent back so an
    /// unchanged calendar answers 304 and nothing is written.
    #[serde(default)]
    pub etag: String,
    #[serde(default)]
    pub last_modified: String,
    /// The end (UTC seconds) of the window the stored busy times were
    /// expanded for; once bookings reach past it, the next sync reads
    /// the whole calendar again even if it did not change.
    #[serde(default)]
    pub expanded_to: i64,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub last_sync_at: Option<DateTime<Utc>>,
    /// The last sync that succeeded: what staleness is measured from.
    #[serde(default)]
    pub last_ok_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub last_error: Option<SyncProblem>,
    #[serde(default)]
    pub notes: Vec<SyncNote>,
    /// Busy intervals kept from the last good sync.
    #[serde(default)]
    pub events: u32,
    /// Stale and configured to hide: the member's slots are not offered.
    #[serde(default)]
    pub hiding_slots: bool,
    /// The member and admins were told it went stale (once per episode).
    #[serde(default)]
    pub stale_notified: bool,
}

/// The sealed password stays out of debug output too.
impl std::fmt::Debug for CalendarConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CalendarConnection")
            .field("id", &self.id)
            .field("member_id", &self.member_id)
            .field("kind", &self.kind)
            .field("password", &self.password.as_ref().map(|_| "(sealed)"))
            .field("last_ok_at", &self.last_ok_at)
            .field("last_error", &self.last_error)
            .field("events", &self.events)
            .finish_non_exhaustive()
    }
}

/// One busy interval as stored: UTC seconds and the event it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredBusy(pub i64, pub i64, pub String);

impl CalendarConnection {
    /// Whether the last successful sync is older than `hours` (or there
    /// never was one and the connection is that old).
    pub fn is_stale(&self, now: DateTime<Utc>, hours: u32) -> bool {
        let since = self.last_ok_at.unwrap_or(self.created_at);
        now - since > chrono::Duration::hours(i64::from(hours))
    }
}
