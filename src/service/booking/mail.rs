//! The mails, notifications and webhook calls a booking change sends,
//! written into the caller's transaction: guest and every host get a mail
//! with an .ics (REQUEST, or CANCEL on cancellation) in their language and
//! time zone; hosts also get the in-app notification.

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::json;

use crate::domain::{
    Booking, BookingMailSource, IcsAttachment, Mail, MailContact, MailPerson, MailReader, Member,
    NotificationKind, OutboxMessage, Payload,
};
use crate::i18n::Lang;
use crate::i18n::dates::{self, Clock};
use crate::i18n::names::member_name;
use crate::ics::{self, Event, Method, Person};
use crate::mail::templates::{self, Audience, BookingKind, BookingMail, Rendered};
use crate::store;

pub use crate::domain::BookingChange as Change;

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
///
/// The mails are queued with their envelope and subject only; each gets
/// its body and invitation when it goes ([`written_in`]), so the booking
/// writer renders no bodies and commits small rows.
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
    // On a page with external hosts only hosts and admins change the
    // booking: the guest and the external members are told whom to ask,
    // and the members in charge are told too.
    let contacts = contacts_in(txn, hosts)?;
    let scene = Scene {
        org,
        base_url,
        b,
        hosts,
        contacts: &contacts,
        change,
    };
    let (mail_kind, notice_kind, event) = kind(change);
    let people: Vec<MailPerson> = hosts.iter().map(MailPerson::of).collect();
    let contact_people: Vec<MailPerson> = contacts.iter().map(MailPerson::of).collect();
    let source = |reader| BookingMailSource {
        booking_id: b.id.clone(),
        change,
        reader,
        at: now,
        start: b.start,
        end: b.end,
        sequence: b.sequence,
        hosts: people.clone(),
        contacts: contact_people.clone(),
        cancel_reason: b.cancel_reason.clone(),
    };
    let envelope = |to_email: String, to_name: String, reply_to, subject| Mail {
        kind: mail_kind.into(),
        to_email,
        to_name,
        subject,
        text: String::new(),
        html: String::new(),
        ics: None,
        reply_to,
        unsubscribe_url: None,
        from_booking: None,
    };

    // The guest. An answer goes to the host the guest meets (the first
    // one of several), not to the server.
    let guest_lang = scene.guest_lang();
    let mail = Mail {
        from_booking: Some(Box::new(source(MailReader::Guest))),
        ..envelope(
            b.guest.email.clone(),
            b.guest.name.clone(),
            hosts
                .first()
                .map(|h| crate::service::notify::contact(guest_lang, h)),
            scene.subject(Reader::Guest),
        )
    };
    store::enqueue_in(txn, &OutboxMessage::new(Payload::Mail(mail), now))?;

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
        let subject = scene.subject(Reader::Member(h));
        let mail = Mail {
            from_booking: Some(Box::new(source(MailReader::Member(h.id.clone())))),
            ..envelope(
                h.email.to_string(),
                member_name(lang, h),
                Some(guest.clone()),
                subject.clone(),
            )
        };
        if h.is_external() {
            store::enqueue_in(txn, &OutboxMessage::new(Payload::Mail(mail), now))?;
            continue;
        }
        let notice = crate::service::notify::Notice {
            kind: notice_kind,
            title: subject,
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

/// A booking mail queued without its body, with the body and invitation
/// written from the booking as it was at the change and the people the
/// mail kept. `Err` carries why it cannot be written and whether that is
/// for good (the booking is gone) or worth another try (the store could
/// not be read).
pub fn written_in(
    txn: &impl store::Read,
    base_url: &str,
    mail: &Mail,
) -> Result<Mail, (String, bool)> {
    let Some(source) = &mail.from_booking else {
        return Ok(mail.clone());
    };
    let mut b = store::booking_in(txn, &source.booking_id)
        .map_err(|e| (format!("the booking mail could not be read: {e}"), false))?
        .ok_or_else(|| ("the booking no longer exists".to_string(), true))?;
    b.start = source.start;
    b.end = source.end;
    b.sequence = source.sequence;
    b.hosts = source.hosts.iter().map(|h| h.id.clone()).collect();
    b.cancel_reason.clone_from(&source.cancel_reason);
    let hosts: Vec<Member> = source
        .hosts
        .iter()
        .map(|h| h.as_member(source.at))
        .collect();
    let contacts: Vec<Member> = source
        .contacts
        .iter()
        .map(|c| c.as_member(source.at))
        .collect();
    let org = store::organization_in(txn)
        .map_err(|e| (format!("the organization could not be read: {e}"), false))?;
    let scene = Scene {
        org: org.as_ref(),
        base_url,
        b: &b,
        hosts: &hosts,
        contacts: &contacts,
        change: source.change,
    };
    let reader = match &source.reader {
        MailReader::Guest => Reader::Guest,
        MailReader::Member(id) => Reader::Member(
            hosts
                .iter()
                .chain(&contacts)
                .find(|m| &m.id == id)
                .ok_or_else(|| ("the mail names a reader it does not keep".to_string(), true))?,
        ),
    };
    let r = scene.body(reader);
    Ok(Mail {
        text: r.text,
        html: r.html,
        ics: scene.invitation(source.at),
        from_booking: None,
        ..mail.clone()
    })
}

/// Who a booking mail is written for.
#[derive(Clone, Copy)]
enum Reader<'a> {
    Guest,
    Member(&'a Member),
}

/// What the booking mails of one change are written from.
struct Scene<'a> {
    org: Option<&'a crate::domain::Organization>,
    base_url: &'a str,
    b: &'a Booking,
    hosts: &'a [Member],
    contacts: &'a [Member],
    change: Change,
}

