//! Booking pages and the addresses (slugs) that lead to them.

use super::revisions::Dep;
use super::txn::{Read, Txn};
use super::{Result, tables};
use crate::domain::BookingPage;

pub fn page_in(txn: &impl Read, id: &str) -> Result<Option<BookingPage>> {
    txn.open(&tables::BOOKING_PAGES)?.get(id)
}

/// Every page, in id order.
pub fn pages_in(txn: &impl Read) -> Result<Vec<BookingPage>> {
    txn.open(&tables::BOOKING_PAGES)?.values()
}

/// The id of the page at `/book/{slug}`.
pub fn page_id_by_slug_in(txn: &impl Read, slug: &str) -> Result<Option<String>> {
    txn.open(&tables::PAGE_SLUGS)?.get(slug)
}

pub fn put_page_in(txn: &Txn, page: &BookingPage) -> Result<()> {
    txn.touch(Dep::Page(page.id.clone()));
    tables::BOOKING_PAGES
        .write(txn)?
        .insert(page.id.as_str(), page)
}

/// Claims `slug` for `page_id`; false (and nothing written) when another
/// page has it.
pub fn claim_slug_in(txn: &Txn, slug: &str, page_id: &str) -> Result<bool> {
    txn.touch(Dep::Page(page_id.to_string()));
    let mut slugs = tables::PAGE_SLUGS.write(txn)?;
    if slugs.contains(slug)? {
        return Ok(false);
    }
    slugs.insert(slug, &page_id.to_string())?;
    Ok(true)
}

pub fn release_slug_in(txn: &Txn, slug: &str) -> Result<()> {
    // Whatever page had the address: caches keyed by it must not outlive it.
    if let Some(id) = tables::PAGE_SLUGS.write(txn)?.remove(slug)? {
        txn.touch(Dep::Page(id));
    }
    Ok(())
}

pub fn remove_page_in(txn: &Txn, page: &BookingPage) -> Result<()> {
    txn.touch(Dep::Page(page.id.clone()));
    tables::BOOKING_PAGES.write(txn)?.remove(page.id.as_str())?;
    release_slug_in(txn, &page.slug)
}
