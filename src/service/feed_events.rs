//! What feeds are written from, kept between renders: per host, the
//! bookings in the feed window (start, page, state and a fingerprint of
//! the stored record), and per booking and language the VEVENT text. A
//! change to one booking moves one host's revision: the next render reads
//! that host's bookings again and writes only the changed event, instead
//! of reading and writing thousands (a page feed lists up to 5,000).
//!
//! Entries are kept only from a settled stamp that did not move while they
//! were read, as in the feed cache, and texts are checked against the
//! fingerprint of the record they were written from.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};

use crate::domain::{BookingState, MemberId};
use crate::i18n::Lang;
use crate::store::{self, Dep, Revisions, Stamp};

/// What a feed needs to know of a booking to pick and order it.
#[derive(Debug, Clone)]
pub struct Listed {
    pub start: i64,
    pub id: Arc<str>,
    pub page_id: Arc<str>,
    pub fingerprint: u64,
    /// When it was cancelled (its last change); None while confirmed.
    pub cancelled_at: Option<DateTime<Utc>>,
}

struct HostList {
    stamp: Stamp,
    from: i64,
    items: Arc<Vec<Listed>>,
}

struct Text {
    fingerprint: u64,
    text: Arc<str>,
}

#[derive(Default)]
struct Texts {
    /// The members and organization the texts were written with (names,
    /// meeting URLs): when they move, every text is written again.
    stamp: Stamp,
    by_booking: HashMap<(Arc<str>, Lang), Text>,
}

/// Bounds on what is kept; beyond them a map starts over.
const MAX_HOSTS: usize = 5_000;
const MAX_TEXTS: usize = 50_000;

#[derive(Default)]
pub struct FeedEvents {
    hosts: Mutex<HashMap<MemberId, HostList>>,
    texts: Mutex<Texts>,
}

impl FeedEvents {
    /// The host's bookings starting at `from` or later (and maybe some
    /// before: the caller filters), in start order, read again only when
    /// the host's revision moved. Read again, a booking whose stored form
    /// did not change is not decoded again.
    pub fn host_list(
        &self,
        store: &store::Store,
        host: &MemberId,
        from: i64,
    ) -> store::Result<Arc<Vec<Listed>>> {
        let revisions = store.revisions();
        let mut before = None;
        if let Ok(hosts) = self.hosts.lock()
            && let Some(kept) = hosts.get(host)
            && kept.from <= from
        {
            if kept.stamp.current(revisions) {
                return Ok(kept.items.clone());
            }
            before = Some(kept.items.clone());
        }
        let stamp = revisions.stamp([Dep::host(host)]);
        let items = Arc::new(read_host(store, host, from, before.as_deref())?);
        if stamp.settled()
            && stamp.unchanged(revisions)
            && let Ok(mut hosts) = self.hosts.lock()
        {
            if hosts.len() >= MAX_HOSTS {
                hosts.clear();
            }
            hosts.insert(
                host.clone(),
                HostList {
                    stamp,
                    from,
                    items: items.clone(),
                },
            );
        }
        Ok(items)
    }

    /// The kept texts of `wanted` in `lang` (None where missing or
    /// written from another version of the booking).
    pub fn texts(
        &self,
        revisions: &Revisions,
        lang: Lang,
        wanted: &[Listed],
    ) -> Vec<Option<Arc<str>>> {
        let Ok(mut texts) = self.texts.lock() else {
            return vec![None; wanted.len()];
        };
        if !texts.stamp.current(revisions) {
            *texts = Texts {
                stamp: text_stamp(revisions),
                by_booking: HashMap::new(),
            };
        }
        wanted
            .iter()
            .map(|l| {
                texts
                    .by_booking
                    .get(&(l.id.clone(), lang))
                    .filter(|t| t.fingerprint == l.fingerprint)
                    .map(|t| t.text.clone())
            })
            .collect()
    }

    /// Keeps texts written from the bookings as fingerprinted, with the
    /// members as of `stamp` (taken before they were read).
    pub fn keep_texts(
        &self,
        revisions: &Revisions,
        stamp: &Stamp,
        lang: Lang,
        written: Vec<(&Listed, Arc<str>)>,
    ) {
        if !(stamp.settled() && stamp.unchanged(revisions)) {
            return;
        }
        let Ok(mut texts) = self.texts.lock() else {
            return;
        };
        if texts.stamp != *stamp || texts.by_booking.len() + written.len() > MAX_TEXTS {
            *texts = Texts {
                stamp: stamp.clone(),
                by_booking: HashMap::new(),
            };
        }
        for (l, text) in written {
            texts.by_booking.insert(
                (l.id.clone(), lang),
                Text {
                    fingerprint: l.fingerprint,
                    text,
                },
            );
        }
    }
}

/// What event texts are written with besides the booking.
pub fn text_stamp(revisions: &Revisions) -> Stamp {
    revisions.stamp([Dep::Members, Dep::Org])
}

fn read_host(
    store: &store::Store,
    host: &MemberId,
    from: i64,
    before: Option<&Vec<Listed>>,
) -> store::Result<Vec<Listed>> {
    let known: HashMap<&str, &Listed> = before.into_iter().flatten().map(|l| (&*l.id, l)).collect();
    let txn = store.read()?;
    let mut ids = Vec::new();
    store::listed_in(&txn, Some(host.as_str()), from, i64::MAX, |start, id| {
        ids.push((start, id.to_string()));
        true
    })?;
    let reader = store::booking_reader(&txn)?;
    // Pages are few and shared by many bookings: one copy of each id.
    let mut pages: HashMap<String, Arc<str>> = HashMap::new();
    let mut out = Vec::with_capacity(ids.len());
    for (start, id) in ids {
        if let Some(old) = known.get(id.as_str())
            && old.start == start
            && reader.fingerprint(&id)? == Some(old.fingerprint)
        {
            out.push((*old).clone());
            continue;
        }
        let Some((fingerprint, b)) = reader.head(&id)? else {
            continue;
        };
        let page_id = pages
            .entry(b.page_id.clone())
            .or_insert_with(|| Arc::from(b.page_id.as_str()))
            .clone();
        out.push(Listed {
            start,
            id: Arc::from(id),
            page_id,
            fingerprint,
            cancelled_at: match b.state {
                BookingState::Confirmed => None,
                BookingState::Cancelled => Some(b.updated_at),
            },
        });
    }
    Ok(out)
}
