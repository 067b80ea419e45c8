use actix_web::{HttpRequest, HttpResponse};
use serde::Deserialize;
use serde_json::json;

use crate::error::AppError;
use crate::service;
use crate::web::State;
use crate::web::auth::{ApiUser, Credentials, clear_session_cookie, client_ip, session_cookie};
use crate::web::extract::Json;

#[derive(Deserialize)]
pub struct Login {
    email: String,
    password: String,
}

/// POST /api/v1/session: signs in, sets the cookie, returns the CSRF token.
pub async fn create(
    req: HttpRequest,
    state: State,
    body: Json<Login>,
) -> Result<HttpResponse, AppError> {
    let Login { email, password } = body.0;
    state.limits.login_attempt(client_ip(&req), &email)?;
    let now = chrono::Utc::now();
    let signed_in = state
        .clone()
        .into_inner()
        .run(move |s| service::auth::login(&s.store, &email, &password, now))
        .await?;
    Ok(HttpResponse::Ok()
        .cookie(session_cookie(&state, &signed_in.session_token))
        .json(json!({
            "member_id": signed_in.member.id,
            "csrf_token": signed_in.csrf_token,
        })))
}

/// GET /api/v1/session: who am I (and the CSRF token for cookie callers).
pub async fn show(user: ApiUser) -> HttpResponse {
    let csrf = match &user.credentials {
        Credentials::Session { csrf_token, .. } => Some(csrf_token.clone()),
        Credentials::ApiKey => None,
    };
    HttpResponse::Ok().json(json!({ "member": user.member, "csrf_token": csrf }))
}

/// DELETE /api/v1/session: revokes the session at once.
pub async fn delete(state: State, user: ApiUser) -> Result<HttpResponse, AppError> {
    let Credentials::Session { token, .. } = user.credentials else {
        return Err(AppError::bad_request(
            "an API key has no session; revoke the key instead",
            None,
        ));
    };
    state
        .clone()
        .into_inner()
        .run(move |s| Ok(service::auth::logout(&s.store, &token)?))
        .await?;
    Ok(HttpResponse::NoContent()
        .cookie(clear_session_cookie(&state))
        .finish())
}
