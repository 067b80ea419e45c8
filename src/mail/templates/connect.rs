//! The mail that asks an external member for candidate dates.

use maud::html;

use super::{Rendered, frame, signature_html, signature_text};
use crate::i18n::Lang;
use crate::tr;

/// The request for candidate dates, with the link to the date page.
pub fn connect_request(
    lang: Lang,
    org: &str,
    inviter: &str,
    name: &str,
    link: &str,
    expires: &str,
    signature: &str,
) -> Rendered {
    let subject = tr!(lang, "mail-connect-subject", inviter = inviter, org = org);
    let greeting = tr!(lang, "mail-connect-greeting", name = name);
    let body = tr!(
        lang,
        "mail-connect-body",
        inviter = inviter,
        org = org,
        expires = expires
    );
    let button = tr!(lang, "mail-connect-button");
    Rendered {
        text: format!(
            "{greeting}\n\n{body}\n\n{link}{}\n",
            signature_text(signature)
        ),
        html: frame(
            lang,
            org,
            html! {
                p { (greeting) }
                p { (body) }
                p { a href=(link) style="background: #2458d3; color: #fff; padding: 8px 16px; border-radius: 6px; text-decoration: none; display: inline-block;" { (button) } }
                p style="color: #5b6673; font-size: 12px; word-break: break-all;" { (link) }
                (signature_html(signature))
            },
        ),
        subject,
    }
}
