use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::html;
use serde::Deserialize;

use super::layout::{FieldAttrs, Shell, field, public_page};
use super::{html, safe_next, see_other};
use crate::error::AppError;
use crate::service;
use crate::web::auth::{CsrfForm, clear_session_cookie, session_cookie};
use crate::web::ctx::Ctx;

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

fn render(email: &str, next: &str, error: Option<&str>) -> maud::Markup {
    public_page(
        &Shell::UNTRANSLATED,
        "Sign in",
        html! {
            @if let Some(e) = error {
                p.form-error role="alert" { (e) }
            }
            form method="post" action="/login" {
                input type="hidden" name="next" value=(next);
                (field("email", "Email", "email", email, None,
                    FieldAttrs { required: true, autofocus: email.is_empty(), autocomplete: Some("username") }))
                (field("password", "Password", "password", "", None,
                    FieldAttrs { required: true, autofocus: !email.is_empty(), autocomplete: Some("current-password") }))
                button type="submit" { "Sign in" }
            }
        },
    )
}

pub async fn form(query: web::Query<LoginQuery>) -> HttpResponse {
    let next = safe_next(query.next.as_deref());
    html(StatusCode::OK, render("", &next, None))
}

pub async fn submit(ctx: Ctx, form: web::Form<LoginForm>) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let next = safe_next(form.next.as_deref());
    if let Err(e) = ctx.app().limits.login_attempt(ctx.client_ip, &form.email) {
        return Ok(html(
            StatusCode::TOO_MANY_REQUESTS,
            render(&form.email, &next, Some(&e.to_string())),
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
            render(&form.email, &next, Some("The email or password is wrong.")),
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
