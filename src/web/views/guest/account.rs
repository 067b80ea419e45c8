//! Becoming and being a member without being signed in: joining, the
//! confirmed email address, signing in, and the first setup.

use maud::{Markup, html};

use super::{SLOT, around};
use crate::domain::JoinRules;
use crate::error::AppError;
use crate::i18n::{Lang, t};
use crate::service::members::join::JoinForm;
use crate::tr;
use crate::web::ui::layout::{FieldAttrs, Shell, field, public_page};

/// Which variant of the join form.
pub enum Via<'a> {
    Invitation { email: &'a str },
    Link,
    Code,
}

/// The join form of `org`, posting to `action`.
pub fn join(
    shell: &Shell<'_>,
    action: &str,
    org: &str,
    via: Via<'_>,
    rules: &JoinRules,
    typed: &JoinForm,
    error: Option<&AppError>,
) -> Markup {
    let lang = shell.lang;
    let err = |f: &str| error.filter(|e| e.field() == Some(f)).map(|e| e.text(lang));
    let general = error.filter(|e| e.field().is_none()).map(|e| e.text(lang));
    let required = |f: &str| rules.required_fields.iter().any(|r| r == f);
    let profile = [
        (
            "department",
            t(lang, "guest-field-department"),
            &typed.department,
        ),
        ("position", t(lang, "guest-field-position"), &typed.position),
        ("location", t(lang, "guest-field-location"), &typed.location),
    ];
    public_page(
        shell,
        &tr!(lang, "guest-join-title", org = org),
        html! {
            @if let Some(g) = general { p.form-error role="alert" { (g) } }
            @match via {
                Via::Invitation { email } => p.muted {
                    (around(&tr!(lang, "guest-join-invited", email = SLOT), html! { strong { (email) } }))
                },
                Via::Link => p.muted { (t(lang, "guest-join-via-link")) },
                Via::Code => p.muted { (t(lang, "guest-join-via-code")) },
            }
            form method="post" action=(action) {
                @if matches!(via, Via::Code) {
                    (field("code", &t(lang, "guest-field-join-code"), "text", &typed.code, err("code").as_deref(), FieldAttrs { required: true, autofocus: true, autocomplete: Some("off") }))
                }
                @if !matches!(via, Via::Invitation { .. }) {
                    (field("email", &t(lang, "guest-field-email"), "email", &typed.email, err("email").as_deref(), FieldAttrs { required: true, autocomplete: Some("email"), ..Default::default() }))
                }
                (field("first_name", &t(lang, "guest-field-first-name"), "text", &typed.first_name, err("first_name").as_deref(), FieldAttrs { required: true, autocomplete: Some("given-name"), autofocus: matches!(via, Via::Invitation { .. }) }))
                (field("last_name", &t(lang, "guest-field-last-name"), "text", &typed.last_name, err("last_name").as_deref(), FieldAttrs { required: true, autocomplete: Some("family-name"), ..Default::default() }))
                @if required("phone") {
                    (field("phone", &t(lang, "guest-field-phone"), "tel", &typed.phone, err("phone").as_deref(), FieldAttrs { required: true, autocomplete: Some("tel"), ..Default::default() }))
                }
                @for (name, label, value) in &profile {
                    @if required(name) {
                        (field(name, label, "text", value, err(name).as_deref(), FieldAttrs { required: true, ..Default::default() }))
                    }
                }
                (field("password", &t(lang, "guest-field-new-password"), "password", "", err("password").as_deref(), FieldAttrs { required: true, autocomplete: Some("new-password"), ..Default::default() }))
                button type="submit" { (t(lang, "guest-join-submit")) }
            }
        },
    )
}

/// After joining: ready to sign in with `email` when `active`, else
/// waiting for an admin.
pub fn joined(shell: &Shell<'_>, active: bool, email: &str) -> Markup {
    let lang = shell.lang;
    let title = if active {
        t(lang, "guest-joined-title")
    } else {
        t(lang, "guest-request-sent-title")
    };
    public_page(
        shell,
        &title,
        html! {
            @if active {
                p { (around(&tr!(lang, "guest-joined-ready", email = SLOT), html! { strong { (email) } })) }
                p { a.button href="/login" { (t(lang, "guest-sign-in")) } }
            } @else {
                p { (t(lang, "guest-request-sent")) }
            }
        },
    )
}

/// The new address `email` is confirmed.
pub fn email_confirmed(shell: &Shell<'_>, email: &str) -> Markup {
    let lang = shell.lang;
    public_page(
        shell,
        &t(lang, "guest-email-confirmed-title"),
        html! {
            p { (around(&tr!(lang, "guest-email-confirmed", email = SLOT), html! { strong { (email) } })) }
            p { a href="/login" { (t(lang, "guest-sign-in")) } }
        },
    )
}

/// The page of a mailed link: a new password for `email`.
pub fn password_reset(shell: &Shell<'_>, email: &str, error: Option<&AppError>) -> Markup {
    let lang = shell.lang;
    let err = error
        .filter(|e| e.field() == Some("password"))
        .map(|e| e.text(lang));
    let general = error.filter(|e| e.field().is_none()).map(|e| e.text(lang));
    public_page(
        shell,
        &t(lang, "guest-reset-title"),
        html! {
            @if let Some(g) = general { p.form-error role="alert" { (g) } }
            p.muted { (around(&tr!(lang, "guest-reset-intro", email = SLOT), html! { strong { (email) } })) }
            form method="post" action="" {
                // For password managers: the account the new password is for.
                input type="hidden" name="username" autocomplete="username" value=(email);
                (field("password", &t(lang, "guest-field-new-password"), "password", "", err.as_deref(),
                    FieldAttrs { required: true, autofocus: true, autocomplete: Some("new-password") }))
                button type="submit" { (t(lang, "guest-reset-submit")) }
            }
        },
    )
}

