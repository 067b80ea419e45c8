//! The booking mails: confirmed, cancelled, rescheduled and reminder, each
//! for the guest or a host, sharing one layout.

use maud::html;

use super::{Rendered, frame, signature_html, signature_text};
use crate::domain::text::one_line;
use crate::i18n::{Arg, Lang, t, tr};

/// Who a booking mail is for: the guest gets the manage link, a host the
/// link into the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Guest,
    Host,
}

/// What the booking mails show. Times come preformatted because each
/// recipient reads them in their own time zone.
#[derive(Debug, Clone, Copy, Default)]
pub struct BookingMail<'a> {
    pub title: &'a str,
    pub when: &'a str,
    pub location: &'a str,
    pub guest_name: &'a str,
    pub guest_email: &'a str,
    pub hosts: &'a str,
    pub notes: &'a str,
    pub answers: &'a [(String, String)],
    pub reason: &'a str,
    pub previous_when: &'a str,
    pub manage_url: Option<&'a str>,
    pub detail_url: Option<&'a str>,
    /// Whom to ask for a change, on bookings only hosts may change (an
    /// external member's): "Name <address>".
    pub contact: Option<&'a str>,
}

/// Which of the booking mails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingKind {
    Confirmed,
    Cancelled,
    Rescheduled,
    Reassigned,
    Reminder,
}

/// Sent to the guest and every host when a booking is made.
pub fn booking_confirmed(
    lang: Lang,
    org: &str,
    audience: Audience,
    b: &BookingMail<'_>,
    signature: &str,
) -> Rendered {
    booking_mail(BookingKind::Confirmed, lang, org, audience, b, signature)
}

/// Sent to the guest and every host when a booking is cancelled; shows the
/// reason when one was given.
pub fn booking_cancelled(
    lang: Lang,
    org: &str,
    audience: Audience,
    b: &BookingMail<'_>,
    signature: &str,
) -> Rendered {
    booking_mail(BookingKind::Cancelled, lang, org, audience, b, signature)
}

/// Sent to the guest and every host when a booking moves; shows the old
/// time next to the new one.
pub fn booking_rescheduled(
    lang: Lang,
    org: &str,
    audience: Audience,
    b: &BookingMail<'_>,
    signature: &str,
) -> Rendered {
    booking_mail(BookingKind::Rescheduled, lang, org, audience, b, signature)
}

/// Sent to the guest and every host when a booking gets another host at
/// the same time (a host left the organization).
pub fn booking_reassigned(
    lang: Lang,
    org: &str,
    audience: Audience,
    b: &BookingMail<'_>,
    signature: &str,
) -> Rendered {
    booking_mail(BookingKind::Reassigned, lang, org, audience, b, signature)
}

/// Sent by the scheduler before a booking starts.
pub fn booking_reminder(
    lang: Lang,
    org: &str,
    audience: Audience,
    b: &BookingMail<'_>,
    signature: &str,
) -> Rendered {
    booking_mail(BookingKind::Reminder, lang, org, audience, b, signature)
}

/// The subject of a booking mail alone, the same as [`booking_mail`]
/// writes: mails are queued with it and get their body when they go.
pub fn booking_subject(
    kind: BookingKind,
    lang: Lang,
    audience: Audience,
    b: &BookingMail<'_>,
) -> String {
    let lines = Lines::of(b);
    let (subject, _) = keys(kind, audience == Audience::Host, lines.has_previous());
    tr(lang, subject, &lines.values())
}

/// The booking's values the mail's texts name, each on one line (a line
/// break in a name or title must not start a header or a paragraph).
struct Lines {
    guest: String,
    title: String,
    when: String,
    previous: String,
}

impl Lines {
    fn of(b: &BookingMail<'_>) -> Lines {
        Lines {
            guest: one_line(b.guest_name),
            title: one_line(b.title),
            when: one_line(b.when),
            previous: one_line(b.previous_when),
        }
    }

    fn has_previous(&self) -> bool {
        !self.previous.is_empty()
    }

    fn values(&self) -> [(&'static str, Arg<'_>); 4] {
        [
            ("title", Arg::from(&self.title)),
            ("when", Arg::from(&self.when)),
            ("guest", Arg::from(&self.guest)),
            ("previous", Arg::from(&self.previous)),
        ]
    }
}

