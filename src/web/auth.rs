//! Who is calling: a session cookie (UI, and API calls from the UI) or a
//! bearer API key (scripts). Cookie-authenticated state changes must prove
//! they come from our own pages with the session's CSRF token.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::dev::Payload;
use actix_web::http::{Method, header};
use actix_web::{FromRequest, HttpRequest};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::{AppState, State};
use crate::crypto;
use crate::domain::Member;
use crate::error::AppError;
use crate::i18n::Msg;
use crate::service;
use crate::store::SessionRecord;

pub const SESSION_COOKIE: &str = "convene_session";
pub const CSRF_HEADER: &str = "x-csrf-token";
pub const CSRF_FIELD: &str = "csrf_token";

/// How the caller proved who they are.
#[derive(Debug, Clone)]
pub enum Credentials {
    Session { token: String, csrf_token: String },
    ApiKey,
}

/// An authenticated caller of the JSON API.
pub struct ApiUser {
    pub member: Member,
    pub credentials: Credentials,
}

/// A signed-in person on an HTML page (cookie only). Safe methods only:
/// form posts go through `CsrfForm`.
pub struct PageUser {
    pub member: Member,
    pub session_token: String,
    pub csrf_token: String,
    /// Unread notifications, for the navigation badge.
    pub unread: u64,
}

impl PageUser {
    /// What this person may do, from the role table: the page shell and
    /// every view offer links and forms by it, so nothing shown answers 403.
    pub fn can(&self) -> crate::policy::Can {
        crate::policy::Can::of(self.member.role)
    }
}

async fn unread_of(req: &HttpRequest, member: &Member) -> Result<u64, AppError> {
    let member = member.clone();
    state(req)?
        .into_inner()
        .run(move |s| service::notifications::unread(&s.store, &member))
        .await
}

fn state(req: &HttpRequest) -> Result<State, AppError> {
    req.app_data::<State>()
        .cloned()
        .ok_or_else(|| AppError::Internal("application state missing".into()))
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}

async fn session_of(
    req: &HttpRequest,
) -> Result<Option<(Member, SessionRecord, String)>, AppError> {
    let Some(cookie) = req.cookie(SESSION_COOKIE) else {
        return Ok(None);
    };
    let token = cookie.value().to_string();
    let state = state(req)?;
    let policy = state.sessions;
    let now = chrono::Utc::now();
    let found = state
        .clone()
        .into_inner()
        .run(move |s| Ok(service::auth::session(&s.store, &token, policy, now)?))
        .await?;
    Ok(found.map(|(m, s)| (m, s, cookie.value().to_string())))
}

impl FromRequest for ApiUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            if let Some(key) = bearer(&req) {
                let state = state(&req)?;
                let member = state
                    .into_inner()
                    .run(move |s| Ok(service::auth::api_key_member(&s.store, &key)?))
                    .await?
                    .ok_or(AppError::Unauthorized)?;
                return Ok(ApiUser {
                    member,
                    credentials: Credentials::ApiKey,
                });
            }
            let (member, session, token) = session_of(&req).await?.ok_or(AppError::Unauthorized)?;
            if !is_safe(req.method()) {
                let sent = req
                    .headers()
                    .get(CSRF_HEADER)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("");
                if !crypto::secrets_equal(sent, &session.csrf_token) {
                    return Err(AppError::Csrf);
                }
            }
            Ok(ApiUser {
                member,
                credentials: Credentials::Session {
                    token,
                    csrf_token: session.csrf_token,
                },
            })
        })
    }
}

impl FromRequest for PageUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            if !is_safe(req.method()) {
                return Err(AppError::Csrf);
            }
            let (member, session, token) = session_of(&req).await?.ok_or(AppError::Unauthorized)?;
            let unread = unread_of(&req, &member).await?;
            Ok(PageUser {
                member,
                session_token: token,
                csrf_token: session.csrf_token,
                unread,
            })
        })
    }
}

/// A signed-in person's HTML form post whose hidden `csrf_token` matched.
pub struct CsrfForm<T> {
    pub user: PageUser,
    pub form: T,
}

