//! Admin pages of member management: public link and join rules, CSV
//! import, and departments, positions and locations.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::{html, see_other};
use crate::domain::{CatalogKind, JoinRules};
use crate::error::AppError;
use crate::service::{self, members::organize::CatalogItem};
use crate::tr;
use crate::web::auth::{CsrfForm, CsrfMultipart, PageUser};
use crate::web::ctx::Ctx;
use crate::web::views::members::{StructurePage, import_page, invite_link_page, structure_page};

fn qr_svg(data: &str) -> Result<String, AppError> {
    let code =
        qrcode::QrCode::new(data.as_bytes()).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build())
}

pub async fn invite_link(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    let (invite, rules) = ctx
        .run(|s| {
            let (invite, _) =
                service::members::invitations::public_invite(s.store(), s.admin()?, false, s.now)?;
            Ok((
                invite,
                service::members::invitations::join_rules(s.store())?,
            ))
        })
        .await?;
    let (user, base_url) = (&ctx.user, &ctx.app().base_url);
    let url = format!("{base_url}/join/org/{}", invite.token);
    let svg = qr_svg(&url)?;
    Ok(html(
        StatusCode::OK,
        invite_link_page(user, ctx.lang, &url, base_url, &invite.code, &svg, &rules),
    ))
}

pub async fn qr(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    let (invite, _) = ctx
        .run(|s| service::members::invitations::public_invite(s.store(), s.admin()?, false, s.now))
        .await?;
    let svg = qr_svg(&format!("{}/join/org/{}", ctx.app().base_url, invite.token))?;
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header(("Cache-Control", "no-store"))
        .body(svg))
}

pub async fn rotate(post: Ctx<CsrfForm<Vec<(String, String)>>>) -> Result<HttpResponse, AppError> {
    post.run(|s| service::members::invitations::public_invite(s.store(), s.admin()?, true, s.now))
        .await?;
    Ok(see_other("/members/invite-link"))
}

pub async fn save_rules(
    post: Ctx<CsrfForm<Vec<(String, String)>>>,
) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let has = |k: &str| form.iter().any(|(n, _)| n == k);
    let rules = JoinRules {
        inviting_verification: has("inviting_verification"),
        public_join: has("public_join"),
        required_fields: form
            .iter()
            .filter(|(k, _)| k == "required_fields")
            .map(|(_, v)| v.clone())
            .collect(),
        invitation_days: form
            .iter()
            .find(|(k, _)| k == "invitation_days")
            .and_then(|(_, v)| v.trim().parse().ok())
            .unwrap_or(7),
    };
    ctx.run(move |s| {
        service::members::invitations::set_join_rules(s.store(), s.admin()?, rules, s.now)
    })
    .await?;
    Ok(see_other("/members/invite-link"))
}

pub async fn import_form(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    crate::policy::require(ctx.actor().role, crate::policy::Action::AdministerMembers)?;
    Ok(html(
        StatusCode::OK,
        import_page(&ctx.user, ctx.lang, None, None),
    ))
}

/// The upload: multipart with the CSRF token, a file and a checkbox.
pub async fn import_submit(post: Ctx<CsrfMultipart>) -> Result<HttpResponse, AppError> {
    let (ctx, mut parts) = post.into_parts();
    let file = parts.remove("file").unwrap_or_default();
    let create = parts.contains_key("create_departments");
    let options = service::members::csv_io::ImportOptions {
        client_ip: ctx.client_ip.to_string(),
        create_departments: create,
        rows_per_day: ctx.app().config.limits.import_rows_per_day,
    };
    let result = ctx
        .run(move |s| {
            service::members::csv_io::import(
                s.store(),
                s.base_url(),
                s.admin()?,
                &file,
                &options,
                s.now,
            )
        })
        .await;
    let user = &ctx.user;
    match result {
        Ok(report) => Ok(html(
            StatusCode::OK,
            import_page(user, ctx.lang, Some(&report), None),
        )),
        Err(e @ AppError::RateLimited { .. }) => Ok(html(
            StatusCode::TOO_MANY_REQUESTS,
            import_page(user, ctx.lang, None, Some(&e)),
        )),
        Err(e @ (AppError::Invalid { .. } | AppError::Forbidden(_))) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            import_page(user, ctx.lang, None, Some(&e)),
        )),
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct KindQuery {
    kind: Option<String>,
    done: Option<String>,
}

pub async fn structure(
    ctx: Ctx<PageUser>,
    query: web::Query<KindQuery>,
) -> Result<HttpResponse, AppError> {
    // Only those who may change the lists get the page of forms.
    crate::policy::require(ctx.actor().role, crate::policy::Action::AdministerMembers)?;
    let kind = query
        .kind
        .as_deref()
        .and_then(CatalogKind::parse)
        .unwrap_or(CatalogKind::Department);
    let items: Vec<CatalogItem> = ctx
        .run(move |s| service::members::organize::catalog(s.store(), kind))
        .await?;
    let view = StructurePage {
        kind,
        items: &items,
        done: query.done.as_deref(),
    };
    Ok(html(
        StatusCode::OK,
        structure_page(&ctx.user, ctx.lang, &view),
    ))
}

#[derive(Deserialize)]
pub struct CatalogForm {
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    old: String,
}

pub async fn catalog_action(
    path: web::Path<String>,
    post: Ctx<CsrfForm<CatalogForm>>,
) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let kind = CatalogKind::parse(&form.kind).ok_or(AppError::NotFound)?;
    let op = path.into_inner();
    let result = ctx
        .run(move |s| {
            let (store, now, lang) = (s.store(), s.now, s.lang);
            match op.as_str() {
                "create" => service::members::organize::create_catalog(
                    store,
                    s.admin()?,
                    kind,
                    &form.name,
                    now,
                )
                .map(|i| tr!(lang, "mem-org-added", name = &i.name)),
                "rename" => service::members::organize::rename_catalog(
                    store,
                    s.admin()?,
                    kind,
                    &form.old,
                    &form.name,
                    now,
                )
                .map(|i| tr!(lang, "mem-org-renamed", name = &i.name)),
                "delete" => service::members::organize::delete_catalog(
                    store,
                    s.admin()?,
                    kind,
                    &form.name,
                    now,
                )
                .map(|()| tr!(lang, "mem-org-deleted", name = &form.name)),
                _ => Err(AppError::NotFound),
            }
        })
        .await;
    let done = match result {
        Ok(d) => d,
        Err(e @ (AppError::Conflict { .. } | AppError::Invalid { .. })) => e.text(ctx.lang),
        Err(e) => return Err(e),
    };
    Ok(see_other(&format!(
        "/members/organization?{}",
        serde_urlencoded::to_string([("kind", kind.as_str()), ("done", done.as_str())])
            .unwrap_or_default()
    )))
}
