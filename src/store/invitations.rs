//! Invitation tokens, email-change tokens, org structure, schedules and
//! the import counters.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::txn::Txn;
use super::{Result, Store, tables};
use crate::domain::{CatalogEntry, CatalogKind, Invitation, MemberId, Schedule};

/// A pending change of address, confirmed by a link sent to the new one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmailChange {
    pub member_id: MemberId,
    pub new_email: String,
    pub expires_at: DateTime<Utc>,
}

/// A link that lets a member set a new password, mailed at an operator's
/// request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PasswordReset {
    pub member_id: MemberId,
    pub expires_at: DateTime<Utc>,
}

pub fn put_password_reset_in(txn: &Txn, hash: &[u8; 32], reset: &PasswordReset) -> Result<()> {
    tables::PASSWORD_RESETS.write(txn)?.insert(hash, reset)
}

pub fn password_reset_in(txn: &Txn, hash: &[u8; 32]) -> Result<Option<PasswordReset>> {
    tables::PASSWORD_RESETS.write(txn)?.get(hash)
}

/// Kills every password link of a member (used, a new one sent, or the
/// member leaves).
pub fn revoke_password_resets_in(txn: &Txn, member: &MemberId) -> Result<u64> {
    tables::PASSWORD_RESETS
        .write(txn)?
        .remove_where(|r| &r.member_id == member)
}

pub fn put_invitation_in(txn: &Txn, hash: &[u8; 32], inv: &Invitation) -> Result<()> {
    tables::INVITATIONS.write(txn)?.insert(hash, inv)
}

pub fn invitation_in(txn: &Txn, hash: &[u8; 32]) -> Result<Option<Invitation>> {
    tables::INVITATIONS.write(txn)?.get(hash)
}

/// Kills every invitation link of a member (resend, cancel, join).
pub fn revoke_invitations_in(txn: &Txn, member: &MemberId) -> Result<u64> {
    tables::INVITATIONS
        .write(txn)?
        .remove_where(|i| &i.member_id == member)
}

/// Kills a member's pending email-change links (termination).
pub fn revoke_email_changes_in(txn: &Txn, member: &MemberId) -> Result<u64> {
    tables::EMAIL_CHANGES
        .write(txn)?
        .remove_where(|c| &c.member_id == member)
}

/// The member's current invitation, if any.
pub fn invitation_of_in(txn: &Txn, member: &MemberId) -> Result<Option<Invitation>> {
    let mut found = None;
    tables::INVITATIONS.write(txn)?.scan(|_, i| {
        if &i.member_id == member {
            found = Some(i);
        }
        found.is_none()
    })?;
    Ok(found)
}

pub fn put_email_change_in(txn: &Txn, hash: &[u8; 32], change: &EmailChange) -> Result<()> {
    tables::EMAIL_CHANGES.write(txn)?.insert(hash, change)
}

pub fn take_email_change_in(txn: &Txn, hash: &[u8; 32]) -> Result<Option<EmailChange>> {
    tables::EMAIL_CHANGES.write(txn)?.remove(hash)
}

pub fn catalog_in(txn: &Txn, kind: CatalogKind) -> Result<Vec<CatalogEntry>> {
    let mut out = Vec::new();
    tables::CATALOG.write(txn)?.scan_range(
        (kind.as_str(), "")..(kind.as_str(), "\u{10FFFF}"),
        false,
        |_, e| {
            out.push(e);
            true
        },
    )?;
    Ok(out)
}

pub fn put_catalog_in(txn: &Txn, entry: &CatalogEntry) -> Result<()> {
    tables::CATALOG
        .write(txn)?
        .insert((entry.kind.as_str(), entry.name.as_str()), entry)
}

pub fn remove_catalog_in(txn: &Txn, kind: CatalogKind, name: &str) -> Result<bool> {
    Ok(tables::CATALOG
        .write(txn)?
        .remove((kind.as_str(), name))?
        .is_some())
}

/// Adds `rows` to a daily counter and returns the new total.
pub fn add_usage_in(txn: &Txn, day: &str, key: &str, rows: u32) -> Result<u32> {
    let mut usage = tables::IMPORT_USAGE.write(txn)?;
    let total = usage.get((day, key))?.unwrap_or(0).saturating_add(rows);
    usage.insert((day, key), &total)?;
    Ok(total)
}

impl Store {
    pub fn catalog(&self, kind: CatalogKind) -> Result<Vec<CatalogEntry>> {
        let txn = self.read()?;
        let mut out = Vec::new();
        tables::CATALOG.read(&txn)?.scan_range(
            (kind.as_str(), "")..(kind.as_str(), "\u{10FFFF}"),
            false,
            |_, e| {
                out.push(e);
                true
            },
        )?;
        Ok(out)
    }

    pub fn schedule(&self, member: &MemberId) -> Result<Option<Schedule>> {
        let txn = self.read()?;
        tables::SCHEDULES.read(&txn)?.get(member.as_str())
    }

    pub fn usage(&self, day: &str, key: &str) -> Result<u32> {
        let txn = self.read()?;
        Ok(tables::IMPORT_USAGE
            .read(&txn)?
            .get((day, key))?
            .unwrap_or(0))
    }

    /// Deletes expired invitation and email-change tokens.
    pub fn delete_expired_tokens(&self, now: DateTime<Utc>) -> Result<u64> {
        let txn = self.write()?;
        let a = tables::INVITATIONS
            .write(&txn)?
            .remove_where(|i| i.expires_at < now)?;
        let b = tables::EMAIL_CHANGES
            .write(&txn)?
            .remove_where(|c| c.expires_at < now)?;
        let c = tables::PASSWORD_RESETS
            .write(&txn)?
            .remove_where(|r| r.expires_at < now)?;
        self.commit(txn)?;
        Ok(a + b + c)
    }
}
