//! The durable outbox: rows written in the same transaction as the change
//! that causes them, delivered later by the worker.

use chrono::{DateTime, Utc};

use super::txn::Txn;
use super::{AuditEntry, Result, Store, append_audit_in, tables};
use crate::domain::{DeliveryAttempt, DeliveryCounts, DeliveryState, OutboxMessage};

fn due_key(m: &OutboxMessage) -> i64 {
    m.next_attempt_at.timestamp_micros()
}

fn state_key(m: &OutboxMessage) -> (&'static str, i64, &str) {
    (
        m.state.as_str(),
        m.created_at.timestamp_micros(),
        m.id.as_str(),
    )
}

/// Enters `m` in the by-state index and its state's tally.
fn list_state_in(txn: &Txn, m: &OutboxMessage) -> Result<()> {
    tables::OUTBOX_BY_STATE
        .write(txn)?
        .insert(state_key(m), &())?;
    tally_in(txn, m.state, 1)
}

/// Takes `m` out of the by-state index and its state's tally.
fn unlist_state_in(txn: &Txn, m: &OutboxMessage) -> Result<()> {
    tables::OUTBOX_BY_STATE.write(txn)?.remove(state_key(m))?;
    tally_in(txn, m.state, -1)
}

fn tally_in(txn: &Txn, state: DeliveryState, by: i64) -> Result<()> {
    let mut tally = tables::OUTBOX_TALLY.write(txn)?;
    let n = tally.get(state.as_str())?.unwrap_or(0);
    tally.insert(state.as_str(), &n.saturating_add_signed(by))
}

