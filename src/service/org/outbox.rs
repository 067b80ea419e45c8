//! The mail queue as admins and operators see it: counts, stuck messages,
//! retry and drop, and a test message to check the settings.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::domain::{DeliveryState, MemberId, OutboxMessage, Payload};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::i18n::Msg;
use crate::i18n::names::member_name;
use crate::mail::templates;
use crate::policy::Admin;
use crate::store::{self, AuditEntry, Store};

pub struct QueueView {
    pub counts: Counts,
    pub messages: Vec<OutboxMessage>,
}

pub fn view(store: &Store, _admin: Admin<'_>, state: DeliveryState) -> Result<QueueView, AppError> {
    let counts = store.outbox_counts()?;
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
            Payload::CalendarWrite(_) => {}
        }
    }
    Ok(QueueView { counts, messages })
}

/// How many messages failed, for the admins' dashboard: from the failed
/// index, without reading the queue.
pub fn failed_count(store: &Store, _admin: Admin<'_>) -> Result<u64, AppError> {
    Ok(store.failed_count()?)
}

pub fn retry(
    store: &Store,
    _admin: Admin<'_>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<OutboxMessage, AppError> {
    let message = store.requeue(id, now)?.ok_or(AppError::NotFound)?;
    store.outbox_signal().notify_one();
    Ok(message)
}

/// Queues a test mail to the admin themself.
pub fn send_test_mail(
    store: &Store,
    admin: Admin<'_>,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let actor = admin.member();
    let txn = store.write()?;
    let org = store::organization_in(&txn)?
        .map(|o| o.name)
        .unwrap_or_default();
    let lang = Lang::parse(&actor.language);
    let name = member_name(lang, actor);
    let r = templates::test_mail(lang, &org, &name, &actor.email_signature);
    let message = OutboxMessage::new(
        Payload::Mail(r.into_mail("test", actor.email.as_str(), name)),
        now,
    );
    let id = message.id.clone();
    store::enqueue_in(&txn, &message)?;
    store.commit(txn)?;
    Ok(id)
}

/// Longer than any id the outbox hands out (22 characters), short enough
/// that a request line stays small.
pub const MAX_ID_LEN: usize = 64;

/// Whether `id` can be a message id at all: URL-safe base64 characters
/// only, so that it cannot carry a space, a line break or a path into a
/// request line or a log.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Who asks for a change to the queue.
#[derive(Debug, Clone, Copy)]
pub enum Requester<'a> {
    /// Someone signed in, with the admin capability.
    Admin(Admin<'a>),
    /// Someone at the server's own command line. Whoever can open the data
    /// directory can already read and change all of it, so no role applies;
    /// the audit row records who it was instead.
    Operator(&'a Operator),
}

impl Requester<'_> {
    fn member_id(&self) -> Option<MemberId> {
        match self {
            Requester::Admin(admin) => Some(admin.member().id.clone()),
            Requester::Operator(_) => None,
        }
    }

    fn operator(&self) -> Option<&Operator> {
        match self {
            Requester::Admin(_) => None,
            Requester::Operator(op) => Some(op),
        }
    }
}

/// The person behind a local command, as far as the system can tell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operator {
    /// How the command reached the database: `command line` (opened
    /// directly while the server was stopped) or `control socket`.
    pub via: String,
    /// The operating-system account, from the kernel rather than from
    /// anything the command says about itself.
    pub uid: Option<u32>,
    /// That account's login name, when the system knows it.
    pub user: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Mail,
    Webhook,
    /// A booking written to a member's own CalDAV calendar.
    CalendarWrite,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Mail => "mail",
            Kind::Webhook => "webhook",
            Kind::CalendarWrite => "calendar_write",
        }
    }
}

/// One message as a list shows it: where it goes and why it is stuck. It
/// has no field for a body or a signing secret, so none can leak through
/// it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub state: DeliveryState,
    pub kind: Kind,
    pub attempts: u32,
    /// Recipient address or webhook URL.
    pub destination: String,
    /// Mail subject or webhook event.
    pub summary: String,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Set while queued only: a failed or sent message has no next attempt.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
}

impl From<&OutboxMessage> for Entry {
    fn from(m: &OutboxMessage) -> Self {
        Entry {
            id: m.id.clone(),
            state: m.state,
            kind: match m.payload {
                Payload::Mail(_) => Kind::Mail,
                Payload::Webhook(_) => Kind::Webhook,
                Payload::CalendarWrite(_) => Kind::CalendarWrite,
            },
            attempts: m.attempts,
            destination: m.destination().to_string(),
            summary: m.summary().to_string(),
            last_error: m.last_error.clone(),
            created_at: m.created_at,
            next_attempt_at: (m.state == DeliveryState::Queued).then_some(m.next_attempt_at),
            sent_at: m.sent_at,
        }
    }
}

/// Messages per state (`held` only after `restore --hold-outbox`).
pub use crate::domain::DeliveryCounts as Counts;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Listing {
    pub counts: Counts,
    pub messages: Vec<Entry>,
}

/// What a retry did: `was` tells a failed message put back with fresh
/// attempts from a queued one that was only hurried.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Retried {
    pub was: DeliveryState,
    pub message: Entry,
}

/// The messages someone can act on, newest first: queued, held and
/// failed ones, or only the failed ones. Sent messages are counted, not listed. A
/// `Requester` can only be made by someone allowed to ask.
pub fn list(store: &Store, _by: Requester<'_>, failed_only: bool) -> Result<Listing, AppError> {
    let states: &[DeliveryState] = if failed_only {
        &[DeliveryState::Failed]
    } else {
        &[
            DeliveryState::Queued,
            DeliveryState::Held,
            DeliveryState::Failed,
        ]
    };
    let counts = store.outbox_counts()?;
    let messages = store
        .outbox_in_states(states, usize::MAX)?
        .iter()
        .map(Entry::from)
        .collect();
    Ok(Listing { counts, messages })
}

