//! Joining without an account: by an invitation link, the public link, or
//! the join code.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

use crate::error::AppError;
use crate::service::{
    self,
    invitations::{JoinForm, PublicKey},
};
use crate::web::State;
use crate::web::auth::client_ip;
use crate::web::extract::Json;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct JoinBody {
    pub email: String,
    pub code: String,
    pub first_name: String,
    pub last_name: String,
    pub password: String,
    pub phone: String,
    pub department: String,
    pub position: String,
    pub location: String,
}

impl JoinBody {
    pub fn form(&self) -> JoinForm {
        JoinForm {
            email: self.email.clone(),
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            password: self.password.clone(),
            phone: self.phone.clone(),
            department: self.department.clone(),
            position: self.position.clone(),
            location: self.location.clone(),
        }
    }
}

/// POST /api/v1/join/{token}: 200 {state}; 410 for a dead link.
pub async fn by_invitation(
    state: State,
    path: web::Path<String>,
    body: Json<JoinBody>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let form = body.0.form();
    let now = chrono::Utc::now();
    let member = state
        .into_inner()
        .run(move |s| service::invitations::join(&s.store, &s.base_url, &token, form, now))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "state": member.state.as_str(), "member_id": member.id })))
}

/// POST /api/v1/join-by-code: 200 {state:"pending"}; 404 unknown code; 429
/// after repeated wrong codes from one address.
pub async fn by_code(
    req: HttpRequest,
    state: State,
    body: Json<JoinBody>,
) -> Result<HttpResponse, AppError> {
    let ip = client_ip(&req);
    state.join_codes.check(ip)?;
    let code = body.0.code.clone();
    let form = body.0.form();
    let now = chrono::Utc::now();
    let joined = state
        .clone()
        .into_inner()
        .run(move |s| {
            service::invitations::join_public(
                &s.store,
                &s.base_url,
                PublicKey::Code(&code),
                form,
                now,
            )
        })
        .await;
    match joined {
        Ok(m) => {
            Ok(HttpResponse::Ok().json(json!({ "state": m.state.as_str(), "member_id": m.id })))
        }
        Err(AppError::Invalid {
            code: "unknown_code",
            message,
            ..
        }) => {
            state.join_codes.failed(ip);
            Err(AppError::Missing {
                code: "unknown_code",
                message,
            })
        }
        Err(e) => Err(e),
    }
}

/// POST /api/v1/join-by-link/{token}: the public link's form, as JSON.
pub async fn by_link(
    req: HttpRequest,
    state: State,
    path: web::Path<String>,
    body: Json<JoinBody>,
) -> Result<HttpResponse, AppError> {
    let ip = client_ip(&req);
    state.join_codes.check(ip)?;
    let token = path.into_inner();
    let form = body.0.form();
    let now = chrono::Utc::now();
    let joined = state
        .clone()
        .into_inner()
        .run(move |s| {
            service::invitations::join_public(
                &s.store,
                &s.base_url,
                PublicKey::Link(&token),
                form,
                now,
            )
        })
        .await;
    match joined {
        Ok(m) => {
            Ok(HttpResponse::Ok().json(json!({ "state": m.state.as_str(), "member_id": m.id })))
        }
        Err(AppError::Invalid {
            code: "unknown_code",
            ..
        }) => {
            state.join_codes.failed(ip);
            Err(AppError::Gone {
                message: "this join link is no longer valid; ask for the current one".into(),
            })
        }
        Err(e) => Err(e),
    }
}