/// The new password is set.
pub fn password_reset_done(shell: &Shell<'_>, email: &str) -> Markup {
    let lang = shell.lang;
    public_page(
        shell,
        &t(lang, "guest-reset-done-title"),
        html! {
            p { (around(&tr!(lang, "guest-reset-done", email = SLOT), html! { strong { (email) } })) }
            p { a.button href="/login" { (t(lang, "guest-sign-in")) } }
        },
    )
}

/// Why a public join link does not work.
pub fn join_link_invalid(lang: Lang) -> String {
    t(lang, "guest-join-link-invalid")
}

/// /join while the organization takes no requests to join: said plainly,
/// instead of a form that can only be refused.
pub fn join_closed(shell: &Shell<'_>, org: &str) -> Markup {
    let lang = shell.lang;
    public_page(
        shell,
        &t(lang, "guest-join-closed-title"),
        html! {
            p data-testid="join-closed" { (crate::tr!(lang, "guest-join-closed-body", org = org)) }
            p { (t(lang, "guest-join-closed-invited")) }
        },
    )
}

/// What the sign-in form says when it refuses.
pub enum LoginError<'a> {
    WrongCredentials,
    Other(&'a AppError),
}

/// The sign-in form, keeping the typed `email` and where to go `next`.
pub fn login(shell: &Shell<'_>, email: &str, next: &str, error: Option<LoginError<'_>>) -> Markup {
    let lang = shell.lang;
    let error = error.map(|e| match e {
        LoginError::WrongCredentials => t(lang, "guest-login-wrong"),
        LoginError::Other(e) => e.text(lang),
    });
    public_page(
        shell,
        &t(lang, "guest-sign-in"),
        html! {
            @if let Some(e) = error {
                p.form-error role="alert" { (e) }
            }
            form method="post" action="/login" {
                input type="hidden" name="next" value=(next);
                (field("email", &t(lang, "guest-field-email"), "email", email, None,
                    FieldAttrs { required: true, autofocus: email.is_empty(), autocomplete: Some("username") }))
                (field("password", &t(lang, "guest-field-password"), "password", "", None,
                    FieldAttrs { required: true, autofocus: !email.is_empty(), autocomplete: Some("current-password") }))
                button type="submit" { (t(lang, "guest-sign-in")) }
            }
        },
    )
}

/// The organization has its owner: the setup link is spent.
pub fn setup_done(shell: &Shell<'_>) -> Markup {
    let lang = shell.lang;
    public_page(
        shell,
        &t(lang, "guest-setup-done-title"),
        html! {
            p { (t(lang, "guest-setup-done")) }
            p { a href="/login" { (t(lang, "guest-sign-in")) } }
        },
    )
}

/// A setup address without the right token.
pub fn setup_bad_link(shell: &Shell<'_>) -> Markup {
    let lang = shell.lang;
    public_page(
        shell,
        &t(lang, "guest-setup-bad-title"),
        html! {
            p { (around(&tr!(lang, "guest-setup-bad", command = SLOT), html! { code { "convene create-owner" } })) }
        },
    )
}

/// What the setup form holds.
pub struct SetupFields<'a> {
    pub token: &'a str,
    pub organization: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub email: &'a str,
}

/// The form that creates the first owner.
pub fn setup(shell: &Shell<'_>, form: &SetupFields<'_>, error: Option<&AppError>) -> Markup {
    let lang = shell.lang;
    let err_for = |name: &str| {
        error
            .filter(|e| e.field() == Some(name))
            .map(|e| e.text(lang))
    };
    let general = error.filter(|e| e.field().is_none()).map(|e| e.text(lang));
    public_page(
        shell,
        &t(lang, "guest-setup-title"),
        html! {
            p.muted { (t(lang, "guest-setup-intro")) }
            @if let Some(e) = general { p.form-error role="alert" { (e) } }
            form method="post" action="/setup" {
                input type="hidden" name="token" value=(form.token);
                (field("organization", &t(lang, "guest-field-organization"), "text", form.organization, err_for("organization").as_deref(),
                    FieldAttrs { autofocus: true, ..Default::default() }))
                (field("first_name", &t(lang, "guest-field-first-name"), "text", form.first_name, err_for("first_name").as_deref(),
                    FieldAttrs { required: true, autocomplete: Some("given-name"), ..Default::default() }))
                (field("last_name", &t(lang, "guest-field-last-name"), "text", form.last_name, err_for("last_name").as_deref(),
                    FieldAttrs { autocomplete: Some("family-name"), ..Default::default() }))
                (field("email", &t(lang, "guest-field-email"), "email", form.email, err_for("email").as_deref(),
                    FieldAttrs { required: true, autocomplete: Some("username"), ..Default::default() }))
                (field("password", &t(lang, "guest-field-new-password"), "password", "", err_for("password").as_deref(),
                    FieldAttrs { required: true, autocomplete: Some("new-password"), ..Default::default() }))
                button type="submit" { (t(lang, "guest-setup-submit")) }
            }
        },
    )
}
