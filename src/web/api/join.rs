//! Joining without an account: by an invitation link, the public link, or
//! the join code.

use actix_web::{HttpResponse, web};
use serde_json::json;

use crate::domain::Member;
use crate::error::AppError;
use crate::i18n::Msg;
use crate::service::{
    self,
    members::join::{JoinForm, PublicKey},
};
use crate::web::ctx::Ctx;
use crate::web::extract::Json;

fn joined(m: &Member) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "state": m.state.as_str(), "member_id": m.id }))
}

/// POST /api/v1/join/{token}: 200 {state}; 410 for a dead link.
pub async fn by_invitation(
    ctx: Ctx,
    path: web::Path<String>,
    body: Json<JoinForm>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let member = ctx
        .run(move |s| service::members::join::join(s.store(), s.base_url(), &token, body.0, s.now))
        .await?;
    Ok(joined(&member))
}

/// The public link (Ok) or code (Err) of a join request.
type Key = Result<String, String>;

/// Joins by the public link or code; wrong ones count against the
/// client's address, which gets locked out after a few.
async fn public(ctx: &Ctx, key: Key, form: JoinForm) -> Result<HttpResponse, AppError> {
    let ip = ctx.client_ip;
    let app = ctx.app();
    app.join_codes.check(ip)?;
    app.limits.join_attempt(ip)?;
    let by_link = key.is_ok();
    let joined_member = ctx
        .run(move |s| {
            let k = match &key {
                Ok(token) => PublicKey::Link(token),
                Err(code) => PublicKey::Code(code),
            };
            service::members::join::join_public(s.store(), s.base_url(), k, form, s.now)
        })
        .await;
    match joined_member {
        Ok(m) => Ok(joined(&m)),
        Err(AppError::Invalid {
            code: "unknown_code",
            message,
            ..
        }) => {
            app.join_codes.failed(ip);
            if by_link {
                Err(AppError::Gone {
                    message: Msg::key("err-join-link-replaced"),
                })
            } else {
                Err(AppError::Missing {
                    code: "unknown_code",
                    message,
                })
            }
        }
        Err(e) => Err(e),
    }
}

/// POST /api/v1/join-by-code: 200 {state:"pending"}; 404 unknown code; 429
/// after repeated wrong codes from one address.
pub async fn by_code(ctx: Ctx, body: Json<JoinForm>) -> Result<HttpResponse, AppError> {
    let code = body.0.code.clone();
    public(&ctx, Err(code), body.0).await
}

/// POST /api/v1/join-by-link/{token}: the public link's form, as JSON.
pub async fn by_link(
    ctx: Ctx,
    path: web::Path<String>,
    body: Json<JoinForm>,
) -> Result<HttpResponse, AppError> {
    public(&ctx, Ok(path.into_inner()), body.0).await
}
