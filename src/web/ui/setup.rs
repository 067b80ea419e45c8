//! The one-time setup page that creates the first owner.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::html;
use super::layout::Shell;
use crate::crypto;
use crate::error::AppError;
use crate::service::{self, org::setup::NewOwner};
use crate::web::AppState;
use crate::web::auth::session_cookie;
use crate::web::ctx::Ctx;
use crate::web::views::guest::account::{self as view, SetupFields};

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

fn done_page(shell: &Shell<'_>) -> HttpResponse {
    html(StatusCode::GONE, view::setup_done(shell))
}

fn bad_link_page(shell: &Shell<'_>) -> HttpResponse {
    html(StatusCode::NOT_FOUND, view::setup_bad_link(shell))
}

fn render(shell: &Shell<'_>, form: &SetupForm, error: Option<&AppError>) -> maud::Markup {
    let fields = SetupFields {
        token: &form.token,
        organization: &form.organization,
        first_name: &form.first_name,
        last_name: &form.last_name,
        email: &form.email,
    };
    view::setup(shell, &fields, error)
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
    let shell = Shell::of(&ctx);
    if has_owner {
        return Ok(done_page(&shell));
    }
    if !token_valid(ctx.app(), &query.token) {
        return Ok(bad_link_page(&shell));
    }
    let form = SetupForm {
        token: query.token.clone(),
        ..Default::default()
    };
    Ok(html(StatusCode::OK, render(&shell, &form, None)))
}

pub async fn submit(ctx: Ctx, form: web::Form<SetupForm>) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    // The switch reopens the form of the same link.
    let here = format!(
        "/setup?{}",
        serde_urlencoded::to_string([("token", form.token.as_str())]).unwrap_or_default()
    );
    let shell = Shell {
        lang: ctx.lang,
        here: Some(&here),
    };
    if !token_valid(ctx.app(), &form.token) {
        let has_owner = ctx
            .run(|s| service::org::setup::has_owner(s.store()))
            .await?;
        return Ok(if has_owner {
            done_page(&shell)
        } else {
            bad_link_page(&shell)
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
        }) => Ok(done_page(&shell)),
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict { .. })) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&shell, &form, Some(&e)),
        )),
        Err(other) => Err(other),
    }
}
