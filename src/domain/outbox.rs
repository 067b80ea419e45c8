//! Messages waiting to leave: mails and webhook deliveries.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    Queued,
    Sent,
    Failed,
    /// Kept back until an admin releases it (`convene restore
    /// --hold-outbox`: what was queued in a backup may have gone out
    /// already from the server it was taken on).
    Held,
}

/// How many messages are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryCounts {
    pub queued: u64,
    pub sent: u64,
    pub failed: u64,
    #[serde(default)]
    pub held: u64,
}

impl DeliveryState {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Queued => "queued",
            DeliveryState::Sent => "sent",
            DeliveryState::Failed => "failed",
            DeliveryState::Held => "held",
        }
    }
}

/// A calendar file attached to a mail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IcsAttachment {
    pub filename: String,
    /// REQUEST, CANCEL, PUBLISH: also sent as the MIME `method` parameter.
    pub method: String,
    pub content: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mail {
    /// e.g. "test", "admin_digest", "invitation"
    pub kind: String,
    pub to_email: String,
    #[serde(default)]
    pub to_name: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    #[serde(default)]
    pub ics: Option<IcsAttachment>,
    /// Whom an answer goes to (`Reply-To`): the host for a guest, the guest
    /// for a host, the member who signed an invitation. None: the mail has
    /// no one to answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<MailContact>,
    /// The page that stops mails like this one (`List-Unsubscribe`): the
    /// member's notification preferences, on mails they get because of
    /// them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsubscribe_url: Option<String>,
    /// A booking mail queued without its body: the text, HTML and .ics are
    /// written when it goes, from this and the booking. None: the bodies
    /// above are the mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_booking: Option<Box<BookingMailSource>>,
}

/// What a booking mail is written from when it goes. The booking's
/// fields a later change may move are kept as they were at this change,
/// so a confirmation that goes after a reschedule still tells the time it
/// confirmed; the rest (title, guest, answers, links) is read from the
/// booking, and names and signatures from the members, at delivery.
///
/// Queuing three whole mails per booking made the booking writer render
/// six bodies and an invitation and commit about 9 KB per booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingMailSource {
    pub booking_id: String,
    pub change: BookingChange,
    pub reader: MailReader,
    /// When the change was made: the invitation's DTSTAMP.
    pub at: DateTime<Utc>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub sequence: u32,
    pub hosts: Vec<MailPerson>,
    /// The members in charge of external hosts, who are told too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<MailPerson>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cancel_reason: String,
}

/// A host or member in charge as booking mails name and address them,
/// kept with the mail: the change that mails them may be the one that
/// removes them (an external member deleted, a member leaving).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailPerson {
    pub id: super::MemberId,
    pub email: super::Email,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub first_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub last_name: String,
    pub language: String,
    pub timezone: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub signature: String,
    /// Set for an external host: the member in charge of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_member_id: Option<super::MemberId>,
}

impl MailPerson {
    pub fn of(m: &super::Member) -> MailPerson {
        MailPerson {
            id: m.id.clone(),
            email: m.email.clone(),
            first_name: m.first_name.clone(),
            last_name: m.last_name.clone(),
            language: m.language.clone(),
            timezone: m.timezone.clone(),
            signature: m.email_signature.clone(),
            contact_member_id: m.external.as_ref().map(|x| x.contact_member_id.clone()),
        }
    }

    /// The member as the mail templates read them: names, address,
    /// language, zone, signature and whether external; nothing else.
    pub fn as_member(&self, at: DateTime<Utc>) -> super::Member {
        let mut m = super::Member::new(
            self.email.clone(),
            super::Role::Member,
            super::MemberState::Active,
            &self.timezone,
            &self.language,
            at,
        );
        m.id = self.id.clone();
        m.first_name = self.first_name.clone();
        m.last_name = self.last_name.clone();
        m.email_signature = self.signature.clone();
        m.external = self
            .contact_member_id
            .as_ref()
            .map(|contact| super::external::ExternalHost {
                contact_member_id: contact.clone(),
                organization: String::new(),
                ranges: Vec::new(),
            });
        m
    }
}

