//! Every member's integration status, for admins: calendar connected and
//! syncing, meeting URL set, with filters and their counts.

use maud::{Markup, html};

use super::{state_badge, when};
use crate::domain::{CalendarConnection, Member};
use crate::i18n::names::member_name;
use crate::i18n::{Lang, t};
pub use crate::service::calendars::IntegrationFilter;
use crate::tr;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{Nav, page};

pub fn filter_label(f: IntegrationFilter, lang: Lang) -> String {
    t(
        lang,
        match f {
            IntegrationFilter::All => "cal-filter-all",
            IntegrationFilter::Connected => "cal-filter-connected",
            IntegrationFilter::Failing => "cal-filter-failing",
            IntegrationFilter::NoCalendar => "cal-filter-none",
            IntegrationFilter::NoMeetingUrl => "cal-filter-no-meeting-url",
        },
    )
}

/// One member and their connections.
pub struct IntegrationRow {
    pub member: Member,
    pub connections: Vec<CalendarConnection>,
    /// When the member's booking feed was last fetched.
    pub feed_used: Option<chrono::DateTime<chrono::Utc>>,
}

impl IntegrationRow {
    fn kept_by(&self, f: IntegrationFilter) -> bool {
        f.keeps(&self.member, &self.connections)
    }
}

pub fn overview(
    user: &PageUser,
    lang: Lang,
    rows: &[IntegrationRow],
    filter: IntegrationFilter,
) -> Markup {
    let zone = user.member.timezone.as_str();
    let count = |f: IntegrationFilter| rows.iter().filter(|r| r.kept_by(f)).count();
    let shown: Vec<&IntegrationRow> = rows.iter().filter(|r| r.kept_by(filter)).collect();
    let body = html! {
        nav.filters aria-label=(t(lang, "cal-filters")) {
            ul {
                @for f in IntegrationFilter::ALL {
                    li {
                        a href={ "/admin/integrations" @if f != IntegrationFilter::All { "?integration=" (f.as_str()) } }
                          aria-current=[(f == filter).then_some("page")] {
                            (filter_label(f, lang)) " (" (count(f)) ")"
                        }
                    }
                }
            }
        }
        @if shown.is_empty() {
            div.empty { p { (t(lang, "cal-overview-empty")) } }
        } @else {
            table {
                thead { tr {
                    th { (t(lang, "cal-col-member")) }
                    th { (t(lang, "cal-col-calendar")) }
                    th { (t(lang, "cal-col-last-sync")) }
                    th { (t(lang, "cal-col-meeting-url")) }
                    th { (t(lang, "feed-col-used")) }
                } }
                tbody {
                    @for r in shown {
                        tr {
                            td {
                                a href={ "/members/" (r.member.id) "/calendars" } { (member_name(lang, &r.member)) }
                                br; span.muted { (r.member.email) }
                            }
                            td {
                                @if r.connections.is_empty() {
                                    span.muted { (t(lang, "cal-not-connected")) }
                                }
                                @for c in &r.connections {
                                    (state_badge(lang, c)) " "
                                    span.muted { (crate::service::calendars::host_of(&c.url)) }
                                    " " (tr!(lang, "cal-events", count = c.events))
                                    br;
                                }
                            }
                            td {
                                @for c in &r.connections {
                                    @if let Some(at) = c.last_sync_at { (when(lang, zone, at)) }
                                    br;
                                }
                            }
                            td {
                                @if r.member.meeting_url.trim().is_empty() {
                                    span.badge.pending { (t(lang, "cal-meeting-url-missing")) }
                                } @else {
                                    span.badge.active { (t(lang, "cal-meeting-url-set")) }
                                }
                            }
                            td {
                                @match r.feed_used {
                                    Some(at) => (when(lang, zone, at)),
                                    None => span.muted { (t(lang, "feed-never")) },
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    page(user, Nav::Settings, &t(lang, "cal-overview-title"), body)
}
