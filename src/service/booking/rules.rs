//! What every booking path shares: the page's rules for the engine, the
//! slot query and its window, the start a guest picks, and the errors a
//! taken or invalid start gives.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use super::pages;
use crate::domain::instant;
use crate::domain::{AssignmentMode, Booking, BookingPage, Member};
use crate::engine::{Assignment, PageRules, Span};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::store;

/// Settings a booking needs from the configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    pub base_url: String,
    pub video_link_pattern: String,
}

pub fn rules(page: &BookingPage, allow_overlap: bool) -> PageRules {
    PageRules {
        duration: i64::from(page.duration_minutes) * 60,
        step: i64::from(page.slot_step_minutes.max(1)) * 60,
        buffer_before: i64::from(page.buffer_before_minutes) * 60,
        buffer_after: i64::from(page.buffer_after_minutes) * 60,
        min_notice: i64::from(page.min_notice_minutes) * 60,
        horizon: i64::from(page.horizon_days) * 86_400,
        assignment: match page.assignment {
            AssignmentMode::Single => Assignment::Single,
            AssignmentMode::Collective => Assignment::Collective,
            AssignmentMode::RoundRobin => Assignment::RoundRobin,
        },
        allow_overlap,
    }
}

/// The hosts of a page that can serve it, in page order. A collective or
/// single page with a host who cannot serve has no usable host at all.
pub(super) fn serving(page: &BookingPage, members: &[Member], video_pattern: &str) -> Vec<Member> {
    let found: Vec<&Member> = page
        .hosts
        .iter()
        .filter_map(|id| members.iter().find(|m| &m.id == id))
        .collect();
    serving_found(page, found, video_pattern)
        .into_iter()
        .cloned()
        .collect()
}

/// As `serving`, from the page's hosts already found, in the page's order
/// (a host that is no member is left out): the booking writer has them
/// shared with its book and need not copy them.
pub(super) fn serving_found<M: std::borrow::Borrow<Member>>(
    page: &BookingPage,
    found: Vec<M>,
    video_pattern: &str,
) -> Vec<M> {
    let hosts: Vec<M> = found
        .into_iter()
        .filter(|m| pages::host_problem(page, m.borrow(), video_pattern).is_none())
        .collect();
    if page.assignment != AssignmentMode::RoundRobin && hosts.len() != page.hosts.len() {
        return Vec::new();
    }
    hosts
}

/// GET slots: `from`..=`to` are dates in `tz`.
pub struct SlotQuery {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub tz: Tz,
}

pub fn parse_query(from: &str, to: &str, timezone: &str) -> Result<SlotQuery, AppError> {
    let date = |field: &str, v: &str| {
        instant::parse_date(v).ok_or_else(|| AppError::invalid(field, Msg::key("err-slot-date")))
    };
    let tz: Tz = timezone.parse().map_err(|_| {
        AppError::invalid(
            "timezone",
            Msg::key("err-unknown-time-zone").arg("zone", timezone),
        )
    })?;
    let (from, to) = (date("from", from)?, date("to", to)?);
    if to < from {
        return Err(AppError::invalid("to", Msg::key("err-slot-to-before-from")));
    }
    if (to - from).num_days() > 62 {
        return Err(AppError::invalid(
            "to",
            Msg::key("err-slot-span").arg("days", 62),
        ));
    }
    Ok(SlotQuery { from, to, tz })
}

fn local_midnight(tz: Tz, date: NaiveDate) -> i64 {
    crate::engine::week::to_utc(tz, crate::engine::week::at(date, 0), false)
}

/// The query's days as a UTC span: from the first day's local midnight to
/// the midnight after the last.
pub fn window(q: &SlotQuery) -> Span {
    Span::new(
        local_midnight(q.tz, q.from),
        local_midnight(q.tz, q.to + Duration::days(1)),
    )
}

/// A slot start as the API takes it: RFC 3339 with an offset.
pub(super) fn parse_start(s: &str) -> Result<DateTime<Utc>, AppError> {
    instant::parse_rfc3339(s).ok_or_else(|| AppError::invalid("start", Msg::key("err-slot-start")))
}

pub(super) fn taken() -> AppError {
    AppError::Conflict {
        code: "slot_taken",
        message: Msg::key("err-slot-taken"),
    }
}

pub(super) fn not_a_slot() -> AppError {
    AppError::Invalid {
        code: "not_a_slot",
        message: Msg::key("err-not-a-slot"),
        field: Some("start".into()),
    }
}

pub(super) fn index_in(txn: &store::Txn, b: &Booking) -> Result<(), AppError> {
    Ok(store::index_booking_in(txn, b)?)
}

pub(super) fn unindex_in(txn: &store::Txn, b: &Booking) -> Result<(), AppError> {
    Ok(store::unindex_booking_in(txn, b)?)
}

/// A time in a zone, as the API shows it: RFC 3339 with that zone's offset.
pub fn in_zone(t: i64, tz: Tz) -> String {
    tz.timestamp_opt(t, 0)
        .single()
        .map(|d| d.to_rfc3339())
        .unwrap_or_default()
}
