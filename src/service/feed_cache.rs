//! Rendered feeds, kept while nothing they list changed: calendar apps
//! poll every few minutes, mostly to hear "not modified", and a feed of a
//! busy page lists thousands of bookings. An entry is kept with the
//! revisions it was rendered at and the UTC day (what a feed lists moves
//! with the day: 90 days back, cancelled ones for 30 days).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

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
    /// One lock per feed being rendered.
    renders: Mutex<HashMap<[u8; 32], Arc<Mutex<()>>>>,
}

/// Held while one feed renders; see [`FeedCache::rendering`].
pub struct Rendering {
    lock: Arc<Mutex<()>>,
}

impl Rendering {
    /// Waits for any render of the same feed in progress. A render that
    /// panicked leaves nothing half-done behind the lock, so a poisoned
    /// lock is taken as it is.
    pub fn wait(&self) -> MutexGuard<'_, ()> {
        self.lock.lock().unwrap_or_else(PoisonError::into_inner)
    }
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

    /// The render lock of the feed hashed `hash`. Subscribers that ask at
    /// once after a change (or after a start) would each render the same
    /// thousands of bookings; with the lock, one renders and the others
    /// wait and take the kept file.
    pub fn rendering(&self, hash: &[u8; 32]) -> Rendering {
        let mut renders = self.renders.lock().unwrap_or_else(PoisonError::into_inner);
        if renders.len() >= MAX_FEEDS {
            // Locks nobody holds or waits for.
            renders.retain(|_, lock| Arc::strong_count(lock) > 1);
        }
        Rendering {
            lock: Arc::clone(renders.entry(*hash).or_default()),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_feed_renders_at_a_time_and_others_do_not_wait_for_it() {
        let cache = FeedCache::default();
        let (a, b) = ([1u8; 32], [2u8; 32]);
        let first = cache.rendering(&a);
        let held = first.wait();
        assert!(
            cache.rendering(&a).lock.try_lock().is_err(),
            "the same feed waits"
        );
        assert!(
            cache.rendering(&b).lock.try_lock().is_ok(),
            "another feed does not"
        );
        drop(held);
        assert!(cache.rendering(&a).lock.try_lock().is_ok());
    }
}
