//! Pages for people who are not members yet: joining by invitation, by
//! the public link or code, and confirming a new email address.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;

use super::html;
use super::layout::{Shell, error_page};
use crate::domain::{JoinRules, Member, MemberState};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::service::{
    self,
    members::join::{JoinForm, PublicKey, PublicPage},
};
use crate::web::ctx::Ctx;
use crate::web::views::guest::account::{self as view, Via};

type JoinFields = JoinForm;

fn form_page(
    ctx: &Ctx,
    action: &str,
    org: &str,
    via: Via<'_>,
    rules: &JoinRules,
    typed: &JoinFields,
    error: Option<&AppError>,
) -> Markup {
    view::join(&Shell::of(ctx), action, org, via, rules, typed, error)
}

fn joined_page(ctx: &Ctx, member: &Member) -> HttpResponse {
    // No language switch: its link would show the empty form again.
    let shell = Shell {
        lang: ctx.lang,
        here: None,
    };
    html(
        StatusCode::OK,
        view::joined(
            &shell,
            member.state == MemberState::Active,
            member.email.as_str(),
        ),
    )
}

fn gone_page(lang: Lang, message: &str) -> HttpResponse {
    html(
        StatusCode::GONE,
        error_page(lang, StatusCode::GONE, message),
    )
}

/// GET /join/{token}
pub async fn invitation_form(ctx: Ctx, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let found = ctx
        .run(move |s| service::members::join::invitation_member(s.store(), &token, s.now))
        .await;
    match found {
        Ok((member, org)) => Ok(html(
            StatusCode::OK,
            form_page(
                &ctx,
                "",
                &org.name,
                Via::Invitation {
                    email: member.email.as_str(),
                },
                &org.join_rules,
                &JoinFields::default(),
                None,
            ),
        )),
        Err(e @ AppError::Gone { .. }) => Ok(gone_page(ctx.lang, &e.text(ctx.lang))),
        Err(e) => Err(e),
    }
}

/// POST /join/{token}
pub async fn invitation_submit(
    ctx: Ctx,
    path: web::Path<String>,
    form: web::Form<JoinFields>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let typed = form.into_inner();
    let join_form = typed.clone();
    let t = token.clone();
    let result = ctx
        .run(move |s| service::members::join::join(s.store(), s.base_url(), &t, join_form, s.now))
        .await;
    match result {
        Ok(member) => Ok(joined_page(&ctx, &member)),
        Err(e @ AppError::Gone { .. }) => Ok(gone_page(ctx.lang, &e.text(ctx.lang))),
        Err(e @ AppError::Invalid { .. }) => {
            let (member, org) = ctx
                .run(move |s| service::members::join::invitation_member(s.store(), &token, s.now))
                .await?;
            Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                form_page(
                    &ctx,
                    "",
                    &org.name,
                    Via::Invitation {
                        email: member.email.as_str(),
                    },
                    &org.join_rules,
                    &typed,
                    Some(&e),
                ),
            ))
        }
        Err(e) => Err(e),
    }
}

/// The organization's name and join rules, and whether `link` is the
/// current public link.
async fn join_page(ctx: &Ctx, link: Option<String>) -> Result<PublicPage, AppError> {
    ctx.run(move |s| service::members::join::public_page(s.store(), link.as_deref()))
        .await
}

/// GET /join/org/{token}: the public link.
pub async fn link_form(ctx: Ctx, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let p = join_page(&ctx, Some(path.into_inner())).await?;
    if !p.link_valid {
        return Ok(gone_page(ctx.lang, &view::join_link_invalid(ctx.lang)));
    }
    Ok(html(
        StatusCode::OK,
        form_page(
            &ctx,
            "",
            &p.organization,
            Via::Link,
            &p.rules,
            &JoinFields::default(),
            None,
        ),
    ))
}

async fn public_submit(
    ctx: Ctx,
    key: Result<String, String>,
    typed: JoinFields,
) -> Result<HttpResponse, AppError> {
    let ip = ctx.client_ip;
    let app = ctx.app();
    let PublicPage {
        organization: name,
        rules,
        ..
    } = join_page(&ctx, None).await?;
    let via = || if key.is_ok() { Via::Link } else { Via::Code };
    let action = if key.is_ok() { "" } else { "/join" };
    if let Err(e) = app
        .join_codes
        .check(ip)
        .and_then(|()| app.limits.join_attempt(ip))
    {
        return Ok(html(
            StatusCode::TOO_MANY_REQUESTS,
            form_page(&ctx, action, &name, via(), &rules, &typed, Some(&e)),
        ));
    }
    let form = typed.clone();
    let k = key.clone();
    let result = ctx
        .run(move |s| {
            let public_key = match &k {
                Ok(token) => PublicKey::Link(token),
                Err(code) => PublicKey::Code(code),
            };
            service::members::join::join_public(s.store(), s.base_url(), public_key, form, s.now)
        })
        .await;
    match result {
        Ok(member) => Ok(joined_page(&ctx, &member)),
        Err(AppError::Invalid {
            code: "unknown_code",
            message,
            ..
        }) => {
            app.join_codes.failed(ip);
            if key.is_ok() {
                return Ok(gone_page(ctx.lang, &view::join_link_invalid(ctx.lang)));
            }
            let e = AppError::invalid("code", message);
            Ok(html(
                StatusCode::NOT_FOUND,
                form_page(&ctx, action, &name, via(), &rules, &typed, Some(&e)),
            ))
        }
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict { .. })) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            form_page(&ctx, action, &name, via(), &rules, &typed, Some(&e)),
        )),
        Err(e) => Err(e),
    }
}

pub async fn link_submit(
    ctx: Ctx,
    path: web::Path<String>,
    form: web::Form<JoinFields>,
) -> Result<HttpResponse, AppError> {
    public_submit(ctx, Ok(path.into_inner()), form.into_inner()).await
}

/// GET /join: the join-code form.
pub async fn code_form(ctx: Ctx) -> Result<HttpResponse, AppError> {
    let p = join_page(&ctx, None).await?;
    if !p.rules.public_join {
        return Ok(html(
            StatusCode::OK,
            view::join_closed(&Shell::of(&ctx), &p.organization),
        ));
    }
    Ok(html(
        StatusCode::OK,
        form_page(
            &ctx,
            "/join",
            &p.organization,
            Via::Code,
            &p.rules,
            &JoinFields::default(),
            None,
        ),
    ))
}

pub async fn code_submit(ctx: Ctx, form: web::Form<JoinFields>) -> Result<HttpResponse, AppError> {
    let typed = form.into_inner();
    let code = typed.code.clone();
    public_submit(ctx, Err(code), typed).await
}

/// GET /confirm-email/{token}
pub async fn confirm_email(ctx: Ctx, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let result = ctx
        .run(move |s| service::members::profile::confirm_email(s.store(), &token, s.now))
        .await;
    match result {
        Ok(m) => {
            // No language switch: the link is spent once it confirmed.
            let shell = Shell {
                lang: ctx.lang,
                here: None,
            };
            Ok(html(
                StatusCode::OK,
                view::email_confirmed(&shell, m.email.as_str()),
            ))
        }
        Err(e @ AppError::Gone { .. }) => Ok(gone_page(ctx.lang, &e.text(ctx.lang))),
        Err(e) => Err(e),
    }
}
