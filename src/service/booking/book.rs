//! The public slot list and booking: the guest's input is checked, then
//! the engine re-validates the start inside the write transaction.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::json;

use super::availability;
use super::mail::{self as booking_mail, Change};
use super::rules::{
    Settings, SlotQuery, index_in, not_a_slot, parse_start, rules, serving, serving_found, taken,
    window,
};
use super::slot_check::{self, HostSource};
use crate::domain::text;
use crate::domain::{
    Answer, AssignmentMode, AssignmentReason, Booking, BookingPage, BookingState, Email, Guest,
    Member, MemberId, QuestionKind,
};
use crate::engine::{self, Slot};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::store::{self, Store, host_slot};

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
        .get_or(revisions, stamp.clone(), now.timestamp(), key, |previous| {
            // The page was read before the stamp; one that changed in between
            // would be labelled with its newer revision. Checked on a miss
            // only: a kept list was checked when it was computed.
            page_current = store::page_in(&store.read()?, &page.id)?.as_ref() == Some(page);
            let members = store.hosts_shared()?;
            let hosts = serving(page, &members, &settings.video_link_pattern);
            let ids: Vec<MemberId> = hosts.iter().map(|h| h.id.clone()).collect();
            if hosts.is_empty() {
                let value = availability::ListValue {
                    slots: Default::default(),
                    hosts: ids,
                    at: now.timestamp(),
                };
                return Ok((value, page_current));
            }
            let allow_overlap = store.organization()?.is_some_and(|o| o.allow_overlap);
            let r = rules(page, allow_overlap);
            if let Some(value) = rechecked(store, cache, &r, window, &hosts, &stamp, previous, now)?
            {
                return Ok((value, page_current));
            }
            let indexed = cache.hosts(store, &hosts, now.timestamp())?;
            let value = availability::ListValue {
                slots: std::sync::Arc::new(engine::slots_indexed(
                    &indexed,
                    &r,
                    window,
                    now.timestamp(),
                )),
                hosts: ids,
                at: now.timestamp(),
            };
            Ok((value, page_current))
        })?;
    Ok((list, page_current.then_some(stamp)))
}

/// A round-robin list kept earlier in this minute, brought up to date when
/// only some of its hosts moved since (a batch of bookings, a calendar
/// sync): those hosts are checked again, the others' slots kept. None when
/// the whole list must be computed.
#[allow(clippy::too_many_arguments)]
fn rechecked(
    store: &Store,
    cache: &availability::Cache,
    r: &engine::PageRules,
    window: engine::Span,
    hosts: &[Member],
    stamp: &store::Stamp,
    previous: Option<availability::Previous>,
    now: DateTime<Utc>,
) -> Result<Option<availability::ListValue>, AppError> {
    let Some(previous) = previous else {
        return Ok(None);
    };
    let same_hosts = previous.value.hosts.len() == hosts.len()
        && previous
            .value
            .hosts
            .iter()
            .zip(hosts)
            .all(|(a, b)| *a == b.id);
    if r.assignment != engine::Assignment::RoundRobin || !same_hosts {
        return Ok(None);
    }
    let Some(moved) = stamp.moved_since(&previous.stamp) else {
        return Ok(None);
    };
    let mut positions = Vec::with_capacity(moved.len());
    for dep in moved {
        match hosts.iter().position(|h| store::Dep::host(&h.id) == *dep) {
            Some(i) => positions.push(i),
            // The page or the organization moved: everything may differ.
            None => return Ok(None),
        }
    }
    let changed: Vec<Member> = positions.iter().map(|&i| hosts[i].clone()).collect();
    let indexed = cache.hosts(store, &changed, now.timestamp())?;
    let pairs: Vec<(usize, std::sync::Arc<engine::IndexedHost>)> =
        positions.into_iter().zip(indexed).collect();
    cache.lists.rechecked();
    let slots =
        engine::with_hosts_rechecked(&previous.value.slots, &pairs, r, window, previous.value.at);
    Ok(Some(availability::ListValue {
        slots: std::sync::Arc::new(slots),
        hosts: previous.value.hosts.clone(),
        at: previous.value.at,
    }))
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
    /// The language the guest reads ("en", "ja", "fr"); their mails are
    /// written in it. Without it, the organization's default.
    #[serde(default)]
    pub language: Option<String>,
}

/// the answers with their labels.
fn check_guest(
    page: &BookingPage,
    input: &BookInput,
) -> Result<(DateTime<Utc>, Email, Vec<Answer>), AppError> {
    let start = parse_start(&input.start)?;
    let name = text::one_line(&input.name);
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::invalid(
            "name",
            Msg::key("err-book-name").arg("limit", 200),
        ));
    }
    let email = Email::parse(&input.email)
        .ok_or_else(|| AppError::invalid("email", Msg::key("err-book-email")))?;
    if input.timezone.parse::<Tz>().is_err() {
        return Err(AppError::invalid(
            "timezone",
            Msg::key("err-unknown-time-zone").arg("zone", input.timezone.as_str()),
        ));
    }
    if input.notes.as_deref().unwrap_or("").chars().count() > 5_000 {
        return Err(AppError::invalid(
            "notes",
            Msg::key("err-too-long").arg("limit", 5_000),
        ));
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
                    Msg::key("err-book-answer-required").arg("label", q.label.as_str()),
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
                Msg::key("err-too-long").arg("limit", limit),
            ));
        }
        if q.kind == QuestionKind::SingleChoice && !q.options.contains(&value) {
            return Err(AppError::invalid(&field, Msg::key("err-book-pick-option")));
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
            Msg::key("err-book-unknown-question"),
        ));
    }
    Ok((start, email, answers))
}

fn page_by_slug_in(txn: &store::Txn, slug: &str) -> Result<BookingPage, AppError> {
    super::pages::enabled_page(txn, slug)
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
    let found = slot_check::shared_members(src, &page.hosts)?;
    let hosts = serving_found(&page, found, &settings.video_link_pattern);
    let (t, now_t) = (start.timestamp(), now.timestamp());
    let org = store::organization_in(txn)?;
    let allow_overlap = org.as_ref().is_some_and(|o| o.allow_overlap);
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
    let (chosen, reason): (Vec<Member>, Option<AssignmentReason>) = match page.assignment {
        AssignmentMode::RoundRobin => {
            let (i, why) = slot_check::choose(src, &hosts, &slot.hosts, t)?.ok_or_else(taken)?;
            (vec![Member::clone(&hosts[i])], Some(why))
        }
        _ => (
            slot.hosts
                .iter()
                .map(|&i| Member::clone(&hosts[i]))
                .collect(),
            None,
        ),
    };
    let first = chosen.first().ok_or_else(taken)?;
    // Writes start here.
    let booking = Booking {
        // New bookings go in at the end of the bookings table.
        id: crate::crypto::sortable_id(now),
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
            language: input
                .language
                .as_deref()
                .map(|code| crate::i18n::Lang::parse(code).code().to_string())
                .unwrap_or_default(),
        },
        notes: text::multi_line(input.notes.as_deref().unwrap_or_default())
            .trim()
            .to_string(),
        answers,
        location: super::pages::resolve_location(&page, first, &settings.video_link_pattern),
        state: BookingState::Confirmed,
        assignment_reason: reason,
        sequence: 0,
        cancel_reason: String::new(),
        cancelled_by: None,
        reminders_sent: Vec::new(),
        // Only hosts and admins change a booking with an external host.
        guest_may_change: !chosen.iter().any(Member::is_external),
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
    booking_mail::queue_with_org_in(
        txn,
        org.as_ref(),
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
