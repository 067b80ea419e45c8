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
                                    (super::avatar(&x.name, &x.icon_color))
                                    " " strong { (x.name) }
                                    @if !x.organization.is_empty() { " · " (x.organization) }
                                }
                                " " span.badge { (t(lang, "messages-kind-external")) }
                                p.message { (x.message) }
                            }
                            Message::Note(b) => {
                                a href={ "/bookings/" (b.id) } {
                                    (super::avatar(&b.guest.name, ""))
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
