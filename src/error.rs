//! The one error type of the service layer and the one place it becomes an
//! HTTP answer: `{"error":{"code","message","field"?}}` for the API, an
//! HTML page for the UI (see `web::error_pages`).

use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::i18n::{Lang, Msg};
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{message}")]
    BadRequest { message: Msg, field: Option<String> },
    #[error("authentication required")]
    Unauthorized,
    #[error("the email or password is wrong")]
    BadCredentials,
    /// The right password of someone whose request to join is not decided
    /// yet: they are told to wait instead of "wrong password".
    #[error("your request to join is waiting for an administrator's approval")]
    AwaitingApproval,
    #[error("{0}")]
    Forbidden(Msg),
    #[error("you may not change the field {0}")]
    ForbiddenField(String),
    #[error("missing or wrong CSRF token; reload the page and try again")]
    Csrf,
    #[error("not found")]
    NotFound,
    #[error("{message}")]
    Missing { code: &'static str, message: Msg },
    #[error("{message}")]
    Conflict { code: &'static str, message: Msg },
    #[error("{message}")]
    Gone { message: Msg },
    /// A departure that still needs decisions; `detail` lists them.
    #[error("{message}")]
    Decisions {
        message: Msg,
        detail: serde_json::Value,
    },
    #[error("the request body is too large")]
    PayloadTooLarge,
    /// A known path asked with a method it does not take.
    #[error("method not allowed")]
    MethodNotAllowed { allow: String },
    #[error("{message}")]
    Invalid {
        code: &'static str,
        message: Msg,
        field: Option<String>,
    },
    #[error("{message}")]
    RateLimited { message: Msg, retry_after: Duration },
    #[error("internal error")]
    Store(StoreError),
    #[error("internal error")]
    Internal(String),
}

impl AppError {
    pub fn invalid(field: &str, message: impl Into<Msg>) -> Self {
        AppError::Invalid {
            code: "invalid",
            message: message.into(),
            field: Some(field.to_string()),
        }
    }

    pub fn bad_request(message: impl Into<Msg>, field: Option<String>) -> Self {
        AppError::BadRequest {
            message: message.into(),
            field,
        }
    }

    pub fn forbidden(message: impl Into<Msg>) -> Self {
        AppError::Forbidden(message.into())
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::BadRequest { .. } => "bad_request",
            AppError::Unauthorized => "unauthorized",
            AppError::BadCredentials => "bad_credentials",
            AppError::AwaitingApproval => "awaiting_approval",
            AppError::Forbidden(_) | AppError::ForbiddenField(_) => "forbidden",
            AppError::Csrf => "csrf",
            AppError::NotFound => "not_found",
            AppError::Missing { code, .. } => code,
            AppError::Conflict { code, .. } => code,
            AppError::Gone { .. } => "gone",
            AppError::Decisions { .. } => "decisions_needed",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::MethodNotAllowed { .. } => "method_not_allowed",
            AppError::Invalid { code, .. } => code,
            AppError::RateLimited { .. } => "rate_limited",
            AppError::Store(_) | AppError::Internal(_) => "internal",
        }
    }

    /// What the reader is told, in their language. Server errors say
    /// only that something went wrong: the detail is for the log.
    pub fn text(&self, lang: Lang) -> String {
        let fixed = |key: &'static str| Msg::key(key).render(lang);
        match self {
            AppError::BadRequest { message, .. }
            | AppError::Missing { message, .. }
            | AppError::Conflict { message, .. }
            | AppError::Gone { message }
            | AppError::Decisions { message, .. }
            | AppError::Invalid { message, .. }
            | AppError::RateLimited { message, .. }
            | AppError::Forbidden(message) => message.render(lang),
            AppError::Unauthorized => fixed("err-unauthorized"),
            AppError::BadCredentials => fixed("err-bad-credentials"),
            AppError::AwaitingApproval => fixed("err-awaiting-approval"),
            AppError::ForbiddenField(field) => Msg::key("err-forbidden-field")
                .arg("field", field.as_str())
                .render(lang),
            AppError::Csrf => fixed("err-csrf"),
            AppError::NotFound => fixed("err-not-found"),
            AppError::PayloadTooLarge => fixed("err-payload-too-large"),
            AppError::MethodNotAllowed { allow } => Msg::key("err-method-not-allowed")
                .arg("allow", allow.as_str())
                .render(lang),
            AppError::Store(_) | AppError::Internal(_) => fixed("err-internal"),
        }
    }

    /// The JSON answer in `lang` (the edge calls this with the request's
    /// language; `error_response` has no request and answers in English).
    pub fn json_response(&self, lang: Lang) -> HttpResponse {
        let status = self.status_code();
        let mut response = HttpResponse::build(status).json(Body {
            error: Detail {
                code: self.code(),
                message: self.text(lang),
                field: self.field(),
                departure: match self {
                    AppError::Decisions { detail, .. } => Some(detail),
                    _ => None,
                },
            },
        });
        if let AppError::MethodNotAllowed { allow } = self
            && let Ok(v) = HeaderValue::from_str(allow)
        {
            response.headers_mut().insert(header::ALLOW, v);
        }
        if let AppError::RateLimited { retry_after, .. } = self {
            let secs = retry_after.as_secs().max(1).to_string();
            if let Ok(v) = HeaderValue::from_str(&secs) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response
    }

    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::BadRequest { field, .. } | AppError::Invalid { field, .. } => {
                field.as_deref()
            }
            AppError::ForbiddenField(field) => Some(field),
            _ => None,
        }
    }
}

#[derive(Serialize)]
struct Body<'a> {
    error: Detail<'a>,
}

#[derive(Serialize)]
struct Detail<'a> {
    code: &'a str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    /// What a departure would do, with what still needs a decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    departure: Option<&'a serde_json::Value>,
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            // Still "not signed in", with its own code and words.
            AppError::Unauthorized | AppError::BadCredentials | AppError::AwaitingApproval => {
                StatusCode::UNAUTHORIZED
            }
            AppError::Forbidden(_) | AppError::ForbiddenField(_) | AppError::Csrf => {
                StatusCode::FORBIDDEN
            }
            AppError::NotFound | AppError::Missing { .. } => StatusCode::NOT_FOUND,
            AppError::Conflict { .. } | AppError::Decisions { .. } => StatusCode::CONFLICT,
            AppError::Gone { .. } => StatusCode::GONE,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Store(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if self.status_code().is_server_error() {
            // The detail goes to the log, never to the client.
            tracing::error!(error = %detail(self), "request failed");
        }
        // English here; the edge (`web::error_pages`) answers again in the
        // request's language.
        self.json_response(Lang::En)
    }
}

fn detail(e: &AppError) -> String {
    match e {
        AppError::Store(s) => s.to_string(),
        AppError::Internal(s) => s.clone(),
        other => other.to_string(),
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::EmailTaken(email) => AppError::Conflict {
                code: "email_taken",
                message: Msg::key("err-email-taken").arg("email", email.to_string()),
            },
            other => AppError::Store(other),
        }
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl From<crate::passwords::PasswordRejected> for AppError {
    fn from(e: crate::passwords::PasswordRejected) -> Self {
        AppError::Invalid {
            code: "weak_password",
            message: e.message(),
            field: Some("password".into()),
        }
    }
}

impl From<crate::passwords::HashError> for AppError {
    fn from(e: crate::passwords::HashError) -> Self {
        AppError::Internal(e.to_string())
    }
}
