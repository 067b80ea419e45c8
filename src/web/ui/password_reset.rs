//! The page of a mailed link to set a new password
//! (`convene reset-password EMAIL --mail`).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::html;
use super::layout::{Shell, error_page};
use crate::error::AppError;
use crate::service::members::password_reset;
use crate::web::ctx::Ctx;
use crate::web::views::guest::account as view;

#[derive(Deserialize)]
pub struct NewPassword {
    #[serde(default)]
    password: String,
}

fn gone(ctx: &Ctx, e: &AppError) -> HttpResponse {
    html(
        StatusCode::GONE,
        error_page(ctx.lang, StatusCode::GONE, &e.text(ctx.lang)),
    )
}

/// GET /reset-password/{token}
pub async fn form(ctx: Ctx, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let found = ctx
        .run(move |s| password_reset::member_of_link(s.store(), &token, s.now))
        .await;
    match found {
        Ok(member) => Ok(html(
            StatusCode::OK,
            view::password_reset(&Shell::of(&ctx), member.email.as_str(), None),
        )),
        Err(e @ AppError::Gone { .. }) => Ok(gone(&ctx, &e)),
        Err(e) => Err(e),
    }
}

/// POST /reset-password/{token}
pub async fn submit(
    ctx: Ctx,
    path: web::Path<String>,
    form: web::Form<NewPassword>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let password = form.into_inner().password;
    let t = token.clone();
    let result = ctx
        .run(move |s| password_reset::set_by_link(s.store(), &t, &password, s.now))
        .await;
    // No language switch on the answers: its link would lead to the form.
    let shell = Shell {
        lang: ctx.lang,
        here: None,
    };
    match result {
        Ok(member) => Ok(html(
            StatusCode::OK,
            view::password_reset_done(&shell, member.email.as_str()),
        )),
        Err(e @ AppError::Gone { .. }) => Ok(gone(&ctx, &e)),
        Err(e @ AppError::Invalid { .. }) => {
            let member = ctx
                .run(move |s| password_reset::member_of_link(s.store(), &token, s.now))
                .await?;
            Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                view::password_reset(&Shell::of(&ctx), member.email.as_str(), Some(&e)),
            ))
        }
        Err(e) => Err(e),
    }
}
