//! One function per kind of mail, each returning subject, text and HTML
//! in the recipient's language.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::i18n::{Lang, Text, fill};

#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
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
                    (FOOTER.get(lang))
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

const FOOTER: Text = Text {
    en: "Sent by Convene. You receive this mail because of your account or a booking.",
    ja: "Convene から送信されました。アカウントまたは予約に関するお知らせです。",
    fr: "Envoyé par Convene. Vous recevez ce message en raison de votre compte ou d'une réservation.",
};

const TEST_SUBJECT: Text = Text {
    en: "Test message from {org}",
    ja: "{org} からのテストメッセージ",
    fr: "Message de test de {org}",
};
const TEST_BODY: Text = Text {
    en: "Hello {name}, this is a test message. If you can read it, mail from Convene reaches you.",
    ja: "{name} さん、これはテストメッセージです。このメールが読めれば、Convene からのメールは届いています。",
    fr: "Bonjour {name}, ceci est un message de test. Si vous le lisez, les messages de Convene vous parviennent.",
};

/// Sent on request by an admin to check the mail settings.
pub fn test_mail(lang: Lang, org: &str, name: &str, signature: &str) -> Rendered {
    let subject = fill(TEST_SUBJECT.get(lang), &[("org", org)]);
    let body = fill(TEST_BODY.get(lang), &[("name", name)]);
    Rendered {
        text: format!("{body}{}\n", signature_text(signature)),
        html: frame(
            lang,
            org,
            html! { p { (body) } (signature_html(signature)) },
        ),
        subject,
    }
}

const DIGEST_SUBJECT: Text = Text {
    en: "{org}: {pending} waiting for approval, {failed} failed mails",
    ja: "{org}：承認待ち {pending} 件、送信失敗メール {failed} 件",
    fr: "{org} : {pending} en attente d'approbation, {failed} messages en échec",
};
const DIGEST_PENDING: Text = Text {
    en: "Waiting for approval",
    ja: "承認待ちのメンバー",
    fr: "En attente d'approbation",
};
const DIGEST_FAILED: Text = Text {
    en: "Mails that could not be sent: {failed}. See the mail queue.",
    ja: "送信できなかったメール：{failed} 件。メールキューを確認してください。",
    fr: "Messages non envoyés : {failed}. Voir la file d'envoi.",
};

/// The daily summary for admins.
pub fn admin_digest(
    lang: Lang,
    org: &str,
    base_url: &str,
    pending: &[(String, String)],
    failed: u64,
) -> Rendered {
    let counts = [
        ("org", org.to_string()),
        ("pending", pending.len().to_string()),
        ("failed", failed.to_string()),
    ];
    let values: Vec<(&str, &str)> = counts.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let subject = fill(DIGEST_SUBJECT.get(lang), &values);
    let failed_line = fill(DIGEST_FAILED.get(lang), &values);
    let members_url = format!("{base_url}/members?state=pending");
    let queue_url = format!("{base_url}/admin/mail");
    let mut text = String::new();
    if !pending.is_empty() {
        text.push_str(DIGEST_PENDING.get(lang));
        text.push_str(":\n");
        for (name, email) in pending {
            text.push_str(&format!("- {name} <{email}>\n"));
        }
        text.push_str(&format!("{members_url}\n\n"));
    }
    if failed > 0 {
        text.push_str(&format!("{failed_line}\n{queue_url}\n"));
    }
    let html = frame(
        lang,
        org,
        html! {
            @if !pending.is_empty() {
                h2 style="font-size: 16px;" { (DIGEST_PENDING.get(lang)) }
                ul { @for (name, email) in pending { li { (name) " <" (email) ">" } } }
                p { a href=(members_url) { (members_url) } }
            }
            @if failed > 0 {
                p { (failed_line) " " a href=(queue_url) { (queue_url) } }
            }
        },
    );
    Rendered {
        subject,
        text,
        html,
    }
}

const OPEN: Text = Text {
    en: "Open in Convene",
    ja: "Convene で開く",
    fr: "Ouvrir dans Convene",
};

/// The mail form of an in-app notification.
pub fn notification(
    lang: Lang,
    org: &str,
    title: &str,
    detail: &str,
    link: Option<&str>,
) -> Rendered {
    let mut text = format!("{title}\n");
    if !detail.is_empty() {
        text.push_str(&format!("\n{detail}\n"));
    }
    if let Some(link) = link {
        text.push_str(&format!("\n{}: {link}\n", OPEN.get(lang)));
    }
    let html = frame(
        lang,
        org,
        html! {
            p style="font-size: 16px; font-weight: 600;" { (title) }
            @if !detail.is_empty() { p style="white-space: pre-line;" { (detail) } }
            @if let Some(link) = link {
                p { a href=(link) style="background: #2458d3; color: #fff; padding: 8px 16px; border-radius: 6px; text-decoration: none; display: inline-block;" { (OPEN.get(lang)) } }
            }
        },
    );
    Rendered {
        subject: format!("[{org}] {title}"),
        text,
        html,
    }
}

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

/// HTML that is already safe, for callers composing their own blocks.
pub fn raw(s: String) -> PreEscaped<String> {
    PreEscaped(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_renders_in_every_language() {
        for lang in [Lang::En, Lang::Ja, Lang::Fr] {
            let t = test_mail(lang, "テスト株式会社", "山田 太郎", "山田\n営業部");
            assert!(t.subject.contains("テスト株式会社"));
            assert!(t.text.contains("山田 太郎") && t.text.contains("営業部"));
            assert!(t.html.contains("山田 太郎"));
            let d = admin_digest(
                lang,
                "Club",
                "https://c.example",
                &[("Ann".into(), "ann@x.org".into())],
                2,
            );
            assert!(
                d.text.contains("ann@x.org")
                    && d.text.contains("https://c.example/members?state=pending")
            );
            assert!(d.subject.contains('1') && d.subject.contains('2'));
            let n = notification(
                lang,
                "Club",
                "New booking",
                "Tomorrow 10:00",
                Some("https://c.example/bookings/1"),
            );
            assert!(n.html.contains("https://c.example/bookings/1"));
        }
        assert!(
            test_mail(Lang::Ja, "Club", "Ann", "")
                .subject
                .contains("テストメッセージ")
        );
        assert!(
            test_mail(Lang::Fr, "Club", "Ann", "")
                .subject
                .starts_with("Message de test")
        );
    }

    #[test]
    fn html_is_escaped() {
        let t = test_mail(Lang::En, "<b>Org</b>", "<script>x</script>", "");
        assert!(!t.html.contains("<script>") && !t.html.contains("<b>Org"));
    }
}
