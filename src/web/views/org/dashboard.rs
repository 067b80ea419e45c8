//! The start page. Owners and admins get the organization at a glance:
//! counts that each open the list they count. Everyone who hosts gets
//! their next bookings and what is left to set up; everyone gets their
//! unread notifications. Each part shows only what the reader may open.

use chrono::DateTime;
use chrono_tz::Tz;
use maud::{Markup, html};

use super::{SLOTS, rich};
use crate::domain::{Booking, MemberId, Role};
use crate::i18n::dates::{self, Clock};
use crate::i18n::names::member_name;
use crate::i18n::{Lang, t};
use crate::service::booking::week::Week;
use crate::tr;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{Nav, page};

/// What the start page shows.
pub struct Dashboard {
    pub org_name: String,
    /// The organization's counts, for those who administer it.
    pub admin: Option<AdminCounts>,
    /// Their own bookings and setup, for those who host.
    pub host: Option<HostPanel>,
}

/// The counts of the admins' dashboard; each card links to its list.
pub struct AdminCounts {
    pub active: usize,
    pub pending: usize,
    pub invited: usize,
    /// The organization's current week and its confirmed bookings.
    pub week: Week,
    pub bookings_this_week: usize,
    pub failed_mail: u64,
    /// Calendars whose last sync failed. `None` while there is no calendar
    /// sync to ask; calendar sync fills it, and the card then shows.
    pub calendar_sync_errors: Option<usize>,
    /// External members, newest first, while Connect is on (empty when off).
    pub externals: Vec<crate::domain::ExternalMember>,
}