/// The subject's and the introduction's messages of a booking mail.
fn keys(kind: BookingKind, host: bool, has_previous: bool) -> (&'static str, &'static str) {
    match (kind, host) {
        (BookingKind::Confirmed, false) => (
            "booking-confirmed-subject-guest",
            "booking-confirmed-intro-guest",
        ),
        (BookingKind::Confirmed, true) => (
            "booking-confirmed-subject-host",
            "booking-confirmed-intro-host",
        ),
        (BookingKind::Cancelled, false) => (
            "booking-cancelled-subject-guest",
            "booking-cancelled-intro-guest",
        ),
        (BookingKind::Cancelled, true) => (
            "booking-cancelled-subject-host",
            "booking-cancelled-intro-host",
        ),
        (BookingKind::Rescheduled, false) => (
            if has_previous {
                "booking-rescheduled-subject-guest"
            } else {
                "booking-rescheduled-subject-guest-no-previous"
            },
            "booking-rescheduled-intro-guest",
        ),
        (BookingKind::Rescheduled, true) => (
            if has_previous {
                "booking-rescheduled-subject-host"
            } else {
                "booking-rescheduled-subject-host-no-previous"
            },
            "booking-rescheduled-intro-host",
        ),
        (BookingKind::Reassigned, false) => (
            "booking-reassigned-subject-guest",
            "booking-reassigned-intro-guest",
        ),
        (BookingKind::Reassigned, true) => (
            "booking-reassigned-subject-host",
            "booking-reassigned-intro-host",
        ),
        (BookingKind::Reminder, false) => (
            "booking-reminder-subject-guest",
            "booking-reminder-intro-guest",
        ),
        (BookingKind::Reminder, true) => (
            "booking-reminder-subject-host",
            "booking-reminder-intro-host",
        ),
    }
}

