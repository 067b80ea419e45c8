//! The request context: who asks (required where the handler says so),
//! the time of the request, its language, and the services. A handler
//! takes one `Ctx` and hands a closure to `run`, instead of repeating the
//! state, the clock and the off-executor call; the closure gets
//! [`Services`], whose actor, time and language are the request's.

use std::future::{Future, Ready, ready};
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::Arc;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest};
use chrono::{DateTime, Utc};

use super::auth::{ApiUser, CsrfForm, CsrfMultipart, PageUser, client_ip};
use super::{AppState, State};
use crate::config::Config;
use crate::domain::Member;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::jobs::scheduler::Scheduler;
use crate::net::Outbound;
use crate::policy;
use crate::store::Store;

/// How a handler wants its caller: [`Guest`] for public pages, or one of
/// the authenticating extractors of `web::auth` when signing in is
/// required (`ApiUser`, `PageUser`, `CsrfForm<T>`, `CsrfMultipart`).
pub trait Caller {
    /// What the blocking part of a request sees of the caller: the
    /// member when signed in, nothing for a guest. Only `Services<Member>`
    /// has `actor()`, so a public handler cannot reach for one.
    type Actor: Send + Sync + 'static;

    fn actor(&self) -> Self::Actor;

    /// The caller's chosen language, if signed in.
    fn language(&self) -> Option<&str>;
}

/// Nobody in particular: public pages (sign-in, joining, setup, health).
pub struct Guest;

impl FromRequest for Guest {
    type Error = AppError;
    type Future = Ready<Result<Guest, AppError>>;

    fn from_request(_: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Guest))
    }
}

impl Caller for Guest {
    type Actor = ();

    fn actor(&self) {}

    fn language(&self) -> Option<&str> {
        None
    }
}

/// The member of each signing-in extractor.
pub trait SignedIn {
    fn member(&self) -> &Member;
}

impl SignedIn for ApiUser {
    fn member(&self) -> &Member {
        &self.member
    }
}

impl SignedIn for PageUser {
    fn member(&self) -> &Member {
        &self.member
    }
}

impl<T> SignedIn for CsrfForm<T> {
    fn member(&self) -> &Member {
        &self.user.member
    }
}

impl SignedIn for CsrfMultipart {
    fn member(&self) -> &Member {
        &self.user.member
    }
}

impl<S: SignedIn> Caller for S {
    type Actor = Member;

    fn actor(&self) -> Member {
        self.member().clone()
    }

    fn language(&self) -> Option<&str> {
        Some(self.member().language.as_str())
    }
}

/// One request's context. `user` is the extractor the handler asked for
/// (a `PageUser` renders the page shell, an `ApiUser` tells the
/// credentials); the rest is the same for every handler.
pub struct Ctx<A: Caller = Guest> {
    pub user: A,
    /// The request's one reading of the clock: every service call of the
    /// request gets the same instant.
    pub now: DateTime<Utc>,
    /// The signed-in member's language, else the best match of the
    /// browser's Accept-Language.
    pub lang: Lang,
    /// The client's address, behind trusted proxies (for rate limits and
    /// the import log).
    pub client_ip: IpAddr,
    state: State,
    actor: Arc<A::Actor>,
    here: String,
}

impl<A> FromRequest for Ctx<A>
where
    A: Caller + FromRequest<Error = AppError> + 'static,
    A::Future: 'static,
{
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let user = A::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            let user = user.await?;
            let state = req
                .app_data::<State>()
                .cloned()
                .ok_or_else(|| AppError::Internal("application state missing".into()))?;
            let lang = negotiate(&req, user.language(), &state);
            // For the error pages, which render after the handler.
            actix_web::HttpMessage::extensions_mut(&req).insert(lang);
            Ok(Ctx {
                actor: Arc::new(user.actor()),
                user,
                now: Utc::now(),
                lang,
                client_ip: client_ip(&req),
                here: req
                    .uri()
                    .path_and_query()
                    .map_or_else(|| req.path().to_string(), ToString::to_string),
                state,
            })
        })
    }
}

