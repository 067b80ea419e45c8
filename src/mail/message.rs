//! Builds the MIME message: multipart/alternative (text + HTML), plus a
//! text/calendar part when an .ics travels with it.

use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};

use crate::domain::Mail;

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("bad recipient address {0:?}")]
    Recipient(String),
    #[error("cannot build the message: {0}")]
    Build(String),
}

pub fn build(from: &Mailbox, mail: &Mail, message_id: &str) -> Result<Message, BuildError> {
    let address = mail
        .to_email
        .parse()
        .map_err(|_| BuildError::Recipient(mail.to_email.clone()))?;
    let name = (!mail.to_name.trim().is_empty()).then(|| mail.to_name.trim().to_string());
    let to = Mailbox::new(name, address);
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
        .subject(mail.subject.clone())
        .message_id(Some(format!("<{message_id}@{domain}>")))
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
            !raw.contains("予約"),
            "raw UTF-8 must be encoded in headers and bodies"
        );
    }
}
