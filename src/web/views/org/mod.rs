//! Views of the signed-in organization pages: the dashboard, settings, API
//! keys and the audit log, webhooks, the mail queue and the jobs,
//! notifications and their preferences, a member's schedule, and the
//! sections still waiting for their features.

mod admin;
mod dashboard;
mod notifications;
mod schedule;
mod settings;
mod webhooks;

pub use admin::{jobs, mail_queue, mail_test};
pub use dashboard::{
    AdminCounts, Dashboard, HostPanel, SetupStep, calendar_errors_card, dashboard,
};
pub use notifications::{notification_title, notifications, preferences};
pub use schedule::{PeriodForm, ScheduleForm, ScheduleView, schedule};
pub use settings::{
    AdminSections, Flash, MailSummary, OrgForm, RulesForm, Section, SettingsView, settings,
};
pub use webhooks::{Done as WebhooksDone, Hooks, Page as WebhooksPage, webhooks};

use chrono::{DateTime, SecondsFormat, Utc};
use maud::{Markup, html};

use crate::i18n::Lang;
use crate::i18n::dates::{self, Clock};

/// Stand-ins for markup inside a translated sentence (a link, a bold
/// name, a code sample): the sentence is formatted with these as its
/// arguments, then each is replaced by its markup, so translators keep
/// the whole sentence and the order of its parts. Private-use
/// characters, which no catalog text contains.
const SLOTS: [&str; 3] = ["\u{E000}", "\u{E001}", "\u{E002}"];

/// `text` with `SLOTS[i]` replaced by `parts[i]`; the rest is escaped.
fn rich(text: &str, parts: &[Markup]) -> Markup {
    enum Piece<'a> {
        Text(&'a str),
        Part(&'a Markup),
    }
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some((at, i)) = SLOTS
        .iter()
        .enumerate()
        .take(parts.len())
        .filter_map(|(i, s)| rest.find(s).map(|at| (at, i)))
        .min()
    {
        pieces.push(Piece::Text(&rest[..at]));
        if let Some(part) = parts.get(i) {
            pieces.push(Piece::Part(part));
        }
        rest = &rest[at + SLOTS[i].len()..];
    }
    pieces.push(Piece::Text(rest));
    html! {
        @for piece in &pieces {
            @match piece {
                Piece::Text(t) => (t),
                Piece::Part(m) => (m),
            }
        }
    }
}

/// An instant on a page whose column says "(UTC)": written for the
/// reader, exact for machines.
fn utc_time(lang: Lang, at: DateTime<Utc>) -> Markup {
    html! {
        time datetime=(at.to_rfc3339_opts(SecondsFormat::Secs, true)) {
            (dates::date_time(lang, Clock::default_for(lang), &at))
        }
    }
}

#[cfg(test)]
mod dashboard_tests;
#[cfg(test)]
mod tests;
