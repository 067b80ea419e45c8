//! The one-time setup page that creates the first owner.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::html;
use serde::Deserialize;

use super::html;
use super::layout::{FieldAttrs, Shell, field, public_page};
use crate::crypto;
use crate::error::AppError;
use crate::service::{self, org::setup::NewOwner};
use crate::web::AppState;
use crate::web::auth::session_cookie;
use crate::web::ctx::Ctx;

#[derive(Deserialize, Default)]
pub struct SetupForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    organization: String,
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

fn token_valid(state: &AppState, token: &str) -> bool {
    let hash = crypto::token_hash(token);
    state
        .setup_token
        .lock()
        .map(|slot| slot.as_ref().is_some_and(|h| h == &hash))
        .unwrap_or(false)
}

fn done_page() -> HttpResponse {
    html(
        StatusCode::GONE,
        public_page(
            &Shell::UNTRANSLATED,
            "Setup is done",
            html! {
                p { "This organization already has an owner, so the setup link no longer works." }
                p { a href="/login" { "Sign in" } }
            },
        ),
    )
}

fn bad_link_page() -> HttpResponse {
    html(
        StatusCode::NOT_FOUND,
        public_page(
            &Shell::UNTRANSLATED,
            "Setup link not valid",
            html! {
                p { "Use the setup link that the server printed to its log when it started, or create the owner with " code { "convene create-owner" } "." }
            },
        ),
    )
}

fn render(form: &SetupForm, error: Option<&AppError>) -> maud::Markup {
    let err_for = |name: &str| {
        error
            .filter(|e| e.field() == Some(name))
            .map(|e| e.to_string())
    };
    let general = error.filter(|e| e.field().is_none()).map(|e| e.to_string());
    public_page(
        &Shell::UNTRANSLATED,
        "Create the owner account",
        html! {
            p.muted { "You are the first person here. This account will own the organization." }
            @if let Some(e) = general { p.form-error role="alert" { (e) } }
            form method="post" action="/setup" {
                input type="hidden" name="token" value=(form.token);
                (field("organization", "Organization name", "text", &form.organization, err_for("organization").as_deref(),
                    FieldAttrs { autofocus: true, ..Default::default() }))
                (field("first_name", "First name", "text", &form.first_name, err_for("first_name").as_deref(),
                    FieldAttrs { required: true, autocomplete: Some("given-name"), ..Default::default() }))
                (field("last_name", "Last name", "text", &form.last_name, err_for("last_name").as_deref(),
                    FieldAttrs { autocomplete: Some("family-name"), ..Default::default() }))
                (field("email", "Email", "email", &form.email, err_for("email").as_deref(),
                    FieldAttrs { required: true, autocomplete: Some("username"), ..Default::default() }))
                (field("password", "Password (at least 10 characters)", "password", "", err_for("password").as_deref(),
                    FieldAttrs { required: true, autocomplete: Some("new-password"), ..Default::default() }))
                button type="submit" { "Create owner and sign in" }
            }
        },
    )
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

pub async fn form(ctx: Ctx, query: web::Query<TokenQuery>) -> Result<HttpResponse, AppError> {
    let has_owner = ctx
        .run(|s| service::org::setup::has_owner(s.store()))
        .await?;
    if has_owner {
        return Ok(done_page());
    }
    if !token_valid(ctx.app(), &query.token) {
        return Ok(bad_link_page());
    }
    let form = SetupForm {
        token: query.token.clone(),
        ..Default::default()
    };
    Ok(html(StatusCode::OK, render(&form, None)))
}

pub async fn submit(ctx: Ctx, form: web::Form<SetupForm>) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    if !token_valid(ctx.app(), &form.token) {
        let has_owner = ctx
            .run(|s| service::org::setup::has_owner(s.store()))
            .await?;
        return Ok(if has_owner {
            done_page()
        } else {
            bad_link_page()
        });
    }
    let input = NewOwner {
        organization: form.organization.clone(),
        email: form.email.clone(),
        first_name: form.first_name.clone(),
        last_name: form.last_name.clone(),
        password: form.password.clone(),
    };
    let password = form.password.clone();
    let result = ctx
        .run(move |s| {
            let owner = service::org::setup::create_owner(s.store(), input, s.now)?;
            service::auth::login(s.store(), owner.email.as_str(), &password, s.now)
        })
        .await;
    match result {
        Ok(signed_in) => {
            if let Ok(mut slot) = ctx.app().setup_token.lock() {
                *slot = None;
            }
            tracing::info!(member = %signed_in.member.id, "owner created through the setup page");
            Ok(HttpResponse::SeeOther()
                .cookie(session_cookie(ctx.app(), &signed_in.session_token))
                .insert_header((actix_web::http::header::LOCATION, "/"))
                .finish())
        }
        Err(AppError::Conflict {
            code: "owner_exists",
            ..
        }) => Ok(done_page()),
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict { .. })) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&form, Some(&e)),
        )),
        Err(other) => Err(other),
    }
}
