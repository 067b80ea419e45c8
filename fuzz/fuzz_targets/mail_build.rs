//! Arbitrary names, addresses, subjects and bodies, as guests and members
//! type them: the mail builder returns a message or an error, never a
//! panic, and a built message's headers hold no raw line breaks.
#![no_main]

use convene::domain::{IcsAttachment, Mail, MailContact};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\u{0}').map(str::to_string);
    let mut next = || parts.next().unwrap_or_default();
    let mail = Mail {
        kind: next(),
        to_email: next(),
        to_name: next(),
        subject: next(),
        text: next(),
        html: next(),
        ics: Some(IcsAttachment {
            filename: next(),
            method: next(),
            content: next(),
        }),
        reply_to: Some(MailContact {
            email: next(),
            name: next(),
        }),
        unsubscribe_url: Some(next()),
    };
    let from: lettre::message::Mailbox = "Convene <convene@example.org>".parse().unwrap();
    if let Ok(message) = convene::mail::message::build(&from, &mail, "fuzz") {
        let raw = String::from_utf8_lossy(&message.formatted()).into_owned();
        let head = raw.split("\r\n\r\n").next().unwrap_or("");
        for line in head.split("\r\n") {
            assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        }
    }
});