impl Scene<'_> {
    /// Bookings made before the guest's language was recorded get the
    /// organization's.
    fn guest_lang(&self) -> Lang {
        Lang::parse(if self.b.guest.language.is_empty() {
            self.org
                .map(|o| o.default_language.as_str())
                .unwrap_or("en")
        } else {
            &self.b.guest.language
        })
    }

    fn template(&self) -> BookingKind {
        match self.change {
            Change::Created => BookingKind::Confirmed,
            Change::Cancelled => BookingKind::Cancelled,
            Change::Rescheduled { .. } => BookingKind::Rescheduled,
            Change::Reassigned => BookingKind::Reassigned,
            Change::Reminder => BookingKind::Reminder,
        }
    }

    /// The reader's language, zone and side.
    fn of<'r>(&'r self, reader: Reader<'r>) -> (Lang, &'r str, Audience) {
        match reader {
            Reader::Guest => (self.guest_lang(), &self.b.guest.timezone, Audience::Guest),
            Reader::Member(m) => (Lang::parse(&m.language), &m.timezone, Audience::Host),
        }
    }

    /// The booking's time and, on a reschedule, the time it had before,
    /// in the reader's language and zone.
    fn times(&self, lang: Lang, tz: &str) -> (String, String) {
        let b = self.b;
        let clock = Clock::default_for(lang);
        let previous = match self.change {
            Change::Rescheduled { previous } => {
                when(lang, clock, previous, previous + (b.end - b.start), tz)
            }
            _ => String::new(),
        };
        (when(lang, clock, b.start, b.end, tz), previous)
    }

    fn subject(&self, reader: Reader<'_>) -> String {
        let (lang, tz, audience) = self.of(reader);
        let (w, pw) = self.times(lang, tz);
        let m = BookingMail {
            title: &self.b.page_title,
            when: &w,
            guest_name: &self.b.guest.name,
            previous_when: &pw,
            ..BookingMail::default()
        };
        templates::booking_subject(self.template(), lang, audience, &m)
    }

    fn body(&self, reader: Reader<'_>) -> Rendered {
        let b = self.b;
        let (lang, tz, audience) = self.of(reader);
        let (w, pw) = self.times(lang, tz);
        let names = self
            .hosts
            .iter()
            .map(|h| member_name(lang, h))
            .collect::<Vec<_>>()
            .join(", ");
        let answers: Vec<(String, String)> = b
            .answers
            .iter()
            .map(|a| (a.label.clone(), a.value.clone()))
            .collect();
        let contact = self
            .contacts
            .first()
            .map(|c| format!("{} <{}>", c.display_name(), c.email));
        let manage = b
            .manage_token
            .as_ref()
            .filter(|_| b.guest_may_change && !matches!(self.change, Change::Cancelled))
            .map(|t| format!("{}/booking/{t}", self.base_url));
        let detail = format!("{}/bookings/{}", self.base_url, b.id);
        let (manage_url, detail_url, contact, signature) = match reader {
            Reader::Guest => (
                manage.as_deref(),
                None,
                contact.as_deref(),
                self.hosts
                    .first()
                    .map(|h| h.email_signature.as_str())
                    .unwrap_or(""),
            ),
            Reader::Member(m) if m.is_external() => (None, None, contact.as_deref(), ""),
            Reader::Member(_) => (None, Some(detail.as_str()), None, ""),
        };
        let m = BookingMail {
            title: &b.page_title,
            when: &w,
            location: &b.location,
            guest_name: &b.guest.name,
            guest_email: &b.guest.email,
            hosts: &names,
            notes: &b.notes,
            answers: &answers,
            reason: &b.cancel_reason,
            previous_when: &pw,
            manage_url,
            detail_url,
            contact,
        };
        let org = self.org.map(|o| o.name.as_str()).unwrap_or("");
        templates::booking_mail(self.template(), lang, org, audience, &m, signature)
    }

    /// The calendar file every reader gets: a REQUEST, or a CANCEL on
    /// cancellation; none with a reminder.
    fn invitation(&self, stamp: DateTime<Utc>) -> Option<IcsAttachment> {
        let method = match self.change {
            Change::Reminder => return None,
            Change::Cancelled => Method::Cancel,
            _ => Method::Request,
        };
        Some(IcsAttachment {
            filename: if method == Method::Cancel {
                "cancel.ics".into()
            } else {
                "invite.ics".into()
            },
            method: method.as_str().into(),
            content: ics_for(self.base_url, self.b, self.hosts, method, stamp),
        })
    }
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