/// Sends every held message now (they were held by `restore
/// --hold-outbox`), with an audit row naming who decided; returns how many.
pub fn release_held(store: &Store, by: Requester<'_>, now: DateTime<Utc>) -> Result<u64, AppError> {
    let audit = |released| AuditEntry {
        at: now,
        actor: by.member_id(),
        action: "outbox.released".into(),
        target: None,
        detail: json!({ "released": released, "operator": by.operator() }),
    };
    let released = store.release_held(now, audit)?;
    store.outbox_signal().notify_one();
    Ok(released)
}

fn already_sent(message: &OutboxMessage) -> AppError {
    let said = match message.sent_at {
        Some(t) => Msg::key("err-outbox-already-sent-at").arg("at", t.to_rfc3339()),
        None => Msg::key("err-outbox-already-sent"),
    };
    AppError::Conflict {
        code: "already_sent",
        message: said.arg("id", message.id.to_string()),
    }
}

/// Sends a message again now: a failed one with fresh attempts, a queued
/// one without waiting out its backoff. A sent one is refused.
pub fn retry_now(
    store: &Store,
    _by: Requester<'_>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Retried, AppError> {
    if !valid_id(id) {
        return Err(AppError::NotFound);
    }
    let (was, message) = store.retry_now(id, now)?.ok_or(AppError::NotFound)?;
    if was == DeliveryState::Sent {
        return Err(already_sent(&message));
    }
    // The row is due now; without this the worker would only see it at its
    // next poll.
    store.outbox_signal().notify_one();
    Ok(Retried {
        was,
        message: Entry::from(&message),
    })
}

/// Deletes a queued or failed message for good, with an audit row naming
/// who did it. A sent message is refused: it is the record of what went
/// out, and the outbox sweep purges it on schedule.
pub fn drop_message(
    store: &Store,
    by: Requester<'_>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Entry, AppError> {
    if !valid_id(id) {
        return Err(AppError::NotFound);
    }
    let audit = |m: &OutboxMessage| {
        let entry = Entry::from(m);
        AuditEntry {
            at: now,
            actor: by.member_id(),
            action: "outbox.dropped".into(),
            target: Some(m.id.clone()),
            detail: json!({
                "state": entry.state,
                "kind": entry.kind,
                "destination": entry.destination,
                "summary": entry.summary,
                "attempts": entry.attempts,
                "operator": by.operator(),
            }),
        }
    };
    let message = store.drop_unsent(id, audit)?.ok_or(AppError::NotFound)?;
    if message.state == DeliveryState::Sent {
        return Err(already_sent(&message));
    }
    // Every change to the queue wakes the worker, as a use case's commit
    // does (`Store::commit`): it costs one look at the due index.
    store.outbox_signal().notify_one();
    Ok(Entry::from(&message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Email, Member, MemberState, Role};

    fn member(role: Role) -> Member {
        Member::new(
            Email::parse("someone@example.org").unwrap(),
            role,
            MemberState::Active,
            "UTC",
            "en",
            Utc::now(),
        )
    }

    fn queued(store: &Store) -> String {
        let message = OutboxMessage::new(
            Payload::Webhook(crate::domain::WebhookCall {
                webhook_id: None,
                url: "https://hooks.example.org/in".into(),
                event: "booking.created".into(),
                body: "{\"secret\":\"body\"}".into(),
                secret: Some("signing-secret".into()),
            }),
            Utc::now(),
        );
        let txn = store.write().unwrap();
        store::enqueue_in(&txn, &message).unwrap();
        store.commit(txn).unwrap();
        message.id
    }

    #[test]
    fn only_admins_drop_and_the_audit_row_names_who() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.redb")).unwrap();
        let id = queued(&store);
        let now = Utc::now();

        // A plain member gets no capability, so cannot even ask.
        let plain = member(Role::Member);
        let refused = crate::policy::admin(&plain);
        assert!(
            matches!(refused, Err(AppError::Forbidden(_))),
            "{refused:?}"
        );
        assert!(store.outbox_message(&id).unwrap().is_some());

        let admin = member(Role::Admin);
        let by = Requester::Admin(crate::policy::admin(&admin).unwrap());
        let dropped = drop_message(&store, by, &id, now).unwrap();
        assert_eq!(
            (dropped.kind, dropped.state),
            (Kind::Webhook, DeliveryState::Queued)
        );
        assert!(matches!(
            drop_message(&store, by, &id, now),
            Err(AppError::NotFound)
        ));
        let audit = store.audit_log(10).unwrap();
        assert_eq!(audit.len(), 1);
        assert_eq!(audit[0].actor, Some(admin.id.clone()));
        assert_eq!(audit[0].detail["operator"], serde_json::Value::Null);
    }

    #[test]
    fn listings_carry_no_body_or_secret() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.redb")).unwrap();
        queued(&store);
        let operator = Operator {
            via: "command line".into(),
            uid: Some(1000),
            user: None,
        };
        let listing = list(&store, Requester::Operator(&operator), false).unwrap();
        assert_eq!(listing.messages.len(), 1);
        let json = serde_json::to_string(&listing).unwrap();
        assert!(
            !json.contains("signing-secret") && !json.contains("body"),
            "{json}"
        );
        assert!(
            list(&store, Requester::Operator(&operator), true)
                .unwrap()
                .messages
                .is_empty()
        );
    }
}