/// The one layout behind the booking mails: greeting (guests only),
/// what happened, the details, then the guest's manage link or the host's
/// link into the app.
pub fn booking_mail(
    kind: BookingKind,
    lang: Lang,
    org: &str,
    audience: Audience,
    b: &BookingMail<'_>,
    signature: &str,
) -> Rendered {
    let lines = Lines::of(b);
    let values = lines.values();
    let guest = &lines.guest;
    let host = audience == Audience::Host;
    let (subject, intro) = keys(kind, host, lines.has_previous());
    // Each text takes the values it names; the others are ignored.
    let subject = tr(lang, subject, &values);
    let intro = tr(lang, intro, &values);
    let greeting = (!host && !guest.is_empty()).then(|| tr(lang, "booking-greeting", &values));

    // Label and value pairs, in the order they are shown.
    let mut details: Vec<(String, String)> = vec![
        (t(lang, "booking-label-what"), b.title.trim().to_string()),
        (t(lang, "booking-label-when"), b.when.trim().to_string()),
    ];
    if kind == BookingKind::Rescheduled && !b.previous_when.trim().is_empty() {
        details.push((
            t(lang, "booking-label-previous"),
            b.previous_when.trim().to_string(),
        ));
    }
    if !b.location.trim().is_empty() {
        details.push((
            t(lang, "booking-label-where"),
            b.location.trim().to_string(),
        ));
    }
    if host {
        let who = if b.guest_email.trim().is_empty() {
            b.guest_name.trim().to_string()
        } else {
            format!("{} <{}>", b.guest_name.trim(), b.guest_email.trim())
        };
        details.push((t(lang, "booking-label-guest"), who));
        if !b.hosts.trim().is_empty() {
            details.push((t(lang, "booking-label-hosts"), b.hosts.trim().to_string()));
        }
    } else if !b.hosts.trim().is_empty() {
        details.push((t(lang, "booking-label-with"), b.hosts.trim().to_string()));
    }
    if !b.notes.trim().is_empty() {
        details.push((t(lang, "booking-label-notes"), b.notes.trim().to_string()));
    }
    for (question, answer) in b.answers {
        if !answer.trim().is_empty() {
            details.push((question.trim().to_string(), answer.trim().to_string()));
        }
    }
    if kind == BookingKind::Cancelled && !b.reason.trim().is_empty() {
        details.push((t(lang, "booking-label-reason"), b.reason.trim().to_string()));
    }

    // A guest's link to cancel or reschedule is pointless once the booking
    // is cancelled; a host's link never goes to the guest and vice versa.
    let link = match audience {
        Audience::Guest if kind != BookingKind::Cancelled => {
            b.manage_url.map(|url| (t(lang, "booking-manage"), url))
        }
        Audience::Guest => None,
        Audience::Host => b.detail_url.map(|url| (t(lang, "booking-open"), url)),
    };

    let contact = b
        .contact
        .filter(|c| !c.trim().is_empty() && kind != BookingKind::Cancelled)
        .map(|c| crate::tr!(lang, "booking-contact-to-change", contact = c.trim()));

    let separator = t(lang, "label-separator");
    let mut text = String::new();
    if let Some(greeting) = &greeting {
        text.push_str(&format!("{greeting}\n\n"));
    }
    text.push_str(&format!("{intro}\n\n"));
    for (label, value) in &details {
        // Continuation lines of a multi-line value are indented under it.
        let value = value.lines().collect::<Vec<_>>().join("\n  ");
        text.push_str(&format!("{label}{separator}{value}\n"));
    }
    if let Some((label, url)) = &link {
        text.push_str(&format!("\n{label}{separator}{url}\n"));
    }
    if let Some(contact) = &contact {
        text.push_str(&format!("\n{contact}\n"));
    }
    let text = format!("{}{}\n", text.trim_end(), signature_text(signature));

    // A video location is a plain web address: make it clickable.
    let location = b.location.trim();
    let location_link = (location.starts_with("https://") || location.starts_with("http://"))
        && !location.contains(char::is_whitespace);
    let where_label = t(lang, "booking-label-where");
    let html = frame(
        lang,
        org,
        html! {
            @if let Some(greeting) = &greeting { p { (greeting) } }
            p style="font-size: 16px; font-weight: 600;" { (intro) }
            table style="border-collapse: collapse; margin: 0 0 16px;" {
                @for (label, value) in &details {
                    tr {
                        th style="text-align: left; vertical-align: top; padding: 4px 16px 4px 0; color: #5b6673; font-weight: 400;" { (label) }
                        td style="padding: 4px 0; white-space: pre-line;" {
                            @if location_link && *label == where_label && value == location {
                                a href=(value) { (value) }
                            } @else {
                                (value)
                            }
                        }
                    }
                }
            }
            @if let Some((label, url)) = &link {
                p { a href=(url) style="background: #2458d3; color: #fff; padding: 8px 16px; border-radius: 6px; text-decoration: none; display: inline-block;" { (label) } }
                p style="color: #5b6673; font-size: 12px; word-break: break-all;" { (url) }
            }
            @if let Some(contact) = &contact { p { (contact) } }
            (signature_html(signature))
        },
    );
    Rendered {
        subject,
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample<'a>(title: &'a str, answers: &'a [(String, String)]) -> BookingMail<'a> {
        BookingMail {
            title,
            when: "Mon 15 Mar 2027, 10:00–10:30 (Asia/Tokyo)",
            location: "https://meet.example/abc",
            guest_name: "Ann Lee",
            guest_email: "ann@example.org",
            hosts: "山田 太郎, Marie Curie",
            notes: "Bring the contract\nand the invoice",
            answers,
            reason: "Sick today",
            previous_when: "Fri 12 Mar 2027, 09:00–09:30 (Asia/Tokyo)",
            manage_url: Some("https://c.example/manage/tok123"),
            detail_url: Some("https://c.example/bookings/7"),
            contact: None,
        }
    }

    type BookingFn = fn(Lang, &str, Audience, &BookingMail<'_>, &str) -> Rendered;
    const BOOKING_FNS: [(&str, BookingFn); 4] = [
        ("confirmed", booking_confirmed),
        ("cancelled", booking_cancelled),
        ("rescheduled", booking_rescheduled),
        ("reminder", booking_reminder),
    ];

    #[test]
    fn booking_mails_render_in_every_language_for_both_audiences() {
        let answers = vec![("Company".to_string(), "ACME, Inc.".to_string())];
        let b = sample("Intro call", &answers);
        for lang in [Lang::En, Lang::Ja, Lang::Fr] {
            for (name, f) in BOOKING_FNS {
                for audience in [Audience::Guest, Audience::Host] {
                    let r = f(lang, "Club", audience, &b, "The Club team");
                    let what = format!("{name} {lang:?} {audience:?}");
                    assert!(!r.subject.trim().is_empty(), "{what}");
                    assert!(!r.text.trim().is_empty(), "{what}");
                    assert!(!r.html.trim().is_empty(), "{what}");
                    assert!(
                        !r.subject.contains('{') && !r.text.contains('{'),
                        "{what}: {r:?}"
                    );
                    assert!(
                        r.subject.contains("Intro call") && r.subject.contains("10:00"),
                        "{what}"
                    );
                    assert!(
                        r.text.contains("Intro call") && r.text.contains("ACME, Inc."),
                        "{what}"
                    );
                    assert!(r.text.contains("https://meet.example/abc"), "{what}");
                    assert!(r.text.contains("and the invoice"), "{what}");
                    assert!(r.text.contains("The Club team") && r.html.contains("The Club team"));
                    assert_eq!(r.text.contains("Sick today"), name == "cancelled", "{what}");
                    match audience {
                        Audience::Host => {
                            assert!(r.subject.contains("Ann Lee"), "{what}");
                            assert!(r.text.contains("ann@example.org"), "{what}");
                            assert!(r.text.contains("https://c.example/bookings/7"), "{what}");
                            assert!(!r.text.contains("tok123"), "{what}");
                        }
                        Audience::Guest => {
                            assert!(r.text.contains("Ann Lee"), "{what}: greeting");
                            assert!(r.text.contains("山田 太郎"), "{what}");
                            assert!(!r.text.contains("bookings/7"), "{what}");
                        }
                    }
                    if name == "rescheduled" {
                        assert!(r.subject.contains("Fri 12 Mar"), "{what}");
                        assert!(r.text.contains("Fri 12 Mar"), "{what}");
                    }
                }
            }
        }
        let fr = booking_confirmed(Lang::Fr, "Club", Audience::Guest, &b, "");
        assert!(fr.subject.starts_with("Réservation confirmée\u{a0}: "));
        let ja = booking_reminder(Lang::Ja, "Club", Audience::Guest, &b, "");
        assert!(ja.text.starts_with("Ann Lee 様\n") && ja.text.contains("日時："));
    }

    #[test]
    fn manage_link_goes_to_guests_only() {
        let b = sample("Intro call", &[]);
        for lang in [Lang::En, Lang::Ja, Lang::Fr] {
            for (name, f) in BOOKING_FNS {
                let guest = f(lang, "Club", Audience::Guest, &b, "");
                if name != "cancelled" {
                    assert!(
                        guest.text.contains("https://c.example/manage/tok123"),
                        "{name}"
                    );
                    assert!(guest.text.contains(&t(lang, "booking-manage")), "{name}");
                    assert!(
                        guest.html.contains("https://c.example/manage/tok123"),
                        "{name}"
                    );
                }
                let no_links = BookingMail {
                    manage_url: None,
                    detail_url: None,
                    contact: None,
                    ..b
                };
                let host = f(lang, "Club", Audience::Host, &no_links, "");
                assert!(!host.text.contains("manage/tok123"), "{name}");
                assert!(!host.text.contains(&t(lang, "booking-manage")), "{name}");
                assert!(!host.text.contains(&t(lang, "booking-open")), "{name}");
                let guest = f(lang, "Club", Audience::Guest, &no_links, "");
                assert!(!guest.text.contains(&t(lang, "booking-manage")), "{name}");
            }
        }
    }

    #[test]
    fn booking_html_is_escaped() {
        let answers = vec![("<i>Q</i>".to_string(), "<img src=x>".to_string())];
        let mut b = sample("<script>alert(1)</script>", &answers);
        b.guest_name = "<b>Eve</b>";
        b.location = "javascript:alert(1)";
        for (_, f) in BOOKING_FNS {
            for audience in [Audience::Guest, Audience::Host] {
                let r = f(Lang::En, "Club", audience, &b, "");
                assert!(!r.html.contains("<script>"), "{}", r.html);
                assert!(r.html.contains("&lt;script&gt;"));
                assert!(
                    !r.html.contains("<b>Eve")
                        && !r.html.contains("<img")
                        && !r.html.contains("<i>Q")
                );
                assert!(!r.html.contains("href=\"javascript:"));
            }
        }
        let video = booking_confirmed(Lang::En, "Club", Audience::Guest, &sample("x", &[]), "");
        assert!(video.html.contains("href=\"https://meet.example/abc\""));
    }

    #[test]
    fn values_that_look_like_placeholders_stay_as_typed() {
        let mut b = sample("{guest}", &[]);
        b.guest_name = "{when}\r\nBcc: x@evil.example";
        let r = booking_confirmed(Lang::En, "Club", Audience::Host, &b, "");
        assert_eq!(
            r.subject,
            "New booking: {guest} with {when} Bcc: x@evil.example — Mon 15 Mar 2027, 10:00–10:30 (Asia/Tokyo)"
        );
        // The catalog's own placeholder syntax, too.
        let mut b = sample("{ $guest }", &[]);
        b.guest_name = "{ $when } { -brand }";
        for lang in Lang::ALL {
            let r = booking_confirmed(lang, "Club", Audience::Host, &b, "");
            assert!(
                r.subject.contains("{ $guest }") && r.subject.contains("{ $when } { -brand }"),
                "{lang:?}: {}",
                r.subject
            );
            assert!(r.text.contains("{ $guest }"), "{lang:?}");
        }
        let r = booking_rescheduled(
            Lang::En,
            "Club",
            Audience::Guest,
            &BookingMail {
                previous_when: "",
                ..sample("Call", &[])
            },
            "",
        );
        assert_eq!(
            r.subject,
            "Rescheduled: Call — now Mon 15 Mar 2027, 10:00–10:30 (Asia/Tokyo)"
        );
    }
}
