//! One sync of one connection: fetch (conditionally), expand into busy
//! times, and record the outcome in one commit. A failure records why and
//! keeps the last good busy times; a success replaces them. Many
//! connections sync a few at a time (`calendar.concurrent_syncs`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use futures_util::StreamExt;

use super::caldav::Account;
use super::ical_url::{self, Fetched};
use super::{Calendars, Problem};
use crate::calendar::{Expanded, Warning, busy_times};
use crate::domain::{
    CalendarConnection, CalendarKind, Collection, MemberId, StoredBusy, SyncNote, SyncProblem,
};
use crate::store::{self, Imported, Moved, StoreError};

/// Told after a sync commits what the synced members' connected calendars
/// now make busy, so whoever indexes availability can carry its indexes
/// over the commit instead of reading every synced member again.
pub trait BusyListener: Send + Sync {
    /// `moved` is how the commit moved each revision it touched; a
    /// member's entry in `imported` holds only where its revision moved
    /// alone (nothing else changed that member meanwhile).
    fn busy_replaced(&self, moved: &[Moved], imported: &HashMap<MemberId, Imported>, now: i64);
}

/// The `Authorization` value of a connection with a password.
pub(super) fn auth_of(cals: &Calendars, c: &CalendarConnection) -> Result<Option<String>, Problem> {
    match &c.password {
        Some(sealed) => {
            let password = cals
                .keyring
                .open(sealed)
                .map_err(|e| Problem::new("password_unreadable", e.to_string()))?;
            Ok(Some(ical_url::basic_auth(
                &c.username,
                &String::from_utf8_lossy(&password),
            )))
        }
        None => Ok(None),
    }
}

/// How far back busy times are read: a booking being made now cannot
/// start earlier than this.
const BACK: i64 = 86_400;
/// The window when no page says how far ahead it books.
const DEFAULT_HORIZON_DAYS: i64 = 90;
const MAX_HORIZON_DAYS: i64 = 3 * 366;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncReport {
    /// Busy intervals kept for the connection after the sync.
    pub events: u32,
    /// False when the calendar answered "not modified".
    pub changed: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("no such calendar connection")]
    Gone,
    #[error("{}: {}", .0.code, .0.detail)]
    Failed(Problem),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One connection as fetched, before it is recorded.
struct Read {
    connection: CalendarConnection,
    outcome: Result<Outcome, Problem>,
    to: i64,
}

/// What a fetch produced.
enum Outcome {
    Unchanged,
    Read {
        busy: Vec<StoredBusy>,
        notes: Vec<SyncNote>,
        etag: String,
        last_modified: String,
        collections: Vec<Collection>,
    },
}

/// Counts of one round over every connection.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Round {
    pub synced: u32,
    pub unchanged: u32,
    pub failed: u32,
    pub newly_stale: u32,
}

impl Calendars {
    /// The window busy times are read for: a day back to the longest
    /// booking horizon of any page.
    fn window(&self, now: DateTime<Utc>) -> Result<(i64, i64), StoreError> {
        let txn = self.store.read()?;
        let days = store::pages_in(&txn)?
            .iter()
            .map(|p| i64::from(p.horizon_days))
            .max()
            .unwrap_or(DEFAULT_HORIZON_DAYS)
            .clamp(1, MAX_HORIZON_DAYS);
        let now = now.timestamp();
        Ok((now - BACK, now + days * 86_400 + BACK))
    }

    /// Syncs one connection now.
    pub async fn sync(&self, id: &str, now: DateTime<Utc>) -> Result<SyncReport, SyncError> {
        let window = self.window(now)?;
        let read = self.read(id, window).await?;
        let member = read.connection.member_id.clone();
        let txn = self.store.write()?;
        let report = self.record_in(&txn, read, now);
        self.commit_round(txn, &[member], now)?;
        report
    }

    /// Commits a sync's outcomes and tells the listener what the synced
    /// members' calendars now make busy, read in the same transaction.
    fn commit_round(
        &self,
        txn: store::Txn,
        members: &[MemberId],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let Some(listener) = &self.listener else {
            return self.store.commit(txn);
        };
        let from = now.timestamp() - 2 * 86_400;
        let mut imported = HashMap::with_capacity(members.len());
        {
            let cal = store::calendars(&txn)?;
            for m in members {
                if !imported.contains_key(m) {
                    imported.insert(m.clone(), cal.imported(m.as_str(), from)?);
                }
            }
        }
        let committed = self.store.commit_counted(txn)?;
        listener.busy_replaced(&committed.moved, &imported, now.timestamp());
        Ok(())
    }

