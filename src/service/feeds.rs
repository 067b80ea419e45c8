//! Read-only calendar feeds (PRODUCT.md §7): a secret address per member
//! and per booking page that calendar apps subscribe to, listing the
//! bookings as a METHOD:PUBLISH iCalendar file.
//!
//! The token is random (256 bits), stored sealed with the calendar keyring
//! and indexed by its SHA-256, so the address can be shown again while a
//! copied database alone does not reveal it. Rotating replaces it in one
//! transaction: the old address stops working at once.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, Utc};
use sha2::{Digest, Sha256};

use crate::domain::{Member, MemberId, MemberState};
use crate::error::AppError;
use crate::i18n::names::member_name;
use crate::i18n::{Lang, Msg};
use crate::ics::{self, Feed};
use crate::policy;
use crate::service::calendars::Calendars;
use crate::service::event_texts::EventTexts;
use crate::service::feed_events::{self, Listed};
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
    let texts_at = feed_events::text_stamp(revisions);
    let members = cals.store.members_shared()?;
    if let Owner::Page(_) = owner {
        // A page's bookings are its hosts' (past hosts' too).
        stamp = stamp.join(revisions.stamp(members.iter().map(|m| store::Dep::host(&m.id))));
    }
    let start_of_day = day.and_time(chrono::NaiveTime::MIN).and_utc();
    let Some(served) = render_for(cals, &owner, &members, &texts_at, start_of_day)? else {
        return Ok(None);
    };
    cals.feeds.put(revisions, hash, stamp, day_number, &served);
    record_use(cals, hash, &record, now);
    Ok(Some(served))
}

/// Who a feed is for and whose bookings it lists.
struct Audience {
    lang: Lang,
    zone: String,
    name: String,
    hosts: Vec<MemberId>,
    page: Option<String>,
}

fn audience(
    store: &Store,
    owner: &Owner,
    by_id: &HashMap<&MemberId, &Member>,
) -> Result<Option<Audience>, AppError> {
    match owner {
        Owner::Member(id) => {
            let Some(m) = by_id.get(id).filter(|m| m.state == MemberState::Active) else {
                return Ok(None);
            };
            let lang = Lang::parse(&m.language);
            Ok(Some(Audience {
                lang,
                zone: m.timezone.clone(),
                name: member_name(lang, m),
                hosts: vec![id.clone()],
                page: None,
            }))
        }
        Owner::Page(id) => {
            let txn = store.read()?;
            let Some(p) = store::page_in(&txn, id)? else {
                return Ok(None);
            };
            let org = store::organization_in(&txn)?;
            Ok(Some(Audience {
                lang: org
                    .as_ref()
                    .map_or(Lang::En, |o| Lang::parse(&o.default_language)),
                zone: org
                    .as_ref()
                    .map_or_else(|| "UTC".to_string(), |o| o.default_timezone.clone()),
                name: p.title.clone(),
                // Past hosts too: their bookings stay the page's.
                hosts: by_id.keys().map(|id| (*id).clone()).collect(),
                page: Some(p.id),
            }))
        }
    }
}

/// The feed of `owner` as of `day` (the start of a UTC day); None for a
/// member who left or a page that is gone.
fn render_for(
    cals: &Calendars,
    owner: &Owner,
    members: &[Member],
    texts_at: &store::Stamp,
    day: DateTime<Utc>,
) -> Result<Option<Served>, AppError> {
    let by_id: HashMap<&MemberId, &Member> = members.iter().map(|m| (&m.id, m)).collect();
    let Some(audience) = audience(&cals.store, owner, &by_id)? else {
        return Ok(None);
    };
    let from = (day - Duration::days(PAST_DAYS)).timestamp();
    let mut chosen: Vec<Listed> = Vec::new();
    let mut seen: HashSet<Arc<str>> = HashSet::new();
    for host in &audience.hosts {
        let list = cals.feed_events.host_list(&cals.store, host, from)?;
        for l in list.iter() {
            let on_page = audience.page.as_deref().is_none_or(|p| *l.page_id == *p);
            // A booking with several hosts is in each host's list.
            if l.start >= from && on_page && listed(l, day) && seen.insert(l.id.clone()) {
                chosen.push(l.clone());
            }
        }
    }
    chosen.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    capped(&mut chosen, day.timestamp());
    let events = event_texts(cals, &audience, &chosen, texts_at, &by_id)?;
    let title = tr!(
        audience.lang,
        "feed-calendar-name",
        name = audience.name.as_str()
    );
    let body = ics::feed_of(
        &Feed {
            name: &title,
            timezone: &audience.zone,
            refresh_minutes: REFRESH_MINUTES,
        },
        &events,
    );
    let digest = Sha256::digest(body.as_bytes());
    let etag: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    Ok(Some(Served {
        body: body.into(),
        etag: format!("\"{etag}\""),
    }))
}

