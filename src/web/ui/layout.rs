//! The page shell: head, navigation, flash, footer.

use actix_web::http::StatusCode;
use maud::{DOCTYPE, Markup, html};

use crate::domain::Member;
use crate::i18n::{Lang, t, tr};
use crate::policy::Can;
use crate::web::assets;
use crate::web::auth::{CSRF_FIELD, PageUser};
use crate::web::ctx::{Caller, Ctx};

/// Which navigation entry is current.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Dashboard,
    Members,
    BookingPages,
    Bookings,
    External,
    Messages,
    Settings,
    Notifications,
    None,
}

/// The main navigation: each entry with whether the reader's capabilities
/// reach it, so nobody is offered a section that refuses them or has
/// nothing for them (a restricted member hosts nothing and has no pages).
type Entry = (Nav, &'static str, &'static str, fn(&Can) -> bool);

const NAV: [Entry; 6] = [
    (Nav::Members, "/members", "nav-members", |_| true),
    (
        Nav::BookingPages,
        "/booking-pages",
        "nav-booking-pages",
        |c| c.manage_own_pages || c.manage_all_pages,
    ),
    (
        Nav::Bookings,
        "/bookings",
        "nav-bookings",
        Can::see_bookings,
    ),
    (
        Nav::External,
        "/external-members",
        "nav-external-members",
        |c| c.manage_external_members,
    ),
    (
        Nav::Messages,
        "/messages",
        "nav-messages",
        Can::see_bookings,
    ),
    (Nav::Settings, "/settings", "nav-settings", |_| true),
];

/// What a public page needs besides its content: the reader's language,
/// and this page's address for the language switch (none on error pages).
#[derive(Clone, Copy)]
pub struct Shell<'a> {
    pub lang: Lang,
    pub here: Option<&'a str>,
}

impl<'a> Shell<'a> {
    pub fn of<A: Caller>(ctx: &'a Ctx<A>) -> Shell<'a> {
        Shell {
            lang: ctx.lang,
            here: Some(ctx.here()),
        }
    }
}

/// The language of a signed-in page: the member's own.
pub fn lang_of(user: &PageUser) -> Lang {
    Lang::parse(&user.member.language)
}

/// `here` with its `lang` parameter set to `lang`, every other parameter
/// kept, so switching language keeps the month, the day and the slot.
pub fn with_lang(here: &str, lang: Lang) -> String {
    let (path, query) = here.split_once('?').unwrap_or((here, ""));
    let mut pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
    pairs.retain(|(k, _)| k != "lang");
    pairs.push(("lang".into(), lang.code().into()));
    match serde_urlencoded::to_string(&pairs) {
        Ok(q) => format!("{path}?{q}"),
        Err(_) => format!("{path}?lang={}", lang.code()),
    }
}

/// Each language named in itself.
fn own_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Ja => "日本語",
        Lang::Fr => "Français",
    }
}

fn language_switch(shell: &Shell<'_>) -> Markup {
    html! {
        @if let Some(here) = shell.here {
            nav.lang-switch aria-label=(t(shell.lang, "layout-language")) {
                ul {
                    @for lang in Lang::ALL {
                        li {
                            a href=(with_lang(here, lang)) lang=(lang.code()) hreflang=(lang.code())
                                aria-current=[(lang == shell.lang).then_some("true")] { (own_name(lang)) }
                        }
                    }
                }
            }
        }
    }
}

/// `brand`: the organization's colour stylesheet too (public pages).
fn head(title: &str, brand: bool) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) " · Convene" }
            link rel="stylesheet" href=(assets::url("app.css"));
            @if brand { link rel="stylesheet" href="/brand.css"; }
            link rel="icon" href=(assets::url("favicon.svg")) type="image/svg+xml";
            script src=(assets::url("app.js")) defer {}
        }
    }
}

/// A page for a signed-in person.
pub fn page(user: &PageUser, current: Nav, title: &str, body: Markup) -> Markup {
    let lang = lang_of(user);
    let can = user.can();
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            (head(title, false))
            body {
                a.skip href="#main" { (t(lang, "layout-skip")) }
                header.topbar {
                    a.brand href="/" { "Convene" }
                    nav aria-label=(t(lang, "layout-main-nav")) {
                        ul {
                            @for (nav, href, label, _) in NAV.iter().filter(|e| (e.3)(&can)) {
                                li {
                                    a href=(href) aria-current=[(*nav == current).then_some("page")] { (t(lang, label)) }
                                }
                            }
                        }
                    }
                    div.account {
                        a.bell href="/notifications" aria-current=[(current == Nav::Notifications).then_some("page")] {
                            (t(lang, "nav-notifications"))
                            @if user.unread > 0 {
                                " " span.badge aria-label=(tr(lang, "nav-unread", &[("count", user.unread.into())])) { (user.unread) }
                            }
                        }
                        span.who { (crate::i18n::names::member_name(lang, &user.member)) }
                        form method="post" action="/logout" {
                            (csrf_field(&user.csrf_token))
                            button.link type="submit" { (t(lang, "nav-sign-out")) }
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

/// A page for someone not signed in (sign-in, setup, join, booking), in
/// their language, with a switch to the others.
pub fn public_page(shell: &Shell<'_>, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(shell.lang.code()) {
            (head(title, true))
            body.public {
                header.public-top {
                    p.brand { "Convene" }
                    (language_switch(shell))
                }
                main id="main" class="narrow" {
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

pub fn error_page(lang: Lang, status: StatusCode, message: &str) -> Markup {
    let title = match status {
        StatusCode::NOT_FOUND => "error-title-not-found",
        StatusCode::FORBIDDEN => "error-title-forbidden",
        StatusCode::GONE => "error-title-gone",
        StatusCode::TOO_MANY_REQUESTS => "error-title-rate-limited",
        s if s.is_server_error() => "error-title-internal",
        _ => "error-title-other",
    };
    public_page(
        &Shell { lang, here: None },
        &t(lang, title),
        html! {
            p { (message) }
            p { a href="/" { (t(lang, "error-start-page")) } }
        },
    )
}

pub fn member_name(m: &Member) -> String {
    m.display_name()
}
