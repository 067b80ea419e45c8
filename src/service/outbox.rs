//! The mail queue as admins see it: counts, failed messages, retry, and a
//! test message to check the settings.

use chrono::{DateTime, Utc};

use crate::domain::{DeliveryState, Mail, Member, OutboxMessage, Payload};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::mail::templates;
use crate::policy::{self, Action};
use crate::store::{self, Store};

pub struct QueueView {
    pub queued: u64,
    pub sent: u64,
    pub failed: u64,
    pub messages: Vec<OutboxMessage>,
}

pub fn view(store: &Store, actor: &Member, state: DeliveryState) -> Result<QueueView, AppError> {
    policy::require(actor.role, Action::AdministerOrganization)?;
    let (queued, sent, failed) = store.outbox_counts()?;
    let mut messages = store.outbox_in_state(state, 200)?;
    // Bodies and signing secrets stay out of lists.
    for m in &mut messages {
        match &mut m.payload {
            Payload::Mail(mail) => {
                mail.text.clear();
                mail.html.clear();
                mail.ics = None;
            }
            Payload::Webhook(call) => {
                call.secret = None;
                call.body.clear();
            }
        }
    }
    Ok(QueueView {
        queued,
        sent,
        failed,
        messages,
    })
}

pub fn retry(
    store: &Store,
    actor: &Member,
    id: &str,
    now: DateTime<Utc>,
) -> Result<OutboxMessage, AppError> {
    policy::require(actor.role, Action::AdministerOrganization)?;
    let message = store.requeue(id, now)?.ok_or(AppError::NotFound)?;
    store.outbox_signal().notify_one();
    Ok(message)
}

/// Queues a test mail to the admin themself.
pub fn send_test_mail(
    store: &Store,
    actor: &Member,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    policy::require(actor.role, Action::AdministerOrganization)?;
    let txn = store.write()?;
    let org = store::organization_in(&txn)?
        .map(|o| o.name)
        .unwrap_or_default();
    let r = templates::test_mail(
        Lang::parse(&actor.language),
        &org,
        &actor.display_name(),
        &actor.email_signature,
    );
    let message = OutboxMessage::new(
        Payload::Mail(Mail {
            kind: "test".into(),
            to_email: actor.email.to_string(),
            to_name: actor.display_name(),
            subject: r.subject,
            text: r.text,
            html: r.html,
            ics: None,
        }),
        now,
    );
    let id = message.id.clone();
    store::enqueue_in(&txn, &message)?;
    store.commit(txn)?;
    Ok(id)
}
