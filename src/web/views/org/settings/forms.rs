//! The forms of the settings page that change the organization: its name,
//! time zone, language and colour; the join rules; booking.

use maud::{Markup, html};

use super::{Flash, Section, saved};
use crate::domain::{JoinRules, invitation::REQUIRABLE_FIELDS};
use crate::error::AppError;
use crate::i18n::{Lang, t};
use crate::service::org::brand::{Accent, Rgb};
use crate::service::org::settings::OrgSettings;
use crate::tr;
use crate::web::ui::layout::{FieldAttrs, csrf_field, field};

/// Convene's own accent, what the colour field shows when none is chosen.
const DEFAULT_COLOR: &str = "#2458d3";

/// The organization form as typed.
#[derive(Debug, Clone, Default)]
pub struct OrgForm {
    pub name: String,
    pub timezone: String,
    pub language: String,
    pub brand_color: String,
    /// "Use Convene's colour" is ticked.
    pub brand_default: bool,
}

impl OrgForm {
    pub fn of(o: &OrgSettings) -> OrgForm {
        OrgForm {
            name: o.name.clone(),
            timezone: o.timezone.clone(),
            language: o.language.clone(),
            brand_color: o.brand_color.clone().unwrap_or_default(),
            brand_default: o.brand_color.is_none(),
        }
    }
}

/// The join rules form as typed.
#[derive(Debug, Clone, Default)]
pub struct RulesForm {
    pub inviting_verification: bool,
    pub public_join: bool,
    pub required_fields: Vec<String>,
    pub invitation_days: String,
}

impl RulesForm {
    pub fn of(r: &JoinRules) -> RulesForm {
        RulesForm {
            inviting_verification: r.inviting_verification,
            public_join: r.public_join,
            required_fields: r.required_fields.clone(),
            invitation_days: r.invitation_days.to_string(),
        }
    }
}

/// Each language named in itself, as the language switch does.
const LANGUAGES: [(&str, &str); 3] = [("en", "English"), ("ja", "日本語"), ("fr", "Français")];

/// The message of `error` for the field `name`, in the reader's words.
fn error_for(lang: Lang, error: Option<&AppError>, name: &str) -> Option<String> {
    error.filter(|e| e.field() == Some(name)).map(|e| match e {
        // Only owners change what new members start with.
        AppError::ForbiddenField(_) => t(lang, "settings-owner-only"),
        other => other.text(lang),
    })
}

/// A labelled `<select>` with its error.
fn select(
    name: &str,
    label: &str,
    disabled: bool,
    error: Option<String>,
    options: Markup,
) -> Markup {
    let id = format!("f-{name}");
    let err_id = format!("{id}-error");
    html! {
        div.field.invalid[error.is_some()] {
            label for=(id) { (label) }
            select id=(id) name=(name) disabled[disabled]
                aria-invalid=[error.as_ref().map(|_| "true")]
                aria-describedby=[error.as_ref().map(|_| err_id.as_str())] { (options) }
            @if let Some(e) = &error { p.error id=(err_id) { (e) } }
        }
    }
}

/// What the admin is told about the colour they chose: the shade the
/// pages use instead when it is too light.
fn color_note(lang: Lang, accent: Option<Accent>) -> Markup {
    html! {
        @if let Some(a) = accent.filter(Accent::darkened) {
            p.hint.muted data-testid="brand-darkened" {
                (tr!(lang, "settings-color-darkened",
                    color = a.chosen.hex().as_str(),
                    ratio = format!("{:.1}", a.chosen_contrast).as_str(),
                    used = a.light.hex().as_str()))
            }
        }
    }
}

