//! The "booking feed" section of a member's Integrations page: the secret
//! address to subscribe to, how to, and rotating it.

use chrono::{DateTime, Utc};
use maud::{Markup, html};

use super::when;
use crate::i18n::{Lang, t};
use crate::web::ui::layout::csrf_field;

/// The same address for calendar apps' "subscribe" links.
pub fn webcal(url: &str) -> String {
    for scheme in ["https://", "http://"] {
        if let Some(rest) = url.strip_prefix(scheme) {
            return format!("webcal://{rest}");
        }
    }
    url.to_string()
}

pub struct FeedSection<'a> {
    pub url: &'a str,
    pub last_used: Option<DateTime<Utc>>,
    /// The member's page's address, under which the rotate form posts.
    pub member_id: &'a str,
    pub own: bool,
    pub csrf_token: &'a str,
    /// The reader's zone, for the last fetch time.
    pub zone: &'a str,
}

pub fn section(lang: Lang, f: &FeedSection<'_>) -> Markup {
    let title = if f.own {
        t(lang, "feed-title-own")
    } else {
        t(lang, "feed-title")
    };
    html! {
        section.card aria-labelledby="feed-title" {
            h2 id="feed-title" { (title) }
            p.muted { (t(lang, "feed-explained")) }
            div.field {
                label for="feed-url" { (t(lang, "feed-address")) }
                input id="feed-url" type="text" readonly value=(f.url) autocomplete="off" spellcheck="false";
            }
            p.feed-copy-status role="status" aria-live="polite" {}
            div.actions {
                // Shown by feeds.js: copying needs script.
                button type="button" data-copy-from="feed-url" data-copied=(t(lang, "feed-copied")) hidden { (t(lang, "feed-copy")) }
                a href=(webcal(f.url)) { (t(lang, "feed-subscribe")) }
            }
            dl.facts {
                dt { (t(lang, "feed-last-used")) }
                dd {
                    @match f.last_used {
                        Some(at) => (when(lang, f.zone, at)),
                        None => (t(lang, "feed-never")),
                    }
                }
            }
            details {
                summary { (t(lang, "feed-help")) }
                ul {
                    li { (t(lang, "feed-help-google")) }
                    li { (t(lang, "feed-help-outlook")) }
                    li { (t(lang, "feed-help-apple")) }
                }
            }
            p.muted { (t(lang, "feed-secret")) }
            form method="post" action={ "/members/" (f.member_id) "/feed/rotate" } data-confirm=(t(lang, "feed-rotate-confirm")) {
                (csrf_field(f.csrf_token))
                button.danger type="submit" { (t(lang, "feed-rotate")) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::webcal;

    #[test]
    fn webcal_swaps_the_scheme_only() {
        assert_eq!(
            webcal("https://c.example/ical/t.ics"),
            "webcal://c.example/ical/t.ics"
        );
        assert_eq!(
            webcal("http://localhost:8080/x"),
            "webcal://localhost:8080/x"
        );
        assert_eq!(webcal("odd"), "odd");
    }
}
