//! Admin pages of member management: public link and join rules, CSV
//! import, and departments, positions and locations.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use super::layout::{Nav, csrf_field, page};
use super::{html, see_other};
use crate::domain::{CatalogKind, JoinRules, invitation::REQUIRABLE_FIELDS};
use crate::error::AppError;
use crate::service::{self, members::csv_io::ImportReport, members::organize::CatalogItem};
use crate::web::auth::{CsrfForm, CsrfMultipart, PageUser};
use crate::web::ctx::Ctx;

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
    let body = html! {
        section.card {
            h2 { "Public invitation" }
            @if !rules.public_join { p.form-error { "Public joining is off: the link and code do not work." } }
            p { "Anyone with the link or the join code can ask to join; an admin approves each request." }
            p.secret data-testid="invite-url" { (url) }
            p { "Join code: " strong data-testid="join-code" { (invite.code) } " — entered at " code { (base_url) "/join" } }
            figure { (PreEscaped(svg)) figcaption.muted { "QR code of the link" } }
            p { a href="/members/invite-link/qr.svg" download="convene-join.svg" { "Download the QR code (SVG)" } }
            form method="post" action="/members/invite-link/rotate" data-confirm="Replace the link and code? The current ones stop working at once." {
                (csrf_field(&user.csrf_token))
                button.danger type="submit" { "Replace link and code" }
            }
        }
        section.card {
            h2 { "Join rules" }
            form method="post" action="/members/join-rules" {
                (csrf_field(&user.csrf_token))
                label { input type="checkbox" name="inviting_verification" value="1" checked[rules.inviting_verification]; " People invited by non-admins need approval (inviting verification)" } br;
                label { input type="checkbox" name="public_join" value="1" checked[rules.public_join]; " Public link and join code work" } br;
                p { "Fields a joiner must fill in:" }
                @for f in REQUIRABLE_FIELDS { label { input type="checkbox" name="required_fields" value=(f) checked[rules.required_fields.iter().any(|r| r == f)]; " " (f) } " " }
                div.field {
                    label for="f-days" { "Days an email invitation stays valid" }
                    input id="f-days" type="number" name="invitation_days" min="1" max="90" value=(rules.invitation_days);
                }
                button type="submit" { "Save rules" }
            }
        }
    };
    Ok(html(
        StatusCode::OK,
        page(user, Nav::Members, "Public link and join rules", body),
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

fn import_page(user: &PageUser, report: Option<&ImportReport>, error: Option<&AppError>) -> Markup {
    let body = html! {
        @if let Some(e) = error { p.form-error role="alert" { (e) } }
        @if let Some(r) = report {
            section.card data-testid="import-report" {
                h2 { "Result" }
                p { strong { (r.invited) } " invited, " (r.skipped.len()) " skipped, " (r.errors.len()) " with errors." }
                @if !r.skipped.is_empty() {
                    table { thead { tr { th { "Line" } th { "Email" } th { "Skipped because" } } }
                        tbody { @for s in &r.skipped { tr { td { (s.line) } td { (s.email) } td { (s.code) } } } } }
                }
                @if !r.errors.is_empty() {
                    table { thead { tr { th { "Line" } th { "Field" } th { "Error" } } }
                        tbody { @for e in &r.errors { tr { td { (e.line) } td { (e.field.as_deref().unwrap_or("")) } td { (e.message) } } } } }
                }
            }
        }
        p { "Fill in the template (UTF-8, comma or semicolon separated) and upload it. Each good row is invited by email; nothing is written for a row with an error." }
        p { a href="/api/v1/members/import-template.csv" download { "Download the CSV template" } }
        form method="post" action="/members/import" enctype="multipart/form-data" {
            (csrf_field(&user.csrf_token))
            div.field { label for="f-file" { "CSV file" } input id="f-file" type="file" name="file" accept=".csv,text/csv" required; }
            label { input type="checkbox" name="create_departments" value="1"; " Create missing departments" }
            p { button type="submit" { "Import" } }
        }
    };
    page(user, Nav::Members, "Import members", body)
}

pub async fn import_form(user: PageUser) -> HttpResponse {
    html(StatusCode::OK, import_page(&user, None, None))
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
        Ok(report) => Ok(html(StatusCode::OK, import_page(user, Some(&report), None))),
        Err(e @ AppError::RateLimited { .. }) => Ok(html(
            StatusCode::TOO_MANY_REQUESTS,
            import_page(user, None, Some(&e)),
        )),
        Err(e @ (AppError::Invalid { .. } | AppError::Forbidden(_))) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            import_page(user, None, Some(&e)),
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
    let kind = query
        .kind
        .as_deref()
        .and_then(CatalogKind::parse)
        .unwrap_or(CatalogKind::Department);
    let items: Vec<CatalogItem> = ctx
        .run(move |s| service::members::organize::catalog(s.store(), kind))
        .await?;
    let user = &ctx.user;
    let body = html! {
        @if let Some(d) = &query.done { p.notice role="status" { (d) } }
        ul.tabs {
            @for k in CatalogKind::ALL {
                li { a href={ "/members/organization?kind=" (k.as_str()) } aria-current=[(k == kind).then_some("page")] { (k.plural()) } }
            }
        }
        @if items.is_empty() { div.empty { p { "None yet." } } }
        @for item in &items {
            div.toolbar {
                form method="post" action="/members/organization/rename" {
                    (csrf_field(&user.csrf_token))
                    input type="hidden" name="kind" value=(kind.as_str());
                    input type="hidden" name="old" value=(item.name);
                    input type="text" name="name" value=(item.name) aria-label={ "Rename " (item.name) };
                    button type="submit" { "Rename" }
                }
                span.muted { (item.members) " member(s)" }
                form method="post" action="/members/organization/delete" {
                    (csrf_field(&user.csrf_token))
                    input type="hidden" name="kind" value=(kind.as_str());
                    input type="hidden" name="name" value=(item.name);
                    button.danger type="submit" { "Delete" }
                }
            }
        }
        form.toolbar method="post" action="/members/organization/create" {
            (csrf_field(&user.csrf_token))
            input type="hidden" name="kind" value=(kind.as_str());
            input type="text" name="name" required placeholder={ "New " (kind.as_str()) } aria-label={ "New " (kind.as_str()) };
            button type="submit" { "Add" }
        }
    };
    Ok(html(
        StatusCode::OK,
        page(
            user,
            Nav::Members,
            "Departments, positions, locations",
            body,
        ),
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
            let (store, now) = (s.store(), s.now);
            match op.as_str() {
                "create" => service::members::organize::create_catalog(
                    store,
                    s.admin()?,
                    kind,
                    &form.name,
                    now,
                )
                .map(|i| format!("{} added.", i.name)),
                "rename" => service::members::organize::rename_catalog(
                    store,
                    s.admin()?,
                    kind,
                    &form.old,
                    &form.name,
                    now,
                )
                .map(|i| format!("Renamed to {}.", i.name)),
                "delete" => service::members::organize::delete_catalog(
                    store,
                    s.admin()?,
                    kind,
                    &form.name,
                    now,
                )
                .map(|()| format!("{} deleted.", form.name)),
                _ => Err(AppError::NotFound),
            }
        })
        .await;
    let done = match result {
        Ok(d) => d,
        Err(e @ (AppError::Conflict { .. } | AppError::Invalid { .. })) => e.to_string(),
        Err(e) => return Err(e),
    };
    Ok(see_other(&format!(
        "/members/organization?{}",
        serde_urlencoded::to_string([("kind", kind.as_str()), ("done", done.as_str())])
            .unwrap_or_default()
    )))
}
