//! The outbox worker: sends due mail, webhook calls and calendar
//! write-backs, records each
//! attempt, retries with exponential backoff and jitter, and gives up
//! after the configured attempts. A message is marked sent only after the
//! SMTP server (or webhook receiver) accepted it; a crash in between sends
//! it again after restart rather than losing it.

pub mod backoff;
pub mod webhook;

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use lettre::message::Mailbox;
use tokio::sync::watch;

use crate::config::Config;
use crate::domain::{DeliveryAttempt, Mail, OutboxMessage, Payload};
use crate::mail::Transport;
use crate::net::Outbound;
use crate::store::{Outcome, Store};

/// Messages taken per round; they are sent concurrently.
const BATCH: usize = 32;
/// How often the worker looks for due retries when nothing wakes it.
const POLL: Duration = Duration::from_millis(500);

/// The worker while it runs.
pub struct Running {
    stop: watch::Sender<bool>,
    handle: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Lets the round in progress finish (for at most `grace`), then ends
    /// the worker. This must run inside the runtime: dropping the SMTP
    /// connection pool spawns the task that closes its connections, which
    /// panics once the runtime is gone. A message cut off mid-send stays
    /// queued and goes after the next start.
    pub async fn stop(mut self, grace: Duration) {
        let _ = self.stop.send(true);
        if tokio::time::timeout(grace, &mut self.handle).await.is_err() {
            self.handle.abort();
            let _ = self.handle.await;
        }
    }
}

pub struct Worker {
    store: Store,
    transport: Transport,
    from: Mailbox,
    outbound: Outbound,
    max_attempts: u32,
    retry_base: Duration,
    /// Writes bookings back to members' CalDAV calendars.
    calendars: Option<crate::service::calendars::Calendars>,
    /// The links in booking mails written when they go.
    base_url: String,
}

/// A due message with, for a booking mail queued without its body, the
/// mail written out or why it could not be (and whether for good).
type Due = (OutboxMessage, Option<Result<Mail, (String, bool)>>);

impl Worker {
    pub fn new(store: Store, config: &Config, outbound: Outbound) -> anyhow::Result<Worker> {
        let transport = Transport::from_config(&config.mail, &config.storage.data_dir)
            .map_err(|e| anyhow::anyhow!(e))?;
        let from: Mailbox = config
            .mail
            .from
            .parse()
            .map_err(|e| anyhow::anyhow!("mail.from: {e}"))?;
        Ok(Worker {
            store,
            transport,
            from,
            outbound,
            max_attempts: config.mail.max_attempts,
            retry_base: Duration::from_secs(config.mail.retry_base_seconds),
            calendars: None,
            base_url: config.server.base_url.clone(),
        })
    }

    /// The address the server answers at, for the links of booking mails
    /// (the configured one, or the one it bound when none is).
    pub fn with_base_url(mut self, base_url: &str) -> Worker {
        self.base_url = base_url.to_string();
        self
    }

    /// The same, also delivering calendar write-backs.
    pub fn with_calendars(mut self, calendars: crate::service::calendars::Calendars) -> Worker {
        self.calendars = Some(calendars);
        self
    }

    /// Starts the worker. A panic while delivering is caught per message
    /// (that message fails with the reason); one anywhere else in a round
    /// restarts the loop. Stop it with [`Running::stop`].
    pub fn spawn(self) -> Running {
        let worker = Arc::new(self);
        let (stop, stopped) = watch::channel(false);
        let handle = actix_web::rt::spawn(async move {
            crate::task::supervise("outbox worker", || Arc::clone(&worker).run(stopped.clone()))
                .await;
        });
        Running { stop, handle }
    }

    async fn run(self: Arc<Self>, mut stop: watch::Receiver<bool>) {
        let signal = self.store.outbox_signal();
        while !*stop.borrow() {
            let handled = match self.deliver_due().await {
                Ok(n) => n,
                Err(e) => {
                    tracing::error!(error = %e, "outbox round failed");
                    0
                }
            };
            if handled < BATCH {
                tokio::select! {
                    _ = tokio::time::sleep(POLL) => {}
                    _ = signal.notified() => {}
                    _ = stop.changed() => {}
                }
            }
        }
    }

