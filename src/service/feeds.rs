//! Read-only calendar feeds (PRODUCT.md §7): a secret address per member
//! and per booking page that calendar apps subscribe to, listing the
//! bookings as a METHOD:PUBLISH iCalendar file.
//!
//! The token is random (256 bits), stored sealed with the calendar keyring
//! and indexed by its SHA-256, so the address can be shown again while a
//! copied database alone does not reveal it. Rotating replaces it in one
//! transaction: the old address stops working at once.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, Utc};
use sha2::{Digest, Sha256};

use crate::domain::{Booking, BookingState, Member, MemberId, MemberState};
use crate::error::AppError;
use crate::i18n::names::member_name;
use crate::i18n::{Lang, Msg};
use crate::ics::{self, Feed, FeedEvent};
use crate::policy;
use crate::service::calendars::Calendars;
use crate::service::event_texts::EventTexts;
use crate::store::{self, FeedRecord, Store};
use crate::tr;

/// How far back a feed reaches.
const PAST_DAYS: i64 = 90;
/// How long a cancelled booking stays in the feed, as STATUS:CANCELLED, so
/// subscribers remove it instead of keeping a stale copy.
const CANCELLED_DAYS: i64 = 30;
/// What clients are asked to poll at.
const REFRESH_MINUTES: u32 = 15;
/// A fetch is recorded at most this often per token: calendar apps poll
/// every few minutes, and each record is a write.
const USAGE_EVERY_MINUTES: i64 = 5;
/// A bound on one file, so a huge page cannot make an unbounded answer.
const MAX_EVENTS: usize = 5000;

/// Whose bookings a feed lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    Member(MemberId),
    Page(String),
}

impl Owner {
    fn key(&self) -> String {
        match self {
            Owner::Member(id) => format!("member:{id}"),
            Owner::Page(id) => format!("page:{id}"),
        }
    }

    fn parse(key: &str) -> Option<Owner> {
        if let Some(id) = key.strip_prefix("member:") {
            Some(Owner::Member(MemberId::from_string(id.to_string())))
        } else {
            key.strip_prefix("page:")
                .map(|id| Owner::Page(id.to_string()))
        }
    }
}

