//! Mails for admins: the test mail that checks the mail settings, and the
//! daily digest of what waits for them.

use maud::html;

use super::{Rendered, frame, signature_html, signature_text};
use crate::i18n::Lang;
use crate::tr;

/// Sent on request by an admin to check the mail settings.
pub fn test_mail(lang: Lang, org: &str, name: &str, signature: &str) -> Rendered {
    let subject = tr!(lang, "mail-test-subject", org = org);
    let body = tr!(lang, "mail-test-body", name = name);
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

/// The daily summary for admins.
pub fn admin_digest(
    lang: Lang,
    org: &str,
    base_url: &str,
    pending: &[(String, String)],
    failed: u64,
) -> Rendered {
    let subject = tr!(
        lang,
        "mail-digest-subject",
        org = org,
        pending = pending.len(),
        failed = failed
    );
    let failed_line = tr!(lang, "mail-digest-failed", failed = failed);
    let pending_heading = tr!(lang, "mail-digest-pending");
    let members_url = format!("{base_url}/members?state=pending");
    let queue_url = format!("{base_url}/admin/mail");
    let mut text = String::new();
    if !pending.is_empty() {
        text.push_str(&pending_heading);
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
                h2 style="font-size: 16px;" { (pending_heading) }
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
