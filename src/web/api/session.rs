use actix_web::HttpResponse;
use serde::Deserialize;
use serde_json::json;

use crate::error::AppError;
use crate::i18n::Msg;
use crate::service;
use crate::web::auth::{ApiUser, Credentials, clear_session_cookie, session_cookie};
use crate::web::ctx::Ctx;
use crate::web::extract::Json;

#[derive(Deserialize)]
pub struct Login {
    email: String,
    password: String,
}

/// POST /api/v1/session: signs in, sets the cookie, returns the CSRF token.
pub async fn create(ctx: Ctx, body: Json<Login>) -> Result<HttpResponse, AppError> {
    let Login { email, password } = body.0;
    ctx.app().limits.login_attempt(ctx.client_ip, &email)?;
    let signed_in = ctx
        .run(move |s| service::auth::login(s.store(), &email, &password, s.now))
        .await?;
    Ok(HttpResponse::Ok()
        .cookie(session_cookie(ctx.app(), &signed_in.session_token))
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
pub async fn delete(ctx: Ctx<ApiUser>) -> Result<HttpResponse, AppError> {
    let Credentials::Session { token, .. } = ctx.user.credentials.clone() else {
        return Err(AppError::bad_request(Msg::key("err-session-api-key"), None));
    };
    ctx.run(move |s| Ok(service::auth::logout(s.store(), &token)?))
        .await?;
    Ok(HttpResponse::NoContent()
        .cookie(clear_session_cookie(ctx.app()))
        .finish())
}