/// The language of a request whose handler did not get to read it (an
/// error before the handler ran): the one the context chose, else what
/// a guest would get.
pub fn request_language(req: &HttpRequest) -> Lang {
    if let Some(lang) = actix_web::HttpMessage::extensions(req).get::<Lang>() {
        return *lang;
    }
    match req.app_data::<State>() {
        Some(state) => negotiate(req, None, state),
        None => Lang::default(),
    }
}

/// The request's language: a signed-in member's own setting; for anyone
/// else the language picked on the page (`?lang=`, then the cookie it
/// leaves), else the browser's Accept-Language, else the organization's
/// default.
fn negotiate(req: &HttpRequest, chosen: Option<&str>, state: &State) -> Lang {
    if let Some(code) = chosen {
        return Lang::parse(code);
    }
    lang_in_query(req.query_string())
        .or_else(|| {
            // Only parse the cookies when ours is there at all.
            let has_ours = req
                .headers()
                .get(header::COOKIE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains(super::middleware::LANG_COOKIE));
            has_ours
                .then(|| req.cookie(super::middleware::LANG_COOKIE))
                .flatten()
                .and_then(|c| supported(c.value()))
        })
        .or_else(|| {
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(accepted)
        })
        .or_else(|| {
            state.store.organization_shared().ok().and_then(|org| {
                org.as_ref()
                    .as_ref()
                    .and_then(|o| supported(&o.default_language))
            })
        })
        .unwrap_or_default()
}

/// A language code we have a catalog for ("fr", "ja-JP"), else None.
fn supported(code: &str) -> Option<Lang> {
    let lang = Lang::parse(code);
    (lang != Lang::En || code.trim().to_ascii_lowercase().starts_with("en")).then_some(lang)
}

/// The browser's preferred language among ours, if it names one of them.
fn accepted(header: &str) -> Option<Lang> {
    let lang = Lang::from_accept_language(header);
    let names_english = header
        .split(',')
        .any(|part| part.trim().to_ascii_lowercase().starts_with("en"));
    (lang != Lang::En || names_english).then_some(lang)
}

/// The `lang` parameter of a query string, when it names one of ours.
pub fn lang_in_query(query: &str) -> Option<Lang> {
    // Most requests (every slot list) name no language: skip the parse.
    if !query.contains("lang=") {
        return None;
    }
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .ok()?
        .into_iter()
        .rev()
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| supported(&v))
}

impl<A: Caller> Ctx<A> {
    /// What needs no blocking call: configuration, limiters, cookies.
    pub fn app(&self) -> &AppState {
        &self.state
    }

    /// The path and query of this request, for links that change only the
    /// language.
    pub fn here(&self) -> &str {
        &self.here
    }

    /// Runs a use case off the async executor (redb is synchronous), with
    /// the services and the request's actor, time and language.
    pub async fn run<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&Services<'_, A::Actor>) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let actor = Arc::clone(&self.actor);
        let (now, lang) = (self.now, self.lang);
        self.state
            .clone()
            .into_inner()
            .run(move |app| {
                f(&Services {
                    app,
                    actor: &actor,
                    now,
                    lang,
                })
            })
            .await
    }
}

impl<A: Caller> Ctx<A> {
    /// Members' connected calendars, for a sync the request waits for.
    pub fn calendars(&self) -> &crate::service::calendars::Calendars {
        &self.state.calendars
    }

    /// The booking desk, for what must not wait for a thread: a kept slot
    /// list, or a booking queued to the shared writer.
    pub fn bookings(&self) -> &crate::service::booking::Desk {
        &self.state.bookings
    }
}

impl<A: Caller<Actor = Member>> Ctx<A> {
    /// The signed-in member.
    pub fn actor(&self) -> &Member {
        &self.actor
    }
}

