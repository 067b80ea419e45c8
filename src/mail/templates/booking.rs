//! The booking mails: confirmed, cancelled, rescheduled and reminder, each
//! for the guest or a host, sharing one layout.

use maud::html;

use super::{Rendered, frame, signature_html, signature_text};
use crate::domain::text::one_line;
use crate::i18n::{Lang, Text, fill};

/// Who a booking mail is for: the guest gets the manage link, a host the
/// link into the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Guest,
    Host,
}

/// What the booking mails show. Times come preformatted because each
/// recipient reads them in their own time zone.
#[derive(Debug, Clone, Copy)]
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
}

const CONFIRMED_SUBJECT_GUEST: Text = Text {
    en: "Confirmed: {title} — {when}",
    ja: "予約確定：{title}（{when}）",
    fr: "Réservation confirmée\u{a0}: {title} — {when}",
};
const CONFIRMED_SUBJECT_HOST: Text = Text {
    en: "New booking: {title} with {guest} — {when}",
    ja: "新しい予約：{title}（{guest} 様、{when}）",
    fr: "Nouvelle réservation\u{a0}: {title} avec {guest} — {when}",
};
const CONFIRMED_INTRO_GUEST: Text = Text {
    en: "Your booking is confirmed.",
    ja: "ご予約が確定しました。",
    fr: "Votre réservation est confirmée.",
};
const CONFIRMED_INTRO_HOST: Text = Text {
    en: "{guest} booked “{title}”.",
    ja: "{guest} 様から「{title}」の予約が入りました。",
    fr: "{guest} a réservé «\u{a0}{title}\u{a0}».",
};

const CANCELLED_SUBJECT_GUEST: Text = Text {
    en: "Cancelled: {title} — {when}",
    ja: "予約キャンセル：{title}（{when}）",
    fr: "Réservation annulée\u{a0}: {title} — {when}",
};
const CANCELLED_SUBJECT_HOST: Text = Text {
    en: "Cancelled: {title} with {guest} — {when}",
    ja: "予約キャンセル：{title}（{guest} 様、{when}）",
    fr: "Réservation annulée\u{a0}: {title} avec {guest} — {when}",
};
const CANCELLED_INTRO_GUEST: Text = Text {
    en: "Your booking has been cancelled.",
    ja: "ご予約がキャンセルされました。",
    fr: "Votre réservation a été annulée.",
};
const CANCELLED_INTRO_HOST: Text = Text {
    en: "The booking with {guest} has been cancelled.",
    ja: "{guest} 様との予約がキャンセルされました。",
    fr: "La réservation avec {guest} a été annulée.",
};

const RESCHEDULED_SUBJECT_GUEST: Text = Text {
    en: "Rescheduled: {title} — now {when} (was {previous})",
    ja: "日時変更：{title}（{previous} → {when}）",
    fr: "Réservation déplacée\u{a0}: {title} — désormais {when} (au lieu de {previous})",
};
const RESCHEDULED_SUBJECT_HOST: Text = Text {
    en: "Rescheduled: {title} with {guest} — now {when} (was {previous})",
    ja: "日時変更：{title}（{guest} 様、{previous} → {when}）",
    fr: "Réservation déplacée\u{a0}: {title} avec {guest} — désormais {when} (au lieu de {previous})",
};
const RESCHEDULED_SUBJECT_GUEST_NO_PREVIOUS: Text = Text {
    en: "Rescheduled: {title} — now {when}",
    ja: "日時変更：{title}（変更後：{when}）",
    fr: "Réservation déplacée\u{a0}: {title} — désormais {when}",
};
const RESCHEDULED_SUBJECT_HOST_NO_PREVIOUS: Text = Text {
    en: "Rescheduled: {title} with {guest} — now {when}",
    ja: "日時変更：{title}（{guest} 様、変更後：{when}）",
    fr: "Réservation déplacée\u{a0}: {title} avec {guest} — désormais {when}",
};
const RESCHEDULED_INTRO_GUEST: Text = Text {
    en: "Your booking has been moved to a new time.",
    ja: "ご予約の日時が変更されました。",
    fr: "Votre réservation a été déplacée à un autre horaire.",
};
const RESCHEDULED_INTRO_HOST: Text = Text {
    en: "The booking with {guest} has been moved to a new time.",
    ja: "{guest} 様との予約の日時が変更されました。",
    fr: "La réservation avec {guest} a été déplacée à un autre horaire.",
};

