//! Why a sync failed, as a stable code and what the other side said.

use crate::i18n::{Lang, Msg};
use crate::net::OutboundError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: &'static str,
    /// The other side's words (a status line, an error text), or ours.
    pub detail: String,
}

impl Problem {
    pub fn new(code: &'static str, detail: impl Into<String>) -> Problem {
        Problem {
            code,
            detail: detail.into(),
        }
    }

    /// A failed call: refused by the guard, too large, or not answered.
    pub fn from_outbound(e: &OutboundError) -> Problem {
        match e {
            OutboundError::TooLarge(n) => Problem::new("too_large", n.to_string()),
            e if e.is_refusal() => Problem::new("refused", e.to_string()),
            e => Problem::new("unreachable", e.to_string()),
        }
    }

    /// An answer that is not a success.
    pub fn from_status(status: u16) -> Problem {
        let code = match status {
            401 | 403 => "unauthorized",
            404 | 410 => "not_found",
            _ => "http_error",
        };
        Problem::new(code, format!("HTTP {status}"))
    }

    pub fn from_expand(e: &crate::calendar::ExpandError) -> Problem {
        Problem::new(
            match e.code() {
                "not_a_calendar" => "not_a_calendar",
                "too_many_occurrences" => "too_many_events",
                _ => "unparsable",
            },
            e.to_string(),
        )
    }

    /// The sentence a member or admin reads.
    pub fn message(code: &str, detail: &str) -> Msg {
        let key = match code {
            "unreachable" => "cal-problem-unreachable",
            "refused" => "cal-problem-refused",
            "too_large" => "cal-problem-too-large",
            "unauthorized" => "cal-problem-unauthorized",
            "not_found" => "cal-problem-not-found",
            "http_error" => "cal-problem-http",
            "not_a_calendar" => "cal-problem-not-a-calendar",
            "unparsable" => "cal-problem-unparsable",
            "too_many_events" => "cal-problem-too-many",
            "no_calendars" => "cal-problem-no-calendars",
            "not_caldav" => "cal-problem-not-caldav",
            "password_unreadable" => "cal-problem-password",
            "write_target_gone" => "cal-problem-write-target-gone",
            _ => "cal-problem-other",
        };
        Msg::key(key).arg("detail", detail.to_string())
    }

    pub fn text(code: &str, detail: &str, lang: Lang) -> String {
        Problem::message(code, detail).render(lang)
    }
}
