//! A member's departure: the preview, and terminating with decisions.

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::domain::MemberId;
use crate::error::AppError;
use crate::service::departures::{self, Decisions, DepartureSettings};
use crate::web::auth::ApiUser;
use crate::web::ctx::Ctx;
use crate::web::extract::OptionalJson;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TerminateBody {
    #[serde(default)]
    reassign: HashMap<String, MemberId>,
    #[serde(default)]
    cancel: Vec<String>,
    #[serde(default)]
    external_members_to: Option<MemberId>,
    #[serde(default)]
    reason: Option<String>,
}

impl From<TerminateBody> for Decisions {
    fn from(b: TerminateBody) -> Self {
        Decisions {
            reassign: b.reassign,
            cancel: b.cancel,
            external_members_to: b.external_members_to,
            reason: b.reason,
        }
    }
}

/// GET /api/v1/members/{id}/departure: what terminating would do.
pub async fn preview(ctx: Ctx<ApiUser>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let d = ctx
        .run(move |s| {
            let cfg = DepartureSettings {
                base_url: s.base_url(),
                video_pattern: &s.config().booking.video_link_pattern,
            };
            departures::preview(
                s.store(),
                &cfg,
                s.admin()?,
                &id,
                &Decisions::default(),
                s.now,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(d))
}

/// POST /api/v1/members/{id}/terminate, with an optional body of
/// decisions: 200 the member; 409 `decisions_needed` (nothing changed).
pub async fn terminate(
    ctx: Ctx<ApiUser>,
    path: web::Path<String>,
    body: OptionalJson<TerminateBody>,
) -> Result<HttpResponse, AppError> {
    let id = MemberId::from_string(path.into_inner());
    let decisions = Decisions::from(body.0);
    let (member, d) = ctx
        .run(move |s| {
            let cfg = DepartureSettings {
                base_url: s.base_url(),
                video_pattern: &s.config().booking.video_link_pattern,
            };
            departures::terminate(s.store(), &cfg, s.admin()?, &id, &decisions, s.now)
        })
        .await?;
    let mut out = serde_json::to_value(&member).unwrap_or_default();
    out["departure"] = serde_json::to_value(&d).unwrap_or_default();
    Ok(HttpResponse::Ok().json(out))
}
