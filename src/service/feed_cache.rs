//! Rendered feeds, kept while nothing they list changed: calendar apps
//! poll every few minutes, mostly to hear "not modified", and a feed of a
//! busy page lists thousands of bookings. An entry is kept with the
//! revisions it was rendered at and the UTC day (what a feed lists moves
//! with the day: 90 days back, cancelled ones for 30 days).

use std::collections::HashMap;
use std::sync::Mutex;

use actix_web::web::Bytes;

use crate::store::{Revisions, Stamp};

/// A feed file and its validator.
#[derive(Debug, Clone)]
pub struct Served {
    pub body: Bytes,
    /// A strong ETag, quoted: the hash of the body.
    pub etag: String,
}

struct Kept {
    stamp: Stamp,
    day: i64,
    served: Served,
}

/// Feeds kept at most; beyond it the cache starts over.
const MAX_FEEDS: usize = 1_000;

#[derive(Default)]
pub struct FeedCache {
    inner: Mutex<HashMap<[u8; 32], Kept>>,
}

impl FeedCache {
    /// The feed of the token hashed `hash` as rendered on `day`, while
    /// nothing it depends on changed.
    pub fn get(&self, revisions: &Revisions, hash: &[u8; 32], day: i64) -> Option<Served> {
        let inner = self.inner.lock().ok()?;
        inner
            .get(hash)
            .filter(|k| k.day == day && k.stamp.current(revisions))
            .map(|k| k.served.clone())
    }

    /// Keeps a feed rendered from the state `stamp` was taken before, if
    /// no commit was in progress then and none finished since.
    pub fn put(
        &self,
        revisions: &Revisions,
        hash: [u8; 32],
        stamp: Stamp,
        day: i64,
        served: &Served,
    ) {
        if !(stamp.settled() && stamp.unchanged(revisions)) {
            return;
        }
        if let Ok(mut inner) = self.inner.lock() {
            if inner.len() >= MAX_FEEDS {
                inner.clear();
            }
            inner.insert(
                hash,
                Kept {
                    stamp,
                    day,
                    served: served.clone(),
                },
            );
        }
    }
}
