//! The page shell: head, navigation, flash, footer.

use actix_web::http::StatusCode;
use maud::{DOCTYPE, Markup, html};

use crate::domain::Member;
use crate::web::assets;
use crate::web::auth::{CSRF_FIELD, PageUser};

/// Which navigation entry is current.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Dashboard,
    Members,
    BookingPages,
    Bookings,
    External,
    Settings,
    Notifications,
    None,
}

const NAV: [(Nav, &str, &str); 5] = [
    (Nav::Members, "/members", "Members"),
    (Nav::BookingPages, "/booking-pages", "Booking pages"),
    (Nav::Bookings, "/bookings", "Bookings"),
    (Nav::External, "/external-members", "External members"),
    (Nav::Settings, "/settings", "Settings"),
];

fn head(title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) " · Convene" }
            link rel="stylesheet" href=(assets::url("app.css"));
            link rel="icon" href=(assets::url("favicon.svg")) type="image/svg+xml";
            script src=(assets::url("app.js")) defer {}
        }
    }
}

/// A page for a signed-in person.
pub fn page(user: &PageUser, current: Nav, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(title))
            body {
                header.topbar {
                    a.brand href="/" { "Convene" }
                    nav aria-label="Main" {
                        ul {
                            @for (nav, href, label) in NAV {
                                li {
                                    a href=(href) aria-current=[(nav == current).then_some("page")] { (label) }
                                }
                            }
                        }
                    }
                    div.account {
                        a.bell href="/notifications" aria-current=[(current == Nav::Notifications).then_some("page")] {
                            "Notifications"
                            @if user.unread > 0 {
                                " " span.badge aria-label={ (user.unread) " unread" } { (user.unread) }
                            }
                        }
                        span.who { (user.member.display_name()) }
                        form method="post" action="/logout" {
                            (csrf_field(&user.csrf_token))
                            button.link type="submit" { "Sign out" }
                        }
                    }
                }
                main id="main" {
                    h1 { (title) }
                    (body)
                }
            }
        }
    }
}

/// A page for someone not signed in (sign-in, setup, join, booking).
pub fn public_page(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(title))
            body.public {
                main id="main" class="narrow" {
                    p.brand { "Convene" }
                    h1 { (title) }
                    (body)
                }
            }
        }
    }
}

pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name=(CSRF_FIELD) value=(token); }
}

/// A labelled text input that shows its error and keeps what was typed.
pub fn field(
    name: &str,
    label: &str,
    kind: &str,
    value: &str,
    error: Option<&str>,
    attrs: FieldAttrs,
) -> Markup {
    let id = format!("f-{name}");
    let err_id = format!("{id}-error");
    html! {
        div.field.invalid[error.is_some()] {
            label for=(id) { (label) }
            input id=(id) name=(name) type=(kind) value=(value)
                autocomplete=[attrs.autocomplete] required[attrs.required]
                autofocus[attrs.autofocus]
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[error.map(|_| err_id.as_str())];
            @if let Some(e) = error {
                p.error id=(err_id) { (e) }
            }
        }
    }
}

#[derive(Default, Clone, Copy)]
pub struct FieldAttrs {
    pub required: bool,
    pub autofocus: bool,
    pub autocomplete: Option<&'static str>,
}

pub fn error_page(status: StatusCode, message: &str) -> Markup {
    let title = match status {
        StatusCode::NOT_FOUND => "Page not found",
        StatusCode::FORBIDDEN => "Not allowed",
        StatusCode::GONE => "This link is no longer valid",
        StatusCode::TOO_MANY_REQUESTS => "Too many attempts",
        s if s.is_server_error() => "Something went wrong",
        _ => "This did not work",
    };
    public_page(
        title,
        html! {
            p { (message) }
            p { a href="/" { "Go to the start page" } }
        },
    )
}

pub fn member_name(m: &Member) -> String {
    m.display_name()
}
