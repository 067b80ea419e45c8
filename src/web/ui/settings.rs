//! Settings: the organization, join rules and booking (admins), the
//! person's API keys, and the stylesheet that gives the public pages the
//! organization's colour. A saved form answers 303 back to its section; a
//! refused one shows the page again (422) with what was typed.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::{html, see_other};
use crate::config::Config;
use crate::domain::{ApiKeyId, JoinRules};
use crate::error::AppError;
use crate::mail::smtp_url::SmtpUrl;
use crate::policy;
use crate::service;
use crate::service::booking::pages as booking_pages;
use crate::service::org::settings::OrgPatch;
use crate::web::auth::{CsrfForm, PageUser};
use crate::web::ctx::Ctx;
use crate::web::views::org::{
    self as views, AdminSections, Flash, MailSummary, OrgForm, RulesForm, Section, SettingsView,
};

/// Posted forms: repeated names (checkbox lists) arrive as pairs.
type Pairs = Vec<(String, String)>;

fn value(form: &Pairs, name: &str) -> String {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

fn has(form: &Pairs, name: &str) -> bool {
    form.iter().any(|(k, _)| k == name)
}

/// Where mail goes, without the credentials of the SMTP URL.
fn mail_summary(config: &Config) -> MailSummary {
    let m = &config.mail;
    let destination = match m.transport.as_str() {
        "smtp" => SmtpUrl::parse(&m.smtp_url)
            .map(|u| format!("{}:{}", u.host, u.port))
            .unwrap_or_default(),
        "log" => String::new(),
        _ => config
            .storage
            .data_dir
            .join("mail-out")
            .display()
            .to_string(),
    };
    MailSummary {
        transport: m.transport.clone(),
        destination,
        from: m.from.clone(),
    }
}

async fn load(ctx: &Ctx<PageUser>) -> Result<SettingsView, AppError> {
    let mail = mail_summary(&ctx.app().config);
    ctx.run(move |s| {
        let store = s.store();
        // Admins get the organization's sections; everyone else the name
        // and their own keys.
        let admin = match policy::admin(s.actor()) {
            Ok(admin) => Some(AdminSections {
                owner: policy::owner(s.actor()).is_ok(),
                rules: service::members::invitations::join_rules(store)?,
                allow_overlap: booking_pages::allow_overlap(store)?,
                mail,
                jobs: service::org::jobs::status(s.scheduler(), admin),
                webhooks: service::org::webhooks::list(store, admin)?.len(),
                audit: service::org::audit::recent(store, admin, 20)?,
            }),
            Err(_) => None,
        };
        Ok(SettingsView {
            org: service::org::settings::get(store)?,
            keys: service::auth::api_keys(store, s.actor())?,
            admin,
        })
    })
    .await
}

/// The page after a post: `flash` says what happened.
async fn render(
    ctx: &Ctx<PageUser>,
    status: StatusCode,
    flash: &Flash<'_>,
) -> Result<HttpResponse, AppError> {
    let view = load(ctx).await?;
    Ok(html(
        status,
        views::settings(&ctx.user, ctx.lang, &view, flash),
    ))
}

/// Back to a saved section.
fn saved(section: Section) -> HttpResponse {
    see_other(&format!("/settings?saved={0}#{0}", section.as_str()))
}

#[derive(Deserialize)]
pub struct ShowQuery {
    saved: Option<String>,
}

pub async fn show(
    ctx: Ctx<PageUser>,
    query: web::Query<ShowQuery>,
) -> Result<HttpResponse, AppError> {
    let flash = Flash {
        saved: query.saved.as_deref().and_then(Section::parse),
        ..Flash::default()
    };
    render(&ctx, StatusCode::OK, &flash).await
}

/// Refusals a form shows in its section; anything else is the error page.
fn shown_in_form(e: &AppError) -> bool {
    matches!(
        e,
        AppError::Invalid { .. } | AppError::ForbiddenField(_) | AppError::BadRequest { .. }
    )
}

pub async fn save_organization(post: Ctx<CsrfForm<Pairs>>) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let typed = OrgForm {
        name: value(&form, "name"),
        timezone: value(&form, "timezone"),
        language: value(&form, "language"),
        brand_color: value(&form, "brand_color"),
        brand_default: has(&form, "brand_default"),
    };
    // A disabled select is not posted: its value stays as it is.
    let patch = OrgPatch {
        name: Some(typed.name.clone()),
        timezone: has(&form, "timezone").then(|| typed.timezone.clone()),
        language: has(&form, "language").then(|| typed.language.clone()),
        brand_color: Some((!typed.brand_default).then(|| typed.brand_color.clone())),
    };
    let result = ctx
        .run(move |s| service::org::settings::update(s.store(), s.admin()?, patch, s.now))
        .await;
    match result {
        Ok(_) => Ok(saved(Section::Organization)),
        Err(e) if shown_in_form(&e) => {
            let mut typed = typed;
            if !has(&form, "timezone") || !has(&form, "language") {
                // What the disabled selects showed.
                let stored = ctx.run(|s| service::org::settings::get(s.store())).await?;
                typed.timezone = stored.timezone;
                typed.language = stored.language;
            }
            let flash = Flash {
                error: Some((Section::Organization, &e)),
                org: Some(&typed),
                ..Flash::default()
            };
            render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &flash).await
        }
        Err(e) => Err(e),
    }
}

