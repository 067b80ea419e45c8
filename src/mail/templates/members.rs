//! Mails with a single-use link about membership: the invitation to join,
//! and the confirmation of a changed email address.

use maud::html;

use super::{Rendered, frame, signature_html, signature_text};
use crate::i18n::Lang;
use crate::tr;

/// The email invitation with its single-use join link.
pub fn invitation(
    lang: Lang,
    org: &str,
    inviter: &str,
    link: &str,
    expires: &str,
    signature: &str,
) -> Rendered {
    let subject = tr!(lang, "mail-invite-subject", inviter = inviter, org = org);
    let body = tr!(lang, "mail-invite-body", org = org, expires = expires);
    let button = tr!(lang, "mail-invite-join", org = org);
    Rendered {
        text: format!("{body}\n\n{link}{}\n", signature_text(signature)),
        html: frame(
            lang,
            org,
            html! {
                p { (body) }
                p { a href=(link) style="background: #2458d3; color: #fff; padding: 8px 16px; border-radius: 6px; text-decoration: none; display: inline-block;" { (button) } }
                p style="color: #5b6673; font-size: 12px; word-break: break-all;" { (link) }
                (signature_html(signature))
            },
        ),
        subject,
    }
}

/// Tells a person who asked to join whether they were let in; an approved
/// member gets the sign-in link.
pub fn membership_decision(lang: Lang, org: &str, approved: bool, sign_in: &str) -> Rendered {
    let (subject, body) = if approved {
        (
            tr!(lang, "mail-approved-subject", org = org),
            tr!(lang, "mail-approved-body", org = org),
        )
    } else {
        (
            tr!(lang, "mail-rejected-subject", org = org),
            tr!(lang, "mail-rejected-body", org = org),
        )
    };
    let button = tr!(lang, "mail-approved-sign-in");
    let text = if approved {
        format!("{body}\n\n{sign_in}\n")
    } else {
        format!("{body}\n")
    };
    Rendered {
        text,
        html: frame(
            lang,
            org,
            html! {
                p { (body) }
                @if approved {
                    p { a href=(sign_in) style="background: #2458d3; color: #fff; padding: 8px 16px; border-radius: 6px; text-decoration: none; display: inline-block;" { (button) } }
                }
            },
        ),
        subject,
    }
}

/// Sent to a new address before it replaces the old one.
pub fn email_change(lang: Lang, org: &str, link: &str, expires: &str) -> Rendered {
    let subject = tr!(lang, "mail-email-change-subject", org = org);
    let body = tr!(lang, "mail-email-change-body", expires = expires);
    Rendered {
        text: format!("{body}\n\n{link}\n"),
        html: frame(
            lang,
            org,
            html! { p { (body) } p { a href=(link) { (link) } } },
        ),
        subject,
    }
}

/// A link to set a new password, sent at an operator's request.
pub fn password_reset(lang: Lang, org: &str, link: &str, expires: &str) -> Rendered {
    let subject = tr!(lang, "mail-password-reset-subject", org = org);
    let body = tr!(
        lang,
        "mail-password-reset-body",
        org = org,
        expires = expires
    );
    let ignore = tr!(lang, "mail-password-reset-ignore");
    Rendered {
        text: format!("{body}\n\n{link}\n\n{ignore}\n"),
        html: frame(
            lang,
            org,
            html! { p { (body) } p { a href=(link) { (link) } } p { (ignore) } },
        ),
        subject,
    }
}
