//! The start page of a signed-in member.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;

use super::html;
use crate::error::AppError;
use crate::policy::{self, Action};
use crate::service;
use crate::web::auth::PageUser;
use crate::web::ctx::Ctx;
use crate::web::views::org::{self as views, Dashboard};

pub async fn show(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    let admin = policy::allows(ctx.user.member.role, Action::AdministerMembers);
    let v = ctx
        .run(move |s| {
            Ok(Dashboard {
                org_name: service::members::organize::organization_name(s.store())?,
                counts: admin
                    .then(|| service::members::directory::counts(s.store()))
                    .transpose()?,
            })
        })
        .await?;
    Ok(html(
        StatusCode::OK,
        views::dashboard(&ctx.user, ctx.lang, &v),
    ))
}
