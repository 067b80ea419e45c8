//! Slots and bookings: the public slot list, booking (re-validated by the
//! engine inside the write transaction), cancel, reschedule, lists.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::json;

use super::availability;
pub use super::booking_changes::{Changer, by_token, cancel, get, reschedule, reschedule_offers};
pub use super::booking_list::{BookingFilter, Listed, Paging, list_paged};
use super::booking_mail::{self, Change};
use super::slot_check::{self, HostSource};
use crate::domain::{
    Answer, AssignmentMode, Booking, BookingPage, BookingState, Email, Guest, Member, QuestionKind,
};
use crate::domain::{instant, text};
use crate::engine::{self, Assignment, PageRules, Slot, Span};
use crate::error::AppError;
use crate::store::{self, Store};

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
fn serving(page: &BookingPage, members: &[Member], video_pattern: &str) -> Vec<Member> {
    let hosts: Vec<Option<&Member>> =
        page.hosts
            .iter()
            .map(|id| {
                members.iter().find(|m| &m.id == id).filter(|m| {
                    super::booking_pages::host_problem(page, m, video_pattern).is_none()
                })
            })
            .collect();
    if page.assignment != AssignmentMode::RoundRobin && hosts.iter().any(Option::is_none) {
        return Vec::new();
    }
    hosts.into_iter().flatten().cloned().collect()
}

/// GET slots: `from`..=`to` are dates in `tz`.
pub struct SlotQuery {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub tz: Tz,
}

