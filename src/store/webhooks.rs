use super::txn::Txn;
use super::{Result, Store, tables};
use crate::domain::{DeliveryAttempt, Webhook};

pub fn put_webhook_in(txn: &Txn, webhook: &Webhook) -> Result<()> {
    tables::WEBHOOKS
        .write(txn)?
        .insert(webhook.id.as_str(), webhook)
}

pub fn webhooks_in(txn: &Txn) -> Result<Vec<Webhook>> {
    tables::WEBHOOKS.write(txn)?.values()
}

impl Store {
    pub fn webhooks(&self) -> Result<Vec<Webhook>> {
        let txn = self.read()?;
        let mut all = tables::WEBHOOKS.read(&txn)?.values()?;
        all.sort_by_key(|w| w.created_at);
        Ok(all)
    }

    pub fn webhook(&self, id: &str) -> Result<Option<Webhook>> {
        let txn = self.read()?;
        tables::WEBHOOKS.read(&txn)?.get(id)
    }

    pub fn put_webhook(&self, webhook: &Webhook) -> Result<()> {
        let txn = self.write()?;
        tables::WEBHOOKS
            .write(&txn)?
            .insert(webhook.id.as_str(), webhook)?;
        self.commit(txn)?;
        Ok(())
    }

    /// The newest attempts to deliver to a webhook.
    pub fn webhook_deliveries(&self, id: &str, limit: usize) -> Result<Vec<DeliveryAttempt>> {
        let txn = self.read()?;
        let mut out = Vec::new();
        tables::WEBHOOK_DELIVERIES.read(&txn)?.scan_range(
            (id, i64::MIN, "")..=(id, i64::MAX, ""),
            true,
            |_, a| {
                out.push(a);
                out.len() < limit
            },
        )?;
        Ok(out)
    }
}

/// Deletes a webhook and its delivery log inside the caller's
/// transaction; false when there was no such webhook.
pub fn delete_webhook_in(txn: &Txn, id: &str) -> Result<bool> {
    let existed = tables::WEBHOOKS.write(txn)?.remove(id)?.is_some();
    let mut log = tables::WEBHOOK_DELIVERIES.write(txn)?;
    let mut keys = Vec::new();
    log.scan_range(
        (id, i64::MIN, "")..=(id, i64::MAX, ""),
        false,
        |(_, at, m), _| {
            keys.push((at, m.to_string()));
            true
        },
    )?;
    for (at, m) in keys {
        log.remove((id, at, m.as_str()))?;
    }
    Ok(existed)
}
