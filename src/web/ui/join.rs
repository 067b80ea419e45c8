//! Pages for people who are not members yet: joining by invitation, by
//! the public link or code, and confirming a new email address.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::{Markup, html};

use super::html;
use super::layout::{FieldAttrs, Shell, field, public_page};
use crate::domain::{JoinRules, Member};
use crate::error::AppError;
use crate::service::{
    self,
    members::join::{JoinForm, PublicKey, PublicPage},
};
use crate::web::ctx::Ctx;

type JoinFields = JoinForm;

/// Which variant of the join form.
enum Via<'a> {
    Invitation { email: &'a str },
    Link,
    Code,
}

fn render(
    action: &str,
    org: &str,
    via: Via<'_>,
    rules: &JoinRules,
    typed: &JoinFields,
    error: Option<&AppError>,
) -> Markup {
    let err = |f: &str| {
        error
            .filter(|e| e.field() == Some(f))
            .map(|e| e.to_string())
    };
    let general = error.filter(|e| e.field().is_none()).map(|e| e.to_string());
    let required = |f: &str| rules.required_fields.iter().any(|r| r == f);
    public_page(
        &Shell::UNTRANSLATED,
        &format!("Join {org}"),
        html! {
            @if let Some(g) = general { p.form-error role="alert" { (g) } }
            @match via {
                Via::Invitation { email } => p.muted { "You were invited as " strong { (email) } ". Choose your name and a password." },
                Via::Link => p.muted { "Your request goes to an admin, who approves it." },
                Via::Code => p.muted { "Enter the organization's join code. An admin approves your request." },
            }
            form method="post" action=(action) {
                @if matches!(via, Via::Code) {
                    (field("code", "Join code", "text", &typed.code, err("code").as_deref(), FieldAttrs { required: true, autofocus: true, autocomplete: Some("off") }))
                }
                @if !matches!(via, Via::Invitation { .. }) {
                    (field("email", "Email", "email", &typed.email, err("email").as_deref(), FieldAttrs { required: true, autocomplete: Some("email"), ..Default::default() }))
                }
                (field("first_name", "First name", "text", &typed.first_name, err("first_name").as_deref(), FieldAttrs { required: true, autocomplete: Some("given-name"), autofocus: matches!(via, Via::Invitation { .. }) }))
                (field("last_name", "Last name", "text", &typed.last_name, err("last_name").as_deref(), FieldAttrs { required: true, autocomplete: Some("family-name"), ..Default::default() }))
                @if required("phone") {
                    (field("phone", "Phone", "tel", &typed.phone, err("phone").as_deref(), FieldAttrs { required: true, autocomplete: Some("tel"), ..Default::default() }))
                }
                @for (name, label, value) in [("department", "Department", &typed.department), ("position", "Position", &typed.position), ("location", "Location", &typed.location)] {
                    @if required(name) {
                        (field(name, label, "text", value, err(name).as_deref(), FieldAttrs { required: true, ..Default::default() }))
                    }
                }
                (field("password", "Password (at least 10 characters)", "password", "", err("password").as_deref(), FieldAttrs { required: true, autocomplete: Some("new-password"), ..Default::default() }))
                button type="submit" { "Join" }
            }
        },
    )
}

fn joined_page(member: &Member) -> HttpResponse {
    let active = member.state == crate::domain::MemberState::Active;
    html(
        StatusCode::OK,
        public_page(
            &Shell::UNTRANSLATED,
            if active {
                "Welcome aboard"
            } else {
                "Request sent"
            },
            html! {
                @if active {
                    p { "Your account is ready. Sign in with " strong { (member.email) } "." }
                    p { a.button href="/login" { "Sign in" } }
                } @else {
                    p { "Thank you. An admin will look at your request; you can sign in once it is approved." }
                }
            },
        ),
    )
}

fn gone_page(message: &str) -> HttpResponse {
    html(
        StatusCode::GONE,
        super::layout::error_page(crate::i18n::Lang::En, StatusCode::GONE, message),
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
            render(
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
        Err(AppError::Gone { message }) => Ok(gone_page(&message.to_string())),
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
        Ok(member) => Ok(joined_page(&member)),
        Err(AppError::Gone { message }) => Ok(gone_page(&message.to_string())),
        Err(e @ AppError::Invalid { .. }) => {
            let (member, org) = ctx
                .run(move |s| service::members::join::invitation_member(s.store(), &token, s.now))
                .await?;
            Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                render(
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
        return Ok(gone_page(
            "This join link is no longer valid. Ask the organization for the current one.",
        ));
    }
    Ok(html(
        StatusCode::OK,
        render(
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
    let via = if key.is_ok() { Via::Link } else { Via::Code };
    let action = if key.is_ok() { "" } else { "/join" };
    if let Err(e) = app
        .join_codes
        .check(ip)
        .and_then(|()| app.limits.join_attempt(ip))
    {
        return Ok(html(
            StatusCode::TOO_MANY_REQUESTS,
            render(action, &name, via, &rules, &typed, Some(&e)),
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
        Ok(member) => Ok(joined_page(&member)),
        Err(AppError::Invalid {
            code: "unknown_code",
            message,
            ..
        }) => {
            app.join_codes.failed(ip);
            if key.is_ok() {
                return Ok(gone_page(
                    "This join link is no longer valid. Ask the organization for the current one.",
                ));
            }
            let e = AppError::invalid("code", message);
            Ok(html(
                StatusCode::NOT_FOUND,
                render(action, &name, via, &rules, &typed, Some(&e)),
            ))
        }
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict { .. })) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(action, &name, via, &rules, &typed, Some(&e)),
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
    Ok(html(
        StatusCode::OK,
        render(
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
        Ok(m) => Ok(html(
            StatusCode::OK,
            public_page(
                &Shell::UNTRANSLATED,
                "Email address confirmed",
                html! { p { "From now on, sign in with " strong { (m.email) } "." } p { a href="/login" { "Sign in" } } },
            ),
        )),
        Err(AppError::Gone { message }) => Ok(gone_page(&message.to_string())),
        Err(e) => Err(e),
    }
}
