//! Errors on HTML pages become HTML: a page with the message, or the
//! sign-in page when the person is not signed in. API paths keep JSON.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{StatusCode, header};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse};

use crate::error::AppError;
use crate::i18n::Lang;

/// Paths whose errors stay JSON (or plain text).
pub fn is_machine_path(path: &str) -> bool {
    path.starts_with("/api/")
        || path == "/healthz"
        || path == "/metrics"
        || path.starts_with("/ical/")
        || path.starts_with("/assets/")
}

pub async fn error_pages(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let machine = is_machine_path(req.path());
    let res = next.call(req).await?;
    let Some(error) = res.response().error() else {
        return Ok(res.map_into_left_body());
    };
    let status = res.status();
    let lang = super::ctx::request_language(res.request());
    if machine {
        // The same JSON, with the message in the request's language.
        return Ok(match error.as_error::<AppError>() {
            Some(app) if lang != Lang::En => {
                let answer = app.json_response(lang);
                let (req, _) = res.into_parts();
                ServiceResponse::new(req, answer).map_into_right_body()
            }
            _ => res.map_into_left_body(),
        });
    }
    let message = match error.as_error::<AppError>() {
        Some(app) => app.text(lang),
        None => status.canonical_reason().unwrap_or("Error").to_string(),
    };
    // Allow and Retry-After say what to do next; the page keeps them.
    let kept: Vec<(header::HeaderName, header::HeaderValue)> = [header::ALLOW, header::RETRY_AFTER]
        .into_iter()
        .filter_map(|name| {
            let value = res.headers().get(&name)?.clone();
            Some((name, value))
        })
        .collect();
    let (req, _) = res.into_parts();
    let mut page = if status == StatusCode::UNAUTHORIZED {
        let target = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        HttpResponse::SeeOther()
            .insert_header((header::LOCATION, super::ui::login::login_url(&target)))
            .finish()
    } else {
        HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .body(super::ui::layout::error_page(lang, status, &message).into_string())
    };
    for (name, value) in kept {
        page.headers_mut().insert(name, value);
    }
    Ok(ServiceResponse::new(req, page).map_into_right_body())
}
