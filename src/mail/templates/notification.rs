//! The mail form of an in-app notification, for members who want their
//! notifications by mail as well.

use maud::html;

use super::{Rendered, frame};
use crate::i18n::Lang;
use crate::tr;

/// The mail form of an in-app notification.
pub fn notification(
    lang: Lang,
    org: &str,
    title: &str,
    detail: &str,
    link: Option<&str>,
) -> Rendered {
    let open = tr!(lang, "mail-notification-open");
    let mut text = format!("{title}\n");
    if !detail.is_empty() {
        text.push_str(&format!("\n{detail}\n"));
    }
    if let Some(link) = link {
        text.push_str(&format!("\n{open}: {link}\n"));
    }
    let html = frame(
        lang,
        org,
        html! {
            p style="font-size: 16px; font-weight: 600;" { (title) }
            @if !detail.is_empty() { p style="white-space: pre-line;" { (detail) } }
            @if let Some(link) = link {
                p { a href=(link) style="background: #2458d3; color: #fff; padding: 8px 16px; border-radius: 6px; text-decoration: none; display: inline-block;" { (open) } }
            }
        },
    );
    Rendered {
        subject: format!("[{org}] {title}"),
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notification_renders_in_every_language() {
        for lang in [Lang::En, Lang::Ja, Lang::Fr] {
            let n = notification(
                lang,
                "Club",
                "New booking",
                "Tomorrow 10:00",
                Some("https://c.example/bookings/1"),
            );
            assert!(n.html.contains("https://c.example/bookings/1"));
        }
    }
}
