//! Connect's pages: external members for admins (list, invite, one
//! member's page), and the candidate-date page behind a mailed link.

use chrono::{DateTime, Utc};
use maud::{Markup, html};

use crate::domain::{BookingPage, ExternalMember, Member};
use crate::error::AppError;
use crate::i18n::dates::{self, Clock};
use crate::i18n::names::member_name;
use crate::i18n::{Lang, t};
use crate::tr;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{FieldAttrs, Nav, csrf_field, field, page};
use crate::web::views::pickers::{self, Picker};

pub mod dates_page;
pub mod messages;

/// What the last action on the list did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    Invited,
    Requested,
    Deleted,
    Saved,
    TurnedOn,
    TurnedOff,
}

impl Done {
    pub fn parse(s: &str) -> Option<Done> {
        Some(match s {
            "invited" => Done::Invited,
            "requested" => Done::Requested,
            "deleted" => Done::Deleted,
            "saved" => Done::Saved,
            "on" => Done::TurnedOn,
            "off" => Done::TurnedOff,
            _ => return None,
        })
    }

    fn text(self, lang: Lang) -> String {
        t(
            lang,
            match self {
                Done::Invited => "connect-done-invited",
                Done::Requested => "connect-done-requested",
                Done::Deleted => "connect-done-deleted",
                Done::Saved => "connect-done-saved",
                Done::TurnedOn => "connect-done-on",
                Done::TurnedOff => "connect-done-off",
            },
        )
    }
}

/// The invite form as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct InviteFields {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub organization: String,
    #[serde(default)]
    pub contact_member_id: String,
    #[serde(default)]
    pub language: String,
}

pub struct ListPage<'a> {
    pub enabled: bool,
    pub max: u32,
    pub members: &'a [ExternalMember],
    /// Team members: who can be in charge, and whose names the list shows.
    pub team: &'a [Member],
    pub filter: &'a str,
    pub done: Option<Done>,
    pub typed: &'a InviteFields,
    pub error: Option<&'a AppError>,
}

/// A round icon with the initial, in one of the palette's colours.
pub fn avatar(name: &str, color: &str) -> Markup {
    let initial: String = name.chars().next().map(String::from).unwrap_or_default();
    let class = format!("avatar icon-{}", crate::domain::external::icon_index(color));
    html! {
        span class=(class) aria-hidden="true" { (initial) }
    }
}

fn icon(x: &ExternalMember) -> Markup {
    avatar(&x.name, &x.icon_color)
}

fn status(lang: Lang, x: &ExternalMember, zone: &str) -> Markup {
    html! {
        @match x.dates_entered_at {
            Some(at) => {
                @let date = dates::date_time_in(lang, Clock::default_for(lang), at, zone);
                span.badge.ok { (tr!(lang, "connect-status-entered", date = &date)) }
            },
            None => span.badge.warn { (t(lang, "connect-status-awaiting")) },
        }
    }
}

fn contact_name(lang: Lang, team: &[Member], x: &ExternalMember) -> String {
    team.iter()
        .find(|m| m.id == x.contact_member_id)
        .map(|m| member_name(lang, m))
        .unwrap_or_else(|| x.contact_member_id.to_string())
}

fn connect_switch(user: &PageUser, lang: Lang, on: bool) -> Markup {
    html! {
        form method="post" action="/external-members/connect" {
            (csrf_field(&user.csrf_token))
            input type="hidden" name="enabled" value=(if on { "false" } else { "true" });
            @if on {
                button.secondary type="submit" { (t(lang, "connect-turn-off")) }
            } @else {
                button type="submit" { (t(lang, "connect-turn-on")) }
            }
        }
    }
}

