//! Credentials, sessions and API keys. Tokens are stored only as hashes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::txn::Txn;
use super::{Result, Store, tables};
use crate::domain::{ApiKeyId, MemberId};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Credential {
    pub password_hash: String,
    pub changed_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub member_id: MemberId,
    /// Sent with every cookie-authenticated state change.
    pub csrf_token: String,
    pub created_at: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiKeyRecord {
    pub id: ApiKeyId,
    pub member_id: MemberId,
    pub name: String,
    /// The first characters of the key, so people can tell keys apart.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
}

pub fn set_password_in(txn: &Txn, member: &MemberId, credential: &Credential) -> Result<()> {
    tables::CREDENTIALS
        .write(txn)?
        .insert(member.as_str(), credential)
}

pub fn put_session_in(txn: &Txn, hash: &[u8; 32], session: &SessionRecord) -> Result<()> {
    tables::SESSIONS.write(txn)?.insert(hash, session)
}

pub fn put_api_key_in(txn: &Txn, hash: &[u8; 32], key: &ApiKeyRecord) -> Result<()> {
    tables::API_KEYS.write(txn)?.insert(hash, key)
}

/// A new password for a member who may have lost control of the old one:
/// every session, API key and password link of theirs ends with it.
/// Returns how many sessions and keys ended.
pub fn replace_password_in(
    txn: &Txn,
    member: &MemberId,
    password_hash: String,
    now: DateTime<Utc>,
) -> Result<u64> {
    set_password_in(
        txn,
        member,
        &Credential {
            password_hash,
            changed_at: now,
        },
    )?;
    super::revoke_password_resets_in(txn, member)?;
    revoke_all_in(txn, member)
}

/// Ends every session and API key of a member at once (termination).
pub fn revoke_all_in(txn: &Txn, member: &MemberId) -> Result<u64> {
    let sessions = tables::SESSIONS
        .write(txn)?
        .remove_where(|s| &s.member_id == member)?;
    let keys = tables::API_KEYS
        .write(txn)?
        .remove_where(|k| &k.member_id == member)?;
    Ok(sessions + keys)
}

impl Store {
    pub fn credential(&self, member: &MemberId) -> Result<Option<Credential>> {
        let txn = self.read()?;
        tables::CREDENTIALS.read(&txn)?.get(member.as_str())
    }

    pub fn session(&self, hash: &[u8; 32]) -> Result<Option<SessionRecord>> {
        let txn = self.read()?;
        tables::SESSIONS.read(&txn)?.get(hash)
    }

    pub fn create_session(&self, hash: &[u8; 32], session: &SessionRecord) -> Result<()> {
        let txn = self.write()?;
        put_session_in(&txn, hash, session)?;
        self.commit(txn)
    }

    /// Moves `last_seen` forward; losing this in a crash only shortens a session.
    pub fn touch_session(&self, hash: &[u8; 32], now: DateTime<Utc>) -> Result<()> {
        let txn = self.write_lazy()?;
        {
            let mut sessions = tables::SESSIONS.write(&txn)?;
            if let Some(mut s) = sessions.get(hash)? {
                s.last_seen = now;
                sessions.insert(hash, &s)?;
            }
        }
        self.commit(txn)
    }

    pub fn delete_session(&self, hash: &[u8; 32]) -> Result<bool> {
        let txn = self.write()?;
        let existed = tables::SESSIONS.write(&txn)?.remove(hash)?.is_some();
        self.commit(txn)?;
        Ok(existed)
    }

    /// Removes sessions that are past their idle or absolute expiry.
    pub fn delete_expired_sessions(
        &self,
        idle_before: DateTime<Utc>,
        created_before: DateTime<Utc>,
    ) -> Result<u64> {
        let txn = self.write()?;
        let n = tables::SESSIONS
            .write(&txn)?
            .remove_where(|s| s.last_seen < idle_before || s.created_at < created_before)?;
        self.commit(txn)?;
        Ok(n)
    }

    pub fn api_key(&self, hash: &[u8; 32]) -> Result<Option<ApiKeyRecord>> {
        let txn = self.read()?;
        tables::API_KEYS.read(&txn)?.get(hash)
    }

    pub fn api_keys_of(&self, member: &MemberId) -> Result<Vec<ApiKeyRecord>> {
        let txn = self.read()?;
        let mut keys = tables::API_KEYS.read(&txn)?.values()?;
        keys.retain(|k| &k.member_id == member);
        keys.sort_by_key(|k| k.created_at);
        Ok(keys)
    }
}

/// A key by its id, with the hash it is stored under.
pub fn api_key_by_id_in(txn: &Txn, id: &ApiKeyId) -> Result<Option<([u8; 32], ApiKeyRecord)>> {
    let mut found = None;
    tables::API_KEYS.write(txn)?.scan(|hash, key| {
        if &key.id == id {
            found = Some((hash, key));
        }
        found.is_none()
    })?;
    Ok(found)
}

pub fn delete_api_key_in(txn: &Txn, hash: &[u8; 32]) -> Result<()> {
    tables::API_KEYS.write(txn)?.remove(hash)?;
    Ok(())
}
