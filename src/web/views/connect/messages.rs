//! The Messages list.

use maud::{Markup, html};

use crate::i18n::dates::{self, Clock};
use crate::i18n::{Lang, t};
use crate::service::connect::messages::Message;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{Nav, page};

pub fn messages(user: &PageUser, lang: Lang, list: &[Message]) -> Markup {
    let zone = user.member.timezone.as_str();
    let clock = Clock::default_for(lang);
    let body = html! {
        @if list.is_empty() {
            div.empty { p { strong { (t(lang, "messages-empty")) } } p { (t(lang, "messages-explained")) } }
        } @else {
            ul.messages {
                @for m in list {
                    li.card {
                        @match m {
                            Message::External(x) => {
                                a href={ "/external-members/" (x.id) } {
                                    span.avatar style={ "background:" (x.icon_color) } aria-hidden="true" { (x.name.chars().next().map(String::from).unwrap_or_default()) }
                                    " " strong { (x.name) }
                                    @if !x.organization.is_empty() { " · " (x.organization) }
                                }
                                " " span.badge { (t(lang, "messages-kind-external")) }
                                p.message { (x.message) }
                            }
                            Message::Note(b) => {
                                a href={ "/bookings/" (b.id) } {
                                    span.avatar style="background:#5b6673" aria-hidden="true" { (b.guest.name.chars().next().map(String::from).unwrap_or_default()) }
                                    " " strong { (b.guest.name) }
                                    " · " (b.page_title)
                                }
                                " " span.badge { (t(lang, "messages-kind-note")) }
                                p.message { (b.notes) }
                            }
                        }
                        p.muted { (dates::date_time_in(lang, clock, m.at(), zone)) }
                    }
                }
            }
        }
    };
    page(user, Nav::Messages, &t(lang, "messages-title"), body)
}
