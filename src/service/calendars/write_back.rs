//! Bookings written back to a host's own CalDAV calendar (PRODUCT.md §7):
//! a new booking is PUT as an event with `If-None-Match: *`, a change
//! updates it with `If-Match` (on 412 the version is read again and the
//! write tried once more), a cancellation deletes it or marks it
//! CANCELLED, as the connection says.
//!
//! The writes go through the outbox (`Payload::CalendarWrite`), queued in
//! the booking's own transaction and sent by the delivery worker with its
//! retries and backoff, so a calendar server that is down never slows or
//! fails a booking. A write reads the booking as it is when it goes: the
//! calendar ends up as the booking is, whatever was missed meanwhile.
//!
//! The event's UID is the feed's (`{booking}@feed.convene`); the next
//! import recognizes it (see `sync`), so a booking never blocks itself.

use chrono::{DateTime, Utc};

use super::Calendars;
use super::Problem;
use super::caldav::{Account, Precondition, Written};
use crate::domain::{
    BookingState, CalendarConnection, CalendarWrite, CancelAction, SyncProblem, WrittenEvent,
};
use crate::i18n::Lang;
use crate::service::event_texts::EventTexts;
use crate::store::{self, StoreError};

/// What one write does, decided from the stored state.
#[derive(Debug)]
enum Plan {
    /// Write the event (new, changed, or marked cancelled).
    Put {
        connection: CalendarConnection,
        href: String,
        known: Option<WrittenEvent>,
        body: String,
        sequence: u32,
        /// The resource's name when it is new: `{booking id}.ics`.
        file: String,
    },
    /// Remove the event written before.
    Delete {
        connection: CalendarConnection,
        known: WrittenEvent,
    },
}

/// Brings the event of `job` in the host's calendar up to date.
/// `Err((why, permanent))` when it did not land; the connection shows why.
pub async fn deliver(
    cals: &Calendars,
    job: &CalendarWrite,
    now: DateTime<Utc>,
) -> Result<(), (String, bool)> {
    let planned = {
        let cals = cals.clone();
        let job = job.clone();
        tokio::task::spawn_blocking(move || plan(&cals, &job)).await
    };
    let plan = match planned {
        Ok(Ok(Some(plan))) => plan,
        Ok(Ok(None)) => return Ok(()),
        Ok(Err(e)) => return Err((e.to_string(), false)),
        Err(e) => return Err((e.to_string(), false)),
    };
    let connection = match &plan {
        Plan::Put { connection, .. } | Plan::Delete { connection, .. } => connection.clone(),
    };
    let outcome = carry_out(cals, &plan).await;
    let recorded = {
        let cals = cals.clone();
        let job = job.clone();
        let outcome = outcome.clone();
        tokio::task::spawn_blocking(move || record(&cals, &job, &connection, &outcome, now)).await
    };
    match recorded {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err((e.to_string(), false)),
        Err(e) => return Err((e.to_string(), false)),
    }
    match outcome {
        Ok(_) => Ok(()),
        Err(p) => {
            let permanent = matches!(p.code, "write_target_gone" | "password_unreadable");
            Err((format!("{}: {}", p.code, p.detail), permanent))
        }
    }
}

/// What was written where, once the server agreed; None after a delete.
type Outcome = Result<Option<WrittenEvent>, Problem>;

fn plan(cals: &Calendars, job: &CalendarWrite) -> Result<Option<Plan>, StoreError> {
    let txn = cals.store.read()?;
    let member = &job.member_id;
    let known = store::written_in(&txn, member, &job.booking_id)?;
    let booking = store::booking_in(&txn, &job.booking_id)?;
    let still_hosting = booking
        .as_ref()
        .is_some_and(|b| b.state == BookingState::Confirmed && b.hosts.iter().any(|h| h == member));
    let target = store::write_target_in(&txn, member)?;
    // The connection an earlier write went to, while it is connected.
    let earlier = match &known {
        Some(k) => store::connection_in(&txn, &k.connection_id)?,
        None => None,
    };
    let Some(booking) = booking else {
        // Gone from the store altogether: take its event away too.
        return Ok(earlier
            .zip(known)
            .map(|(connection, known)| Plan::Delete { connection, known }));
    };
    let removing = !still_hosting;
    let marking = removing
        && booking.state == BookingState::Cancelled
        && booking.hosts.iter().any(|h| h == member);
    let connection = match (&earlier, &target) {
        // Changes and cancellations go where the event is.
        (Some(e), _) if removing || target.as_ref().is_some_and(|t| t.id == e.id) => e.clone(),
        (_, Some(t)) if !removing => t.clone(),
        _ => return Ok(None),
    };
    if removing && !(marking && connection.on_cancel == CancelAction::MarkCancelled) {
        return Ok(known.map(|known| Plan::Delete { connection, known }));
    }
    let known = known.filter(|k| k.connection_id == connection.id);
    if removing && known.is_none() {
        // Cancelled before it was ever written: nothing to mark.
        return Ok(None);
    }
    let host = store::member_in(&txn, member)?;
    let first = match booking.hosts.first() {
        Some(id) if id == member => host.clone(),
        Some(id) => store::member_in(&txn, id)?,
        None => None,
    };
    let lang = host.as_ref().map_or(Lang::En, |h| Lang::parse(&h.language));
    let texts = EventTexts::of(&cals.base_url, lang, &booking, first.as_ref());
    let body = crate::ics::resource(&texts.event(&booking, false));
    let href = match &known {
        Some(k) => k.href.clone(),
        None => String::new(),
    };
    Ok(Some(Plan::Put {
        connection,
        href,
        known,
        body,
        sequence: booking.sequence,
        file: format!("{}.ics", booking.id),
    }))
}

