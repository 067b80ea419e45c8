//! Builds the MIME message: multipart/alternative (text + HTML), plus a
//! text/calendar part when an .ics travels with it.

use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};

use crate::domain::{Mail, text};

/// `Auto-Submitted: auto-generated` (RFC 3834): every mail of ours is
/// sent by the server, so vacation responders and ticket systems do not
/// answer it.
#[derive(Debug, Clone, Copy)]
struct AutoSubmitted;

impl lettre::message::header::Header for AutoSubmitted {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }

    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), "auto-generated".into())
    }
}

/// `List-Unsubscribe` (RFC 2369): where the reader stops mails like this
/// one, a page of ours. Only a checked https (or http) address in angle
/// brackets: nothing in it can end the line or add a second address. No
/// `List-Unsubscribe-Post` (RFC 8058): the page asks its reader to sign in,
/// so one-click unsubscribing is not offered.
#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl lettre::message::header::Header for ListUnsubscribe {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        let url = s
            .trim()
            .strip_prefix('<')
            .and_then(|s| s.strip_suffix('>'))
            .ok_or("not <url>")?;
        unsubscribe_url(url)
            .map(ListUnsubscribe)
            .ok_or_else(|| "not an http(s) address".into())
    }

    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// Longest unsubscribe address: a header line stays far below the 998
/// octets SMTP allows.
const UNSUBSCRIBE_MAX_LEN: usize = 900;

/// The address as it can stand in `List-Unsubscribe`, or None: http or
/// https, printable ASCII without spaces, angle brackets or commas (which
/// would end the address or start another).
fn unsubscribe_url(url: &str) -> Option<String> {
    let url = url.trim();
    let scheme = url.starts_with("https://") || url.starts_with("http://");
    let clean = url
        .bytes()
        .all(|b| b.is_ascii_graphic() && !matches!(b, b'<' | b'>' | b',' | b'"'));
    (scheme && clean && url.len() <= UNSUBSCRIBE_MAX_LEN).then(|| url.to_string())
}

/// A mailbox with a display name from user text: one bounded line, so that
/// nothing a guest typed can add a header or make the library refuse; no
/// name when it would only repeat the address.
fn mailbox(name: &str, address: lettre::Address) -> Mailbox {
    let name = text::header_value(name, text::HEADER_MAX_CHARS);
    let named = !name.is_empty() && !name.eq_ignore_ascii_case(address.as_ref());
    let mailbox = Mailbox::new(named.then_some(name), address.clone());
    // The library writes a few names unquoted that no parser reads back as
    // a mailbox (a lone ".", a name starting with one): such a name is
    // left out rather than sent as a header mail clients cannot read.
    if named && !reads_back(&mailbox) {
        return Mailbox::new(None, address);
    }
    mailbox
}

/// Whether `mailbox`, written as a header is written, parses back to one
/// mailbox with the same address.
fn reads_back(mailbox: &Mailbox) -> bool {
    use lettre::message::Mailboxes;
    use lettre::message::header::{Headers, ReplyTo};
    use std::str::FromStr;
    let mut headers = Headers::new();
    headers.set(ReplyTo::from(Mailboxes::from(mailbox.clone())));
    let written = headers.to_string();
    let value = written
        .strip_prefix("Reply-To: ")
        .unwrap_or(&written)
        .trim_end()
        .replace("\r\n ", " ");
    Mailboxes::from_str(&value).is_ok_and(|all| {
        let mut each = all.iter();
        each.next().is_some_and(|m| m.email == mailbox.email) && each.next().is_none()
    })
}

/// The `Reply-To` mailbox, or None: an address that does not parse is left
/// out (the mail still goes), and so is the recipient's own address.
fn reply_to(mail: &Mail, to: &lettre::Address) -> Option<Mailbox> {
    let contact = mail.reply_to.as_ref()?;
    let address: lettre::Address = contact.email.trim().parse().ok()?;
    let (a, b): (&str, &str) = (address.as_ref(), to.as_ref());
    (!a.eq_ignore_ascii_case(b)).then(|| mailbox(&contact.name, address))
}

