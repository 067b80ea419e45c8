//! Lists of bookings for hosts and admins, a page at a time, soonest
//! first. They walk key-only indexes in start order (every booking, or one
//! host's) and read only the bookings they return, so a list costs the
//! same with a hundred or a hundred thousand bookings in the store.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::domain::{Booking, BookingState, Member, MemberId};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::policy::{self, Action};
use crate::store::{self, Store};

#[derive(Debug, Clone, Default, Deserialize)]
pub struct BookingFilter {
    #[serde(default)]
    pub host: Option<MemberId>,
    /// A page's id or slug.
    #[serde(default)]
    pub page: Option<String>,
    #[serde(default)]
    pub from: Option<DateTime<Utc>>,
    #[serde(default)]
    pub to: Option<DateTime<Utc>>,
    #[serde(default)]
    pub state: Option<BookingState>,
}

/// Which page of a list: at most `limit` bookings after the cursor `after`
/// (the `next` of the previous page).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Paging {
    #[serde(default)]
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page (the one dialect of every
    /// list).
    #[serde(default)]
    pub cursor: Option<String>,
    /// The same cursor under its older name (`next`), still read.
    #[serde(default)]
    pub after: Option<String>,
}

pub const DEFAULT_LIMIT: u32 = MAX_LIMIT;
pub const MAX_LIMIT: u32 = 500;

/// A page of bookings and the cursor of the next page, if there is one.
#[derive(Debug)]
pub struct Listed {
    pub bookings: Vec<Booking>,
    pub next: Option<String>,
}

/// The longest booking (a page's duration is at most a day): a booking
/// that starts this long before `from` can still reach it.
pub(super) const LONGEST: i64 = 86_400;

fn cursor(b: &Booking) -> String {
    format!("{}.{}", b.start.timestamp(), b.id)
}

fn parse_cursor(field: &'static str, s: &str) -> Result<(i64, String), AppError> {
    s.split_once('.')
        .and_then(|(t, id)| Some((t.parse().ok()?, id.to_string())))
        .filter(|(_, id)| !id.is_empty())
        .ok_or_else(|| AppError::invalid(field, Msg::key("err-list-cursor")))
}

/// Bookings the actor may see (their own as host; all for admins),
/// soonest first, a page at a time.
pub fn list_paged(
    store: &Store,
    actor: &Member,
    f: &BookingFilter,
    paging: &Paging,
) -> Result<Listed, AppError> {
    let limit = paging.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(AppError::invalid(
            "limit",
            Msg::key("err-list-limit").arg("max", MAX_LIMIT),
        ));
    }
    let after = match (&paging.cursor, &paging.after) {
        (Some(c), _) => Some(parse_cursor("cursor", c)?),
        (None, Some(a)) => Some(parse_cursor("after", a)?),
        (None, None) => None,
    };
    for (field, t) in [("from", f.from), ("to", f.to)] {
        if t.is_some_and(|t| !crate::domain::instant::in_range(t)) {
            return Err(AppError::invalid(field, Msg::key("err-date-out-of-range")));
        }
    }
    let all = policy::allows(actor.role, Action::ManageAllBookingPages);
    // Members see their own bookings only: walk their own index (a host
    // filter then keeps those shared with that host).
    let host = match (&f.host, all) {
        (_, false) => Some(actor.id.clone()),
        (Some(h), true) => Some(h.clone()),
        (None, true) => None,
    };
    let low = f.from.map_or(i64::MIN, |t| t.timestamp() - LONGEST);
    let low = after.as_ref().map_or(low, |(t, _)| low.max(*t));
    let high = f.to.map_or(i64::MAX, |t| t.timestamp());
    let txn = store.read()?;
    let bookings = store::booking_reader(&txn)?;
    let mut out = Vec::new();
    let mut more = false;
    let mut failed = None;
    let mut visit = |start: i64, id: &str| -> bool {
        if after
            .as_ref()
            .is_some_and(|(t, last)| (start, id) <= (*t, last.as_str()))
        {
            return true;
        }
        let b = match bookings.get(id) {
            Ok(Some(b)) => b,
            Ok(None) => return true,
            Err(e) => {
                failed = Some(e);
                return false;
            }
        };
        let keep = (all || b.hosts.contains(&actor.id))
            && f.host.as_ref().is_none_or(|h| b.hosts.contains(h))
            && f.page
                .as_ref()
                .is_none_or(|p| &b.page_id == p || &b.page_slug == p)
            && f.from.is_none_or(|from| b.end > from)
            && f.state.is_none_or(|s| b.state == s);
        if !keep {
            return true;
        }
        if out.len() == limit as usize {
            more = true;
            return false;
        }
        out.push(b);
        true
    };
    store::listed_in(
        &txn,
        host.as_ref().map(MemberId::as_str),
        low,
        high,
        |start, id| visit(start, id),
    )?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    let next = if more { out.last().map(cursor) } else { None };
    Ok(Listed {
        bookings: out,
        next,
    })
}
