//! Signing in and out.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::layout::Shell;
use super::{html, safe_next, see_other};
use crate::error::AppError;
use crate::service;
use crate::web::auth::{CsrfForm, clear_session_cookie, session_cookie};
use crate::web::ctx::Ctx;
use crate::web::views::guest::account::{self as view, LoginError};

pub fn login_url(next: &str) -> String {
    if next == "/" {
        "/login".to_string()
    } else {
        format!(
            "/login?{}",
            serde_urlencoded::to_string([("next", next)]).unwrap_or_default()
        )
    }
}

#[derive(Deserialize, Default)]
pub struct LoginQuery {
    next: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

/// GET /login
pub async fn form(ctx: Ctx, query: web::Query<LoginQuery>) -> HttpResponse {
    let next = safe_next(query.next.as_deref());
    html(
        StatusCode::OK,
        view::login(&Shell::of(&ctx), "", &next, None),
    )
}

/// POST /login
pub async fn submit(ctx: Ctx, form: web::Form<LoginForm>) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let next = safe_next(form.next.as_deref());
    // The switch keeps where to go after signing in.
    let here = login_url(&next);
    let shell = Shell {
        lang: ctx.lang,
        here: Some(&here),
    };
    if let Err(e) = ctx.app().limits.login_attempt(ctx.client_ip, &form.email) {
        return Ok(html(
            StatusCode::TOO_MANY_REQUESTS,
            view::login(&shell, &form.email, &next, Some(LoginError::Other(&e))),
        ));
    }
    let (email, password) = (form.email.clone(), form.password);
    let result = ctx
        .run(move |s| service::auth::login(s.store(), &email, &password, s.now))
        .await;
    match result {
        Ok(signed_in) => Ok(HttpResponse::SeeOther()
            .cookie(session_cookie(ctx.app(), &signed_in.session_token))
            .insert_header((actix_web::http::header::LOCATION, next))
            .finish()),
        Err(AppError::BadCredentials) => Ok(html(
            StatusCode::UNAUTHORIZED,
            view::login(
                &shell,
                &form.email,
                &next,
                Some(LoginError::WrongCredentials),
            ),
        )),
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn logout(post: Ctx<CsrfForm<Empty>>) -> Result<HttpResponse, AppError> {
    let (ctx, _) = post.into_form();
    let token = ctx.user.session_token.clone();
    ctx.run(move |s| Ok(service::auth::logout(s.store(), &token)?))
        .await?;
    let mut res = see_other("/login");
    res.add_cookie(&clear_session_cookie(ctx.app()))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(res)
}
