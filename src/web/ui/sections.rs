//! Sections still waiting for their features.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;

use super::html;
use crate::error::AppError;
use crate::policy::{self, Action};
use crate::web::auth::PageUser;
use crate::web::ctx::Ctx;
use crate::web::views::org as views;

pub async fn external_members(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    // The management page is for admins (PRODUCT.md §6b), as the
    // navigation says.
    policy::require(ctx.actor().role, Action::ManageExternalMembers)?;
    Ok(html(
        StatusCode::OK,
        views::external_members(&ctx.user, ctx.lang),
    ))
}