/// Over the cap, what is to come matters most, then the recent past:
/// today's bookings onward first, then back from today. `listed` is in
/// start order.
fn capped(listed: &mut Vec<Listed>, today: i64) {
    if listed.len() <= MAX_EVENTS {
        return;
    }
    let split = listed.partition_point(|l| l.start < today);
    let ahead = listed.len() - split;
    if ahead >= MAX_EVENTS {
        listed.truncate(split + MAX_EVENTS);
        listed.drain(..split);
    } else {
        listed.drain(..split - (MAX_EVENTS - ahead));
    }
}

/// The VEVENT text of each chosen booking: kept ones as they are, the
/// others read and written (and kept for the next render).
fn event_texts(
    cals: &Calendars,
    audience: &Audience,
    chosen: &[Listed],
    texts_at: &store::Stamp,
    members: &HashMap<&MemberId, &Member>,
) -> Result<Vec<Arc<str>>, AppError> {
    let revisions = cals.store.revisions();
    let wanted: Vec<&Listed> = chosen.iter().collect();
    let mut texts = cals.feed_events.texts(revisions, audience.lang, &wanted);
    if texts.iter().all(Option::is_some) {
        return Ok(texts.into_iter().flatten().collect());
    }
    let txn = cals.store.read()?;
    let reader = store::booking_reader(&txn)?;
    let mut written = Vec::new();
    for (l, text) in chosen.iter().zip(texts.iter_mut()) {
        if text.is_some() {
            continue;
        }
        let Some((fingerprint, b)) = reader.get_fingerprinted(&l.id)? else {
            continue;
        };
        let first = b.hosts.first().and_then(|h| members.get(h)).copied();
        let t = EventTexts::of(&cals.base_url, audience.lang, &b, first);
        let event: Arc<str> = Arc::from(ics::feed_event(&t.event(&b, true)));
        // Changed since the host's list was read: right for this render,
        // but kept only under the fingerprint it was written from.
        if fingerprint == l.fingerprint {
            written.push((l, event.clone()));
        }
        *text = Some(event);
    }
    drop(reader);
    drop(txn);
    cals.feed_events
        .keep_texts(revisions, texts_at, audience.lang, written);
    Ok(texts.into_iter().flatten().collect())
}

/// Confirmed bookings, and cancelled ones for a while after cancelling
/// (a booking's last change is its cancellation), counted from the start
/// of `day`.
fn listed(l: &Listed, day: DateTime<Utc>) -> bool {
    l.cancelled_at
        .is_none_or(|at| at >= day - Duration::days(CANCELLED_DAYS))
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

    fn at(start: i64) -> Listed {
        Listed {
            start,
            id: Arc::from(format!("b{start:06}")),
            page_id: Arc::from("p"),
            fingerprint: 0,
            cancelled_at: None,
        }
    }

    #[test]
    fn over_the_cap_the_future_comes_first_then_the_recent_past() {
        let starts = |l: &[Listed]| (l[0].start, l[l.len() - 1].start, l.len());
        // 100 past, 4,950 ahead: the 50 latest of the past are kept.
        let mut l: Vec<Listed> = (0..5050).map(at).collect();
        capped(&mut l, 100);
        assert_eq!(starts(&l), (50, 5049, MAX_EVENTS));
        // More ahead than the cap: the nearest 5,000 to come, no past.
        let mut l: Vec<Listed> = (0..6000).map(at).collect();
        capped(&mut l, 10);
        assert_eq!(starts(&l), (10, 5009, MAX_EVENTS));
        let mut l: Vec<Listed> = (0..30).map(at).collect();
        capped(&mut l, 10);
        assert_eq!(l.len(), 30);
    }
}