    /// Fetches one connection (holding one of the permits meanwhile).
    async fn read(&self, id: &str, (from, to): (i64, i64)) -> Result<Read, SyncError> {
        // Never closed, so acquiring only waits.
        let _permit = self.permits.acquire().await.ok();
        let (connection, zone) = {
            let txn = self.store.read()?;
            let c = store::connection_in(&txn, id)?.ok_or(SyncError::Gone)?;
            let zone = store::member_in(&txn, &c.member_id)?
                .and_then(|m| m.timezone.parse::<Tz>().ok())
                .unwrap_or(chrono_tz::UTC);
            (c, zone)
        };
        let outcome = self.fetch(&connection, zone, from, to).await;
        Ok(Read {
            connection,
            outcome,
            to,
        })
    }

    async fn fetch(
        &self,
        c: &CalendarConnection,
        zone: Tz,
        from: i64,
        to: i64,
    ) -> Result<Outcome, Problem> {
        let auth = auth_of(self, c)?;
        // Busy times reach only as far as the last full read: once the
        // window outgrows it, read everything again.
        let reread = c.expanded_to < to - BACK;
        match c.kind {
            CalendarKind::IcalUrl => {
                let (etag, modified) = if reread {
                    ("", "")
                } else {
                    (c.etag.as_str(), c.last_modified.as_str())
                };
                match ical_url::fetch(&self.outbound, &c.url, auth.as_deref(), etag, modified)
                    .await?
                {
                    Fetched::Unchanged => Ok(Outcome::Unchanged),
                    Fetched::Body {
                        text,
                        etag,
                        last_modified,
                    } => {
                        let expanded = busy_times(&text, zone, from, to)
                            .map_err(|e| Problem::from_expand(&e))?;
                        let (busy, notes) = kept(expanded);
                        Ok(Outcome::Read {
                            busy,
                            notes,
                            etag,
                            last_modified,
                            collections: Vec::new(),
                        })
                    }
                }
            }
            CalendarKind::Caldav => {
                let account = Account {
                    outbound: &self.outbound,
                    auth: auth.as_deref(),
                };
                let mut collections = if c.collections.is_empty() {
                    account.discover(&c.url).await?
                } else {
                    c.collections.clone()
                };
                let mut changed = reread || c.collections.is_empty();
                for k in collections.iter_mut().filter(|k| k.busy) {
                    let version = account.version(&k.href).await?;
                    changed |= version.is_empty() || version != k.version;
                    k.version = version;
                }
                if !changed {
                    return Ok(Outcome::Unchanged);
                }
                let mut busy = Vec::new();
                let mut notes = Vec::new();
                for k in collections.iter().filter(|k| k.busy) {
                    for data in account.events(&k.href, from, to).await? {
                        let expanded = busy_times(&data, zone, from, to)
                            .map_err(|e| Problem::from_expand(&e))?;
                        let (b, n) = kept(expanded);
                        busy.extend(b);
                        notes.extend(n);
                    }
                }
                busy.sort_by_key(|b| (b.0, b.1));
                Ok(Outcome::Read {
                    busy,
                    notes,
                    etag: String::new(),
                    last_modified: String::new(),
                    collections,
                })
            }
        }
    }

    /// Writes the outcome, unless the connection was re-linked or removed
    /// while it was being fetched (then the fetch is for nothing).
    fn record_in(
        &self,
        txn: &store::Txn,
        read: Read,
        now: DateTime<Utc>,
    ) -> Result<SyncReport, SyncError> {
        let Read {
            connection: fetched_as,
            outcome,
            to,
        } = read;
        let fetched_as = &fetched_as;
        let Some(mut c) = store::connection_in(txn, &fetched_as.id)? else {
            return Err(SyncError::Gone);
        };
        if c.url != fetched_as.url
            || c.username != fetched_as.username
            || c.password != fetched_as.password
        {
            return Err(SyncError::Failed(Problem::new(
                "relinked",
                "the calendar was re-linked during the sync",
            )));
        }
        c.last_sync_at = Some(now);
        let outcome = match outcome {
            Err(problem) => {
                tracing::warn!(
                    connection = %c.id,
                    host = %super::host_of(&c.url),
                    code = problem.code,
                    detail = %problem.detail,
                    "calendar sync failed; the last good busy times stay"
                );
                c.last_error = Some(SyncProblem {
                    code: problem.code.to_string(),
                    detail: problem.detail.clone(),
                    at: now,
                });
                store::put_sync_status_in(txn, &c)?;
                crate::telemetry::calendar_synced(false);
                return Err(SyncError::Failed(problem));
            }
            Ok(o) => o,
        };
        crate::telemetry::calendar_synced(true);
        let was_hiding = c.hiding_slots;
        c.last_ok_at = Some(now);
        c.last_error = None;
        c.hiding_slots = false;
        c.stale_notified = false;
        if let Some(sealed) = &c.password
            && self.keyring.needs_resealing(sealed)
            && let Ok(plain) = self.keyring.open(sealed)
        {
            c.password = Some(self.keyring.seal(&plain));
        }
        let changed = match outcome {
            Outcome::Unchanged => {
                if was_hiding {
                    store::put_connection_in(txn, &c)?;
                } else {
                    store::put_sync_status_in(txn, &c)?;
                }
                false
            }
            Outcome::Read {
                busy,
                notes,
                etag,
                last_modified,
                collections,
            } => {
                let busy = without_own_bookings(txn, &c.member_id, busy)?;
                c.events = u32::try_from(busy.len()).unwrap_or(u32::MAX);
                c.notes = notes;
                c.etag = etag;
                c.last_modified = last_modified;
                c.expanded_to = to;
                if c.kind == CalendarKind::Caldav {
                    c.collections = collections;
                }
                let before = store::busy_in(txn, &c.id)?;
                if before == busy && !was_hiding {
                    // Same busy times: no member's availability changes.
                    store::put_sync_status_in(txn, &c)?;
                } else {
                    store::put_connection_in(txn, &c)?;
                    store::put_busy_in(txn, &c.member_id, &c.id, &busy)?;
                }
                true
            }
        };
        Ok(SyncReport {
            events: c.events,
            changed,
        })
    }