#[derive(Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf_token: String,
}

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let mut payload = payload.take();
        Box::pin(async move {
            let body = super::extract::read_body(&req, &mut payload).await?;
            let (member, session, token) = session_of(&req).await?.ok_or(AppError::Unauthorized)?;
            let sent: CsrfField =
                serde_urlencoded::from_bytes(&body).map_err(|_| AppError::Csrf)?;
            if !crypto::secrets_equal(&sent.csrf_token, &session.csrf_token) {
                return Err(AppError::Csrf);
            }
            let form = serde_urlencoded::from_bytes(&body).map_err(|e| {
                AppError::bad_request(Msg::key("err-form").arg("detail", e.to_string()), None)
            })?;
            let unread = unread_of(&req, &member).await?;
            Ok(CsrfForm {
                user: PageUser {
                    member,
                    session_token: token,
                    csrf_token: session.csrf_token,
                    unread,
                },
                form,
            })
        })
    }
}

/// The session cookie: HttpOnly, SameSite=Lax, Secure behind https.
pub fn session_cookie(state: &AppState, token: &str) -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, token.to_string())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.secure_cookies)
        .max_age(time::Duration::seconds(
            state.sessions.absolute.num_seconds(),
        ))
        .finish()
}

pub fn clear_session_cookie(state: &AppState) -> Cookie<'static> {
    let mut cookie = session_cookie(state, "");
    cookie.make_removal();
    cookie
}

/// The client's address, for rate limits. Behind a trusted proxy, the
/// right-most address of X-Forwarded-For that is not itself a trusted proxy.
pub fn client_ip(req: &HttpRequest) -> std::net::IpAddr {
    let peer = req
        .peer_addr()
        .map(|a| a.ip())
        .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    let Some(state) = req.app_data::<State>() else {
        return peer;
    };
    let trusted = |ip: std::net::IpAddr| {
        state
            .trusted_proxies
            .iter()
            .any(|n| crate::net::network_contains(n, ip))
    };
    if !trusted(peer) {
        return peer;
    }
    let forwarded: Vec<std::net::IpAddr> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    forwarded
        .into_iter()
        .rev()
        .find(|ip| !trusted(*ip))
        .unwrap_or(peer)
}

/// A multipart part that cannot be read; the parser's words stay inside.
fn upload_error(e: &impl std::fmt::Display) -> Msg {
    Msg::key("err-upload").arg("detail", e.to_string())
}

/// A signed-in person's multipart form post (file uploads) whose
/// `csrf_token` part matched. Parts are read whole, within the body limit.
pub struct CsrfMultipart {
    pub user: PageUser,
    pub parts: std::collections::HashMap<String, Vec<u8>>,
}

impl FromRequest for CsrfMultipart {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        use futures_util::StreamExt;
        let req = req.clone();
        let mut multipart = actix_multipart::Multipart::new(req.headers(), payload.take());
        Box::pin(async move {
            let limit = state(&req)?.config.server.max_body_bytes;
            let mut parts = std::collections::HashMap::new();
            let mut total = 0usize;
            while let Some(part) = multipart.next().await {
                let mut part = part.map_err(|e| AppError::bad_request(upload_error(&e), None))?;
                let name = part.name().unwrap_or("").to_string();
                let mut data = Vec::new();
                while let Some(chunk) = part.next().await {
                    let chunk = chunk.map_err(|e| AppError::bad_request(upload_error(&e), None))?;
                    total += chunk.len();
                    if total > limit {
                        return Err(AppError::PayloadTooLarge);
                    }
                    data.extend_from_slice(&chunk);
                }
                parts.insert(name, data);
            }
            let (member, session, token) = session_of(&req).await?.ok_or(AppError::Unauthorized)?;
            let sent = parts
                .get(CSRF_FIELD)
                .map(|v| String::from_utf8_lossy(v).into_owned())
                .unwrap_or_default();
            if !crypto::secrets_equal(&sent, &session.csrf_token) {
                return Err(AppError::Csrf);
            }
            let unread = unread_of(&req, &member).await?;
            Ok(CsrfMultipart {
                user: PageUser {
                    member,
                    session_token: token,
                    csrf_token: session.csrf_token,
                    unread,
                },
                parts,
            })
        })
    }
}
