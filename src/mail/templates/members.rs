//! Mails with a single-use link about membership: the invitation to join,
//! and the confirmation of a changed email address.

use maud::html;

use super::{Rendered, frame, signature_html, signature_text};
use crate::i18n::{Lang, Text, fill};

const INVITE_SUBJECT: Text = Text {
    en: "{inviter} invites you to join {org} on Convene",
    ja: "{inviter} さんから {org} への招待が届いています",
    fr: "{inviter} vous invite à rejoindre {org} sur Convene",
};
const INVITE_BODY: Text = Text {
    en: "Follow this link to set your name and password and join {org}. The link works once and expires on {expires}.",
    ja: "次のリンクから名前とパスワードを設定して {org} に参加してください。リンクは一度だけ有効で、{expires} に期限が切れます。",
    fr: "Suivez ce lien pour choisir votre nom et votre mot de passe et rejoindre {org}. Le lien ne sert qu'une fois et expire le {expires}.",
};
const JOIN: Text = Text {
    en: "Join {org}",
    ja: "{org} に参加する",
    fr: "Rejoindre {org}",
};

/// The email invitation with its single-use join link.
pub fn invitation(
    lang: Lang,
    org: &str,
    inviter: &str,
    link: &str,
    expires: &str,
    signature: &str,
) -> Rendered {
    let values = [("org", org), ("inviter", inviter), ("expires", expires)];
    let subject = fill(INVITE_SUBJECT.get(lang), &values);
    let body = fill(INVITE_BODY.get(lang), &values);
    let button = fill(JOIN.get(lang), &values);
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

const EMAIL_CHANGE_SUBJECT: Text = Text {
    en: "Confirm your new email address for {org}",
    ja: "{org} の新しいメールアドレスの確認",
    fr: "Confirmez votre nouvelle adresse pour {org}",
};
const EMAIL_CHANGE_BODY: Text = Text {
    en: "Someone (hopefully you) asked to use this address for your account. Follow the link to confirm; until then the old address stays in use. The link expires on {expires}.",
    ja: "このアドレスをアカウントに使うよう依頼がありました。リンクから確認してください。確認されるまでは以前のアドレスが使われます。リンクは {expires} に期限が切れます。",
    fr: "Quelqu'un (vous, espérons-le) a demandé d'utiliser cette adresse pour votre compte. Suivez le lien pour confirmer ; d'ici là, l'ancienne adresse reste active. Le lien expire le {expires}.",
};

/// Sent to a new address before it replaces the old one.
pub fn email_change(lang: Lang, org: &str, link: &str, expires: &str) -> Rendered {
    let values = [("org", org), ("expires", expires)];
    let subject = fill(EMAIL_CHANGE_SUBJECT.get(lang), &values);
    let body = fill(EMAIL_CHANGE_BODY.get(lang), &values);
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