async fn carry_out(cals: &Calendars, plan: &Plan) -> Outcome {
    let connection = match plan {
        Plan::Put { connection, .. } | Plan::Delete { connection, .. } => connection,
    };
    let auth = super::sync::auth_of(cals, connection)?;
    let account = Account {
        outbound: &cals.outbound,
        auth: auth.as_deref(),
    };
    match plan {
        Plan::Delete { known, .. } => {
            delete(&account, known).await?;
            Ok(None)
        }
        Plan::Put {
            connection,
            href,
            known,
            body,
            sequence,
            file,
        } => {
            let href = if href.is_empty() {
                let calendar = if connection.write_calendar.is_empty() {
                    account.default_calendar(&connection.url).await?
                } else {
                    connection.write_calendar.clone()
                };
                event_href(&calendar, file)?
            } else {
                href.clone()
            };
            let etag = put(&account, &href, body, known.as_ref()).await?;
            Ok(Some(WrittenEvent {
                connection_id: connection.id.clone(),
                href,
                etag,
                sequence: *sequence,
            }))
        }
    }
}

fn event_href(calendar: &str, file: &str) -> Result<String, Problem> {
    let mut base = url::Url::parse(calendar)
        .map_err(|e| Problem::new("write_target_gone", format!("{calendar}: {e}")))?;
    if !base.path().ends_with('/') {
        let path = format!("{}/", base.path());
        base.set_path(&path);
    }
    base.join(file)
        .map(|u| u.to_string())
        .map_err(|e| Problem::new("write_target_gone", e.to_string()))
}

fn precondition(etag: Option<&str>) -> Precondition {
    match etag {
        None => Precondition::Absent,
        Some("") => Precondition::None,
        Some(e) => Precondition::Matches(e.to_string()),
    }
}

/// Writes the event; its new ETag ("" when the server tells none).
async fn put(
    account: &Account<'_>,
    href: &str,
    body: &str,
    known: Option<&WrittenEvent>,
) -> Result<String, Problem> {
    let first = precondition(known.map(|k| k.etag.as_str()));
    let answer = match account.put(href, body, &first).await? {
        Written::Gone if first == Precondition::Absent => {
            return Err(Problem::new("write_target_gone", href.to_string()));
        }
        // 412: changed in the member's calendar app since we wrote it, or
        // already there (an earlier write whose answer was lost); 404: the
        // member deleted it. The booking is what counts: read the version
        // that is there now and write once more.
        Written::Changed | Written::Gone => {
            let now = account.etag(href).await?;
            let again = precondition(now.as_deref());
            match account.put(href, body, &again).await? {
                Written::Done(etag) => etag,
                _ => {
                    return Err(Problem::new(
                        "http_error",
                        "the event changed again while it was being written",
                    ));
                }
            }
        }
        Written::Done(etag) => etag,
    };
    match answer {
        Some(etag) => Ok(etag),
        // Servers that change what they store may give no ETag (RFC 4791
        // §5.3.4): ask for it, else write unconditionally next time.
        None => Ok(account.etag(href).await.ok().flatten().unwrap_or_default()),
    }
}

async fn delete(account: &Account<'_>, known: &WrittenEvent) -> Result<(), Problem> {
    let first = precondition(Some(known.etag.as_str()));
    match account.delete(&known.href, &first).await? {
        Written::Done(_) | Written::Gone => Ok(()),
        Written::Changed => {
            let Some(now) = account.etag(&known.href).await? else {
                return Ok(());
            };
            match account
                .delete(&known.href, &precondition(Some(&now)))
                .await?
            {
                Written::Done(_) | Written::Gone => Ok(()),
                Written::Changed => Err(Problem::new(
                    "http_error",
                    "the event changed again while it was being deleted",
                )),
            }
        }
    }
}

/// Keeps where the event is (or that it is gone) and the connection's
/// write status. Neither moves a revision: availability does not change.
fn record(
    cals: &Calendars,
    job: &CalendarWrite,
    connection: &CalendarConnection,
    outcome: &Outcome,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let txn = cals.store.write()?;
    let member = &job.member_id;
    match outcome {
        Ok(Some(written)) => store::put_written_in(&txn, member, &job.booking_id, written)?,
        Ok(None) => store::remove_written_in(&txn, member, &job.booking_id)?,
        Err(_) => {}
    }
    if let Some(mut c) = store::connection_in(&txn, &connection.id)? {
        match outcome {
            Ok(_) => {
                c.write_error = None;
                c.last_write_at = Some(now);
            }
            Err(p) => {
                tracing::warn!(
                    connection = %c.id,
                    host = %super::host_of(&c.url),
                    code = p.code,
                    detail = %p.detail,
                    "writing a booking to a member's calendar failed"
                );
                c.write_error = Some(SyncProblem {
                    code: p.code.to_string(),
                    detail: p.detail.clone(),
                    at: now,
                });
            }
        }
        store::put_sync_status_in(&txn, &c)?;
    }
    cals.store.commit(txn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_addresses_sit_inside_the_calendar() {
        assert_eq!(
            event_href("http://dav.example.org/alice/work", "b1.ics").unwrap(),
            "http://dav.example.org/alice/work/b1.ics"
        );
        assert_eq!(
            event_href("http://dav.example.org/alice/work/", "b1.ics").unwrap(),
            "http://dav.example.org/alice/work/b1.ics"
        );
    }

    #[test]
    fn preconditions_follow_what_is_known() {
        assert_eq!(precondition(None), Precondition::Absent);
        assert_eq!(precondition(Some("")), Precondition::None);
        assert_eq!(
            precondition(Some("\"v1\"")),
            Precondition::Matches("\"v1\"".into())
        );
    }
}