/// Subjects are cut here; mail clients show far fewer characters anyway.
const SUBJECT_MAX_CHARS: usize = 250;

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("bad recipient address {0:?}")]
    Recipient(String),
    #[error("cannot build the message: {0}")]
    Build(String),
}

pub fn build(from: &Mailbox, mail: &Mail, message_id: &str) -> Result<Message, BuildError> {
    let address: lettre::Address = mail
        .to_email
        .trim()
        .parse()
        .map_err(|_| BuildError::Recipient(text::one_line(&mail.to_email)))?;
    // The display names and subject are user text: one bounded line each.
    // A member without a name is shown by address: no need to say it twice.
    let reply_to = reply_to(mail, &address);
    let to = mailbox(&mail.to_name, address);
    let unsubscribe = mail.unsubscribe_url.as_deref().and_then(unsubscribe_url);
    let subject = text::header_value(&mail.subject, SUBJECT_MAX_CHARS);
    let domain = from.email.domain().to_string();
    let alternative = MultiPart::alternative()
        .singlepart(SinglePart::plain(mail.text.clone()))
        .singlepart(SinglePart::html(mail.html.clone()));
    let body = match &mail.ics {
        None => alternative,
        Some(ics) => {
            let calendar_type = ContentType::parse(&format!(
                "text/calendar; charset=utf-8; method={}",
                ics.method
            ))
            .map_err(|e| BuildError::Build(e.to_string()))?;
            // The inline text/calendar part is what calendar clients act on;
            // the attachment is for people who save it.
            let inline = MultiPart::alternative()
                .singlepart(SinglePart::plain(mail.text.clone()))
                .singlepart(SinglePart::html(mail.html.clone()))
                .singlepart(
                    SinglePart::builder()
                        .header(calendar_type.clone())
                        .body(ics.content.clone()),
                );
            let attachment_type = ContentType::parse("application/ics")
                .map_err(|e| BuildError::Build(e.to_string()))?;
            MultiPart::mixed().multipart(inline).singlepart(
                Attachment::new(ics.filename.clone()).body(ics.content.clone(), attachment_type),
            )
        }
    };
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .message_id(Some(format!("<{message_id}@{domain}>")))
        .header(AutoSubmitted);
    if let Some(r) = reply_to {
        builder = builder.reply_to(r);
    }
    if let Some(url) = unsubscribe {
        builder = builder.header(ListUnsubscribe(url));
    }
    builder
        .multipart(body)
        .map_err(|e| BuildError::Build(e.to_string()))
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;
    use crate::domain::{IcsAttachment, MailContact};

    #[test]
    fn japanese_subject_and_name_are_encoded() {
        let from: Mailbox = "Convene <convene@example.org>".parse().unwrap();
        let mail = Mail {
            kind: "test".into(),
            to_email: "taro@example.jp".into(),
            to_name: "山田 太郎".into(),
            subject: "予約の確認".into(),
            text: "こんにちは".into(),
            html: "<p>こんにちは</p>".into(),
            ics: Some(IcsAttachment {
                filename: "invite.ics".into(),
                method: "REQUEST".into(),
                content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".into(),
            }),
            reply_to: None,
            unsubscribe_url: None,
            from_booking: None,
        };
        let raw = String::from_utf8(build(&from, &mail, "abc").unwrap().formatted()).unwrap();
        assert!(raw.contains("Subject: =?utf-8?b?"), "{raw}");
        assert!(raw.contains("To: =?utf-8?b?"), "{raw}");
        assert!(raw.contains("multipart/mixed") && raw.contains("multipart/alternative"));
        assert!(raw.contains("text/calendar; charset=utf-8; method=REQUEST"));
        assert!(raw.contains("invite.ics"));
        assert!(raw.contains("Message-ID: <abc@example.org>"));
        assert!(
            raw.contains("Auto-Submitted: auto-generated"),
            "RFC 3834: {raw}"
        );
        assert!(
            !raw.contains("予約"),
            "raw UTF-8 must be encoded in headers and bodies"
        );
    }
    fn mail_to(name: &str, subject: &str) -> Mail {
        Mail {
            kind: "booking_confirmed".into(),
            to_email: "guest@example.org".into(),
            to_name: name.into(),
            subject: subject.into(),
            text: "body".into(),
            html: "<p>body</p>".into(),
            ics: None,
            reply_to: None,
            unsubscribe_url: None,
            from_booking: None,
        }
    }

    /// A guest's mail that names the host to answer.
    fn mail_replying_to(name: &str, email: &str) -> Mail {
        Mail {
            reply_to: Some(MailContact {
                email: email.into(),
                name: name.into(),
            }),
            ..mail_to("Gail Guest", "Booked")
        }
    }

    fn header<'a>(hs: &'a [String], name: &str) -> Vec<&'a str> {
        let prefix = format!("{}:", name.to_ascii_lowercase());
        hs.iter()
            .filter(|h| h.to_ascii_lowercase().starts_with(&prefix))
            .map(|h| h[prefix.len()..].trim())
            .collect()
    }

    #[test]
    fn reply_to_names_the_person_to_answer() {
        let from: Mailbox = "Convene <convene@example.org>".parse().unwrap();
        let message = build(
            &from,
            &mail_replying_to("Olive Owner", "owner@example.org"),
            "r1",
        )
        .unwrap();
        let hs = headers(&message.formatted());
        assert_eq!(
            header(&hs, "Reply-To"),
            ["\"Olive Owner\" <owner@example.org>"],
            "{hs:?}"
        );
        assert_eq!(message.envelope().to().len(), 1, "not a recipient");
        // Encoded like the recipient's name.
        let message = build(
            &from,
            &mail_replying_to("山田 花子", "hanako@example.jp"),
            "r2",
        )
        .unwrap();
        let hs = headers(&message.formatted());
        let reply = header(&hs, "Reply-To");
        assert_eq!(reply.len(), 1);
        assert!(reply[0].starts_with("=?utf-8?b?"), "{reply:?}");
        assert!(reply[0].ends_with("<hanako@example.jp>"), "{reply:?}");
        // A member without a name: the address alone.
        let message = build(
            &from,
            &mail_replying_to("ann@example.org", " ann@example.org "),
            "r3",
        )
        .unwrap();
        let hs = headers(&message.formatted());
        assert_eq!(header(&hs, "Reply-To"), ["ann@example.org"]);
    }

    #[test]
    fn a_name_written_as_no_mailbox_reads_is_left_out() {
        let from: Mailbox = "Convene <convene@example.org>".parse().unwrap();
        for (name, written) in [
            // Written unquoted by the library, and unreadable so.
            (".", "host@example.org"),
            (".guest", "host@example.org"),
            // Readable: the names stay.
            ("Dr. Hana", "\"Dr. Hana\" <host@example.org>"),
            ("hana.", "hana. <host@example.org>"),
        ] {
            let message = build(&from, &mail_replying_to(name, "host@example.org"), "d1").unwrap();
            let hs = headers(&message.formatted());
            assert_eq!(header(&hs, "Reply-To"), [written], "{name:?}");
        }
    }

    #[test]
    fn no_reply_to_without_a_person_or_a_usable_address() {
        let from: Mailbox = "Convene <convene@example.org>".parse().unwrap();
        let none = build(&from, &mail_to("Gail", "Booked"), "n1").unwrap();
        assert!(header(&headers(&none.formatted()), "Reply-To").is_empty());
        for email in [
            "",
            "not an address",
            "host@example.org\r\nBcc: stolen@evil.example",
            "host@example.org, other@evil.example",
            "<host@example.org>",
            // The recipient themself: nothing to say.
            "Guest@Example.org",
        ] {
            let message = build(&from, &mail_replying_to("Host", email), "n2");
            let message = message.unwrap_or_else(|e| panic!("{email:?}: {e}"));
            let hs = headers(&message.formatted());
            assert!(header(&hs, "Reply-To").is_empty(), "{email:?}: {hs:?}");
            assert!(header(&hs, "Bcc").is_empty() && header(&hs, "Cc").is_empty());
            assert_eq!(message.envelope().to().len(), 1);
        }
    }

    #[test]
    fn hostile_reply_to_names_stay_in_one_header() {
        let from: Mailbox = "Convene <convene@example.org>".parse().unwrap();
        for name in &hostile() {
            let message = build(&from, &mail_replying_to(name, "host@example.org"), "h1").unwrap();
            let envelope = message.envelope();
            assert_eq!(envelope.to().len(), 1, "{name:?}");
            assert_eq!(envelope.to()[0].to_string(), "guest@example.org");
            let hs = headers(&message.formatted());
            let reply = header(&hs, "Reply-To");
            assert_eq!(reply.len(), 1, "{name:?}: {hs:?}");
            assert!(
                reply[0].ends_with("<host@example.org>"),
                "{name:?}: {reply:?}"
            );
            assert!(
                header(&hs, "Bcc").is_empty() && header(&hs, "Cc").is_empty(),
                "{name:?}: {hs:?}"
            );
            let parsed = lettre::message::Mailboxes::from_str(reply[0]);
            let parsed = parsed.unwrap_or_else(|e| panic!("{name:?}: {e}: {reply:?}"));
            let addresses: Vec<String> = parsed.iter().map(|m| m.email.to_string()).collect();
            assert_eq!(addresses, ["host@example.org"], "{name:?}");
        }
    }

    #[test]
    fn list_unsubscribe_points_at_the_page() {
        let from: Mailbox = "Convene <convene@example.org>".parse().unwrap();
        let mail = Mail {
            unsubscribe_url: Some("https://convene.example/settings/notifications".into()),
            from_booking: None,
            ..mail_to("Olive", "Reminder")
        };
        let hs = headers(&build(&from, &mail, "u1").unwrap().formatted());
        assert_eq!(
            header(&hs, "List-Unsubscribe"),
            ["<https://convene.example/settings/notifications>"]
        );
        assert!(
            header(&hs, "List-Unsubscribe-Post").is_empty(),
            "no one-click: the page asks to sign in"
        );
        let none = build(&from, &mail_to("Olive", "Reminder"), "u2").unwrap();
        assert!(header(&headers(&none.formatted()), "List-Unsubscribe").is_empty());
        for url in [
            "",
            "javascript:alert(1)",
            "mailto:leave@example.org",
            "convene.example/settings/notifications",
            "https://convene.example/x>, <mailto:evil@x.example",
            "https://convene.example/\r\nBcc: stolen@evil.example",
            "https://convene.example/a b",
            "https://convene.example/é",
            &format!("https://convene.example/{}", "x".repeat(1_000)),
        ] {
            let mail = Mail {
                unsubscribe_url: Some(url.into()),
                ..mail_to("Olive", "Reminder")
            };
            let message = build(&from, &mail, "u3").unwrap_or_else(|e| panic!("{url:?}: {e}"));
            let hs = headers(&message.formatted());
            assert!(
                header(&hs, "List-Unsubscribe").is_empty(),
                "{url:?}: {hs:?}"
            );
            assert!(header(&hs, "Bcc").is_empty());
        }
    }

    #[test]
    fn a_recipient_without_a_name_is_addressed_by_address_alone() {
        // An invitation to someone whose name is not known yet: the name
        // given is the address, which is not repeated as a display name.
        let from: Mailbox = "Convene <convene@example.org>".parse().unwrap();
        let mail = Mail {
            kind: "invitation".into(),
            to_email: "ann@example.com".into(),
            to_name: "Ann@Example.com".into(),
            ..mail_to("", "Join Club")
        };
        let hs = headers(&build(&from, &mail, "i1").unwrap().formatted());
        assert_eq!(header(&hs, "To"), ["ann@example.com"], "{hs:?}");
    }

    /// The header block of a formatted message, unfolded into one string
    /// per header; fails the test on a bare CR or LF.
    fn headers(raw: &[u8]) -> Vec<String> {
        let raw = String::from_utf8_lossy(raw);
        let head = raw.split("\r\n\r\n").next().unwrap_or_default();
        let mut out: Vec<String> = Vec::new();
        for line in head.split("\r\n") {
            assert!(!line.contains(['\r', '\n']), "bare CR or LF in {line:?}");
            if line.starts_with([' ', '\t']) {
                if let Some(last) = out.last_mut() {
                    last.push_str(line);
                }
            } else {
                out.push(line.to_string());
            }
        }
        out
    }

    /// Names a guest may type to break a header.
    fn hostile() -> Vec<String> {
        [
            "Only\nLF",
            "CR\rOnly",
            "Evil\r\nBcc: stolen@evil.example",
            "Evil\r\nReply-To: thief@evil.example",
            "Nul\0Byte",
            "Tab\there",
            "Line\u{2028}Sep",
            "abc\u{202E}gpj.exe",
            "=?utf-8?q?Evil=0D=0ABcc:_x@evil.example?=",
            "Jörg \"JJ\" <jj@x.example>, 山田",
        ]
        .into_iter()
        .map(String::from)
        .chain(["x".repeat(3_000)])
        .collect()
    }

    #[test]
    fn hostile_names_give_one_recipient_and_one_line_headers() {
        let from: Mailbox = "Convene <convene@example.org>".parse().unwrap();
        for name in &hostile() {
            let message = build(&from, &mail_to(name, &format!("Booked: {name}")), "id1").unwrap();
            let envelope = message.envelope();
            assert_eq!(envelope.to().len(), 1, "{name:?}");
            assert_eq!(envelope.to()[0].to_string(), "guest@example.org");
            let hs = headers(&message.formatted());
            assert_eq!(hs.iter().filter(|h| h.starts_with("To:")).count(), 1);
            assert!(
                !hs.iter()
                    .any(|h| h.to_ascii_lowercase().starts_with("bcc:"))
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn any_name_and_subject_build(name in proptest::prelude::any::<String>(),
                                      subject in proptest::prelude::any::<String>()) {
            let from: Mailbox = "Convene <convene@example.org>".parse().unwrap();
            let message = build(&from, &mail_to(&name, &subject), "id2");
            proptest::prop_assert!(message.is_ok(), "{:?}", message.err());
            let message = message.unwrap();
            proptest::prop_assert_eq!(message.envelope().to().len(), 1);
            let hs = headers(&message.formatted());
            proptest::prop_assert_eq!(hs.iter().filter(|h| h.starts_with("To:")).count(), 1);
        }

        #[test]
        fn any_reply_to_builds_with_one_recipient(name in proptest::prelude::any::<String>(),
                                                  email in proptest::prelude::any::<String>(),
                                                  url in proptest::prelude::any::<String>()) {
            let from: Mailbox = "Convene <convene@example.org>".parse().unwrap();
            let mail = Mail {
                unsubscribe_url: Some(url),
                ..mail_replying_to(&name, &email)
            };
            let message = build(&from, &mail, "id3");
            proptest::prop_assert!(message.is_ok(), "{:?}", message.err());
            let message = message.unwrap();
            proptest::prop_assert_eq!(message.envelope().to().len(), 1);
            let hs = headers(&message.formatted());
            proptest::prop_assert!(header(&hs, "Reply-To").len() <= 1);
            proptest::prop_assert!(header(&hs, "List-Unsubscribe").len() <= 1);
            proptest::prop_assert!(header(&hs, "Bcc").is_empty() && header(&hs, "Cc").is_empty());
        }

        #[test]
        fn any_name_on_a_good_reply_address_stays_one_mailbox(name in proptest::prelude::any::<String>()) {
            let from: Mailbox = "Convene <convene@example.org>".parse().unwrap();
            let message = build(&from, &mail_replying_to(&name, "host@example.org"), "id4").unwrap();
            let hs = headers(&message.formatted());
            let reply = header(&hs, "Reply-To");
            proptest::prop_assert_eq!(reply.len(), 1);
            let parsed = lettre::message::Mailboxes::from_str(reply[0]);
            proptest::prop_assert!(parsed.is_ok(), "{:?}", reply);
            let addresses: Vec<String> = parsed.unwrap().iter().map(|m| m.email.to_string()).collect();
            proptest::prop_assert_eq!(addresses, vec!["host@example.org".to_string()]);
        }
    }
}
