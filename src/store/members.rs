use super::{Result, Store, tables};
use crate::domain::{Email, Member, MemberId, MemberState, Role};

/// Inserts or replaces a member and keeps the email index in step.
pub fn put_member_in(txn: &redb::WriteTransaction, member: &Member) -> Result<()> {
    let mut members = tables::MEMBERS.write(txn)?;
    let mut emails = tables::MEMBER_EMAILS.write(txn)?;
    if let Some(old) = members.get(member.id.as_str())?
        && old.email != member.email
    {
        emails.remove(old.email.as_str())?;
    }
    members.insert(member.id.as_str(), member)?;
    emails.insert(member.email.as_str(), &member.id)?;
    Ok(())
}

pub fn member_in_txn(txn: &redb::WriteTransaction, id: &MemberId) -> Result<Option<Member>> {
    tables::MEMBERS.write(txn)?.get(id.as_str())
}

pub fn member_by_email_in(txn: &redb::WriteTransaction, email: &Email) -> Result<Option<Member>> {
    let id = tables::MEMBER_EMAILS.write(txn)?.get(email.as_str())?;
    match id {
        Some(id) => tables::MEMBERS.write(txn)?.get(id.as_str()),
        None => Ok(None),
    }
}

/// Whether any member (of any state) holds the owner role and is active.
pub fn has_owner_in(txn: &redb::WriteTransaction) -> Result<bool> {
    let mut found = false;
    tables::MEMBERS.write(txn)?.scan(|_, m| {
        found = m.role == Role::Owner && m.state == MemberState::Active;
        !found
    })?;
    Ok(found)
}

impl Store {
    pub fn member(&self, id: &MemberId) -> Result<Option<Member>> {
        let txn = self.read()?;
        tables::MEMBERS.read(&txn)?.get(id.as_str())
    }

    pub fn member_by_email(&self, email: &Email) -> Result<Option<Member>> {
        let txn = self.read()?;
        let id = tables::MEMBER_EMAILS.read(&txn)?.get(email.as_str())?;
        match id {
            Some(id) => tables::MEMBERS.read(&txn)?.get(id.as_str()),
            None => Ok(None),
        }
    }

    /// Every member, in id order; callers filter and sort.
    pub fn members(&self) -> Result<Vec<Member>> {
        let txn = self.read()?;
        tables::MEMBERS.read(&txn)?.values()
    }

    pub fn has_owner(&self) -> Result<bool> {
        let txn = self.read()?;
        let mut found = false;
        tables::MEMBERS.read(&txn)?.scan(|_, m| {
            found = m.role == Role::Owner && m.state == MemberState::Active;
            !found
        })?;
        Ok(found)
    }
}
