use super::txn::Txn;
use super::{Result, Store, tables};
use crate::domain::Organization;

const ORG_KEY: &str = "org";

pub fn organization_in(txn: &impl super::Read) -> Result<Option<Organization>> {
    txn.open(&tables::ORG)?.get(ORG_KEY)
}

pub fn put_org_in(txn: &Txn, org: &Organization) -> Result<()> {
    txn.touch(super::revisions::Dep::Org);
    tables::ORG.write(txn)?.insert(ORG_KEY, org)
}

impl Store {
    pub fn organization(&self) -> Result<Option<Organization>> {
        let txn = self.read()?;
        tables::ORG.read(&txn)?.get(ORG_KEY)
    }
}