/// A feed as its owner sees it.
#[derive(Debug, Clone)]
pub struct FeedInfo {
    pub url: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// `{base_url}/ical/{token}.ics`
pub fn feed_url(base_url: &str, token: &str) -> String {
    format!("{}/ical/{token}.ics", base_url.trim_end_matches('/'))
}

fn may_read_member(actor: &Member, member: &MemberId) -> Result<(), AppError> {
    if policy::professional_editable(actor, member) {
        Ok(())
    } else {
        Err(AppError::forbidden(Msg::key("err-feed-not-yours")))
    }
}

/// The page exists, and the actor hosts it or is an admin.
fn may_read_page(store: &Store, actor: &Member, page: &str) -> Result<(), AppError> {
    let txn = store.read()?;
    let page = store::page_in(&txn, page)?.ok_or(AppError::NotFound)?;
    if actor.role.is_admin() || page.hosts.contains(&actor.id) {
        Ok(())
    } else {
        Err(AppError::forbidden(Msg::key("err-feed-page-not-yours")))
    }
}

fn member_exists(store: &Store, id: &MemberId) -> Result<(), AppError> {
    store.member(id)?.map(|_| ()).ok_or(AppError::NotFound)
}

/// The member's feed, made on first request.
pub fn member_feed(
    cals: &Calendars,
    actor: &Member,
    member: &MemberId,
    now: DateTime<Utc>,
) -> Result<FeedInfo, AppError> {
    may_read_member(actor, member)?;
    member_exists(&cals.store, member)?;
    current(cals, &Owner::Member(member.clone()), now)
}

/// A new address for the member's feed; the old one answers 404 at once.
pub fn rotate_member_feed(
    cals: &Calendars,
    actor: &Member,
    member: &MemberId,
    now: DateTime<Utc>,
) -> Result<FeedInfo, AppError> {
    may_read_member(actor, member)?;
    member_exists(&cals.store, member)?;
    rotate(cals, &Owner::Member(member.clone()), now)
}

/// The booking page's feed (its hosts and admins), made on first request.
pub fn page_feed(
    cals: &Calendars,
    actor: &Member,
    page: &str,
    now: DateTime<Utc>,
) -> Result<FeedInfo, AppError> {
    may_read_page(&cals.store, actor, page)?;
    current(cals, &Owner::Page(page.to_string()), now)
}

pub fn rotate_page_feed(
    cals: &Calendars,
    actor: &Member,
    page: &str,
    now: DateTime<Utc>,
) -> Result<FeedInfo, AppError> {
    may_read_page(&cals.store, actor, page)?;
    rotate(cals, &Owner::Page(page.to_string()), now)
}

/// The record's address, if its seal still opens (a lost key means a new
/// token is needed).
fn info(cals: &Calendars, r: &FeedRecord) -> Option<FeedInfo> {
    let token = cals.keyring.open(&r.sealed).ok()?;
    let token = String::from_utf8(token).ok()?;
    Some(FeedInfo {
        url: feed_url(&cals.base_url, &token),
        created_at: r.created_at,
        last_used_at: r.last_used_at,
    })
}

fn current(cals: &Calendars, owner: &Owner, now: DateTime<Utc>) -> Result<FeedInfo, AppError> {
    let key = owner.key();
    {
        let txn = cals.store.read()?;
        if let Some(i) = store::feed_of_in(&txn, &key)?.and_then(|(_, r)| info(cals, &r)) {
            return Ok(i);
        }
    }
    // Checked again in the write transaction: two first requests at once
    // must not each make a token, leaving the first caller's dead.
    let txn = cals.store.write()?;
    if let Some(i) = store::feed_of_in(&txn, &key)?.and_then(|(_, r)| info(cals, &r)) {
        txn.abort()?;
        return Ok(i);
    }
    let made = put_new(cals, &txn, key, now)?;
    cals.store.commit(txn)?;
    Ok(made)
}

fn rotate(cals: &Calendars, owner: &Owner, now: DateTime<Utc>) -> Result<FeedInfo, AppError> {
    let txn = cals.store.write()?;
    let made = put_new(cals, &txn, owner.key(), now)?;
    cals.store.commit(txn)?;
    Ok(made)
}

fn put_new(
    cals: &Calendars,
    txn: &store::Txn,
    owner: String,
    now: DateTime<Utc>,
) -> Result<FeedInfo, AppError> {
    let token = crate::crypto::random_token();
    let record = FeedRecord {
        owner,
        sealed: cals.keyring.seal(token.as_bytes()),
        created_at: now,
        last_used_at: None,
    };
    store::put_feed_in(txn, crate::crypto::token_hash(&token), &record)?;
    Ok(FeedInfo {
        url: feed_url(&cals.base_url, &token),
        created_at: now,
        last_used_at: None,
    })
}

/// When each member's feed was last fetched (admins' overview); members
/// without a feed are absent.
pub fn usage_by_member(
    store: &Store,
    _admin: policy::Admin<'_>,
) -> Result<HashMap<MemberId, Option<DateTime<Utc>>>, AppError> {
    let txn = store.read()?;
    Ok(store::all_feeds_in(&txn)?
        .into_iter()
        .filter_map(|r| match Owner::parse(&r.owner) {
            Some(Owner::Member(id)) => Some((id, r.last_used_at)),
            _ => None,
        })
        .collect())
}

pub use crate::service::feed_cache::Served;

/// Tokens are 32 random bytes in unpadded URL-safe base64.
fn well_formed(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The file behind `token`, or None for an unknown or rotated token and
/// for a member who left or a page that is gone (the caller cannot tell
/// which). Records the fetch.
pub fn serve(
    cals: &Calendars,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Served>, AppError> {
    if !well_formed(token) {
        return Ok(None);
    }
    let hash = crate::crypto::token_hash(token);
    // Read on every fetch, kept or not: a rotated token stops at once.
    let record = {
        let txn = cals.store.read()?;
        store::feed_in(&txn, hash)?
    };
    let Some(record) = record else {
        return Ok(None);
    };
    let Some(owner) = Owner::parse(&record.owner) else {
        return Ok(None);
    };
    // What a feed lists moves with the UTC day, not the second, so a kept
    // file stays right all day.
    let day = now.date_naive();
    let day_number = i64::from(day.num_days_from_ce());
    let revisions = cals.store.revisions();
    if let Some(kept) = cals.feeds.get(revisions, &hash, day_number) {
        record_use(cals, hash, &record, now);
        return Ok(Some(kept));
    }
    let own = match &owner {
        Owner::Member(id) => store::Dep::host(id),
        Owner::Page(id) => store::Dep::Page(id.clone()),
    };
    let mut stamp = revisions.stamp([store::Dep::Members, store::Dep::Org, own]);
    let members = cals.store.members_shared()?;
    if let Owner::Page(_) = owner {
        // A page's bookings are its hosts' (past hosts' too).
        stamp = stamp.join(revisions.stamp(members.iter().map(|m| store::Dep::host(&m.id))));
    }
    let start_of_day = day.and_time(chrono::NaiveTime::MIN).and_utc();
    let Some(served) = render_for(cals, &owner, &members, start_of_day)? else {
        return Ok(None);
    };
    cals.feeds.put(revisions, hash, stamp, day_number, &served);
    record_use(cals, hash, &record, now);
    Ok(Some(served))
}

/// The feed of `owner` as of `day` (the start of a UTC day); None for a
/// member who left or a page that is gone.
fn render_for(
    cals: &Calendars,
    owner: &Owner,
    members: &[Member],
    day: DateTime<Utc>,
) -> Result<Option<Served>, AppError> {
    let txn = cals.store.read()?;
    let org = store::organization_in(&txn)?;
    let by_id: HashMap<&MemberId, &Member> = members.iter().map(|m| (&m.id, m)).collect();
    let from = (day - Duration::days(PAST_DAYS)).timestamp();
    let (lang, zone, name, host, page) = match owner {
        Owner::Member(id) => {
            let Some(m) = by_id.get(id).filter(|m| m.state == MemberState::Active) else {
                return Ok(None);
            };
            let lang = Lang::parse(&m.language);
            let name = member_name(lang, m);
            (lang, m.timezone.clone(), name, Some(id.as_str()), None)
        }
        Owner::Page(id) => {
            let Some(p) = store::page_in(&txn, id)? else {
                return Ok(None);
            };
            let lang = org
                .as_ref()
                .map_or(Lang::En, |o| Lang::parse(&o.default_language));
            let zone = org
                .as_ref()
                .map_or_else(|| "UTC".to_string(), |o| o.default_timezone.clone());
            (lang, zone, p.title.clone(), None, Some(p.id.clone()))
        }
    };
    let mut ids = Vec::new();
    store::listed_in(&txn, host, from, i64::MAX, |start, id| {
        ids.push((start, id.to_string()));
        true
    })?;
    // Over the cap, what is to come matters most, then the recent past:
    // today's bookings onward first, then back from today.
    let split = ids.partition_point(|(start, _)| *start < day.timestamp());
    let (past, ahead) = ids.split_at(split);
    let reader = store::booking_reader(&txn)?;
    let mut bookings = Vec::new();
    for (_, id) in ahead.iter().chain(past.iter().rev()) {
        if bookings.len() >= MAX_EVENTS {
            break;
        }
        let Some(b) = reader.get(id)? else { continue };
        if page.as_ref().is_some_and(|p| &b.page_id != p) || !listed(&b, day) {
            continue;
        }
        bookings.push(b);
    }
    drop(reader);
    drop(txn);
    bookings.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    let body = render(cals, lang, &zone, &name, &bookings, &by_id);
    let digest = Sha256::digest(body.as_bytes());
    let etag: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    Ok(Some(Served {
        body: body.into(),
        etag: format!("\"{etag}\""),
    }))
}

/// Confirmed bookings, and cancelled ones for a while after cancelling
/// (a booking's last change is its cancellation), counted from the start
/// of `day`.
fn listed(b: &Booking, day: DateTime<Utc>) -> bool {
    match b.state {
        BookingState::Confirmed => true,
        BookingState::Cancelled => b.updated_at >= day - Duration::days(CANCELLED_DAYS),
    }
}

/// At most one write per token every few minutes; a failed write only
/// loses a status line, so the fetch still succeeds.
fn record_use(cals: &Calendars, hash: [u8; 32], record: &FeedRecord, now: DateTime<Utc>) {
    let due = record
        .last_used_at
        .is_none_or(|at| now - at >= Duration::minutes(USAGE_EVERY_MINUTES));
    if !due {
        return;
    }
    let written = cals.store.write().and_then(|txn| {
        store::feed_used_in(&txn, hash, now)?;
        cals.store.commit(txn)
    });
    if let Err(e) = written {
        tracing::warn!(error = %e, "could not record a feed fetch");
    }
}

fn render(
    cals: &Calendars,
    lang: Lang,
    zone: &str,
    name: &str,
    bookings: &[Booking],
    members: &HashMap<&MemberId, &Member>,
) -> String {
    let texts: Vec<EventTexts> = bookings
        .iter()
        .map(|b| {
            let first = b.hosts.first().and_then(|h| members.get(h)).copied();
            EventTexts::of(&cals.base_url, lang, b, first)
        })
        .collect();
    let events: Vec<FeedEvent<'_>> = bookings
        .iter()
        .zip(&texts)
        .map(|(b, t)| t.event(b, true))
        .collect();
    let title = tr!(lang, "feed-calendar-name", name = name);
    ics::feed(
        &Feed {
            name: &title,
            timezone: zone,
            refresh_minutes: REFRESH_MINUTES,
        },
        &events,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_round_trip_and_tokens_are_checked_before_any_lookup() {
        for o in [
            Owner::Member(MemberId::from_string("m1".to_string())),
            Owner::Page("p1".into()),
        ] {
            assert_eq!(Owner::parse(&o.key()), Some(o));
        }
        assert_eq!(Owner::parse("other:x"), None);
        assert!(well_formed(&crate::crypto::random_token()));
        assert!(!well_formed("short"));
        assert!(!well_formed(&".".repeat(43)));
        assert!(!well_formed(&format!("{}é", "a".repeat(41))));
        assert_eq!(
            feed_url("https://c.example/", "tok"),
            "https://c.example/ical/tok.ics"
        );
    }
}
