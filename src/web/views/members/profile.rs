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
use crate::web::assets;
use crate::web::auth::PageUser;
use crate::web::ui::layout::{Nav, csrf_field, page};
use crate::web::views::pickers::{self, Choice, Picker, picker};

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
    /// The member as the form shows it: as saved, or with what was typed
    /// when the save was refused.
    pub member: &'a Member,
    /// The organization's lists the organizational fields choose from.
    pub lists: &'a OrgLists,
    pub others: &'a [Member],
    /// What the viewer may change, from the same table as the service.
    pub editable: EditableFields,
    /// The viewer may apply fields to others and reset to the defaults.
    pub owner: bool,
    pub saved: Option<Saved>,
    pub error: Option<&'a AppError>,
    pub apply: &'a ApplyChoice,
}

/// What the member page's choosers offer: the organization's own lists
/// and the people who can supervise (active members).
#[derive(Debug, Clone, Default)]
pub struct OrgLists {
    pub departments: Vec<String>,
    pub positions: Vec<String>,
    pub locations: Vec<String>,
    pub supervisors: Vec<Member>,
    /// The member's supervisor when no longer among `supervisors` (not
    /// active any more): still shown, so the page says who it is.
    pub former_supervisor: Option<Member>,
}

impl OrgLists {
    /// The supervisors `member` may be given: anyone active but
    /// themself, and whoever is set now.
    pub fn supervisor_choices(&self, lang: Lang, member: &Member) -> Vec<Choice> {
        let mut out = pickers::members(lang, &self.supervisors, Some(&member.id));
        if let Some(former) = &self.former_supervisor
            && member.supervisor_id.as_ref() == Some(&former.id)
        {
            let label = tr!(
                lang,
                "ed-supervisor-former",
                name = &member_name(lang, former),
                state = &state_label(lang, former.state)
            );
            out.push(Choice::new(former.id.as_str(), label));
        } else if let Some(id) = &member.supervisor_id
            && !out.iter().any(|c| c.value == id.as_str())
        {
            // Someone this viewer may not see: kept by its id.
            out.push(Choice::new(id.as_str(), id.as_str()));
        }
        out
    }
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
    let lists = v.lists;
    let departments = pickers::catalog(&lists.departments, m.department.as_deref().unwrap_or(""));
    let positions = pickers::catalog(&lists.positions, &m.position);
    let locations = pickers::catalog(&lists.locations, &m.location);
    let supervisors = lists.supervisor_choices(lang, m);
    let supervisor = m.supervisor_id.as_ref().map_or("", |s| s.as_str());
    let (zones, languages) = (pickers::time_zones(), pickers::languages());
    let org = r.organizational;
    // A chooser of this page: its label from the catalog, its error from
    // the refused save; `none` offers leaving it empty.
    let choose =
        |name: &str, key: &str, choices: &[Choice], value: &str, none: bool, editable: bool| {
            let err = error
                .filter(|e| e.field() == Some(name))
                .map(|e| e.text(lang));
            let label = t(lang, key);
            picker(
                lang,
                &Picker {
                    none: none.then_some("—"),
                    disabled: !editable,
                    error: err.as_deref(),
                    ..Picker::new(name, &label, choices, value)
                },
            )
        };
    let body = html! {
        @if let Some(saved) = &v.saved { p.notice role="status" { (saved_text(lang, saved)) } }
        @if let Some(e) = error.filter(|e| e.field().is_none()) { p.form-error role="alert" { (e.text(lang)) } }
        p.muted {
            (m.email) " · " (state_label(lang, m.state)) " · " (role_label(lang, m.role)) " · "
            a href={ "/members/" (m.id) "/schedule" } { (t(lang, "mem-edit-schedule-link")) }
            @if r.professional {
                " · " a href={ "/members/" (m.id) "/calendars" } { (t(lang, "cal-link")) }
            }
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
                @if org { p.muted { a href="/members/organization" { (t(lang, "ed-lists-manage")) } } }
                (choose("department", "mem-field-department", &departments, m.department.as_deref().unwrap_or(""), true, org))
                (choose("position", "mem-field-position", &positions, &m.position, true, org))
                (field("work_number", "mem-field-work-number", &m.work_number, org))
                (choose("location", "mem-field-location", &locations, &m.location, true, org))
                (choose("supervisor_id", "ed-field-supervisor", &supervisors, supervisor, true, org))
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
                (choose("timezone", "mem-edit-timezone", &zones, &m.timezone, false, r.professional))
                (choose("language", "mem-edit-language", &languages, &m.language, false, r.professional))
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
        script src=(assets::url("editors.js")) defer {}
    };
    page(user, Nav::Members, &member_name(lang, m), body)
}