pub async fn save_join_rules(post: Ctx<CsrfForm<Pairs>>) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let typed = RulesForm {
        inviting_verification: has(&form, "inviting_verification"),
        public_join: has(&form, "public_join"),
        required_fields: form
            .iter()
            .filter(|(k, _)| k == "required_fields")
            .map(|(_, v)| v.clone())
            .collect(),
        invitation_days: value(&form, "invitation_days").trim().to_string(),
    };
    let days = typed.invitation_days.parse::<u32>();
    let rules = JoinRules {
        inviting_verification: typed.inviting_verification,
        public_join: typed.public_join,
        required_fields: typed.required_fields.clone(),
        // Not a number: 0, which the service refuses with the range.
        invitation_days: days.unwrap_or(0),
    };
    let result = ctx
        .run(move |s| {
            service::members::invitations::set_join_rules(s.store(), s.admin()?, rules, s.now)
        })
        .await;
    match result {
        Ok(_) => Ok(saved(Section::JoinRules)),
        Err(e) if shown_in_form(&e) => {
            let flash = Flash {
                error: Some((Section::JoinRules, &e)),
                rules: Some(&typed),
                ..Flash::default()
            };
            render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &flash).await
        }
        Err(e) => Err(e),
    }
}

pub async fn save_booking(post: Ctx<CsrfForm<Pairs>>) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let allow = has(&form, "allow_overlap");
    ctx.run(move |s| booking_pages::set_allow_overlap(s.store(), s.admin()?, allow, s.now))
        .await?;
    Ok(saved(Section::Booking))
}

#[derive(Deserialize)]
pub struct NewKey {
    #[serde(default)]
    name: String,
}

pub async fn create_api_key(post: Ctx<CsrfForm<NewKey>>) -> Result<HttpResponse, AppError> {
    let (ctx, form) = post.into_form();
    let name = form.name.clone();
    let created = ctx
        .run(move |s| service::auth::create_api_key(s.store(), s.actor(), &name, s.now))
        .await;
    match created {
        Ok((_, key)) => {
            let flash = Flash {
                new_key: Some(&key),
                ..Flash::default()
            };
            render(&ctx, StatusCode::OK, &flash).await
        }
        Err(e) if shown_in_form(&e) => {
            let flash = Flash {
                error: Some((Section::ApiKeys, &e)),
                key_name: Some(&form.name),
                ..Flash::default()
            };
            render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &flash).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct Empty {}

/// A new secret for a key, shown once on the page that answers.
pub async fn regenerate_api_key(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Empty>>,
) -> Result<HttpResponse, AppError> {
    let (ctx, _) = post.into_form();
    let id = ApiKeyId::from_string(path.into_inner());
    let (_, key) = ctx
        .run(move |s| service::auth::regenerate_api_key(s.store(), s.actor(), &id, s.now))
        .await?;
    let flash = Flash {
        new_key: Some(&key),
        ..Flash::default()
    };
    render(&ctx, StatusCode::OK, &flash).await
}

pub async fn revoke_api_key(
    path: web::Path<String>,
    post: Ctx<CsrfForm<Empty>>,
) -> Result<HttpResponse, AppError> {
    let id = ApiKeyId::from_string(path.into_inner());
    post.run(move |s| service::auth::revoke_api_key(s.store(), s.actor(), &id, s.now))
        .await?;
    Ok(see_other("/settings#api-keys"))
}

/// GET /brand.css: the organization's colour for the public pages. Every
/// public page links it under one address, so browsers ask again each
/// time (`no-cache`) and mostly hear 304 from the ETag.
pub async fn brand_css(req: HttpRequest, ctx: Ctx) -> Result<HttpResponse, AppError> {
    let css = ctx
        .run(|s| {
            let org = service::org::settings::get(s.store())?;
            Ok(service::org::brand::stylesheet(org.brand_color.as_deref()))
        })
        .await?;
    let etag = format!(
        "\"{}\"",
        crate::crypto::token_hash(&css)
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    let matches = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut answer = if matches {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    answer
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, "no-cache"));
    Ok(if matches {
        answer.finish()
    } else {
        answer.content_type("text/css; charset=utf-8").body(css)
    })
}
