//! In-app notifications and notification preferences.

use super::txn::Txn;
use super::{Result, Store, tables};
use crate::domain::{MemberId, Notification, Preferences};

pub fn add_notification_in(txn: &Txn, n: &Notification) -> Result<()> {
    tables::NOTIFICATIONS.write(txn)?.insert(
        (
            n.member_id.as_str(),
            n.created_at.timestamp_micros(),
            n.id.as_str(),
        ),
        n,
    )?;
    if !n.read {
        let mut unread = tables::NOTIFICATION_UNREAD.write(txn)?;
        let count = unread.get(n.member_id.as_str())?.unwrap_or(0);
        unread.insert(n.member_id.as_str(), &(count + 1))?;
    }
    Ok(())
}

pub fn preferences_in(txn: &Txn, member: &MemberId) -> Result<Preferences> {
    Ok(tables::PREFERENCES
        .write(txn)?
        .get(member.as_str())?
        .unwrap_or_default())
}

type Key<'a> = (&'a str, i64, &'a str);

impl Store {
    /// A member's notifications, newest first.
    pub fn notifications(&self, member: &MemberId, limit: usize) -> Result<Vec<Notification>> {
        let txn = self.read()?;
        let mut out = Vec::new();
        let lo: Key = (member.as_str(), i64::MIN, "");
        let hi: Key = (member.as_str(), i64::MAX, "");
        tables::NOTIFICATIONS
            .read(&txn)?
            .scan_range(lo..=hi, true, |_, n| {
                out.push(n);
                out.len() < limit
            })?;
        Ok(out)
    }

    pub fn unread_count(&self, member: &MemberId) -> Result<u64> {
        let txn = self.read()?;
        Ok(tables::NOTIFICATION_UNREAD
            .read(&txn)?
            .get(member.as_str())?
            .unwrap_or(0))
    }

    /// Marks one (or, with `id` None, every) notification of the member
    /// read. Returns the notification marked, if one was named.
    pub fn mark_read(&self, member: &MemberId, id: Option<&str>) -> Result<Option<Notification>> {
        let txn = self.write()?;
        let mut found = None;
        {
            let mut table = tables::NOTIFICATIONS.write(&txn)?;
            let lo: Key = (member.as_str(), i64::MIN, "");
            let hi: Key = (member.as_str(), i64::MAX, "");
            let mut to_mark = Vec::new();
            table.scan_range(lo..=hi, true, |(_, at, nid), n| {
                let wanted = id.is_none_or(|id| id == nid);
                if wanted {
                    if !n.read {
                        to_mark.push((at, n.clone()));
                    }
                    if id.is_some() {
                        found = Some(n);
                        return false;
                    }
                }
                true
            })?;
            for (at, mut n) in to_mark {
                n.read = true;
                table.insert((member.as_str(), at, n.id.as_str()), &n)?;
            }
            if let Some(n) = found.as_mut() {
                n.read = true;
            }
        }
        let unread = if id.is_none() {
            0
        } else {
            let mut count = 0u64;
            let lo: Key = (member.as_str(), i64::MIN, "");
            let hi: Key = (member.as_str(), i64::MAX, "");
            tables::NOTIFICATIONS
                .write(&txn)?
                .scan_range(lo..=hi, false, |_, n| {
                    count += u64::from(!n.read);
                    true
                })?;
            count
        };
        tables::NOTIFICATION_UNREAD
            .write(&txn)?
            .insert(member.as_str(), &unread)?;
        self.commit(txn)?;
        Ok(found)
    }

    pub fn preferences(&self, member: &MemberId) -> Result<Preferences> {
        let txn = self.read()?;
        Ok(tables::PREFERENCES
            .read(&txn)?
            .get(member.as_str())?
            .unwrap_or_default())
    }

    pub fn set_preferences(&self, member: &MemberId, prefs: &Preferences) -> Result<()> {
        let txn = self.write()?;
        tables::PREFERENCES
            .write(&txn)?
            .insert(member.as_str(), prefs)?;
        self.commit(txn)?;
        Ok(())
    }
}
