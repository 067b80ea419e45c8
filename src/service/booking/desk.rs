//! The booking desk: what the web layer holds to list slots and to book.
//! It owns the slot caches, the booking writer (bookings arriving together
//! share one durable commit) and the writer's view of each host, so no
//! handler runs the cache protocol or holds a write transaction itself.

use std::sync::Arc;

use actix_web::web::Bytes;
use chrono::{DateTime, Utc};

use super::availability::Cache;
use super::group_commit::GroupWriter;
use super::host_book::{HostBook, WriterHooks};
use super::{BookInput, Booked, Changer, Settings, SlotQuery, book_in, pages};
use crate::domain::{Booking, BookingPage};
use crate::engine::Slot;
use crate::error::AppError;
use crate::store::Store;

pub struct Desk {
    store: Store,
    settings: Settings,
    cache: Arc<Cache>,
    writer: GroupWriter,
    host_book: Arc<HostBook>,
}

impl Desk {
    /// Starts the booking writer's thread; `max_batch` bounds how many
    /// bookings share one commit.
    pub fn start(store: Store, settings: Settings, max_batch: usize) -> Desk {
        let host_book = Arc::new(HostBook::default());
        let cache = Arc::new(Cache::default());
        let writer = GroupWriter::start(
            store.clone(),
            max_batch,
            Arc::new(WriterHooks::new(Arc::clone(&host_book), Arc::clone(&cache))),
        );
        Desk {
            store,
            settings,
            cache,
            writer,
            host_book,
        }
    }

    /// The host indexes behind the slot lists, for a calendar sync to
    /// carry over its commits.
    pub fn busy_listener(&self) -> Arc<dyn crate::service::calendars::BusyListener> {
        Arc::clone(&self.cache) as Arc<dyn crate::service::calendars::BusyListener>
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Slot-list cache hits and misses, for /metrics.
    pub fn cache_counts(&self) -> (u64, u64) {
        self.cache.lists.counts()
    }

    /// The page's free slots in the query's days (blocking: call it off
    /// the executor).
    pub fn slots(
        &self,
        page: &BookingPage,
        q: &SlotQuery,
        now: DateTime<Utc>,
    ) -> Result<Arc<Vec<Slot>>, AppError> {
        Ok(super::slots(&self.store, &self.cache, &self.settings, page, q, now)?.0)
    }

    /// The finished body of a slot list asked before while nothing it
    /// depends on changed, if kept. Reads no table, so a repeated request
    /// is answered without leaving the executor.
    pub fn kept_slot_body(&self, key: &str, now: DateTime<Utc>) -> Option<Bytes> {
        self.cache
            .lists
            .body(self.store.revisions(), now.timestamp(), key)
    }

    /// The slot list of the enabled page at `slug`, rendered by `render`
    /// and kept under `key` (blocking). Requests that miss together wait
    /// for the first one's body instead of all computing the same list.
    pub fn slot_body(
        &self,
        key: String,
        slug: &str,
        q: &SlotQuery,
        now: DateTime<Utc>,
        render: impl FnOnce(&[Slot]) -> Result<Bytes, AppError>,
    ) -> Result<Bytes, AppError> {
        let lists = &self.cache.lists;
        let _one = lists.computing(&key);
        // Read again: while this request waited, another computed it.
        if let Some(body) = lists.body(self.store.revisions(), now.timestamp(), &key) {
            return Ok(body);
        }
        let page = pages::public(&self.store, slug)?;
        let (list, stamp) = super::slots(&self.store, &self.cache, &self.settings, &page, q, now)?;
        let body = render(&list)?;
        if let Some(stamp) = stamp {
            lists.put_body(
                self.store.revisions(),
                stamp,
                now.timestamp(),
                key,
                body.clone(),
            );
        }
        Ok(body)
    }

    /// Books on the enabled page at `slug`; answers once the booking is
    /// durable.
    pub async fn book(
        &self,
        slug: String,
        input: BookInput,
        now: DateTime<Utc>,
    ) -> Result<Booked, AppError> {
        let settings = self.settings.clone();
        let book = Arc::clone(&self.host_book);
        let booked = self
            .writer
            .run(move |txn| {
                let src = &mut book.source(txn, now.timestamp());
                book_in(txn, src, &settings, &slug, &input, now)
            })
            .await?;
        crate::telemetry::booking_created();
        Ok(booked)
    }

    /// The calendar file of a booking, as its mails attach it.
    pub fn ics(
        &self,
        b: &Booking,
        hosts: &[crate::domain::Member],
        method: crate::ics::Method,
        now: DateTime<Utc>,
    ) -> String {
        super::mail::ics_for(&self.settings.base_url, b, hosts, method, now)
    }

    /// Cancels a booking (blocking).
    pub fn cancel(
        &self,
        by: Changer<'_>,
        id: &str,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Booking, AppError> {
        let cancelled = super::cancel(&self.store, &self.settings, by, id, reason, now)?;
        crate::telemetry::booking_cancelled();
        Ok(cancelled)
    }

    /// Moves a booking to another free start (blocking).
    pub fn reschedule(
        &self,
        by: Changer<'_>,
        id: &str,
        start: &str,
        now: DateTime<Utc>,
    ) -> Result<Booking, AppError> {
        super::reschedule(&self.store, &self.settings, by, id, start, now)
    }

    /// The guest's cancel, by their manage link (blocking).
    pub fn guest_cancel(
        &self,
        token: &str,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Booking, AppError> {
        let id = super::by_token(&self.store, token)?.id;
        self.cancel(Changer::Guest(token), &id, reason, now)
    }

    /// The guest's reschedule, by their manage link (blocking).
    pub fn guest_reschedule(
        &self,
        token: &str,
        start: &str,
        now: DateTime<Utc>,
    ) -> Result<Booking, AppError> {
        let id = super::by_token(&self.store, token)?.id;
        self.reschedule(Changer::Guest(token), &id, start, now)
    }
}