    /// Syncs every connection, a few at a time, then reviews staleness.
    pub async fn sync_all(&self, now: DateTime<Utc>) -> Result<Round, StoreError> {
        let ids: Vec<String> = {
            let txn = self.store.read()?;
            store::all_connections_in(&txn)?
                .into_iter()
                .map(|c| c.id)
                .collect()
        };
        // Read once for the round, not once per calendar.
        let window = self.window(now)?;
        let width = self.config.concurrent_syncs.max(1) as usize;
        let reads: Vec<Result<Read, SyncError>> = futures_util::stream::iter(ids)
            .map(|id| async move { self.read(&id, window).await })
            .buffer_unordered(width)
            .collect()
            .await;
        // One commit for the round: the slot lists of every host that
        // changed are rebuilt once, not once per calendar.
        let txn = self.store.write()?;
        let mut results = Vec::with_capacity(reads.len());
        let mut members = Vec::with_capacity(reads.len());
        for r in reads {
            results.push(match r {
                Ok(read) => {
                    members.push(read.connection.member_id.clone());
                    self.record_in(&txn, read, now)
                }
                Err(e) => Err(e),
            });
        }
        self.commit_round(txn, &members, now)?;
        let mut round = Round::default();
        for r in results {
            match r {
                Ok(SyncReport { changed: true, .. }) => round.synced += 1,
                Ok(_) => round.unchanged += 1,
                Err(SyncError::Store(e)) => return Err(e),
                Err(SyncError::Gone) => {}
                Err(SyncError::Failed(_)) => round.failed += 1,
            }
        }
        round.newly_stale = super::stale::review(self, now)?;
        Ok(round)
    }
}

/// Busy intervals and notes as stored.
/// Events this server wrote back for the member's own bookings (their
/// UID is the booking's feed UID): the booking already counts, and must
/// not block itself, nor its own old time when it is rescheduled.
fn without_own_bookings(
    txn: &store::Txn,
    member: &MemberId,
    busy: Vec<StoredBusy>,
) -> Result<Vec<StoredBusy>, StoreError> {
    if !busy
        .iter()
        .any(|b| b.2.ends_with(crate::service::event_texts::FEED_UID_DOMAIN))
    {
        return Ok(busy);
    }
    let mut out = Vec::with_capacity(busy.len());
    for b in busy {
        let own = match crate::service::event_texts::booking_of_uid(&b.2) {
            Some(id) => store::booking_in(txn, id)?.is_some_and(|k| k.hosts.contains(member)),
            None => false,
        };
        if !own {
            out.push(b);
        }
    }
    Ok(out)
}

fn kept(expanded: Expanded) -> (Vec<StoredBusy>, Vec<SyncNote>) {
    let busy = expanded
        .busy
        .into_iter()
        .map(|b| StoredBusy(b.start, b.end, b.uid))
        .collect();
    let notes = expanded
        .warnings
        .iter()
        .map(|w| SyncNote {
            code: w.code().to_string(),
            detail: match w {
                Warning::UnknownZone { tzid } => tzid.clone(),
                Warning::SkippedEvent { uid, reason } => format!("{uid} ({})", reason.code()),
            },
        })
        .collect();
    (busy, notes)
}