/// Queues a message inside the caller's transaction.
pub fn enqueue_in(txn: &Txn, message: &OutboxMessage) -> Result<()> {
    tables::OUTBOX
        .write(txn)?
        .insert(message.id.as_str(), message)?;
    list_state_in(txn, message)?;
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

/// Replaces a message's state, keeping the due and by-state indexes in step.
fn update_in(txn: &Txn, old: &OutboxMessage, new: &OutboxMessage) -> Result<()> {
    let mut due = tables::OUTBOX_DUE.write(txn)?;
    due.remove((due_key(old), old.id.as_str()))?;
    if new.state == DeliveryState::Queued {
        due.insert((due_key(new), new.id.as_str()), &())?;
    }
    drop(due);
    if old.state != new.state {
        unlist_state_in(txn, old)?;
        list_state_in(txn, new)?;
    }
    tables::OUTBOX.write(txn)?.insert(new.id.as_str(), new)
}

/// Ids of the messages in `state`, newest first, at most `limit`.
fn ids_in_state(
    txn: &impl super::Read,
    state: DeliveryState,
    limit: usize,
) -> Result<Vec<(i64, String)>> {
    let s = state.as_str();
    let mut ids = Vec::new();
    if limit == 0 {
        return Ok(ids);
    }
    txn.open(&tables::OUTBOX_BY_STATE)?.scan_range(
        (s, i64::MIN, "")..=(s, i64::MAX, "\u{10ffff}"),
        true,
        |(_, created, id), ()| {
            ids.push((created, id.to_string()));
            ids.len() < limit
        },
    )?;
    Ok(ids)
}

impl Store {
    /// When the queued message due first is due: far in the past means the
    /// queue is not moving.
    pub fn earliest_due(&self) -> Result<Option<DateTime<Utc>>> {
        let txn = self.read()?;
        let mut earliest = None;
        tables::OUTBOX_DUE
            .read(&txn)?
            .scan_range(..(i64::MAX, ""), false, |(due, _), ()| {
                earliest = DateTime::from_timestamp_micros(due);
                false
            })?;
        Ok(earliest)
    }

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
                    new.payload.drop_bodies();
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
        self.commit(txn)?;
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
        self.outbox_in_states(&[state], limit)
    }

    /// Messages in any of `states`, newest first.
    pub fn outbox_in_states(
        &self,
        states: &[DeliveryState],
        limit: usize,
    ) -> Result<Vec<OutboxMessage>> {
        let txn = self.read()?;
        let mut ids = Vec::new();
        for &state in states {
            ids.extend(ids_in_state(&txn, state, limit)?);
        }
        ids.sort_by(|a, b| b.cmp(a));
        ids.truncate(limit);
        let outbox = tables::OUTBOX.read(&txn)?;
        let mut out = Vec::with_capacity(ids.len());
        for (_, id) in ids {
            if let Some(m) = outbox.get(id.as_str())? {
                out.push(m);
            }
        }
        Ok(out)
    }

    /// How many messages failed (the dashboard, the metrics).
    pub fn failed_count(&self) -> Result<u64> {
        Ok(self.outbox_counts()?.failed)
    }

    /// How many messages wait to be sent (the metrics, the CLI).
    pub fn queued_count(&self) -> Result<u64> {
        Ok(self.outbox_counts()?.queued)
    }

    /// How many messages are in each state, from the tallies: four reads
    /// however long the outbox is.
    pub fn outbox_counts(&self) -> Result<DeliveryCounts> {
        let txn = self.read()?;
        let tally = tables::OUTBOX_TALLY.read(&txn)?;
        let count = |s: DeliveryState| -> Result<u64> { Ok(tally.get(s.as_str())?.unwrap_or(0)) };
        Ok(DeliveryCounts {
            queued: count(DeliveryState::Queued)?,
            sent: count(DeliveryState::Sent)?,
            failed: count(DeliveryState::Failed)?,
            held: count(DeliveryState::Held)?,
        })
    }

    /// Holds every queued message back (taken out of the due index) until
    /// `release_held`; returns how many.
    pub fn hold_queued(&self) -> Result<u64> {
        let txn = self.write()?;
        let mut due = Vec::new();
        tables::OUTBOX_DUE
            .write(&txn)?
            .scan_keys::<(i64, &str)>(.., |(_, id)| {
                due.push(id.to_string());
                true
            })?;
        for id in &due {
            let old = tables::OUTBOX.write(&txn)?.get(id.as_str())?;
            if let Some(old) = old {
                let mut new = old.clone();
                new.state = DeliveryState::Held;
                update_in(&txn, &old, &new)?;
            }
        }
        self.commit(txn)?;
        Ok(due.len() as u64)
    }

    /// Queues every held message to go now, writing `audit(count)` in the
    /// same transaction; returns how many.
    pub fn release_held(
        &self,
        now: DateTime<Utc>,
        audit: impl FnOnce(u64) -> AuditEntry,
    ) -> Result<u64> {
        let txn = self.write()?;
        let ids = ids_in_state(&txn, DeliveryState::Held, usize::MAX)?;
        let mut held = Vec::with_capacity(ids.len());
        let outbox = tables::OUTBOX.write(&txn)?;
        for (_, id) in ids {
            if let Some(m) = outbox.get(id.as_str())? {
                held.push(m);
            }
        }
        drop(outbox);
        for old in &held {
            let mut new = old.clone();
            new.state = DeliveryState::Queued;
            new.next_attempt_at = now;
            update_in(&txn, old, &new)?;
        }
        let n = held.len() as u64;
        if n > 0 {
            append_audit_in(&txn, &audit(n))?;
        }
        self.commit(txn)?;
        Ok(n)
    }

    /// Puts a failed (or held) message back in the queue for a fresh set
    /// of attempts.
    pub fn requeue(&self, id: &str, now: DateTime<Utc>) -> Result<Option<OutboxMessage>> {
        let txn = self.write()?;
        let Some(old) = tables::OUTBOX.write(&txn)?.get(id)? else {
            return Ok(None);
        };
        if !matches!(old.state, DeliveryState::Failed | DeliveryState::Held) {
            return Ok(Some(old));
        }
        let mut new = old.clone();
        new.state = DeliveryState::Queued;
        new.attempts = 0;
        new.next_attempt_at = now;
        update_in(&txn, &old, &new)?;
        self.commit(txn)?;
        Ok(Some(new))
    }

    /// Sends a message again as soon as the worker looks: a failed one with
    /// a fresh set of attempts (as `requeue`), a queued one now instead of
    /// at its backoff time, its attempts so far still counting towards the
    /// limit so that hurrying a message never lets it retry for ever. A
    /// sent one is left as it is. Returns the state the message had and the
    /// message as it is now.
    pub fn retry_now(
        &self,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(DeliveryState, OutboxMessage)>> {
        let txn = self.write()?;
        let Some(old) = tables::OUTBOX.write(&txn)?.get(id)? else {
            return Ok(None);
        };
        let mut new = old.clone();
        match old.state {
            DeliveryState::Sent => return Ok(Some((DeliveryState::Sent, old))),
            DeliveryState::Failed => {
                new.state = DeliveryState::Queued;
                new.attempts = 0;
            }
            DeliveryState::Held => new.state = DeliveryState::Queued,
            DeliveryState::Queued => {}
        }
        new.next_attempt_at = now;
        update_in(&txn, &old, &new)?;
        self.commit(txn)?;
        Ok(Some((old.state, new)))
    }

    /// Deletes a queued or failed message and its due-index row, writing
    /// `audit(message)` in the same transaction so that no drop goes
    /// unrecorded and no recorded drop is undone by a crash. A sent message
    /// is history, purged on its own schedule: it is left as it is and
    /// nothing is written; the answer shows its state. An attempt already
    /// under way when the row goes may still deliver once; its outcome then
    /// finds no row and is not recorded.
    pub fn drop_unsent(
        &self,
        id: &str,
        audit: impl FnOnce(&OutboxMessage) -> AuditEntry,
    ) -> Result<Option<OutboxMessage>> {
        let txn = self.write()?;
        let Some(message) = tables::OUTBOX.write(&txn)?.get(id)? else {
            return Ok(None);
        };
        if message.state == DeliveryState::Sent {
            return Ok(Some(message));
        }
        tables::OUTBOX_DUE
            .write(&txn)?
            .remove((due_key(&message), message.id.as_str()))?;
        unlist_state_in(&txn, &message)?;
        tables::OUTBOX.write(&txn)?.remove(id)?;
        append_audit_in(&txn, &audit(&message))?;
        self.commit(txn)?;
        Ok(Some(message))
    }

    /// Deletes messages sent before `before`; returns how many. A message
    /// is sent after it is made, so only those made before `before` are
    /// read, oldest first, from the by-state index.
    pub fn purge_sent(&self, before: DateTime<Utc>) -> Result<u64> {
        let txn = self.write()?;
        let sent = DeliveryState::Sent.as_str();
        let mut candidates = Vec::new();
        tables::OUTBOX_BY_STATE.write(&txn)?.scan_keys(
            (sent, i64::MIN, "")..(sent, before.timestamp_micros(), ""),
            |(_, _, id)| {
                candidates.push(id.to_string());
                true
            },
        )?;
        let mut n = 0;
        let mut outbox = tables::OUTBOX.write(&txn)?;
        let mut by_state = tables::OUTBOX_BY_STATE.write(&txn)?;
        for id in candidates {
            let Some(m) = outbox.get(id.as_str())? else {
                continue;
            };
            if m.sent_at.is_some_and(|t| t < before) {
                by_state.remove(state_key(&m))?;
                outbox.remove(id.as_str())?;
                n += 1;
            }
        }
        drop((outbox, by_state));
        // One move of the tally for the whole purge.
        tally_in(&txn, DeliveryState::Sent, -(n as i64))?;
        self.commit(txn)?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Mail, Payload};

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + secs, 0).unwrap()
    }

    fn mail(to: &str, state: DeliveryState, created: DateTime<Utc>) -> OutboxMessage {
        let mut m = OutboxMessage::new(
            Payload::Mail(Mail {
                kind: "test".into(),
                to_email: to.into(),
                to_name: String::new(),
                subject: "Hello".into(),
                text: "Body".into(),
                html: "<p>Body</p>".into(),
                ics: None,
                reply_to: None,
                unsubscribe_url: None,
                from_booking: None,
            }),
            created,
        );
        m.state = state;
        m
    }

    fn store_with(messages: &[&OutboxMessage]) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.redb")).unwrap();
        let txn = store.write().unwrap();
        for m in messages {
            enqueue_in(&txn, m).unwrap();
        }
        store.commit(txn).unwrap();
        (dir, store)
    }

    fn entry(action: &str, target: &str) -> AuditEntry {
        AuditEntry {
            at: at(100),
            actor: None,
            action: action.into(),
            target: Some(target.into()),
            detail: serde_json::Value::Null,
        }
    }

    #[test]
    fn drop_removes_queued_and_failed_with_an_audit_row_and_keeps_sent() {
        let queued = mail("q@example.org", DeliveryState::Queued, at(0));
        let failed = mail("f@example.org", DeliveryState::Failed, at(1));
        let sent = mail("s@example.org", DeliveryState::Sent, at(2));
        let (_dir, store) = store_with(&[&queued, &failed, &sent]);

        for m in [&queued, &failed] {
            let dropped = store
                .drop_unsent(&m.id, |m| entry("outbox.dropped", &m.id))
                .unwrap()
                .unwrap();
            assert_eq!(dropped.state, m.state);
            assert!(store.outbox_message(&m.id).unwrap().is_none());
        }
        assert!(store.due_messages(at(1000), 10).unwrap().is_empty());

        let kept = store
            .drop_unsent(&sent.id, |m| entry("outbox.dropped", &m.id))
            .unwrap()
            .unwrap();
        assert_eq!(kept.state, DeliveryState::Sent);
        assert!(store.outbox_message(&sent.id).unwrap().is_some());

        assert!(
            store
                .drop_unsent("no-such-id", |m| entry("outbox.dropped", &m.id))
                .unwrap()
                .is_none()
        );
        let audit = store.audit_log(10).unwrap();
        let mut targets: Vec<_> = audit.iter().filter_map(|e| e.target.clone()).collect();
        targets.sort();
        let mut want = vec![queued.id.clone(), failed.id.clone()];
        want.sort();
        assert_eq!(targets, want, "one row per drop, none for the sent one");
        assert_eq!(
            store.outbox_counts().unwrap(),
            DeliveryCounts {
                sent: 1,
                ..Default::default()
            }
        );
    }

    #[test]
    fn retry_now_requeues_failed_hurries_queued_and_leaves_sent() {
        let mut failed = mail("f@example.org", DeliveryState::Failed, at(0));
        failed.attempts = 5;
        let mut queued = mail("q@example.org", DeliveryState::Queued, at(1));
        queued.attempts = 2;
        queued.next_attempt_at = at(3600);
        let sent = mail("s@example.org", DeliveryState::Sent, at(2));
        let (_dir, store) = store_with(&[&failed, &queued, &sent]);
        assert!(store.due_messages(at(10), 10).unwrap().is_empty());

        let (before, now) = store.retry_now(&failed.id, at(10)).unwrap().unwrap();
        assert_eq!(before, DeliveryState::Failed);
        assert_eq!((now.state, now.attempts), (DeliveryState::Queued, 0));

        let (before, now) = store.retry_now(&queued.id, at(10)).unwrap().unwrap();
        assert_eq!(before, DeliveryState::Queued);
        assert_eq!((now.state, now.attempts), (DeliveryState::Queued, 2));
        assert_eq!(now.next_attempt_at, at(10));

        let mut due: Vec<_> = store
            .due_messages(at(10), 10)
            .unwrap()
            .into_iter()
            .map(|m| m.id)
            .collect();
        due.sort();
        let mut want = vec![failed.id.clone(), queued.id.clone()];
        want.sort();
        assert_eq!(due, want, "both due now, each once in the index");

        let (before, now) = store.retry_now(&sent.id, at(10)).unwrap().unwrap();
        assert_eq!(
            (before, now.state),
            (DeliveryState::Sent, DeliveryState::Sent)
        );
        assert!(store.retry_now("no-such-id", at(10)).unwrap().is_none());
    }

    #[test]
    fn the_failed_count_follows_every_move() {
        let failed = mail("f@example.org", DeliveryState::Failed, at(0));
        let other = mail("g@example.org", DeliveryState::Failed, at(1));
        let queued = mail("q@example.org", DeliveryState::Queued, at(2));
        let (_dir, store) = store_with(&[&failed, &other, &queued]);
        assert_eq!(store.failed_count().unwrap(), 2);

        // The last attempt fails: one more; a retry takes it out again.
        let outcome = Outcome::Failed {
            error: "550 no such user".into(),
        };
        store
            .record_attempts(&[(queued.id.clone(), outcome, None)], at(10))
            .unwrap();
        assert_eq!(store.failed_count().unwrap(), 3);
        store.requeue(&queued.id, at(20)).unwrap();
        store.retry_now(&failed.id, at(20)).unwrap();
        assert_eq!(store.failed_count().unwrap(), 1);
        store
            .drop_unsent(&other.id, |m| entry("outbox.dropped", &m.id))
            .unwrap();
        assert_eq!(store.failed_count().unwrap(), 0);
        assert_eq!(store.queued_count().unwrap(), 2);
        let report = store.check_integrity().unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
    }

    #[test]
    fn a_sent_message_keeps_its_metadata_not_its_bodies() {
        let queued = mail("q@example.org", DeliveryState::Queued, at(2));
        let (_dir, store) = store_with(&[&queued]);
        assert_eq!(store.queued_count().unwrap(), 1);
        store
            .record_attempts(&[(queued.id.clone(), Outcome::Sent, None)], at(10))
            .unwrap();
        let sent = store.outbox_message(&queued.id).unwrap().unwrap();
        assert_eq!(sent.state, DeliveryState::Sent);
        assert_eq!(store.queued_count().unwrap(), 0);
        match sent.payload {
            crate::domain::Payload::Mail(m) => {
                assert_eq!(m.to_email, "q@example.org");
                assert!(!m.subject.is_empty(), "the subject stays");
                assert!(m.text.is_empty() && m.html.is_empty() && m.ics.is_none());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn counts_and_lists_follow_every_move_without_reading_sent_mail() {
        let old = mail("old@example.org", DeliveryState::Queued, at(0));
        let new = mail("new@example.org", DeliveryState::Queued, at(50));
        let held = mail("h@example.org", DeliveryState::Queued, at(60));
        let (_dir, store) = store_with(&[&old, &new, &held]);
        for (m, t) in [(&old, 10), (&new, 200)] {
            store
                .record_attempts(&[(m.id.clone(), Outcome::Sent, None)], at(t))
                .unwrap();
        }
        assert_eq!(store.hold_queued().unwrap(), 1);
        let counts = store.outbox_counts().unwrap();
        assert_eq!((counts.sent, counts.held, counts.queued), (2, 1, 0));
        let sent: Vec<_> = store
            .outbox_in_state(DeliveryState::Sent, 10)
            .unwrap()
            .into_iter()
            .map(|m| m.id)
            .collect();
        assert_eq!(sent, vec![new.id.clone(), old.id.clone()]);
        assert_eq!(
            store.outbox_in_state(DeliveryState::Sent, 1).unwrap().len(),
            1
        );

        // Made before the cut but sent after it: kept.
        assert_eq!(store.purge_sent(at(100)).unwrap(), 1);
        assert!(store.outbox_message(&old.id).unwrap().is_none());
        assert!(store.outbox_message(&new.id).unwrap().is_some());
        assert_eq!(store.purge_sent(at(60)).unwrap(), 0);

        store
            .release_held(at(300), |_| entry("outbox.released", "all"))
            .unwrap();
        let counts = store.outbox_counts().unwrap();
        assert_eq!((counts.sent, counts.held, counts.queued), (1, 0, 1));
        assert_eq!(store.due_messages(at(300), 10).unwrap()[0].id, held.id);
        let report = store.check_integrity().unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
    }

    #[test]
    fn check_db_names_a_message_missing_from_the_indexes_and_a_wrong_count() {
        let queued = mail("q@example.org", DeliveryState::Queued, at(0));
        let sent = mail("s@example.org", DeliveryState::Sent, at(1));
        let (_dir, store) = store_with(&[&queued, &sent]);
        let txn = store.write().unwrap();
        tables::OUTBOX_DUE
            .write(&txn)
            .unwrap()
            .remove((due_key(&queued), queued.id.as_str()))
            .unwrap();
        tables::OUTBOX_BY_STATE
            .write(&txn)
            .unwrap()
            .remove(state_key(&sent))
            .unwrap();
        tally_in(&txn, DeliveryState::Sent, 4).unwrap();
        store.commit(txn).unwrap();
        let problems = store.check_integrity().unwrap().problems.join("\n");
        for said in [
            format!("queued message {} is not due", queued.id),
            format!("message {} is not listed as sent", sent.id),
            "the counts by state".to_string(),
        ] {
            assert!(problems.contains(&said), "{said:?} in {problems}");
        }
    }

    #[test]
    fn lists_several_states_newest_first() {
        let a = mail("a@example.org", DeliveryState::Failed, at(0));
        let b = mail("b@example.org", DeliveryState::Sent, at(1));
        let c = mail("c@example.org", DeliveryState::Queued, at(2));
        let (_dir, store) = store_with(&[&a, &b, &c]);
        let ids: Vec<_> = store
            .outbox_in_states(&[DeliveryState::Queued, DeliveryState::Failed], 10)
            .unwrap()
            .into_iter()
            .map(|m| m.id)
            .collect();
        assert_eq!(ids, vec![c.id.clone(), a.id.clone()]);
    }
}