/// What happened to a booking that mails its guest and hosts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BookingChange {
    Created,
    Cancelled,
    Rescheduled {
        previous: DateTime<Utc>,
    },
    /// The same time with another host (one left the organization).
    Reassigned,
    Reminder,
}

/// Who reads a booking mail: the guest, or a member (a host, or the
/// member in charge of an external host).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailReader {
    Guest,
    Member(super::MemberId),
}

/// A person a mail names besides its recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailContact {
    pub email: String,
    /// As the reader reads it; may be empty.
    #[serde(default)]
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebhookCall {
    /// The registered webhook, or None for a member's personal hook.
    pub webhook_id: Option<String>,
    pub url: String,
    pub event: String,
    /// The exact JSON body, fixed at enqueue time so retries send the same bytes.
    pub body: String,
    /// Signing secret; None for personal hooks, which are not signed.
    #[serde(default)]
    pub secret: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Payload {
    Mail(Mail),
    Webhook(WebhookCall),
    CalendarWrite(CalendarWrite),
}

/// Bring a booking's event in a host's own CalDAV calendar up to date.
/// Only the ids travel: the writer reads the booking as it is when the
/// message goes, so a retry after a reschedule writes the new time, and
/// two queued writes of one booking write the same thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarWrite {
    pub booking_id: String,
    pub member_id: super::MemberId,
    /// What changed, for the queue's list: `created`, `rescheduled`,
    /// `cancelled`.
    pub change: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub id: String,
    pub payload: Payload,
    pub state: DeliveryState,
    pub attempts: u32,
    pub next_attempt_at: DateTime<Utc>,
    #[serde(default)]
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub sent_at: Option<DateTime<Utc>>,
}

impl Payload {
    /// What is kept once a message is sent: who, what kind and when, not
    /// the bodies (the database would otherwise grow by every mail's
    /// text, HTML and invitation for as long as sent mail is kept).
    pub fn drop_bodies(&mut self) {
        match self {
            Payload::Mail(m) => {
                m.text.clear();
                m.html.clear();
                m.ics = None;
                m.from_booking = None;
            }
            Payload::Webhook(w) => {
                w.body.clear();
                w.secret = None;
            }
            Payload::CalendarWrite(_) => {}
        }
    }
}

impl OutboxMessage {
    pub fn new(payload: Payload, now: DateTime<Utc>) -> Self {
        OutboxMessage {
            // Queued messages go in at the end of the table.
            id: crate::crypto::sortable_id(now),
            payload,
            state: DeliveryState::Queued,
            attempts: 0,
            next_attempt_at: now,
            last_error: None,
            created_at: now,
            sent_at: None,
        }
    }

    /// Recipient or URL, for lists.
    pub fn destination(&self) -> &str {
        match &self.payload {
            Payload::Mail(m) => &m.to_email,
            Payload::Webhook(w) => &w.url,
            Payload::CalendarWrite(w) => w.member_id.as_str(),
        }
    }

    pub fn summary(&self) -> &str {
        match &self.payload {
            Payload::Mail(m) => &m.subject,
            Payload::Webhook(w) => &w.event,
            Payload::CalendarWrite(w) => &w.change,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mails_stored_before_reply_to_and_unsubscribe_still_decode() {
        let old = r#"{"type":"mail","kind":"booking_confirmed","to_email":"gail@example.org",
                      "to_name":"Gail","subject":"Booked","text":"t","html":"h","ics":null}"#;
        let Payload::Mail(mail) = serde_json::from_str::<Payload>(old).unwrap() else {
            panic!("a mail");
        };
        assert_eq!(mail.reply_to, None);
        assert_eq!(mail.unsubscribe_url, None);
        // Nothing new is written for a mail without them.
        let json = serde_json::to_string(&Payload::Mail(mail.clone())).unwrap();
        assert!(!json.contains("reply_to") && !json.contains("unsubscribe_url"));
        let with = Mail {
            reply_to: Some(MailContact {
                email: "olive@example.org".into(),
                name: "Olive".into(),
            }),
            unsubscribe_url: Some("https://c.example/settings/notifications".into()),
            ..mail
        };
        let json = serde_json::to_string(&Payload::Mail(with.clone())).unwrap();
        assert_eq!(
            serde_json::from_str::<Payload>(&json).unwrap(),
            Payload::Mail(with)
        );
    }
}
