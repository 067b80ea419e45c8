//! One function per kind of mail, each returning subject, text and HTML
//! in the recipient's language. The kinds live in one module per family;
//! this module holds what every mail shares (the HTML frame, the signature)
//! and re-exports the kinds, so callers keep naming them `templates::X`.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::i18n::Lang;
use crate::tr;

mod admin;
mod booking;
mod connect;
mod members;
mod notification;

pub use admin::{admin_digest, test_mail};
pub use booking::{
    Audience, BookingKind, BookingMail, booking_cancelled, booking_confirmed, booking_mail,
    booking_reassigned, booking_reminder, booking_rescheduled, booking_subject,
};
pub use connect::connect_request;
pub use members::{email_change, invitation, membership_decision, password_reset};
pub use notification::notification;

#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Rendered {
    /// The mail of this text to one person: no calendar file, no
    /// `Reply-To`, no unsubscribe link (set them on the result if needed).
    pub fn into_mail(self, kind: &str, to_email: &str, to_name: String) -> crate::domain::Mail {
        crate::domain::Mail {
            kind: kind.to_string(),
            to_email: to_email.to_string(),
            to_name,
            subject: self.subject,
            text: self.text,
            html: self.html,
            ics: None,
            reply_to: None,
            unsubscribe_url: None,
            from_booking: None,
        }
    }
}

/// The frame every HTML mail shares: organization name, content, footer.
fn frame(lang: Lang, org: &str, content: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head { meta charset="utf-8"; }
            body style="font-family: system-ui, sans-serif; color: #1d232b; background: #f6f7f9; padding: 16px;" {
                div style="max-width: 560px; margin: 0 auto; background: #fff; border: 1px solid #d9dee4; border-radius: 8px; padding: 24px;" {
                    p style="font-weight: 700; color: #2458d3; margin: 0 0 16px;" { (org) }
                    (content)
                }
                p style="max-width: 560px; margin: 12px auto; color: #5b6673; font-size: 12px;" {
                    (tr!(lang, "mail-footer"))
                }
            }
        }
    }
    .into_string()
}

fn signature_text(signature: &str) -> String {
    if signature.trim().is_empty() {
        String::new()
    } else {
        format!("\n\n-- \n{}", signature.trim())
    }
}

fn signature_html(signature: &str) -> Markup {
    html! {
        @if !signature.trim().is_empty() {
            p style="color: #5b6673; white-space: pre-line; border-top: 1px solid #d9dee4; padding-top: 8px;" { (signature.trim()) }
        }
    }
}

/// HTML that is already safe, for callers composing their own blocks.
pub fn raw(s: String) -> PreEscaped<String> {
    PreEscaped(s)
}
