//! Sections still waiting for their features.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;

use super::html;
use crate::error::AppError;
use crate::web::auth::PageUser;
use crate::web::ctx::Ctx;
use crate::web::views::org as views;

pub async fn external_members(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    Ok(html(
        StatusCode::OK,
        views::external_members(&ctx.user, ctx.lang),
    ))
}
