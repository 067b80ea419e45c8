//! The mails, notifications and webhook calls a booking change sends,
//! written into the caller's transaction: guest and every host get a mail
//! with an .ics (REQUEST, or CANCEL on cancellation) in their language and
//! time zone; hosts also get the in-app notification.

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::json;

use crate::domain::{
    Booking, IcsAttachment, Mail, MailContact, Member, NotificationKind, OutboxMessage, Payload,
};
use crate::i18n::Lang;
use crate::i18n::dates::{self, Clock};
use crate::i18n::names::member_name;
use crate::ics::{self, Event, Method, Person};
use crate::mail::templates::{self, Audience, BookingMail, Rendered};
use crate::store;

#[derive(Debug, Clone, Copy)]
pub enum Change {
    Created,
    Cancelled,
    Rescheduled {
        previous: DateTime<Utc>,
    },
    /// The same time with another host (one left the organization).
    Reassigned,
    Reminder,
}

/// A booking's time in the reader's language and zone, the zone named:
/// "Mon, Mar 15, 2027, 10:00 – 10:30 AM (Asia/Tokyo)",
/// "2027年3月15日(月) 10:00～10:30 (Asia/Tokyo)".
pub fn when(
    lang: Lang,
    clock: Clock,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    timezone: &str,
) -> String {
    dates::span_in(lang, clock, start, end, timezone)
}

fn host_of(base_url: &str) -> &str {
    base_url
        .split("://")
        .nth(1)
        .unwrap_or(base_url)
        .split('/')
        .next()
        .unwrap_or("convene")
}

/// The calendar file of a booking for guests and hosts.
pub fn ics_for(
    base_url: &str,
    b: &Booking,
    hosts: &[Member],
    method: Method,
    now: DateTime<Utc>,
) -> String {
    let uid = format!("{}@{}", b.id, host_of(base_url));
    let names: Vec<(String, String)> = hosts
        .iter()
        .map(|h| (h.display_name(), h.email.to_string()))
        .collect();
    let mut attendees: Vec<Person<'_>> = names
        .iter()
        .map(|(n, e)| Person { name: n, email: e })
        .collect();
    attendees.push(Person {
        name: &b.guest.name,
        email: &b.guest.email,
    });
    let description = if b.notes.is_empty() {
        String::new()
    } else {
        b.notes.clone()
    };
    let event = Event {
        uid: &uid,
        sequence: b.sequence,
        stamp: now,
        start: b.start,
        end: b.end,
        summary: &b.page_title,
        description: &description,
        location: &b.location,
        url: None,
        organizer: names.first().map(|(n, e)| Person { name: n, email: e }),
        attendees,
        cancelled: matches!(method, Method::Cancel),
    };
    ics::calendar(method, None, &[event])
}

fn render(
    change: Change,
    lang: Lang,
    org: &str,
    audience: Audience,
    m: &BookingMail<'_>,
    signature: &str,
) -> Rendered {
    match change {
        Change::Created => templates::booking_confirmed(lang, org, audience, m, signature),
        Change::Cancelled => templates::booking_cancelled(lang, org, audience, m, signature),
        Change::Rescheduled { .. } => {
            templates::booking_rescheduled(lang, org, audience, m, signature)
        }
        Change::Reassigned => templates::booking_reassigned(lang, org, audience, m, signature),
        Change::Reminder => templates::booking_reminder(lang, org, audience, m, signature),
    }
}

fn kind(change: Change) -> (&'static str, NotificationKind, &'static str) {
    match change {
        Change::Created => (
            "booking_confirmed",
            NotificationKind::BookingCreated,
            "booking.created",
        ),
        Change::Cancelled => (
            "booking_cancelled",
            NotificationKind::BookingCancelled,
            "booking.cancelled",
        ),
        Change::Rescheduled { .. } => (
            "booking_rescheduled",
            NotificationKind::BookingChanged,
            "booking.rescheduled",
        ),
        Change::Reassigned => (
            "booking_reassigned",
            NotificationKind::BookingChanged,
            "booking.reassigned",
        ),
        Change::Reminder => ("booking_reminder", NotificationKind::BookingChanged, ""),
    }
}

/// Queues every message of one change to one booking.
pub fn queue_in(
    txn: &store::Txn,
    base_url: &str,
    b: &Booking,
    hosts: &[Member],
    change: Change,
    fresh_token: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), store::StoreError> {
    let org = store::organization_in(txn)?;
    queue_with_org_in(
        txn,
        org.as_ref(),
        base_url,
        b,
        hosts,
        change,
        fresh_token,
        now,
    )
}