impl<A: SignedIn> Ctx<A> {
    /// Splits the caller into the page's caller and what came with it.
    fn split<B: SignedIn, X>(self, parts: impl FnOnce(A) -> (B, X)) -> (Ctx<B>, X) {
        let (user, extra) = parts(self.user);
        let ctx = Ctx {
            user,
            now: self.now,
            lang: self.lang,
            client_ip: self.client_ip,
            state: self.state,
            actor: self.actor,
            here: self.here,
        };
        (ctx, extra)
    }
}

impl<T> Ctx<CsrfForm<T>> {
    /// The page context and the posted form, apart.
    pub fn into_form(self) -> (Ctx<PageUser>, T) {
        self.split(|CsrfForm { user, form }| (user, form))
    }
}

impl Ctx<CsrfMultipart> {
    /// The page context and the uploaded parts, apart.
    pub fn into_parts(self) -> (Ctx<PageUser>, std::collections::HashMap<String, Vec<u8>>) {
        self.split(|CsrfMultipart { user, parts }| (user, parts))
    }
}

/// What a use case reaches inside `Ctx::run`.
pub struct Services<'a, M> {
    app: &'a AppState,
    actor: &'a M,
    pub now: DateTime<Utc>,
    pub lang: Lang,
}

impl<M> Services<'_, M> {
    pub fn store(&self) -> &Store {
        &self.app.store
    }

    /// Where links in mail point.
    pub fn base_url(&self) -> &str {
        &self.app.base_url
    }

    /// The guarded client, for checking URLs members give.
    pub fn outbound(&self) -> &Outbound {
        &self.app.outbound
    }

    pub fn scheduler(&self) -> &Arc<Scheduler> {
        &self.app.scheduler
    }

    pub fn config(&self) -> &Config {
        &self.app.config
    }

    /// What Connect's use cases need of the configuration.
    pub fn connect(&self) -> crate::service::connect::ConnectSettings {
        crate::service::connect::ConnectSettings {
            base_url: self.app.base_url.clone(),
            token_days: self.app.config.connect.token_days,
            max: self.app.config.limits.external_members_max,
            video_pattern: self.app.config.booking.video_link_pattern.clone(),
        }
    }

    /// Slot lists and booking changes.
    pub fn bookings(&self) -> &crate::service::booking::Desk {
        &self.app.bookings
    }

    /// Members' connected calendars.
    pub fn calendars(&self) -> &crate::service::calendars::Calendars {
        &self.app.calendars
    }
}

impl<'a> Services<'a, Member> {
    pub fn actor(&self) -> &'a Member {
        self.actor
    }

    /// The admin capability, if the actor has it (else the policy's 403).
    pub fn admin(&self) -> Result<policy::Admin<'a>, AppError> {
        policy::admin(self.actor)
    }

    /// The owner capability, if the actor has it (else the policy's 403).
    pub fn owner(&self) -> Result<policy::Owner<'a>, AppError> {
        policy::owner(self.actor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picked_language_is_read_from_the_query() {
        assert_eq!(lang_in_query("month=2027-03&lang=fr"), Some(Lang::Fr));
        assert_eq!(lang_in_query("lang=ja-JP"), Some(Lang::Ja));
        assert_eq!(lang_in_query("lang=en"), Some(Lang::En));
        assert_eq!(lang_in_query("lang=de"), None);
        assert_eq!(lang_in_query("lang=%ZZ"), None);
        assert_eq!(lang_in_query(""), None);
    }

    #[test]
    fn a_browser_naming_none_of_ours_leaves_the_choice_to_the_organization() {
        assert_eq!(accepted("de-DE,de;q=0.9"), None);
        assert_eq!(accepted("de-DE,fr;q=0.5"), Some(Lang::Fr));
        assert_eq!(accepted("en-GB,ja;q=0.2"), Some(Lang::En));
        assert_eq!(supported("fr_FR"), Some(Lang::Fr));
        assert_eq!(supported("xx"), None);
    }
}