pub fn organization(
    lang: Lang,
    csrf: &str,
    stored: &OrgSettings,
    owner: bool,
    flash: &Flash<'_>,
) -> Markup {
    let error = flash.error_in(Section::Organization);
    let typed = flash.org.cloned().unwrap_or_else(|| OrgForm::of(stored));
    let color = if Rgb::parse(&typed.brand_color).is_some() {
        typed.brand_color.as_str()
    } else {
        DEFAULT_COLOR
    };
    let color_err = error_for(lang, error, "brand_color");
    let general = error.filter(|e| e.field().is_none());
    let zones = html! { (crate::web::views::pickers::zone_options(&typed.timezone)) };
    let languages = html! {
        @for (code, name) in LANGUAGES {
            option value=(code) lang=(code) selected[code == typed.language] { (name) }
        }
    };
    html! {
        section {
            h2 id="organization" { (tr!(lang, "org-settings-organization")) }
            (saved(lang, flash, Section::Organization))
            @if let Some(e) = general { p.form-error role="alert" { (e.text(lang)) } }
            form.settings method="post" action="/settings/organization" {
                (csrf_field(csrf))
                (field("name", &tr!(lang, "settings-org-name"), "text", &typed.name,
                    error_for(lang, error, "name").as_deref(), FieldAttrs { required: true, ..Default::default() }))
                (select("timezone", &tr!(lang, "settings-org-timezone"), !owner,
                    error_for(lang, error, "timezone"), zones))
                (select("language", &tr!(lang, "settings-org-language"), !owner,
                    error_for(lang, error, "language"), languages))
                p.hint.muted {
                    @if owner { (tr!(lang, "settings-org-defaults-hint")) } @else { (tr!(lang, "settings-owner-only")) }
                }
                div.field.invalid[color_err.is_some()] {
                    label for="f-brand_color" { (tr!(lang, "settings-org-color")) }
                    input id="f-brand_color" name="brand_color" type="color" value=(color)
                        aria-invalid=[color_err.as_ref().map(|_| "true")]
                        aria-describedby=[color_err.as_ref().map(|_| "f-brand_color-error")];
                    @if let Some(e) = &color_err { p.error id="f-brand_color-error" { (e) } }
                }
                label.check {
                    input type="checkbox" name="brand_default" value="on" checked[typed.brand_default];
                    " " (tr!(lang, "settings-org-color-default"))
                }
                p.hint.muted { (tr!(lang, "settings-org-color-hint")) }
                (color_note(lang, stored.accent()))
                button type="submit" { (tr!(lang, "org-save")) }
            }
        }
    }
}

/// The label of a field a joiner can be required to fill in.
fn requirable_label(lang: Lang, field: &str) -> String {
    let key = match field {
        "phone" => "mem-join-field-phone",
        "department" => "mem-join-field-department",
        "position" => "mem-join-field-position",
        "location" => "mem-join-field-location",
        other => return other.to_string(),
    };
    t(lang, key)
}

pub fn join_rules(lang: Lang, csrf: &str, stored: &JoinRules, flash: &Flash<'_>) -> Markup {
    let error = flash.error_in(Section::JoinRules);
    let typed = flash
        .rules
        .cloned()
        .unwrap_or_else(|| RulesForm::of(stored));
    let fields_err = error_for(lang, error, "required_fields");
    html! {
        section {
            h2 id="join-rules" { (tr!(lang, "mem-rules-title")) }
            (saved(lang, flash, Section::JoinRules))
            form.settings method="post" action="/settings/join-rules" {
                (csrf_field(csrf))
                p { label.check {
                    input type="checkbox" name="inviting_verification" value="on" checked[typed.inviting_verification];
                    " " (t(lang, "mem-rules-verification"))
                } }
                p { label.check {
                    input type="checkbox" name="public_join" value="on" checked[typed.public_join];
                    " " (t(lang, "mem-rules-public-join"))
                } }
                fieldset.invalid[fields_err.is_some()] {
                    legend { (t(lang, "mem-rules-required")) }
                    @for f in REQUIRABLE_FIELDS {
                        label.check {
                            input type="checkbox" name="required_fields" value=(f)
                                checked[typed.required_fields.iter().any(|r| r == f)];
                            " " (requirable_label(lang, f))
                        } " "
                    }
                    @if let Some(e) = &fields_err { p.error { (e) } }
                }
                (field("invitation_days", &t(lang, "mem-rules-days"), "number", &typed.invitation_days,
                    error_for(lang, error, "invitation_days").as_deref(), FieldAttrs { required: true, ..Default::default() }))
                button type="submit" { (t(lang, "mem-rules-save")) }
            }
            p { a href="/members/invite-link" { (tr!(lang, "settings-rules-link")) } }
        }
    }
}

pub fn booking(lang: Lang, csrf: &str, allow_overlap: bool, flash: &Flash<'_>) -> Markup {
    html! {
        section {
            h2 id="booking" { (tr!(lang, "settings-booking")) }
            (saved(lang, flash, Section::Booking))
            form.settings method="post" action="/settings/booking" {
                (csrf_field(csrf))
                p { label.check {
                    input type="checkbox" name="allow_overlap" value="on" checked[allow_overlap];
                    " " (tr!(lang, "bkadm-pages-allow-overlap"))
                } }
                p.hint.muted { (tr!(lang, "settings-booking-overlap-hint")) }
                button type="submit" { (tr!(lang, "org-save")) }
            }
            p { a href="/booking-pages" { (tr!(lang, "settings-booking-pages-link")) } }
        }
    }
}
