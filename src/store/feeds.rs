//! Secret calendar feed addresses, one per member or booking page. The
//! token is kept sealed (so the address can be shown again, yet a copied
//! database does not hand out every feed) and indexed by its hash (so a
//! fetch finds it without opening every seal).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::txn::{Read, Txn};
use super::{Result, tables};

/// One feed token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedRecord {
    /// "member:<id>" or "page:<id>".
    pub owner: String,
    /// The token, sealed with the calendar keyring.
    pub sealed: Vec<u8>,
    pub created_at: DateTime<Utc>,
    /// The last fetch, recorded a few minutes apart at most.
    #[serde(default)]
    pub last_used_at: Option<DateTime<Utc>>,
}

/// The current token of `owner`: its hash and record.
pub fn feed_of_in(txn: &impl Read, owner: &str) -> Result<Option<([u8; 32], FeedRecord)>> {
    let Some(hash) = txn.open(&tables::FEED_OWNERS)?.get(owner)? else {
        return Ok(None);
    };
    Ok(txn.open(&tables::FEEDS)?.get(hash)?.map(|r| (hash, r)))
}

/// The feed whose token hashes to `hash`, if it is still current.
pub fn feed_in(txn: &impl Read, hash: [u8; 32]) -> Result<Option<FeedRecord>> {
    txn.open(&tables::FEEDS)?.get(hash)
}

/// Makes `hash` the owner's token; the previous one stops working in the
/// same transaction.
pub fn put_feed_in(txn: &Txn, hash: [u8; 32], record: &FeedRecord) -> Result<()> {
    let mut owners = tables::FEED_OWNERS.write(txn)?;
    let mut feeds = tables::FEEDS.write(txn)?;
    if let Some(old) = owners.get(record.owner.as_str())? {
        feeds.remove(old)?;
    }
    owners.insert(record.owner.as_str(), &hash)?;
    feeds.insert(hash, record)
}

/// Records a fetch (availability does not depend on it: no revision moves).
pub fn feed_used_in(txn: &Txn, hash: [u8; 32], at: DateTime<Utc>) -> Result<()> {
    let mut feeds = tables::FEEDS.write(txn)?;
    if let Some(mut r) = feeds.get(hash)? {
        r.last_used_at = Some(at);
        feeds.insert(hash, &r)?;
    }
    Ok(())
}

/// Every current feed (the admin's integration overview).
pub fn all_feeds_in(txn: &impl Read) -> Result<Vec<FeedRecord>> {
    txn.open(&tables::FEEDS)?.values()
}

/// Removes `owner`'s feed: its address stops working in this transaction
/// (a member who leaves).
pub fn remove_feed_in(txn: &Txn, owner: &str) -> Result<bool> {
    let mut owners = tables::FEED_OWNERS.write(txn)?;
    let Some(hash) = owners.remove(owner)? else {
        return Ok(false);
    };
    tables::FEEDS.write(txn)?.remove(hash)?;
    Ok(true)
}