const REMINDER_SUBJECT_GUEST: Text = Text {
    en: "Reminder: {title} — {when}",
    ja: "リマインダー：{title}（{when}）",
    fr: "Rappel\u{a0}: {title} — {when}",
};
const REMINDER_SUBJECT_HOST: Text = Text {
    en: "Reminder: {title} with {guest} — {when}",
    ja: "リマインダー：{title}（{guest} 様、{when}）",
    fr: "Rappel\u{a0}: {title} avec {guest} — {when}",
};
const REMINDER_INTRO_GUEST: Text = Text {
    en: "A reminder of your upcoming booking.",
    ja: "ご予約の日時が近づいてまいりましたので、お知らせいたします。",
    fr: "Nous vous rappelons votre réservation à venir.",
};
const REMINDER_INTRO_HOST: Text = Text {
    en: "A reminder of your upcoming booking with {guest}.",
    ja: "{guest} 様との予約が近づいています。",
    fr: "Nous vous rappelons votre prochain rendez-vous avec {guest}.",
};

const GREETING: Text = Text {
    en: "Hello {guest},",
    ja: "{guest} 様",
    fr: "Bonjour {guest},",
};
/// Between a label and its value in the text part.
const LABEL_SEPARATOR: Text = Text {
    en: ": ",
    ja: "：",
    fr: "\u{a0}: ",
};
const LABEL_WHAT: Text = Text {
    en: "What",
    ja: "内容",
    fr: "Objet",
};
const LABEL_WHEN: Text = Text {
    en: "When",
    ja: "日時",
    fr: "Date et heure",
};
const LABEL_PREVIOUS: Text = Text {
    en: "Previously",
    ja: "変更前の日時",
    fr: "Ancien horaire",
};
const LABEL_WHERE: Text = Text {
    en: "Where",
    ja: "場所",
    fr: "Lieu",
};
const LABEL_WITH: Text = Text {
    en: "With",
    ja: "担当者",
    fr: "Avec",
};
const LABEL_GUEST: Text = Text {
    en: "Guest",
    ja: "予約者",
    fr: "Invité",
};
const LABEL_HOSTS: Text = Text {
    en: "Hosts",
    ja: "担当者",
    fr: "Hôtes",
};
const LABEL_NOTES: Text = Text {
    en: "Notes",
    ja: "備考",
    fr: "Remarques",
};
const LABEL_REASON: Text = Text {
    en: "Reason",
    ja: "理由",
    fr: "Motif",
};
const MANAGE: Text = Text {
    en: "Cancel or reschedule",
    ja: "キャンセル・日時の変更",
    fr: "Annuler ou déplacer",
};
const OPEN_BOOKING: Text = Text {
    en: "Open the booking",
    ja: "予約を開く",
    fr: "Ouvrir la réservation",
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum BookingKind {
    Confirmed,
    Cancelled,
    Rescheduled,
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

/// The one layout behind the four booking mails: greeting (guests only),
/// what happened, the details, then the guest's manage link or the host's
/// link into the app.
fn booking_mail(
    kind: BookingKind,
    lang: Lang,
    org: &str,
    audience: Audience,
    b: &BookingMail<'_>,
    signature: &str,
) -> Rendered {
    let guest = one_line(b.guest_name);
    let title = one_line(b.title);
    let when = one_line(b.when);
    let previous = one_line(b.previous_when);
    let values = [
        ("title", title.as_str()),
        ("when", when.as_str()),
        ("guest", guest.as_str()),
        ("previous", previous.as_str()),
    ];
    let host = audience == Audience::Host;
    let (subject, intro) = match kind {
        BookingKind::Confirmed => (
            if host {
                &CONFIRMED_SUBJECT_HOST
            } else {
                &CONFIRMED_SUBJECT_GUEST
            },
            if host {
                &CONFIRMED_INTRO_HOST
            } else {
                &CONFIRMED_INTRO_GUEST
            },
        ),
        BookingKind::Cancelled => (
            if host {
                &CANCELLED_SUBJECT_HOST
            } else {
                &CANCELLED_SUBJECT_GUEST
            },
            if host {
                &CANCELLED_INTRO_HOST
            } else {
                &CANCELLED_INTRO_GUEST
            },
        ),
        BookingKind::Rescheduled => (
            match (host, previous.is_empty()) {
                (true, false) => &RESCHEDULED_SUBJECT_HOST,
                (true, true) => &RESCHEDULED_SUBJECT_HOST_NO_PREVIOUS,
                (false, false) => &RESCHEDULED_SUBJECT_GUEST,
                (false, true) => &RESCHEDULED_SUBJECT_GUEST_NO_PREVIOUS,
            },
            if host {
                &RESCHEDULED_INTRO_HOST
            } else {
                &RESCHEDULED_INTRO_GUEST
            },
        ),
        BookingKind::Reminder => (
            if host {
                &REMINDER_SUBJECT_HOST
            } else {
                &REMINDER_SUBJECT_GUEST
            },
            if host {
                &REMINDER_INTRO_HOST
            } else {
                &REMINDER_INTRO_GUEST
            },
        ),
    };
    let subject = fill(subject.get(lang), &values);
    let intro = fill(intro.get(lang), &values);
    let greeting = (!host && !guest.is_empty()).then(|| fill(GREETING.get(lang), &values));

    // Label and value pairs, in the order they are shown.
    let mut details: Vec<(String, String)> = vec![
        (LABEL_WHAT.get(lang).to_string(), b.title.trim().to_string()),
        (LABEL_WHEN.get(lang).to_string(), b.when.trim().to_string()),
    ];
    if kind == BookingKind::Rescheduled && !b.previous_when.trim().is_empty() {
        details.push((
            LABEL_PREVIOUS.get(lang).to_string(),
            b.previous_when.trim().to_string(),
        ));
    }
    if !b.location.trim().is_empty() {
        details.push((
            LABEL_WHERE.get(lang).to_string(),
            b.location.trim().to_string(),
        ));
    }
    if host {
        let who = if b.guest_email.trim().is_empty() {
            b.guest_name.trim().to_string()
        } else {
            format!("{} <{}>", b.guest_name.trim(), b.guest_email.trim())
        };
        details.push((LABEL_GUEST.get(lang).to_string(), who));
        if !b.hosts.trim().is_empty() {
            details.push((
                LABEL_HOSTS.get(lang).to_string(),
                b.hosts.trim().to_string(),
            ));
        }
    } else if !b.hosts.trim().is_empty() {
        details.push((LABEL_WITH.get(lang).to_string(), b.hosts.trim().to_string()));
    }
    if !b.notes.trim().is_empty() {
        details.push((
            LABEL_NOTES.get(lang).to_string(),
            b.notes.trim().to_string(),
        ));
    }
    for (question, answer) in b.answers {
        if !answer.trim().is_empty() {
            details.push((question.trim().to_string(), answer.trim().to_string()));
        }
    }
    if kind == BookingKind::Cancelled && !b.reason.trim().is_empty() {
        details.push((
            LABEL_REASON.get(lang).to_string(),
            b.reason.trim().to_string(),
        ));
    }

    // A guest's link to cancel or reschedule is pointless once the booking
    // is cancelled; a host's link never goes to the guest and vice versa.
    let link = match audience {
        Audience::Guest if kind != BookingKind::Cancelled => {
            b.manage_url.map(|url| (MANAGE.get(lang), url))
        }
        Audience::Guest => None,
        Audience::Host => b.detail_url.map(|url| (OPEN_BOOKING.get(lang), url)),
    };

    let separator = LABEL_SEPARATOR.get(lang);
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
    if let Some((label, url)) = link {
        text.push_str(&format!("\n{label}{separator}{url}\n"));
    }
    let text = format!("{}{}\n", text.trim_end(), signature_text(signature));

    // A video location is a plain web address: make it clickable.
    let location = b.location.trim();
    let location_link = (location.starts_with("https://") || location.starts_with("http://"))
        && !location.contains(char::is_whitespace);
    let where_label = LABEL_WHERE.get(lang);
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
                            @if location_link && label == where_label && value == location {
                                a href=(value) { (value) }
                            } @else {
                                (value)
                            }
                        }
                    }
                }
            }
            @if let Some((label, url)) = link {
                p { a href=(url) style="background: #2458d3; color: #fff; padding: 8px 16px; border-radius: 6px; text-decoration: none; display: inline-block;" { (label) } }
                p style="color: #5b6673; font-size: 12px; word-break: break-all;" { (url) }
            }
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
                    assert!(guest.text.contains(MANAGE.get(lang)), "{name}");
                    assert!(
                        guest.html.contains("https://c.example/manage/tok123"),
                        "{name}"
                    );
                }
                let no_links = BookingMail {
                    manage_url: None,
                    detail_url: None,
                    ..b
                };
                let host = f(lang, "Club", Audience::Host, &no_links, "");
                assert!(!host.text.contains("manage/tok123"), "{name}");
                assert!(!host.text.contains(MANAGE.get(lang)), "{name}");
                assert!(!host.text.contains(OPEN_BOOKING.get(lang)), "{name}");
                let guest = f(lang, "Club", Audience::Guest, &no_links, "");
                assert!(!guest.text.contains(MANAGE.get(lang)), "{name}");
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