/// The fields an invitation and an edit share: name, address,
/// organization, the member in charge (`contact` when nothing was typed)
/// and the language of the mail, each with its error.
fn person_fields(
    lang: Lang,
    typed: &InviteFields,
    team: &[Member],
    contact: &str,
    error: Option<&AppError>,
) -> Markup {
    let err_for = |f: &str| error.filter(|e| e.field() == Some(f)).map(|e| e.text(lang));
    let active: Vec<Member> = team
        .iter()
        .filter(|m| m.state == crate::domain::MemberState::Active)
        .cloned()
        .collect();
    let people = pickers::members(lang, &active, None);
    let selected = if typed.contact_member_id.is_empty() {
        contact
    } else {
        typed.contact_member_id.as_str()
    };
    let contact_label = t(lang, "connect-field-contact");
    let contact_err = err_for("contact_member_id");
    let mut contact = Picker::new("contact_member_id", &contact_label, &people, selected);
    contact.error = contact_err.as_deref();
    let languages = pickers::languages();
    let lang_label = t(lang, "connect-field-language");
    let lang_err = err_for("language");
    let mut language = Picker::new("language", &lang_label, &languages, &typed.language);
    language.none = Some("—");
    language.error = lang_err.as_deref();
    html! {
        (field("name", &t(lang, "connect-field-name"), "text", &typed.name, err_for("name").as_deref(), FieldAttrs { required: true, ..Default::default() }))
        (field("email", &t(lang, "connect-field-email"), "email", &typed.email, err_for("email").as_deref(), FieldAttrs { required: true, ..Default::default() }))
        (field("organization", &t(lang, "connect-field-organization"), "text", &typed.organization, err_for("organization").as_deref(), FieldAttrs::default()))
        (pickers::picker(lang, &contact))
        (pickers::picker(lang, &language))
    }
}

fn invite_form(user: &PageUser, lang: Lang, p: &ListPage<'_>) -> Markup {
    let general = p
        .error
        .filter(|e| e.field().is_none())
        .map(|e| e.text(lang));
    html! {
        section.card #invite {
            h2 { (t(lang, "connect-invite-title")) }
            @if let Some(e) = &general { p.error role="alert" { (e) } }
            form method="post" action="/external-members" {
                (csrf_field(&user.csrf_token))
                (person_fields(lang, p.typed, p.team, user.member.id.as_str(), p.error))
                button type="submit" { (t(lang, "connect-invite-send")) }
            }
        }
    }
}

pub fn list(user: &PageUser, lang: Lang, p: &ListPage<'_>) -> Markup {
    let zone = user.member.timezone.as_str();
    let needle = p.filter.trim().to_lowercase();
    let shown: Vec<&ExternalMember> = p
        .members
        .iter()
        .filter(|x| needle.is_empty() || x.name.to_lowercase().contains(&needle))
        .collect();
    let body = html! {
        @if let Some(d) = p.done { p.toast.ok role="status" { (d.text(lang)) } }
        @if !p.enabled {
            section.card {
                p { strong { (t(lang, "connect-off-title")) } }
                p { (t(lang, "org-external-explained")) }
                p.muted { (t(lang, "connect-off-explained")) }
                (connect_switch(user, lang, false))
            }
        } @else {
            p.muted data-testid="connect-usage" { (tr!(lang, "connect-usage", used = p.members.len(), max = p.max)) }
            @if p.members.is_empty() {
                div.empty {
                    p { strong { (t(lang, "org-external-empty")) } }
                    p { (t(lang, "org-external-explained")) }
                    p { a.button href="#invite" { (t(lang, "connect-invite-title")) } }
                }
            } @else {
                form method="get" action="/external-members" role="search" {
                    div.field {
                        label for="f-q" { (t(lang, "connect-filter")) }
                        input id="f-q" type="search" name="q" value=(p.filter);
                    }
                    button.secondary type="submit" { (t(lang, "connect-filter-apply")) }
                }
                @if shown.is_empty() {
                    p.empty { (t(lang, "connect-filter-none")) }
                } @else {
                    table {
                        thead { tr {
                            th { (t(lang, "connect-field-name")) }
                            th { (t(lang, "connect-field-email")) }
                            th { (t(lang, "connect-field-organization")) }
                            th { (t(lang, "connect-field-contact")) }
                            th { (t(lang, "connect-field-status")) }
                        } }
                        tbody {
                            @for x in &shown {
                                tr {
                                    td { (icon(x)) " " a href={ "/external-members/" (x.id) } { (x.name) } }
                                    td { (x.email) }
                                    td { (x.organization) }
                                    td { (contact_name(lang, p.team, x)) }
                                    td { (status(lang, x, zone)) }
                                }
                            }
                        }
                    }
                }
            }
            (invite_form(user, lang, p))
            (connect_switch(user, lang, true))
        }
    };
    page(user, Nav::External, &t(lang, "org-external-title"), body)
}

