//! The one error type of the service layer and the one place it becomes an
//! HTTP answer: `{"error":{"code","message","field"?}}` for the API, an
//! HTML page for the UI (see `web::error_pages`).

use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{message}")]
    BadRequest {
        message: String,
        field: Option<String>,
    },
    #[error("authentication required")]
    Unauthorized,
    #[error("the email or password is wrong")]
    BadCredentials,
    #[error("{0}")]
    Forbidden(String),
    #[error("you may not change the field {0}")]
    ForbiddenField(String),
    #[error("missing or wrong CSRF token; reload the page and try again")]
    Csrf,
    #[error("not found")]
    NotFound,
    #[error("{message}")]
    Missing { code: &'static str, message: String },
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error("{message}")]
    Gone { message: String },
    #[error("the request body is too large")]
    PayloadTooLarge,
    #[error("{message}")]
    Invalid {
        code: &'static str,
        message: String,
        field: Option<String>,
    },
    #[error("{message}")]
    RateLimited {
        message: String,
        retry_after: Duration,
    },
    #[error("internal error")]
    Store(StoreError),
    #[error("internal error")]
    Internal(String),
}

impl AppError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        AppError::Invalid {
            code: "invalid",
            message: message.into(),
            field: Some(field.to_string()),
        }
    }

    pub fn bad_request(message: impl Into<String>, field: Option<String>) -> Self {
        AppError::BadRequest {
            message: message.into(),
            field,
        }
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        AppError::Forbidden(message.into())
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::BadRequest { .. } => "bad_request",
            AppError::Unauthorized => "unauthorized",
            AppError::BadCredentials => "bad_credentials",
            AppError::Forbidden(_) | AppError::ForbiddenField(_) => "forbidden",
            AppError::Csrf => "csrf",
            AppError::NotFound => "not_found",
            AppError::Missing { code, .. } => code,
            AppError::Conflict { code, .. } => code,
            AppError::Gone { .. } => "gone",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::Invalid { code, .. } => code,
            AppError::RateLimited { .. } => "rate_limited",
            AppError::Store(_) | AppError::Internal(_) => "internal",
        }
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
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::Unauthorized | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) | AppError::ForbiddenField(_) | AppError::Csrf => {
                StatusCode::FORBIDDEN
            }
            AppError::NotFound | AppError::Missing { .. } => StatusCode::NOT_FOUND,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::Gone { .. } => StatusCode::GONE,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Store(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if status.is_server_error() {
            // The detail goes to the log, never to the client.
            tracing::error!(error = %detail(self), "request failed");
        }
        let mut response = HttpResponse::build(status).json(Body {
            error: Detail {
                code: self.code(),
                message: self.to_string(),
                field: self.field(),
            },
        });
        if let AppError::RateLimited { retry_after, .. } = self {
            let secs = retry_after.as_secs().max(1).to_string();
            if let Ok(v) = HeaderValue::from_str(&secs) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response
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
                message: format!("the address {email} already belongs to a member"),
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
            message: e.to_string(),
            field: Some("password".into()),
        }
    }
}

impl From<crate::passwords::HashError> for AppError {
    fn from(e: crate::passwords::HashError) -> Self {
        AppError::Internal(e.to_string())
    }
}
