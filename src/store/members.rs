use super::StoreError;
use super::revisions::Dep;
use super::txn::{Read, Txn};
use super::{Result, Store, tables};
use crate::domain::{Email, Member, MemberId, MemberState, Role};

/// Inserts or replaces a member and keeps the email index in step.
pub fn put_member_in(txn: &Txn, member: &Member) -> Result<()> {
    txn.touch(Dep::Members);
    txn.touch(Dep::host(&member.id));
    let mut members = tables::MEMBERS.write(txn)?;
    let mut emails = tables::MEMBER_EMAILS.write(txn)?;
    // An address belongs to one member who is not removed; a removed
    // member's address may be taken over by a new person.
    if let Some(holder) = emails.get(member.email.as_str())?
        && holder != member.id
        && members
            .get(holder.as_str())?
            .is_some_and(|other| other.state != MemberState::Terminated)
    {
        return Err(StoreError::EmailTaken(member.email.to_string()));
    }
    if let Some(old) = members.get(member.id.as_str())?
        && old.email != member.email
        && emails.get(old.email.as_str())?.as_ref() == Some(&member.id)
    {
        emails.remove(old.email.as_str())?;
    }
    members.insert(member.id.as_str(), member)?;
    emails.insert(member.email.as_str(), &member.id)?;
    Ok(())
}

/// Deletes a member who never joined (a cancelled invitation).
pub fn remove_member_in(txn: &Txn, member: &Member) -> Result<()> {
    txn.touch(Dep::Members);
    txn.touch(Dep::host(&member.id));
    tables::MEMBERS.write(txn)?.remove(member.id.as_str())?;
    // The address goes back to a removed member who held it before (an
    // "as new" invitation took it over), so their refusal still applies.
    let mut previous = None;
    tables::MEMBERS.write(txn)?.scan(|_, m| {
        if m.email == member.email && m.id != member.id {
            previous = Some(m.id);
        }
        previous.is_none()
    })?;
    let mut emails = tables::MEMBER_EMAILS.write(txn)?;
    if emails.get(member.email.as_str())?.as_ref() == Some(&member.id) {
        match previous {
            Some(id) => emails.insert(member.email.as_str(), &id)?,
            None => {
                emails.remove(member.email.as_str())?;
            }
        }
    }
    tables::SCHEDULES.write(txn)?.remove(member.id.as_str())?;
    Ok(())
}

pub fn member_in(txn: &impl Read, id: &MemberId) -> Result<Option<Member>> {
    txn.open(&tables::MEMBERS)?.get(id.as_str())
}

pub fn member_by_email_in(txn: &impl Read, email: &Email) -> Result<Option<Member>> {
    let id = txn.open(&tables::MEMBER_EMAILS)?.get(email.as_str())?;
    match id {
        Some(id) => txn.open(&tables::MEMBERS)?.get(id.as_str()),
        None => Ok(None),
    }
}

/// Every member for which `keep` says yes, in id order.
pub fn members_where_in(
    txn: &impl Read,
    mut keep: impl FnMut(&Member) -> bool,
) -> Result<Vec<Member>> {
    let mut out = Vec::new();
    txn.open(&tables::MEMBERS)?.scan(|_, m| {
        if keep(&m) {
            out.push(m);
        }
        true
    })?;
    Ok(out)
}

/// Whether any member, in any state, holds the owner role: then the
/// organization is set up and the setup page stays closed.
pub fn has_owner_in(txn: &impl Read) -> Result<bool> {
    let mut found = false;
    txn.open(&tables::MEMBERS)?.scan(|_, m| {
        found = m.role == Role::Owner;
        !found
    })?;
    Ok(found)
}

impl Store {
    pub fn member(&self, id: &MemberId) -> Result<Option<Member>> {
        member_in(&self.read()?, id)
    }

    pub fn member_by_email(&self, email: &Email) -> Result<Option<Member>> {
        member_by_email_in(&self.read()?, email)
    }

    /// Every member, in id order; callers filter and sort.
    pub fn members(&self) -> Result<Vec<Member>> {
        let txn = self.read()?;
        tables::MEMBERS.read(&txn)?.values()
    }

    pub fn has_owner(&self) -> Result<bool> {
        has_owner_in(&self.read()?)
    }
}
