//! Members' weekly schedules and unavailability periods.

use super::revisions::Dep;
use super::txn::{Read, Txn};
use super::{Result, tables};
use crate::domain::{MemberId, Schedule, Unavailability};

pub fn schedule_in(txn: &impl Read, member: &MemberId) -> Result<Option<Schedule>> {
    txn.open(&tables::SCHEDULES)?.get(member.as_str())
}

pub fn put_schedule_in(txn: &Txn, member: &MemberId, schedule: &Schedule) -> Result<()> {
    txn.touch(Dep::host(member));
    tables::SCHEDULES
        .write(txn)?
        .insert(member.as_str(), schedule)
}

/// The member's unavailability periods, in start order.
pub fn unavailability_of_in(txn: &impl Read, member: &MemberId) -> Result<Vec<Unavailability>> {
    let id = member.as_str();
    let mut out = Vec::new();
    txn.open(&tables::UNAVAILABILITY)?.scan_range(
        (id, i64::MIN, "")..=(id, i64::MAX, ""),
        false,
        |_, u| {
            out.push(u);
            true
        },
    )?;
    Ok(out)
}

pub fn put_unavailability_in(txn: &Txn, u: &Unavailability) -> Result<()> {
    txn.touch(Dep::host(&u.member_id));
    tables::UNAVAILABILITY.write(txn)?.insert(
        (u.member_id.as_str(), u.start.timestamp(), u.id.as_str()),
        u,
    )
}

pub fn remove_unavailability_in(txn: &Txn, u: &Unavailability) -> Result<()> {
    txn.touch(Dep::host(&u.member_id));
    tables::UNAVAILABILITY.write(txn)?.remove((
        u.member_id.as_str(),
        u.start.timestamp(),
        u.id.as_str(),
    ))?;
    Ok(())
}
