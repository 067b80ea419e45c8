//! The Messages list: what external members wrote with their dates, and
//! the notes guests left with their bookings, newest first.

use chrono::{DateTime, Duration, Utc};

use crate::domain::{Booking, ExternalMember, Member};
use crate::error::AppError;
use crate::policy::{self, Action};
use crate::service::booking::{BookingFilter, Paging, list_paged};
use crate::store::Store;

pub enum Message {
    External(ExternalMember),
    Note(Booking),
}

impl Message {
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            Message::External(x) => x.dates_entered_at.unwrap_or(x.updated_at),
            Message::Note(b) => b.created_at,
        }
    }
}

/// How far back guests' notes are listed.
const NOTES_DAYS: i64 = 90;

/// Messages `actor` may read: admins every external member's, a member
/// those of the external members they are in charge of; and the notes of
/// bookings they may see from the last 90 days on.
pub fn list(store: &Store, actor: &Member, now: DateTime<Utc>) -> Result<Vec<Message>, AppError> {
    let admin = policy::allows(actor.role, Action::ManageExternalMembers);
    let mut out: Vec<Message> = store
        .externals()?
        .into_iter()
        .filter(|x| !x.message.is_empty() && (admin || x.contact_member_id == actor.id))
        .map(Message::External)
        .collect();
    let filter = BookingFilter {
        host: (!policy::allows(actor.role, Action::ManageAllBookingPages))
            .then(|| actor.id.clone()),
        from: Some(now - Duration::days(NOTES_DAYS)),
        ..BookingFilter::default()
    };
    let listed = list_paged(store, actor, &filter, &Paging::default())?;
    out.extend(
        listed
            .bookings
            .into_iter()
            .filter(|b| !b.notes.trim().is_empty())
            .map(Message::Note),
    );
    out.sort_by_key(|m| std::cmp::Reverse(m.at()));
    Ok(out)
}
