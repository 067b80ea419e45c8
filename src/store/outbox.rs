//! The durable outbox: rows written in the same transaction as the change
//! that causes them, delivered later by the worker.

use chrono::{DateTime, Utc};

use super::{Result, Store, tables};
use crate::domain::{DeliveryAttempt, DeliveryState, OutboxMessage};

fn due_key(m: &OutboxMessage) -> i64 {
    m.next_attempt_at.timestamp_micros()
}

/// Queues a message inside the caller's transaction.
pub fn enqueue_in(txn: &redb::WriteTransaction, message: &OutboxMessage) -> Result<()> {
    tables::OUTBOX
        .write(txn)?
        .insert(message.id.as_str(), message)?;
    if message.state == DeliveryState::Queued {
        tables::OUTBOX_DUE
            .write(txn)?
            .insert((due_key(message), message.id.as_str()), &())?;
    }
    Ok(())
}

/// What happened to one delivery attempt.
#[derive(Debug, Clone)]
pub enum Outcome {
    Sent,
    /// Try again at the given time.
    Retry {
        error: String,
        at: DateTime<Utc>,
    },
    /// Give up: shown to admins.
    Failed {
        error: String,
    },
}

/// Replaces a queued message's state, keeping the due index in step.
fn update_in(txn: &redb::WriteTransaction, old: &OutboxMessage, new: &OutboxMessage) -> Result<()> {
    let mut due = tables::OUTBOX_DUE.write(txn)?;
    due.remove((due_key(old), old.id.as_str()))?;
    if new.state == DeliveryState::Queued {
        due.insert((due_key(new), new.id.as_str()), &())?;
    }
    tables::OUTBOX.write(txn)?.insert(new.id.as_str(), new)
}

impl Store {
    /// Queued messages whose time has come, oldest due first.
    pub fn due_messages(&self, now: DateTime<Utc>, limit: usize) -> Result<Vec<OutboxMessage>> {
        let txn = self.read()?;
        let mut ids = Vec::new();
        tables::OUTBOX_DUE.read(&txn)?.scan_range(
            ..(now.timestamp_micros() + 1, ""),
            false,
            |(_, id), ()| {
                ids.push(id.to_string());
                ids.len() < limit
            },
        )?;
        let outbox = tables::OUTBOX.read(&txn)?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(m) = outbox.get(id.as_str())? {
                out.push(m);
            }
        }
        Ok(out)
    }

    /// Records a batch of attempts in one transaction. Webhook attempts are
    /// also written to their webhook's delivery log.
    pub fn record_attempts(
        &self,
        results: &[(String, Outcome, Option<DeliveryAttempt>)],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let txn = self.write()?;
        for (id, outcome, attempt) in results {
            let Some(old) = tables::OUTBOX.write(&txn)?.get(id.as_str())? else {
                continue;
            };
            if old.state != DeliveryState::Queued {
                continue;
            }
            let mut new = old.clone();
            new.attempts += 1;
            match outcome {
                Outcome::Sent => {
                    new.state = DeliveryState::Sent;
                    new.sent_at = Some(now);
                    new.last_error = None;
                }
                Outcome::Retry { error, at } => {
                    new.last_error = Some(error.clone());
                    new.next_attempt_at = *at;
                }
                Outcome::Failed { error } => {
                    new.state = DeliveryState::Failed;
                    new.last_error = Some(error.clone());
                }
            }
            update_in(&txn, &old, &new)?;
            if let (Some(attempt), crate::domain::Payload::Webhook(call)) = (attempt, &new.payload)
                && let Some(webhook) = &call.webhook_id
            {
                tables::WEBHOOK_DELIVERIES.write(&txn)?.insert(
                    (webhook.as_str(), attempt.at.timestamp_micros(), id.as_str()),
                    attempt,
                )?;
            }
        }
        txn.commit()?;
        Ok(())
    }

    pub fn outbox_message(&self, id: &str) -> Result<Option<OutboxMessage>> {
        let txn = self.read()?;
        tables::OUTBOX.read(&txn)?.get(id)
    }

    /// Messages in a state, newest first.
    pub fn outbox_in_state(
        &self,
        state: DeliveryState,
        limit: usize,
    ) -> Result<Vec<OutboxMessage>> {
        let txn = self.read()?;
        let mut all: Vec<OutboxMessage> = Vec::new();
        tables::OUTBOX.read(&txn)?.scan(|_, m| {
            if m.state == state {
                all.push(m);
            }
            true
        })?;
        all.sort_by_key(|m| std::cmp::Reverse(m.created_at));
        all.truncate(limit);
        Ok(all)
    }

    /// (queued, sent, failed)
    pub fn outbox_counts(&self) -> Result<(u64, u64, u64)> {
        let txn = self.read()?;
        let mut counts = (0, 0, 0);
        tables::OUTBOX.read(&txn)?.scan(|_, m| {
            match m.state {
                DeliveryState::Queued => counts.0 += 1,
                DeliveryState::Sent => counts.1 += 1,
                DeliveryState::Failed => counts.2 += 1,
            }
            true
        })?;
        Ok(counts)
    }

    /// Puts a failed message back in the queue for a fresh set of attempts.
    pub fn requeue(&self, id: &str, now: DateTime<Utc>) -> Result<Option<OutboxMessage>> {
        let txn = self.write()?;
        let Some(old) = tables::OUTBOX.write(&txn)?.get(id)? else {
            return Ok(None);
        };
        if old.state != DeliveryState::Failed {
            return Ok(Some(old));
        }
        let mut new = old.clone();
        new.state = DeliveryState::Queued;
        new.attempts = 0;
        new.next_attempt_at = now;
        update_in(&txn, &old, &new)?;
        txn.commit()?;
        Ok(Some(new))
    }

    /// Deletes sent messages older than `before`; returns how many.
    pub fn purge_sent(&self, before: DateTime<Utc>) -> Result<u64> {
        let txn = self.write()?;
        let n = tables::OUTBOX.write(&txn)?.remove_where(|m| {
            m.state == DeliveryState::Sent && m.sent_at.is_some_and(|t| t < before)
        })?;
        txn.commit()?;
        Ok(n)
    }
}