/// A host's part of the page.
pub struct HostPanel {
    /// The next confirmed bookings, soonest first.
    pub next: Vec<Booking>,
    /// Whether more follow than `next` holds.
    pub more: bool,
    /// The member's zone, in which times are shown.
    pub tz: Tz,
    /// What is left to set up; a step leaves the list once done.
    pub setup: Vec<SetupStep>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetupStep {
    /// No working hours on any day: nobody can book them.
    WorkingHours,
    /// These pages of theirs are video meetings and they have no meeting
    /// URL (and no generated link is configured).
    MeetingUrl { pages: Vec<String> },
}

fn role_name(lang: Lang, role: Role) -> String {
    match role {
        Role::Owner => tr!(lang, "org-role-owner"),
        Role::Admin => tr!(lang, "org-role-admin"),
        Role::Manager => tr!(lang, "org-role-manager"),
        Role::Member => tr!(lang, "org-role-member"),
        Role::Restricted => tr!(lang, "org-role-restricted"),
    }
}

/// One count that opens its filtered list.
fn card(href: &str, count: impl std::fmt::Display, label: String, alert: bool) -> Markup {
    html! {
        a.card.alert[alert] href=(href) {
            div.number { (count) }
            div { (label) }
        }
    }
}

/// The card of calendars whose sync failed: nothing until calendar sync
/// reports a count, then a card that opens the members filtered by it.
pub fn calendar_errors_card(lang: Lang, count: Option<usize>) -> Markup {
    html! {
        @if let Some(n) = count {
            (card("/members?integration=calendar_failing", n, tr!(lang, "dash-calendar-errors"), n > 0))
        }
    }
}

fn admin_section(lang: Lang, c: &AdminCounts) -> Markup {
    let week = format!("/bookings?week={}", c.week.monday.format("%Y-%m-%d"));
    let alone = c.active <= 1 && c.pending == 0 && c.invited == 0;
    html! {
        section aria-labelledby="dash-org" {
            h2 id="dash-org" { (tr!(lang, "dash-org-heading")) }
            div.cards {
                (card("/members?state=active", c.active, tr!(lang, "dash-active"), false))
                (card("/members?state=pending", c.pending, tr!(lang, "dash-pending"), c.pending > 0))
                (card("/members?state=invited", c.invited, tr!(lang, "dash-invited"), false))
                (card(&week, c.bookings_this_week, tr!(lang, "dash-bookings-week"), false))
                (card("/admin/mail?state=failed", c.failed_mail, tr!(lang, "dash-failed-mail"), c.failed_mail > 0))
                (calendar_errors_card(lang, c.calendar_sync_errors))
                @if !c.externals.is_empty() {
                    @let awaiting = c.externals.iter().filter(|x| !x.has_dates()).count();
                    (card("/external-members", c.externals.len(), tr!(lang, "dash-external"), false))
                    (card("/external-members", awaiting, tr!(lang, "dash-external-awaiting"), awaiting > 0))
                }
            }
            @if !c.externals.is_empty() {
                ul.externals aria-label=(tr!(lang, "dash-external")) {
                    @for x in c.externals.iter().take(5) {
                        li {
                            (crate::web::views::connect::avatar(&x.name, &x.icon_color))
                            " " a href={ "/external-members/" (x.id) } { (x.name) }
                            " " span.muted { (x.email) }
                        }
                    }
                }
            }
            @if alone {
                div.empty {
                    p { strong { (tr!(lang, "dash-alone")) } }
                    p { (tr!(lang, "dash-alone-hint")) }
                    a.button href="/members/invite" { (t(lang, "mem-invite-teammates")) }
                }
            }
        }
    }
}

fn when(lang: Lang, at: DateTime<chrono::Utc>, tz: Tz) -> String {
    dates::date_time(lang, Clock::default_for(lang), &at.with_timezone(&tz))
}

fn setup_step(lang: Lang, me: &MemberId, step: &SetupStep) -> Markup {
    let link = |href: String, label: String| html! { a href=(href) { (label) } };
    html! {
        li {
            @match step {
                SetupStep::WorkingHours => {
                    (rich(&tr!(lang, "dash-setup-hours", link = SLOTS[0]),
                        &[link(format!("/members/{me}/schedule"), tr!(lang, "dash-setup-hours-link"))]))
                }
                SetupStep::MeetingUrl { pages } => {
                    (rich(&tr!(lang, "dash-setup-meeting-url", link = SLOTS[0], pages = &pages.join(&t(lang, "dash-list-separator")), count = pages.len()),
                        &[link(format!("/members/{me}"), tr!(lang, "dash-setup-meeting-url-link"))]))
                }
            }
        }
    }
}

fn host_section(lang: Lang, user: &PageUser, h: &HostPanel) -> Markup {
    let can = user.can();
    html! {
        section aria-labelledby="dash-next" {
            h2 id="dash-next" { (tr!(lang, "dash-next-heading")) }
            @if h.next.is_empty() {
                div.empty {
                    p { strong { (tr!(lang, "dash-no-bookings")) } }
                    @if can.manage_own_pages {
                        p { (tr!(lang, "dash-no-bookings-hint")) }
                        a.button href="/booking-pages" { (tr!(lang, "dash-to-pages")) }
                    }
                }
            } @else {
                ul.next-bookings {
                    @for b in &h.next {
                        li {
                            a href={ "/bookings/" (b.id) } {
                                time datetime=(b.start.to_rfc3339()) { (when(lang, b.start, h.tz)) }
                            }
                            " "
                            (tr!(lang, "dash-booking-with", page = b.page_title.as_str(), guest = b.guest.name.as_str()))
                        }
                    }
                }
                p.muted {
                    (tr!(lang, "dash-times-in", zone = h.tz.name()))
                    " "
                    a href="/bookings" { (t(lang, if h.more { "dash-all-bookings-more" } else { "dash-all-bookings" })) }
                }
            }
        }
        @if !h.setup.is_empty() {
            section aria-labelledby="dash-setup" {
                h2 id="dash-setup" { (tr!(lang, "dash-setup-heading")) }
                ul.steps {
                    @for step in &h.setup { (setup_step(lang, &user.member.id, step)) }
                }
            }
        }
    }
}

fn notifications_section(lang: Lang, unread: u64) -> Markup {
    html! {
        section aria-labelledby="dash-notes" {
            h2 id="dash-notes" { (tr!(lang, "dash-notifications-heading")) }
            p {
                @if unread > 0 {
                    a href="/notifications" { (tr!(lang, "dash-unread", count = unread)) }
                } @else {
                    (tr!(lang, "dash-no-unread")) " "
                    a href="/notifications" { (tr!(lang, "dash-open-notifications")) }
                }
            }
        }
    }
}

pub fn dashboard(user: &PageUser, lang: Lang, v: &Dashboard) -> Markup {
    let me = &user.member;
    // Japanese greets by the family name, written first.
    let name = match lang {
        Lang::Ja => member_name(lang, me),
        Lang::En | Lang::Fr => me.first_name.clone(),
    };
    let welcome = tr!(
        lang,
        "org-dashboard-welcome",
        name = &name,
        role = &role_name(lang, me.role),
        org = SLOTS[0]
    );
    let directory = html! { a href="/members" { (tr!(lang, "dash-directory")) } };
    let body = html! {
        p.muted { (rich(&welcome, &[html! { strong { (v.org_name) } }])) }
        @if let Some(counts) = &v.admin { (admin_section(lang, counts)) }
        @if let Some(host) = &v.host { (host_section(lang, user, host)) }
        (notifications_section(lang, user.unread))
        @if v.admin.is_none() && v.host.is_none() {
            p { (rich(&tr!(lang, "dash-directory-hint", link = SLOTS[0]), &[directory])) }
        }
    };
    page(
        user,
        Nav::Dashboard,
        &tr!(lang, "org-dashboard-title"),
        body,
    )
}