    /// One round: send what is due, record the outcomes in one transaction.
    pub async fn deliver_due(self: &Arc<Self>) -> anyhow::Result<usize> {
        let store = self.store.clone();
        let base_url = self.base_url.clone();
        let now = Utc::now();
        let due = tokio::task::spawn_blocking(move || -> anyhow::Result<Vec<Due>> {
            let due = store.due_messages(now, BATCH)?;
            if due.is_empty() {
                return Ok(Vec::new());
            }
            let txn = store.read()?;
            Ok(due
                .into_iter()
                .map(|m| {
                    let written = write_body(&txn, &base_url, &m);
                    (m, written)
                })
                .collect())
        })
        .await??;
        if due.is_empty() {
            return Ok(0);
        }
        let attempts = due.iter().map(|(m, written)| async move {
            match crate::task::catch(self.attempt(m, written.as_ref())).await {
                Ok(result) => result,
                // A message that makes delivery panic would do so on every
                // retry: it fails for good, with the reason, and the rest go.
                Err(panic) => {
                    tracing::error!(id = %m.id, panic = %panic, "delivery panicked; the message is marked failed");
                    let kind = match &m.payload {
                        Payload::Mail(_) => crate::telemetry::Delivery::Mail,
                        Payload::Webhook(_) => crate::telemetry::Delivery::Webhook,
                        Payload::CalendarWrite(_) => crate::telemetry::Delivery::CalendarWrite,
                    };
                    crate::telemetry::attempt(kind, crate::telemetry::Attempt::Failed);
                    let error = format!("the message could not be built or sent: {panic}");
                    (m.id.clone(), Outcome::Failed { error }, None)
                }
            }
        });
        let results = futures_util::future::join_all(attempts).await;
        let count = results.len();
        let store = self.store.clone();
        let recorded_at = Utc::now();
        tokio::task::spawn_blocking(move || store.record_attempts(&results, recorded_at)).await??;
        Ok(count)
    }

    async fn attempt(
        &self,
        message: &OutboxMessage,
        written: Option<&Result<Mail, (String, bool)>>,
    ) -> (String, Outcome, Option<DeliveryAttempt>) {
        let started = std::time::Instant::now();
        let at = Utc::now();
        let attempt_no = message.attempts + 1;
        let (result, log) = match (&message.payload, written) {
            (_, Some(Err(unwritable))) => (Err(unwritable.clone()), None),
            (Payload::Mail(mail), written) => {
                let mail = match written {
                    Some(Ok(mail)) => mail,
                    _ => mail,
                };
                let sent = self.transport.send(&self.from, mail, &message.id).await;
                (sent.map_err(|e| (e.message, e.permanent)), None)
            }
            (Payload::Webhook(call), _) => {
                let (result, status) =
                    webhook::deliver(&self.outbound, call, &message.id, at).await;
                let entry = DeliveryAttempt {
                    message_id: message.id.clone(),
                    event: call.event.clone(),
                    at,
                    status,
                    error: result.as_ref().err().map(|(e, _)| e.clone()),
                    duration_ms: started.elapsed().as_millis() as u64,
                };
                (result, Some(entry))
            }
            (Payload::CalendarWrite(job), _) => match &self.calendars {
                Some(cals) => (
                    crate::service::calendars::write_back::deliver(cals, job, at).await,
                    None,
                ),
                None => (
                    Err((
                        "calendar writing is not set up on this server".to_string(),
                        true,
                    )),
                    None,
                ),
            },
        };
        let outcome = match result {
            Ok(()) => Outcome::Sent,
            Err((error, true)) => Outcome::Failed { error },
            Err((error, false)) if attempt_no >= self.max_attempts => Outcome::Failed {
                error: format!("{error} (gave up after {attempt_no} attempts)"),
            },
            Err((error, false)) => Outcome::Retry {
                at: at + backoff::delay(self.retry_base, attempt_no),
                error,
            },
        };
        {
            use crate::telemetry::{Attempt, Delivery};
            let kind = match &message.payload {
                Payload::Mail(_) => Delivery::Mail,
                Payload::Webhook(_) => Delivery::Webhook,
                Payload::CalendarWrite(_) => Delivery::CalendarWrite,
            };
            let ended = match &outcome {
                Outcome::Sent => Attempt::Sent,
                Outcome::Retry { .. } => Attempt::Retry,
                Outcome::Failed { .. } => Attempt::Failed,
            };
            crate::telemetry::attempt(kind, ended);
        }
        match &outcome {
            Outcome::Sent => {
                tracing::info!(id = %message.id, to = %message.destination(), "delivered")
            }
            Outcome::Retry { error, at } => {
                tracing::warn!(id = %message.id, attempt = attempt_no, retry_at = %at, error = %error, "delivery failed; will retry")
            }
            Outcome::Failed { error } => {
                tracing::error!(id = %message.id, attempt = attempt_no, error = %error, "delivery failed for good")
            }
        }
        (message.id.clone(), outcome, log)
    }
}

/// The body of a booking mail queued without one, written from the store
/// as the round reads it. A mail that makes the writing panic would do so
/// on every retry: it fails for good, with the reason.
fn write_body(
    txn: &crate::store::ReadTxn,
    base_url: &str,
    message: &OutboxMessage,
) -> Option<Result<Mail, (String, bool)>> {
    let Payload::Mail(mail) = &message.payload else {
        return None;
    };
    mail.from_booking.as_ref()?;
    let written = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::service::booking::mail::written_in(txn, base_url, mail)
    }));
    Some(written.unwrap_or_else(|panic| {
        tracing::error!(id = %message.id, panic = %crate::task::panic_message(&*panic), "writing a booking mail panicked; the message is marked failed");
        Err((
            format!(
                "the message could not be built: {}",
                crate::task::panic_message(&*panic)
            ),
            true,
        ))
    }))
}
