//! The departure page: before a member is terminated, what happens to
//! each upcoming booking (moved by round robin, moved to a chosen member,
//! or cancelled), the pages they leave, the external members they were in
//! charge of, their feed and calendars.

use maud::{Markup, html};

use crate::domain::Member;
use crate::error::AppError;
use crate::i18n::dates::{self, Clock};
use crate::i18n::names::member_name;
use crate::i18n::{Lang, t};
use crate::service::departures::{Action, Departure};
use crate::tr;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{Nav, csrf_field, page};

pub struct DeparturePage<'a> {
    pub member: &'a Member,
    pub departure: &'a Departure,
    /// Active members other than the one leaving: who can take over.
    pub others: &'a [Member],
    /// What the form had chosen, per booking id ("cancel" or a member id).
    pub chosen: &'a std::collections::HashMap<String, String>,
    pub external_to: &'a str,
    pub reason: &'a str,
    pub error: Option<&'a AppError>,
}

fn name_of(lang: Lang, people: &[Member], id: &str) -> String {
    people
        .iter()
        .find(|m| m.id.as_str() == id)
        .map(|m| member_name(lang, m))
        .unwrap_or_else(|| id.to_string())
}

pub fn departure_page(user: &PageUser, lang: Lang, p: &DeparturePage<'_>) -> Markup {
    let d = p.departure;
    let zone = user.member.timezone.as_str();
    let clock = Clock::default_for(lang);
    let who = member_name(lang, p.member);
    let body = html! {
        p { a href="/members" { (t(lang, "dep-back")) } }
        @if let Some(e) = p.error { p.form-error role="alert" { (e.text(lang)) } }
        p { (tr!(lang, "dep-intro", name = who.as_str())) }
        form method="post" action={ "/members/" (p.member.id) "/departure" } {
            (csrf_field(&user.csrf_token))
            h2 { (tr!(lang, "dep-bookings", count = d.bookings.len())) }
            @if d.bookings.is_empty() {
                p.empty { (t(lang, "dep-no-bookings")) }
            } @else {
                table {
                    thead { tr {
                        th { (t(lang, "dep-col-when")) }
                        th { (t(lang, "dep-col-page")) }
                        th { (t(lang, "dep-col-what")) }
                    } }
                    tbody {
                        @for b in &d.bookings {
                            tr {
                                td { (dates::date_time_in(lang, clock, b.start, zone)) }
                                td { (b.page) }
                                td {
                                    @let field = format!("b-{}", b.id);
                                    @let chosen = p.chosen.get(&b.id).map(String::as_str).unwrap_or("");
                                    @match (&b.action, &b.to) {
                                        (Action::Reassign, Some(to)) if chosen.is_empty() => {
                                            (tr!(lang, "dep-goes-to", name = name_of(lang, p.others, to.as_str()).as_str()))
                                        }
                                        _ => {
                                            label.sr-only for=(field) { (t(lang, "dep-col-what")) }
                                            select id=(field) name=(field) {
                                                option value="" selected[chosen.is_empty()] { (t(lang, "dep-choose")) }
                                                option value="cancel" selected[chosen == "cancel"] { (t(lang, "dep-cancel")) }
                                                @for m in p.others {
                                                    option value=(m.id) selected[chosen == m.id.as_str()] { (tr!(lang, "dep-reassign-to", name = member_name(lang, m).as_str())) }
                                                }
                                            }
                                            @if b.problem.is_some() {
                                                p.error { (t(lang, "dep-not-free")) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                div.field {
                    label for="f-reason" { (t(lang, "dep-reason")) }
                    textarea id="f-reason" name="reason" rows="2" { (p.reason) }
                }
            }
            @if !d.pages_left.is_empty() {
                h2 { (t(lang, "dep-pages")) }
                ul {
                    @for page in &d.pages_left {
                        li {
                            (page.title) " " code { "/book/" (page.slug) }
                            @if d.pages_left_without_hosts.iter().any(|e| e.id == page.id) {
                                " " span.badge.warn { (t(lang, "dep-page-off")) }
                            }
                        }
                    }
                }
            }
            @if !d.external_members.is_empty() {
                h2 { (t(lang, "dep-externals")) }
                ul { @for x in &d.external_members { li { (x.name) } } }
                div.field {
                    label for="f-external_members_to" { (t(lang, "dep-externals-to")) }
                    select id="f-external_members_to" name="external_members_to" {
                        option value="" selected[p.external_to.is_empty()] { (t(lang, "dep-choose")) }
                        @for m in p.others {
                            option value=(m.id) selected[p.external_to == m.id.as_str()] { (member_name(lang, m)) }
                        }
                    }
                }
            }
            @if d.feed || d.calendars > 0 {
                p.muted { (tr!(lang, "dep-calendars", calendars = d.calendars)) }
            }
            button.danger type="submit" { (tr!(lang, "dep-terminate", name = who.as_str())) }
        }
    };
    page(
        user,
        Nav::Members,
        &tr!(lang, "dep-title", name = who.as_str()),
        body,
    )
}
