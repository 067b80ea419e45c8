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
    // The display name and subject are user text: one bounded line, so that
    // nothing a guest typed can add a header or make the library refuse.
    let name = text::header_value(&mail.to_name, text::HEADER_MAX_CHARS);
    // A member without a name is shown by address: no need to say it twice.
    let named = !name.is_empty() && !name.eq_ignore_ascii_case(address.as_ref());
    let to = Mailbox::new(named.then_some(name), address);
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
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .message_id(Some(format!("<{message_id}@{domain}>")))
        .header(AutoSubmitted)
        .multipart(body)
        .map_err(|e| BuildError::Build(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::IcsAttachment;

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
        }
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

    #[test]
    fn hostile_names_give_one_recipient_and_one_line_headers() {
        let from: Mailbox = "Convene <convene@example.org>".parse().unwrap();
        for name in [
            "Only\nLF",
            "CR\rOnly",
            "Evil\r\nBcc: stolen@evil.example",
            "Nul\0Byte",
            "Tab\there",
            "Line\u{2028}Sep",
            "abc\u{202E}gpj.exe",
            "=?utf-8?q?Evil=0D=0ABcc:_x@evil.example?=",
            "Jörg \"JJ\" <jj@x.example>, 山田",
            &"x".repeat(3_000),
        ] {
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
    }
}
