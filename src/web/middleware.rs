//! Cross-cutting request handling: request ids and access log, metrics,
//! security headers, and the same-origin check for state changes.

use std::time::Instant;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::{Error, HttpMessage};

use super::State;
use crate::error::AppError;

/// The request id, for handlers that want to mention it.
#[derive(Clone)]
pub struct RequestId(pub String);

/// One log line per request, with a request id that is also sent back in
/// `x-request-id`. The route pattern is logged, not the path, so tokens in
/// URLs (/join/{token}, /ical/{token}.ics) never reach the log.
pub async fn request_log(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    // A proxy's request id is kept (so its log and ours line up) when it
    // is a plain token; anything else gets one of ours.
    let id: String = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        })
        .map(str::to_string)
        .unwrap_or_else(|| crate::crypto::random_id().chars().take(12).collect());
    req.extensions_mut().insert(RequestId(id.clone()));
    let client = super::auth::client_ip(req.request());
    let method = req.method().clone();
    let state = req.app_data::<State>().cloned();
    let mut res = next.call(req).await?;
    crate::memory::busy();
    let elapsed = started.elapsed();
    let route = res
        .request()
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_string());
    let status = res.status().as_u16();
    let verdict = state.as_ref().map(|state| {
        state
            .metrics
            .observe(method.as_str(), &route, status, elapsed);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        state.access_log.verdict(status, now)
    });
    if let Some(left_out) = verdict
        .as_ref()
        .map(|v| v.left_out_before)
        .filter(|n| *n > 0)
    {
        tracing::info!(
            left_out,
            "access log: {left_out} request lines left out in the seconds before (over [log] access_lines_per_second)"
        );
    }
    if verdict.is_none_or(|v| v.write) {
        tracing::info!(
            request_id = %id,
            client = %client,
            method = %method,
            route = %route,
            status,
            micros = elapsed.as_micros() as u64,
            "request"
        );
    }
    // One line per failed sign-in with the address and nothing of the
    // account, for fail2ban and the like.
    if status == 401
        && method == actix_web::http::Method::POST
        && (route == "/api/v1/session" || route == "/login")
    {
        tracing::warn!(client = %client, request_id = %id, "failed sign-in from {client}");
    }
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut()
            .insert(HeaderName::from_static("x-request-id"), v);
    }
    Ok(res)
}

/// The cookie that keeps a guest's language after they picked one with a
/// page's language switch (`?lang=fr`).
pub const LANG_COOKIE: &str = "convene_lang";

/// Remembers the language a guest picked on a public page: a request with
/// `?lang=` naming a language we have sets the cookie that the request
/// context reads next time, so every later page, link and form of the
/// visit stays in it.
pub async fn remember_language(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let picked = super::ctx::lang_in_query(req.query_string());
    let secure = req.app_data::<State>().is_some_and(|s| s.secure_cookies);
    let mut res = next.call(req).await?;
    if let Some(lang) = picked {
        let cookie = actix_web::cookie::Cookie::build(LANG_COOKIE, lang.code())
            .path("/")
            .http_only(true)
            .secure(secure)
            .same_site(actix_web::cookie::SameSite::Lax)
            .max_age(actix_web::cookie::time::Duration::days(365))
            .finish();
        if let Ok(v) = HeaderValue::from_str(&cookie.to_string()) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    Ok(res)
}

/// HEAD on an HTML page is answered as GET (link checkers and uptime
/// probes ask with HEAD): the connection, which saw HEAD when it read the
/// request, sends the headers alone. Machine paths register HEAD where
/// they take it.
pub async fn head_as_get(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    if *req.method() == actix_web::http::Method::HEAD
        && !super::error_pages::is_machine_path(req.path())
        && super::allowed::is_html_page(req.path())
    {
        req.head_mut().method = actix_web::http::Method::GET;
    }
    next.call(req).await
}

/// Refuses a cookie-carrying state change that a browser says comes from
/// another site. Tokens do the real work; this also covers the sign-in
/// form, which has no session yet.
pub async fn same_origin(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let unsafe_method = !matches!(
        *req.method(),
        actix_web::http::Method::GET
            | actix_web::http::Method::HEAD
            | actix_web::http::Method::OPTIONS
    );
    if unsafe_method && !req.headers().contains_key(header::AUTHORIZATION) {
        let cross_site = req
            .headers()
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v == "cross-site");
        let host = req.connection_info().host().to_string();
        let base_url = req
            .app_data::<State>()
            .map(|s| s.base_url.clone())
            .unwrap_or_default();
        // The origin must be ours: the configured base URL (what browsers see
        // behind a proxy) or the Host the request came to. "null" is foreign.
        let foreign_origin = req
            .headers()
            .get(header::ORIGIN)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|origin| {
                let origin = origin.trim_end_matches('/');
                origin != base_url
                    && origin.split_once("://").map(|(_, h)| h) != Some(host.as_str())
            });
        if cross_site || foreign_origin {
            return Ok(req.error_response(AppError::Csrf).map_into_right_body());
        }
    }
    Ok(next.call(req).await?.map_into_left_body())
}

/// CSP without inline scripts or styles; no framing; no sniffing. Nothing
/// is stored by caches unless a handler says otherwise (assets do): API
/// answers carry csrf tokens, new keys and secrets, pages show personal
/// data. With an https base URL, browsers are told to stay on https.
pub fn security_headers(https: bool) -> DefaultHeaders {
    let headers = DefaultHeaders::new().add((header::CACHE_CONTROL, "no-store"));
    let headers = if https {
        headers.add((header::STRICT_TRANSPORT_SECURITY, "max-age=31536000"))
    } else {
        headers
    };
    headers
        .add((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        ))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((header::REFERRER_POLICY, "same-origin"))
        .add((
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=()",
        ))
        .add((
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ))
}