/// As `queue_in`, with the organization the caller has already read.
#[allow(clippy::too_many_arguments)]
pub fn queue_with_org_in(
    txn: &store::Txn,
    org: Option<&crate::domain::Organization>,
    base_url: &str,
    b: &Booking,
    hosts: &[Member],
    change: Change,
    _fresh_token: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), store::StoreError> {
    let org_name = org.map(|o| o.name.clone()).unwrap_or_default();
    // Bookings made before the guest's language was recorded get the
    // organization's.
    let guest_lang = Lang::parse(if b.guest.language.is_empty() {
        org.map(|o| o.default_language.as_str()).unwrap_or("en")
    } else {
        &b.guest.language
    });
    let (mail_kind, notice_kind, event) = kind(change);
    let method = match change {
        Change::Cancelled => Method::Cancel,
        _ => Method::Request,
    };
    let attach = !matches!(change, Change::Reminder);
    let ics = attach.then(|| IcsAttachment {
        filename: if method == Method::Cancel {
            "cancel.ics".into()
        } else {
            "invite.ics".into()
        },
        method: method.as_str().into(),
        content: ics_for(base_url, b, hosts, method, now),
    });
    let host_names = |lang| {
        hosts
            .iter()
            .map(|h| member_name(lang, h))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let answers: Vec<(String, String)> = b
        .answers
        .iter()
        .map(|a| (a.label.clone(), a.value.clone()))
        .collect();
    let previous = match change {
        Change::Rescheduled { previous } => Some(previous),
        _ => None,
    };
    let manage = b
        .manage_token
        .as_ref()
        .filter(|_| b.guest_may_change && !matches!(change, Change::Cancelled))
        .map(|t| format!("{base_url}/booking/{t}"));
    let detail = format!("{base_url}/bookings/{}", b.id);
    // Each reader gets the times in their language and zone.
    let view = |lang, tz: &str| {
        let clock = Clock::default_for(lang);
        let length = b.end - b.start;
        (
            when(lang, clock, b.start, b.end, tz),
            previous
                .map(|p| when(lang, clock, p, p + length, tz))
                .unwrap_or_default(),
        )
    };

    // On a page with external hosts only hosts and admins change the
    // booking: the guest and the external members are told whom to ask,
    // and the members in charge are told too.
    let contacts = contacts_in(txn, hosts)?;
    let contact = contacts
        .first()
        .map(|c| format!("{} <{}>", c.display_name(), c.email));

    // The guest.
    let (w, pw) = view(guest_lang, &b.guest.timezone);
    let guest_hosts = host_names(guest_lang);
    let m = BookingMail {
        title: &b.page_title,
        when: &w,
        location: &b.location,
        guest_name: &b.guest.name,
        guest_email: &b.guest.email,
        hosts: &guest_hosts,
        notes: &b.notes,
        answers: &answers,
        reason: &b.cancel_reason,
        previous_when: &pw,
        manage_url: manage.as_deref(),
        detail_url: None,
        contact: contact.as_deref(),
    };
    let signature = hosts
        .first()
        .map(|h| h.email_signature.as_str())
        .unwrap_or("");
    let r = render(
        change,
        guest_lang,
        &org_name,
        Audience::Guest,
        &m,
        signature,
    );
    store::enqueue_in(
        txn,
        &OutboxMessage::new(
            Payload::Mail(Mail {
                kind: mail_kind.into(),
                to_email: b.guest.email.clone(),
                to_name: b.guest.name.clone(),
                subject: r.subject,
                text: r.text,
                html: r.html,
                ics: ics.clone(),
                // An answer goes to the host the guest meets (the first
                // one of several), not to the server.
                reply_to: hosts
                    .first()
                    .map(|h| crate::service::notify::contact(guest_lang, h)),
                unsubscribe_url: None,
            }),
            now,
        ),
    )?;

    // Every host, through their notification preferences; an external
    // host by mail alone, without the link to the page they cannot open.
    // An answer to any of these goes to the guest.
    let guest = MailContact {
        email: b.guest.email.clone(),
        name: b.guest.name.clone(),
    };
    let in_charge = contacts
        .iter()
        .filter(|c| !hosts.iter().any(|h| h.id == c.id));
    for h in hosts.iter().chain(in_charge) {
        let lang = Lang::parse(&h.language);
        let (w, pw) = view(lang, &h.timezone);
        let names = host_names(lang);
        let m = BookingMail {
            when: &w,
            previous_when: &pw,
            hosts: &names,
            manage_url: None,
            detail_url: (!h.is_external()).then_some(detail.as_str()),
            contact: if h.is_external() {
                contact.as_deref()
            } else {
                None
            },
            ..m
        };
        let r = render(change, lang, &org_name, Audience::Host, &m, "");
        if h.is_external() {
            let mail = Mail {
                kind: mail_kind.into(),
                to_email: h.email.to_string(),
                to_name: member_name(lang, h),
                subject: r.subject,
                text: r.text,
                html: r.html,
                ics: ics.clone(),
                reply_to: Some(guest.clone()),
                unsubscribe_url: None,
            };
            store::enqueue_in(txn, &OutboxMessage::new(Payload::Mail(mail), now))?;
            continue;
        }
        let mail = Mail {
            kind: mail_kind.into(),
            to_email: h.email.to_string(),
            to_name: member_name(lang, h),
            subject: r.subject.clone(),
            text: r.text,
            html: r.html,
            ics: ics.clone(),
            reply_to: Some(guest.clone()),
            unsubscribe_url: None,
        };
        let notice = crate::service::notify::Notice {
            kind: notice_kind,
            title: r.subject,
            detail: String::new(),
            link: Some(format!("/bookings/{}", b.id)),
            data: json!({ "booking_id": b.id }),
        };
        crate::service::notify::notify_with_mail_in(txn, base_url, h, &notice, Some(mail), now)?;
    }
    if !event.is_empty() {
        crate::service::org::webhooks::emit_with_in(txn, event, || webhook_data(b), now)?;
    }
    queue_calendar_writes_in(txn, b, hosts, change, now)
}

/// The members in charge of the external hosts among `hosts`, once each.
fn contacts_in(txn: &store::Txn, hosts: &[Member]) -> Result<Vec<Member>, store::StoreError> {
    let mut out: Vec<Member> = Vec::new();
    for x in hosts.iter().filter_map(|h| h.external.as_ref()) {
        if out.iter().any(|c| c.id == x.contact_member_id) {
            continue;
        }
        if let Some(c) = store::member_in(txn, &x.contact_member_id)? {
            out.push(c);
        }
    }
    Ok(out)
}

/// Hosts who have bookings written to their own CalDAV calendar get the
/// change written there too, by the outbox, after this commit.
fn queue_calendar_writes_in(
    txn: &store::Txn,
    b: &Booking,
    hosts: &[Member],
    change: Change,
    now: DateTime<Utc>,
) -> Result<(), store::StoreError> {
    let name = match change {
        Change::Created => "created",
        Change::Cancelled => "cancelled",
        Change::Rescheduled { .. } | Change::Reassigned => "rescheduled",
        Change::Reminder => return Ok(()),
    };
    for h in hosts.iter().filter(|h| !h.is_external()) {
        let writes = store::write_target_in(txn, &h.id)?.is_some()
            || store::written_in(txn, &h.id, &b.id)?.is_some();
        if writes {
            let job = crate::domain::CalendarWrite {
                booking_id: b.id.clone(),
                member_id: h.id.clone(),
                change: name.to_string(),
            };
            store::enqueue_in(txn, &OutboxMessage::new(Payload::CalendarWrite(job), now))?;
        }
    }
    Ok(())
}

/// What webhooks receive about a booking.
pub fn webhook_data(b: &Booking) -> serde_json::Value {
    json!({
        "id": b.id,
        "page_id": b.page_id,
        "page_slug": b.page_slug,
        "title": b.page_title,
        "state": b.state.as_str(),
        "start": b.start,
        "end": b.end,
        "hosts": b.hosts,
        "guest": { "name": b.guest.name, "email": b.guest.email, "timezone": b.guest.timezone },
        "location": b.location,
        "sequence": b.sequence,
        // Webhook receivers are scripts: one language, English.
        "assignment_reason": b
            .assignment_reason
            .as_ref()
            .map(|r| super::slot_check::reason_msg(r).render(Lang::En)),
        "cancel_reason": b.cancel_reason,
    })
}

/// Local wall time of `t` in a zone, e.g. for pages.
pub fn local(t: DateTime<Utc>, timezone: &str) -> DateTime<Tz> {
    let tz: Tz = timezone.parse().unwrap_or(chrono_tz::UTC);
    tz.from_utc_datetime(&t.naive_utc())
}
