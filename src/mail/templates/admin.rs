//! Mails for admins: the test mail that checks the mail settings, and the
//! daily digest of what waits for them.

use maud::html;

use super::{Rendered, frame, signature_html, signature_text};
use crate::i18n::{Lang, Text, fill};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_mails_render_in_every_language() {
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
