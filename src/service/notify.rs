//! The one call every use case makes to tell a member something: it reads
//! the member's preferences and, inside the caller's write transaction,
//! adds the in-app notification and queues the mail and webhook call.

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::domain::{
    Mail, MailContact, Member, Notification, NotificationKind, OutboxMessage, Payload, WebhookCall,
};
use crate::i18n::Lang;
use crate::i18n::names::member_name;
use crate::mail::templates;
use crate::store::{self, StoreError};

/// What to tell.
#[derive(Debug, Clone)]
pub struct Notice {
    pub kind: NotificationKind,
    pub title: String,
    /// More lines for the mail; may be empty.
    pub detail: String,
    /// A path on this server, e.g. "/bookings/abc".
    pub link: Option<String>,
    pub data: serde_json::Value,
}

/// Writes the notice for `member` through the channels they chose.
pub fn notify_in(
    txn: &store::Txn,
    base_url: &str,
    member: &Member,
    notice: &Notice,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    notify_with_mail_in(txn, base_url, member, notice, None, now)
}

/// As `notify_in`, with a mail of the caller's own (e.g. one carrying an
/// .ics invitation) sent instead of the generic one when the member wants
/// mail for this kind.
pub fn notify_with_mail_in(
    txn: &store::Txn,
    base_url: &str,
    member: &Member,
    notice: &Notice,
    own_mail: Option<Mail>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let prefs = store::preferences_in(txn, &member.id)?;
    let channels = prefs.channels(notice.kind);
    if channels.in_app {
        store::add_notification_in(
            txn,
            &Notification {
                id: crate::crypto::random_id(),
                member_id: member.id.clone(),
                kind: notice.kind,
                title: notice.title.clone(),
                link: notice.link.clone(),
                data: notice.data.clone(),
                read: false,
                created_at: now,
            },
        )?;
    }
    let link = notice.link.as_ref().map(|l| format!("{base_url}{l}"));
    if channels.email {
        let mut mail = match own_mail {
            Some(mail) => mail,
            None => {
                let org = store::organization_in(txn)?
                    .map(|o| o.name)
                    .unwrap_or_default();
                let lang = Lang::parse(&member.language);
                let r = templates::notification(
                    lang,
                    &org,
                    &notice.title,
                    &notice.detail,
                    link.as_deref(),
                );
                mail_for(member, lang, notice.kind.as_str(), r)
            }
        };
        // The member gets this mail because their preferences say so: the
        // page where they say otherwise travels with it.
        mail.unsubscribe_url = Some(preferences_url(base_url));
        store::enqueue_in(txn, &OutboxMessage::new(Payload::Mail(mail), now))?;
    }
    if channels.webhook
        && let Some(url) = prefs.webhook_url.as_deref().filter(|u| !u.is_empty())
    {
        let body = json!({
            "id": crate::crypto::random_id(),
            "event": format!("notification.{}", notice.kind.as_str()),
            "created_at": now,
            // "text" is what Slack and similar incoming hooks display.
            "text": notice.title,
            "data": {
                "member_id": member.id,
                "title": notice.title,
                "detail": notice.detail,
                "link": link,
                "payload": notice.data,
            },
        });
        let call = WebhookCall {
            webhook_id: None,
            url: url.to_string(),
            event: format!("notification.{}", notice.kind.as_str()),
            body: body.to_string(),
            secret: None,
        };
        store::enqueue_in(txn, &OutboxMessage::new(Payload::Webhook(call), now))?;
    }
    Ok(())
}

/// Where a member chooses which notifications reach them by mail.
pub const PREFERENCES_PATH: &str = "/settings/notifications";

/// The preferences page as a link in a mail.
pub fn preferences_url(base_url: &str) -> String {
    format!("{}{PREFERENCES_PATH}", base_url.trim_end_matches('/'))
}

/// A member as a mail names them to `lang`'s reader (e.g. in `Reply-To`).
pub fn contact(lang: Lang, member: &Member) -> MailContact {
    MailContact {
        email: member.email.to_string(),
        name: member_name(lang, member),
    }
}

/// Queues a mail written for `member` in `lang`, addressed with their
/// name in that language's order.
pub fn mail_member_in(
    txn: &store::Txn,
    member: &Member,
    lang: Lang,
    kind: &str,
    r: templates::Rendered,
    now: DateTime<Utc>,
) -> Result<(), store::StoreError> {
    let mail = mail_for(member, lang, kind, r);
    store::enqueue_in(txn, &OutboxMessage::new(Payload::Mail(mail), now))
}

/// A mail written for `member` in `lang`, addressed with their name in
/// that language's order; no `Reply-To`, no unsubscribe link.
pub fn mail_for(member: &Member, lang: Lang, kind: &str, r: templates::Rendered) -> Mail {
    r.into_mail(kind, member.email.as_str(), member_name(lang, member))
}