pub struct DetailPage<'a> {
    pub x: &'a ExternalMember,
    pub team: &'a [Member],
    pub pages: &'a [BookingPage],
    pub upcoming: usize,
    pub done: Option<Done>,
    pub typed: Option<&'a InviteFields>,
    pub error: Option<&'a AppError>,
    pub now: DateTime<Utc>,
    /// False for the member in charge, who reads but does not change.
    pub manage: bool,
}

pub fn detail(user: &PageUser, lang: Lang, p: &DetailPage<'_>) -> Markup {
    let x = p.x;
    let zone = user.member.timezone.as_str();
    let clock = Clock::default_for(lang);
    let current = InviteFields {
        name: x.name.clone(),
        email: x.email.to_string(),
        organization: x.organization.clone(),
        contact_member_id: x.contact_member_id.to_string(),
        language: x.language.clone(),
    };
    let typed = p.typed.unwrap_or(&current);
    let upcoming: Vec<_> = x.ranges.iter().filter(|r| r.end > p.now).collect();
    let confirm = tr!(
        lang,
        "connect-delete-confirm",
        name = x.name.as_str(),
        count = p.upcoming
    );
    let body = html! {
        @if p.manage { p { a href="/external-members" { (t(lang, "connect-back")) } } }
        @if let Some(d) = p.done { p.toast.ok role="status" { (d.text(lang)) } }
        section.card {
            p { (icon(x)) " " strong { (x.name) } @if !x.organization.is_empty() { " · " (x.organization) } }
            p { (status(lang, x, zone)) }
            @let requested = dates::date_time_in(lang, clock, x.requested_at, zone);
            p.muted { (tr!(lang, "connect-requested-on", date = &requested)) }
            h2 { (t(lang, "connect-ranges-title")) }
            @if upcoming.is_empty() {
                p.empty { (t(lang, "connect-ranges-none")) }
            } @else {
                ul.ranges data-testid="external-ranges" {
                    @for r in &upcoming { li { (dates::span_in(lang, clock, r.start, r.end, zone)) } }
                }
            }
            @if !x.message.is_empty() {
                h2 { (t(lang, "connect-message-title")) }
                blockquote.message { (x.message) }
            }
            @if p.manage {
                form method="post" action={ "/external-members/" (x.id) "/request-dates" } data-confirm=(tr!(lang, "connect-request-confirm", name = x.name.as_str())) {
                    (csrf_field(&user.csrf_token))
                    button.secondary type="submit" { "⚙ " (t(lang, "connect-request-again")) }
                }
            }
        }
        section.card {
            h2 { (t(lang, "connect-pages-title")) }
            @if p.pages.is_empty() {
                p.empty { (t(lang, "connect-pages-none")) }
            } @else {
                ul {
                    @for page in p.pages {
                        li.disabled[!page.enabled] {
                            a href={ "/booking-pages/" (page.id) } { (page.title) }
                            " " code { "/book/" (page.slug) }
                            @if !page.enabled { " " span.badge.warn { (t(lang, "connect-page-off")) } }
                        }
                    }
                }
            }
            p { a href="/booking-pages/new" { (t(lang, "connect-pages-new")) } }
        }
        @if p.manage {
        section.card {
            h2 { (t(lang, "connect-edit-title")) }
            form method="post" action={ "/external-members/" (x.id) } {
                (csrf_field(&user.csrf_token))
                (person_fields(lang, typed, p.team, "", p.error))
                button type="submit" { (t(lang, "org-save")) }
            }
        }
        form method="post" action={ "/external-members/" (x.id) "/delete" } data-confirm=(confirm) {
            (csrf_field(&user.csrf_token))
            button.danger type="submit" { (t(lang, "connect-delete")) }
        }
        }
    };
    page(user, Nav::External, &x.name, body)
}

#[cfg(test)]
mod tests;
