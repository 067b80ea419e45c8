//! One member's page: the fields the viewer may change are editable, the
//! rest are shown read-only; owners can also apply fields to others.

use maud::{Markup, html};

use super::{role_label, state_label};
use crate::domain::{Member, MemberId, Role};
use crate::error::AppError;
use crate::i18n::names::member_name;
use crate::i18n::{Lang, t};
use crate::policy::EditableFields;
use crate::service::members::organize::APPLICABLE;
use crate::tr;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{Nav, csrf_field, page};

/// What the owner ticked under "Apply to other users", kept when the page
/// comes back with an error.
#[derive(Default)]
pub struct ApplyChoice {
    pub fields: Vec<String>,
    pub targets: Vec<MemberId>,
    /// The owner confirmed that the role is copied too.
    pub role_confirmed: bool,
}

/// What a successful save did.
pub struct Saved {
    /// The new address waiting for its confirmation link.
    pub pending_email: Option<String>,
    /// Other members the chosen fields were copied to.
    pub applied: usize,
}

pub struct ProfilePage<'a> {
    pub member: &'a Member,
    pub departments: &'a [String],
    pub others: &'a [Member],
    /// What the viewer may change, from the same table as the service.
    pub editable: EditableFields,
    /// The viewer may apply fields to others and reset to the defaults.
    pub owner: bool,
    pub saved: Option<Saved>,
    pub error: Option<&'a AppError>,
    pub apply: &'a ApplyChoice,
}

/// The label of a field that can be applied to others.
fn applicable_label(lang: Lang, field: &str) -> String {
    let key = match field {
        "role" => "mem-apply-role",
        "meeting_url" => "mem-apply-meeting-url",
        "slack_member_id" => "mem-apply-slack-member-id",
        "contact" => "mem-apply-contact",
        "email_signature" => "mem-apply-email-signature",
        "working_hours" => "mem-apply-working-hours",
        "breaks" => "mem-apply-breaks",
        "daily_caps" => "mem-apply-daily-caps",
        "open_booking_cap" => "mem-apply-open-booking-cap",
        // A field added to the service before its label: its own name.
        other => return other.replace('_', " "),
    };
    t(lang, key)
}

/// The notice after saving, sentence by sentence.
fn saved_text(lang: Lang, saved: &Saved) -> String {
    let mut sentences = vec![t(lang, "mem-edit-saved")];
    if let Some(email) = &saved.pending_email {
        sentences.push(tr!(lang, "mem-edit-email-pending", email = email));
    }
    if saved.applied > 0 {
        sentences.push(tr!(lang, "mem-edit-applied", count = saved.applied));
    }
    sentences.join(&t(lang, "mem-sentence-gap"))
}

fn input(
    lang: Lang,
    name: &str,
    label: &str,
    value: &str,
    editable: bool,
    error: Option<&AppError>,
) -> Markup {
    let err = error
        .filter(|e| e.field() == Some(name))
        .map(|e| e.text(lang));
    html! {
        div.field.invalid[err.is_some()] {
            label for={ "f-" (name) } { (label) }
            input id={ "f-" (name) } name=(name) type="text" value=(value) disabled[!editable];
            @if let Some(e) = err { p.error { (e) } }
        }
    }
}

pub fn profile_page(user: &PageUser, lang: Lang, v: &ProfilePage<'_>) -> Markup {
    let m = v.member;
    let r = &v.editable;
    let error = v.error;
    let field = |name: &str, key: &str, value: &str, editable: bool| {
        input(lang, name, &t(lang, key), value, editable, error)
    };
    let body = html! {
        @if let Some(saved) = &v.saved { p.notice role="status" { (saved_text(lang, saved)) } }
        @if let Some(e) = error.filter(|e| e.field().is_none()) { p.form-error role="alert" { (e.text(lang)) } }
        p.muted {
            (m.email) " · " (state_label(lang, m.state)) " · " (role_label(lang, m.role)) " · "
            a href={ "/members/" (m.id) "/schedule" } { (t(lang, "mem-edit-schedule-link")) }
        }
        form method="post" action={ "/members/" (m.id) } {
            (csrf_field(&user.csrf_token))
            fieldset {
                legend { (t(lang, "mem-edit-personal")) }
                (field("first_name", "mem-field-first-name", &m.first_name, r.personal))
                (field("last_name", "mem-field-last-name", &m.last_name, r.personal))
                (field("phone", "mem-field-phone", &m.phone, r.personal))
                (field("email", "mem-edit-email", m.email.as_str(), r.personal))
            }
            fieldset {
                legend { (t(lang, "mem-edit-organization")) }
                div.field {
                    label for="f-department" { (t(lang, "mem-field-department")) }
                    select id="f-department" name="department" disabled[!r.organizational] {
                        option value="" { "—" }
                        @for d in v.departments { option value=(d) selected[m.department.as_deref() == Some(d.as_str())] { (d) } }
                    }
                }
                (field("position", "mem-field-position", &m.position, r.organizational))
                (field("work_number", "mem-field-work-number", &m.work_number, r.organizational))
                (field("location", "mem-field-location", &m.location, r.organizational))
                div.field {
                    label for="f-role" { (t(lang, "mem-field-role")) }
                    select id="f-role" name="role" disabled[!r.organizational] {
                        @for role in Role::ALL { option value=(role.as_str()) selected[m.role == role] { (role_label(lang, role)) } }
                    }
                    @if let Some(e) = error.filter(|e| e.field() == Some("role")) { p.error { (e.text(lang)) } }
                }
            }
            fieldset {
                legend { (t(lang, "mem-edit-professional")) }
                (field("contact", "mem-edit-contact", &m.contact, r.professional))
                (field("slack_member_id", "mem-edit-slack-member-id", &m.slack_member_id, r.professional))
                (field("meeting_url", "mem-edit-meeting-url", &m.meeting_url, r.professional))
                (field("timezone", "mem-edit-timezone", &m.timezone, r.professional))
                (field("language", "mem-edit-language", &m.language, r.professional))
                div.field {
                    label for="f-email_signature" { (t(lang, "mem-edit-email-signature")) }
                    textarea id="f-email_signature" name="email_signature" rows="3" disabled[!r.professional] { (m.email_signature) }
                }
            }
            @if v.owner {
                fieldset {
                    legend { (t(lang, "mem-apply-legend")) }
                    p.muted { (t(lang, "mem-apply-hint")) }
                    @for f in APPLICABLE {
                        label { input type="checkbox" name="apply_fields" value=(f) checked[v.apply.fields.iter().any(|c| c == f)]; " " (applicable_label(lang, f)) } " "
                    }
                    @for o in v.others {
                        br;
                        label {
                            input type="checkbox" name="apply_targets" value=(o.id) checked[v.apply.targets.contains(&o.id)];
                            " " (member_name(lang, o)) " <" (o.email) ">"
                        }
                    }
                    p {
                        label {
                            input type="checkbox" name="apply_role_confirmed" value="1" checked[v.apply.role_confirmed];
                            " " (t(lang, "mem-apply-role-confirm"))
                        }
                    }
                }
            }
            button type="submit" { (t(lang, "mem-edit-save")) }
        }
        @if v.owner {
            form method="post" action={ "/members/" (m.id) "/apply-defaults" } {
                (csrf_field(&user.csrf_token))
                button.link type="submit" { (t(lang, "mem-edit-apply-defaults")) }
            }
        }
    };
    page(user, Nav::Members, &member_name(lang, m), body)
}
