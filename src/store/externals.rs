//! External members and their candidate-date links.

use super::revisions::Dep;
use super::txn::{Read, Txn};
use super::{Result, Store, tables};
use crate::domain::{ConnectToken, ExternalMember, Member, MemberId};

/// Writes the record; the host's revision moves so slot lists built on
/// the old ranges are retired.
pub fn put_external_in(txn: &Txn, x: &ExternalMember) -> Result<()> {
    txn.touch(Dep::Externals);
    txn.touch(Dep::host(&x.id));
    tables::EXTERNAL_MEMBERS
        .write(txn)?
        .insert(x.id.as_str(), x)
}

pub fn external_in(txn: &impl Read, id: &MemberId) -> Result<Option<ExternalMember>> {
    txn.open(&tables::EXTERNAL_MEMBERS)?.get(id.as_str())
}

pub fn externals_in(txn: &impl Read) -> Result<Vec<ExternalMember>> {
    txn.open(&tables::EXTERNAL_MEMBERS)?.values()
}

/// Removes the record and every link to it.
pub fn remove_external_in(txn: &Txn, id: &MemberId) -> Result<Option<ExternalMember>> {
    txn.touch(Dep::Externals);
    txn.touch(Dep::host(id));
    remove_connect_tokens_in(txn, id)?;
    tables::EXTERNAL_MEMBERS.write(txn)?.remove(id.as_str())
}

pub fn put_connect_token_in(txn: &Txn, hash: &[u8; 32], token: &ConnectToken) -> Result<()> {
    tables::CONNECT_TOKENS.write(txn)?.insert(hash, token)
}

pub fn connect_token_in(txn: &impl Read, hash: &[u8; 32]) -> Result<Option<ConnectToken>> {
    txn.open(&tables::CONNECT_TOKENS)?.get(hash)
}

/// Marks every live candidate-date link of an external member as
/// superseded (dates re-requested); the records stay so the page can say
/// why the link no longer works.
pub fn revoke_connect_tokens_in(txn: &Txn, id: &MemberId) -> Result<u64> {
    let mut table = tables::CONNECT_TOKENS.write(txn)?;
    let mut live = Vec::new();
    table.scan(|hash, t| {
        if &t.external_id == id && !t.superseded {
            live.push((hash, t));
        }
        true
    })?;
    for (hash, mut t) in live.iter().cloned() {
        t.superseded = true;
        table.insert(hash, &t)?;
    }
    Ok(live.len() as u64)
}

/// Removes every link of an external member (deletion).
fn remove_connect_tokens_in(txn: &Txn, id: &MemberId) -> Result<u64> {
    tables::CONNECT_TOKENS
        .write(txn)?
        .remove_where(|t| &t.external_id == id)
}

impl Store {
    pub fn externals(&self) -> Result<Vec<ExternalMember>> {
        externals_in(&self.read()?)
    }

    /// Everyone who can host a booking page: the members, then the host
    /// view of each external member (see `ExternalMember::as_host`).
    /// Kept until a member or an external member changes.
    pub fn hosts_shared(&self) -> Result<super::SharedMembers> {
        let stamp = self.revisions.stamp([Dep::Members, Dep::Externals]);
        if let Ok(cache) = self.hosts_cache.lock()
            && let Some((at, hosts)) = cache.as_ref()
            && at.current(&self.revisions)
        {
            return Ok(std::sync::Arc::clone(hosts));
        }
        let members = self.members_shared()?;
        let externals = self.externals()?;
        let mut hosts: Vec<Member> = Vec::with_capacity(members.len() + externals.len());
        hosts.extend(members.iter().cloned());
        for x in &externals {
            let contact = members.iter().find(|m| m.id == x.contact_member_id);
            hosts.push(x.as_host(contact));
        }
        let hosts = std::sync::Arc::new(hosts);
        if stamp.settled()
            && stamp.unchanged(&self.revisions)
            && let Ok(mut cache) = self.hosts_cache.lock()
        {
            *cache = Some((stamp, std::sync::Arc::clone(&hosts)));
        }
        Ok(hosts)
    }
}

/// A member, or the host view of an external member, by id.
pub fn host_in(txn: &impl Read, id: &MemberId) -> Result<Option<Member>> {
    if let Some(m) = super::member_in(txn, id)? {
        return Ok(Some(m));
    }
    let Some(x) = external_in(txn, id)? else {
        return Ok(None);
    };
    let contact = super::member_in(txn, &x.contact_member_id)?;
    Ok(Some(x.as_host(contact.as_ref())))
}
