//! Sections still waiting for their features.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use maud::html;

use super::html;
use super::layout::{Nav, page};
use crate::error::AppError;
use crate::web::auth::PageUser;
use crate::web::ctx::Ctx;

pub async fn external_members(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    let body = html! {
        div.empty {
            p { strong { "No external members yet." } }
            p { "External members are people outside the organization who enter candidate dates without an account." }
        }
    };
    Ok(html(
        StatusCode::OK,
        page(&ctx.user, Nav::External, "External members", body),
    ))
}
