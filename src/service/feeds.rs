//! Read-only calendar feeds (PRODUCT.md §7): a secret address per member
//! and per booking page that calendar apps subscribe to, listing the
//! bookings as a METHOD:PUBLISH iCalendar file.
//!
//! The token is random (256 bits), stored sealed with the calendar keyring
//! and indexed by its SHA-256, so the address can be shown again while a
//! copied database alone does not reveal it. Rotating replaces it in one
//! transaction: the old address stops working at once.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
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
    // One render per feed at a time; who waited for it takes its file.
    let rendering = cals.feeds.rendering(&hash);
    let _rendering = rendering.wait();
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
    let members = cals.store.hosts_shared()?;
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
    let lists = audience
        .hosts
        .iter()
        .map(|host| cals.feed_events.host_list(&cals.store, host, from))
        .collect::<Result<Vec<_>, _>>()?;
    let chosen = pick(&lists, from, day.timestamp(), |l| {
        audience.page.as_deref().is_none_or(|p| *l.page_id == *p) && listed(l, day)
    });
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

/// The bookings a feed lists, in (start, id) order, from host lists each
/// in that order: over the cap, what is to come matters most, then the
/// recent past back from `today`. Merging the sorted lists touches only
/// what is kept (a page's hosts hold tens of thousands in the window); a
/// booking with several hosts is in each of their lists and is kept once.
fn pick(
    lists: &[Arc<Vec<Listed>>],
    from: i64,
    today: i64,
    keep: impl Fn(&Listed) -> bool,
) -> Vec<Listed> {
    let split: Vec<usize> = lists
        .iter()
        .map(|l| l.partition_point(|x| x.start < today))
        .collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut ahead = Vec::new();
    let mut next: BinaryHeap<Reverse<(i64, &str, usize, usize)>> = lists
        .iter()
        .zip(&split)
        .enumerate()
        .filter_map(|(k, (l, &i))| l.get(i).map(|x| Reverse((x.start, &*x.id, k, i))))
        .collect();
    while ahead.len() < MAX_EVENTS {
        let Some(Reverse((_, _, k, i))) = next.pop() else {
            break;
        };
        let x = &lists[k][i];
        if let Some(n) = lists[k].get(i + 1) {
            next.push(Reverse((n.start, &*n.id, k, i + 1)));
        }
        if keep(x) && seen.insert(&x.id) {
            ahead.push(x.clone());
        }
    }
    let mut past = Vec::new();
    let mut previous: BinaryHeap<(i64, &str, usize, usize)> = lists
        .iter()
        .zip(&split)
        .enumerate()
        .filter_map(|(k, (l, &i))| {
            let i = i.checked_sub(1)?;
            l.get(i).map(|x| (x.start, &*x.id, k, i))
        })
        .collect();
    while ahead.len() + past.len() < MAX_EVENTS {
        let Some((start, _, k, i)) = previous.pop() else {
            break;
        };
        // Lists may reach further back than the window.
        if start < from {
            break;
        }
        let x = &lists[k][i];
        if let Some(n) = i.checked_sub(1).and_then(|i| lists[k].get(i)) {
            previous.push((n.start, &*n.id, k, i - 1));
        }
        if keep(x) && seen.insert(&x.id) {
            past.push(x.clone());
        }
    }
    past.reverse();
    past.extend(ahead);
    past
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
    let mut texts = cals.feed_events.texts(revisions, audience.lang, chosen);
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

    fn ids(l: &[Listed]) -> Vec<i64> {
        l.iter().map(|x| x.start).collect()
    }

    #[test]
    fn over_the_cap_the_future_comes_first_then_the_recent_past() {
        let one = |n: i64| vec![Arc::new((0..n).map(at).collect::<Vec<_>>())];
        let starts = |l: &[Listed]| (l[0].start, l[l.len() - 1].start, l.len());
        // 100 past, 4,950 ahead: the 50 latest of the past are kept.
        assert_eq!(
            starts(&pick(&one(5050), 0, 100, |_| true)),
            (50, 5049, MAX_EVENTS)
        );
        // More ahead than the cap: the nearest 5,000 to come, no past.
        assert_eq!(
            starts(&pick(&one(6000), 0, 10, |_| true)),
            (10, 5009, MAX_EVENTS)
        );
        assert_eq!(pick(&one(30), 0, 10, |_| true).len(), 30);
        // The window's start bounds the past; `keep` filters.
        assert_eq!(
            ids(&pick(&one(30), 5, 10, |l| l.start % 2 == 0)),
            vec![6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28]
        );
    }

    #[test]
    fn lists_merge_in_start_order_and_a_shared_booking_is_listed_once() {
        let list = |starts: &[i64]| Arc::new(starts.iter().copied().map(at).collect::<Vec<_>>());
        let lists = [
            list(&[1, 4, 7, 9]),
            list(&[2, 4, 8]),
            list(&[]),
            list(&[3, 9, 12]),
        ];
        assert_eq!(
            ids(&pick(&lists, 0, 5, |_| true)),
            vec![1, 2, 3, 4, 7, 8, 9, 12]
        );
        assert_eq!(
            ids(&pick(&lists, 2, 100, |_| true)),
            vec![2, 3, 4, 7, 8, 9, 12]
        );
    }
}