pub fn parse_query(from: &str, to: &str, timezone: &str) -> Result<SlotQuery, AppError> {
    let date = |field: &str, v: &str| {
        instant::parse_date(v).ok_or_else(|| {
            AppError::invalid(
                field,
                format!("a date like 2027-03-15 ({})", instant::RANGE_HINT),
            )
        })
    };
    let tz: Tz = timezone
        .parse()
        .map_err(|_| AppError::invalid("timezone", format!("unknown time zone {timezone:?}")))?;
    let (from, to) = (date("from", from)?, date("to", to)?);
    if to < from {
        return Err(AppError::invalid("to", "must not be before from"));
    }
    if (to - from).num_days() > 62 {
        return Err(AppError::invalid("to", "at most 62 days at a time"));
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

/// The page's free slots in the query's days, and the revisions they were
/// computed at (None: the page changed while they were computed, so what
/// is built from them must not be kept).
pub fn slots(
    store: &Store,
    cache: &availability::Cache,
    settings: &Settings,
    page: &BookingPage,
    q: &SlotQuery,
    now: DateTime<Utc>,
) -> Result<(std::sync::Arc<Vec<Slot>>, Option<store::Stamp>), AppError> {
    let window = window(q);
    let revisions = store.revisions();
    // Taken before anything is read: a commit racing the computation
    // makes the entry stale early, never wrong for long.
    let stamp = revisions.stamp(availability::slot_deps(page));
    let key = (page.id.clone(), window.start, window.end);
    let mut page_current = true;
    let list = cache
        .lists
        .get_or(revisions, stamp.clone(), now.timestamp(), key, || {
            // The page was read before the stamp; one that changed in between
            // would be labelled with its newer revision. Checked on a miss
            // only: a kept list was checked when it was computed.
            page_current = store::page_in(&store.read()?, &page.id)?.as_ref() == Some(page);
            let members = store.members_shared()?;
            let hosts = serving(page, &members, &settings.video_link_pattern);
            if hosts.is_empty() {
                return Ok((Vec::new(), page_current));
            }
            let allow_overlap = store.organization()?.is_some_and(|o| o.allow_overlap);
            let indexed = cache.hosts(store, &hosts, now.timestamp())?;
            let list = engine::slots_indexed(
                &indexed,
                &rules(page, allow_overlap),
                window,
                now.timestamp(),
            );
            Ok((list, page_current))
        })?;
    Ok((list, page_current.then_some(stamp)))
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookInput {
    pub start: String,
    pub name: String,
    pub email: String,
    pub timezone: String,
    #[serde(default)]
    pub notes: Option<String>,
    /// Question id → answer.
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
}

/// A slot start as the API takes it: RFC 3339 with an offset.
pub(super) fn parse_start(s: &str) -> Result<DateTime<Utc>, AppError> {
    instant::parse_rfc3339(s).ok_or_else(|| {
        AppError::invalid(
            "start",
            format!(
                "a time with its offset, like 2027-03-15T10:00:00+09:00 ({})",
                instant::RANGE_HINT
            ),
        )
    })
}

/// Checks what the guest typed; returns the start (UTC), the address and
/// the answers with their labels.
fn check_guest(
    page: &BookingPage,
    input: &BookInput,
) -> Result<(DateTime<Utc>, Email, Vec<Answer>), AppError> {
    let start = parse_start(&input.start)?;
    let name = text::one_line(&input.name);
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::invalid("name", "your name, up to 200 characters"));
    }
    let email = Email::parse(&input.email)
        .ok_or_else(|| AppError::invalid("email", "an email address like name@example.org"))?;
    if input.timezone.parse::<Tz>().is_err() {
        return Err(AppError::invalid(
            "timezone",
            format!("unknown time zone {:?}", input.timezone),
        ));
    }
    if input.notes.as_deref().unwrap_or("").chars().count() > 5_000 {
        return Err(AppError::invalid("notes", "at most 5,000 characters"));
    }
    let mut answers = Vec::new();
    for q in &page.questions {
        let value = input
            .answers
            .get(&q.id)
            .map(|v| match q.kind {
                QuestionKind::LongText => text::multi_line(v).trim().to_string(),
                _ => text::one_line(v),
            })
            .unwrap_or_default();
        let field = format!("answers.{}", q.id);
        if value.is_empty() {
            if q.required {
                return Err(AppError::invalid(
                    &field,
                    format!("“{}” is required", q.label),
                ));
            }
            continue;
        }
        let limit = if q.kind == QuestionKind::LongText {
            5_000
        } else {
            500
        };
        if value.chars().count() > limit {
            return Err(AppError::invalid(
                &field,
                format!("at most {limit} characters"),
            ));
        }
        if q.kind == QuestionKind::SingleChoice && !q.options.contains(&value) {
            return Err(AppError::invalid(&field, "pick one of the options"));
        }
        answers.push(Answer {
            question_id: q.id.clone(),
            label: q.label.clone(),
            value,
        });
    }
    if let Some(unknown) = input
        .answers
        .keys()
        .find(|k| !page.questions.iter().any(|q| &q.id == *k))
    {
        return Err(AppError::invalid(
            &format!("answers.{unknown}"),
            "no such question on this page",
        ));
    }
    Ok((start, email, answers))
}

fn page_by_slug_in(txn: &store::Txn, slug: &str) -> Result<BookingPage, AppError> {
    super::booking_pages::enabled_page(txn, slug)
}

pub(super) fn taken() -> AppError {
    AppError::Conflict {
        code: "slot_taken",
        message: "this time was just taken; pick another one".into(),
    }
}

pub(super) fn not_a_slot() -> AppError {
    AppError::Invalid {
        code: "not_a_slot",
        message: "this start is not one of the page's free times".into(),
        field: Some("start".into()),
    }
}

use crate::store::host_slot;

pub(super) fn index_in(txn: &store::Txn, b: &Booking) -> Result<(), AppError> {
    Ok(store::index_booking_in(txn, b)?)
}

pub(super) fn unindex_in(txn: &store::Txn, b: &Booking) -> Result<(), AppError> {
    Ok(store::unindex_booking_in(txn, b)?)
}

/// A new booking and the guest's manage token (None when the guest may
/// not change it).
pub struct Booked {
    pub booking: Booking,
    pub token: Option<String>,
}

/// Books `input` on the page at `slug`, inside `txn`. Everything is
/// checked before the first write (see group_commit's contract).
pub fn book_in(
    txn: &store::Txn,
    src: &mut impl HostSource,
    settings: &Settings,
    slug: &str,
    input: &BookInput,
    now: DateTime<Utc>,
) -> Result<Booked, AppError> {
    let page = page_by_slug_in(txn, slug)?;
    let (start, email, answers) = check_guest(&page, input)?;
    let members = slot_check::members(src, &page.hosts)?;
    let hosts = serving(&page, &members, &settings.video_link_pattern);
    let (t, now_t) = (start.timestamp(), now.timestamp());
    let allow_overlap = store::organization_in(txn)?.is_some_and(|o| o.allow_overlap);
    let free = if hosts.is_empty() {
        None
    } else {
        slot_check::free_hosts(src, &page, &hosts, allow_overlap, t, now_t)?
    };
    let Some(slot) = free else {
        return Err(
            if !hosts.is_empty() && slot_check::slot_if_empty(src, &page, &hosts, t, now_t)? {
                taken()
            } else {
                not_a_slot()
            },
        );
    };
    let (chosen, reason): (Vec<Member>, Option<String>) = match page.assignment {
        AssignmentMode::RoundRobin => {
            let (i, why) = slot_check::choose(src, &hosts, &slot.hosts, t)?.ok_or_else(taken)?;
            (vec![hosts[i].clone()], Some(why))
        }
        _ => (slot.hosts.iter().map(|&i| hosts[i].clone()).collect(), None),
    };
    let first = chosen.first().ok_or_else(taken)?;
    // Writes start here.
    let booking = Booking {
        id: crate::crypto::random_id(),
        page_id: page.id.clone(),
        page_slug: page.slug.clone(),
        page_title: page.title.clone(),
        hosts: chosen.iter().map(|m| m.id.clone()).collect(),
        start,
        end: start + Duration::minutes(i64::from(page.duration_minutes)),
        buffer_before_minutes: page.buffer_before_minutes,
        buffer_after_minutes: page.buffer_after_minutes,
        guest: Guest {
            name: text::one_line(&input.name),
            email: email.to_string(),
            timezone: input.timezone.clone(),
        },
        notes: text::multi_line(input.notes.as_deref().unwrap_or_default())
            .trim()
            .to_string(),
        answers,
        location: super::booking_pages::resolve_location(
            &page,
            first,
            &settings.video_link_pattern,
        ),
        state: BookingState::Confirmed,
        assignment_reason: reason,
        sequence: 0,
        cancel_reason: String::new(),
        cancelled_by: None,
        reminders_sent: Vec::new(),
        guest_may_change: true,
        manage_token: Some(crate::crypto::random_token()),
        created_at: now,
        updated_at: now,
    };
    if let Some(token) = &booking.manage_token {
        store::put_booking_token_in(txn, crate::crypto::token_hash(token), &booking.id)?;
    }
    store::put_booking_in(txn, &booking)?;
    index_in(txn, &booking)?;
    let slot = host_slot(&booking);
    for h in &booking.hosts {
        src.booked(h, t, slot);
    }
    let token = booking.manage_token.clone();
    booking_mail::queue_in(
        txn,
        &settings.base_url,
        &booking,
        &chosen,
        Change::Created,
        token.as_deref(),
        now,
    )?;
    store::audit_in(
        txn,
        None,
        "booking.created",
        Some(booking.id.clone()),
        json!({ "page": page.slug, "hosts": booking.hosts, "start": booking.start }),
        now,
    )?;
    Ok(Booked { booking, token })
}

/// A time in a zone, as the API shows it: RFC 3339 with that zone's offset.
pub fn in_zone(t: i64, tz: Tz) -> String {
    tz.timestamp_opt(t, 0)
        .single()
        .map(|d| d.to_rfc3339())
        .unwrap_or_default()
}
