//! Editing a member, field by field, under the rules of PRODUCT.md §2:
//! organizational fields by owners and admins (an admin never touches an
//! owner's role), personal fields only by the person (a new email is
//! confirmed by a link sent to it), professional fields by the person or
//! an owner or admin.

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use serde_json::json;

use super::invitations::{ensure_catalog, organization};
use crate::crypto;
use crate::domain::{
    CatalogKind, Email, Member, MemberId, MemberState, OutboxMessage, Payload, Role, text,
};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::i18n::Msg;
use crate::i18n::dates::{self, Clock};
use crate::i18n::names::member_name;
use crate::mail::templates;
use crate::policy::{self, Action, Owner};
use crate::store::{self, EmailChange, Store};

/// Every field PATCH accepts; absent means unchanged. `Some(None)` clears
/// an optional field.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberPatch {
    // organizational
    #[serde(default, deserialize_with = "crate::service::patch::present")]
    pub department: Option<Option<String>>,
    pub position: Option<String>,
    pub work_number: Option<String>,
    pub location: Option<String>,
    pub role: Option<Role>,
    #[serde(default, deserialize_with = "crate::service::patch::present")]
    pub supervisor_id: Option<Option<MemberId>>,
    // personal
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    // professional
    pub contact: Option<String>,
    pub slack_member_id: Option<String>,
    pub email_signature: Option<String>,
    pub meeting_url: Option<String>,
    pub timezone: Option<String>,
    pub language: Option<String>,
    pub icon_color: Option<String>,
}

impl MemberPatch {
    fn organizational(&self) -> Vec<&'static str> {
        let mut f = Vec::new();
        if self.department.is_some() {
            f.push("department")
        }
        if self.position.is_some() {
            f.push("position")
        }
        if self.work_number.is_some() {
            f.push("work_number")
        }
        if self.location.is_some() {
            f.push("location")
        }
        if self.role.is_some() {
            f.push("role")
        }
        if self.supervisor_id.is_some() {
            f.push("supervisor_id")
        }
        f
    }

    fn personal(&self) -> Vec<&'static str> {
        let mut f = Vec::new();
        if self.first_name.is_some() {
            f.push("first_name")
        }
        if self.last_name.is_some() {
            f.push("last_name")
        }
        if self.phone.is_some() {
            f.push("phone")
        }
        if self.email.is_some() {
            f.push("email")
        }
        f
    }

    fn professional(&self) -> Vec<&'static str> {
        let mut f = Vec::new();
        if self.contact.is_some() {
            f.push("contact")
        }
        if self.slack_member_id.is_some() {
            f.push("slack_member_id")
        }
        if self.email_signature.is_some() {
            f.push("email_signature")
        }
        if self.meeting_url.is_some() {
            f.push("meeting_url")
        }
        if self.timezone.is_some() {
            f.push("timezone")
        }
        if self.language.is_some() {
            f.push("language")
        }
        if self.icon_color.is_some() {
            f.push("icon_color")
        }
        f
    }
}

/// A one-line field as stored: cleaned to one line, then bounded.
fn limited(field: &str, value: &str, max: usize) -> Result<String, AppError> {
    bounded(field, text::one_line(value), max)
}

fn bounded(field: &str, v: String, max: usize) -> Result<String, AppError> {
    if v.chars().count() > max {
        return Err(AppError::invalid(
            field,
            Msg::key("err-too-long").arg("limit", max),
        ));
    }
    Ok(v)
}

/// Checks who may change what, before anything is written, against the
/// one rights table (`policy::editable_fields`) the member page shows.
fn authorize(actor: &Member, target: &Member, patch: &MemberPatch) -> Result<(), AppError> {
    let may = policy::editable_fields(actor, target);
    if let Some(f) = patch.organizational().first()
        && !may.organizational
    {
        return Err(AppError::ForbiddenField((*f).into()));
    }
    if let Some(to) = patch.role
        && !may.role_change(to)
    {
        return Err(AppError::ForbiddenField("role".into()));
    }
    if let Some(f) = patch.personal().first()
        && !may.personal
    {
        return Err(AppError::ForbiddenField((*f).into()));
    }
    if let Some(f) = patch.professional().first()
        && !may.professional
    {
        return Err(AppError::ForbiddenField((*f).into()));
    }
    Ok(())
}

/// Whether making `candidate` the supervisor of `member` closes a loop.
fn creates_cycle(
    txn: &store::Txn,
    member: &MemberId,
    candidate: &MemberId,
) -> Result<bool, AppError> {
    let mut current = Some(candidate.clone());
    let mut steps = 0;
    while let Some(id) = current {
        if &id == member {
            return Ok(true);
        }
        steps += 1;
        if steps > 10_000 {
            return Ok(true);
        }
        current = store::member_in(txn, &id)?.and_then(|m| m.supervisor_id);
    }
    Ok(false)
}

/// The outcome of an edit: the member, and the address waiting for
/// confirmation if the email was changed.
#[derive(Debug)]
pub struct Edited {
    pub member: Member,
    pub pending_email: Option<String>,
}

pub fn edit(
    store: &Store,
    base_url: &str,
    actor: &Member,
    id: &MemberId,
    patch: MemberPatch,
    now: DateTime<Utc>,
) -> Result<Edited, AppError> {
    let txn = store.write()?;
    let edited = edit_in(&txn, base_url, actor, id, patch, now)?;
    store.commit(txn)?;
    Ok(edited)
}

/// Copying fields of the edited member to others in the same save.
pub struct ApplyToOthers<'a> {
    pub owner: Owner<'a>,
    pub targets: Vec<MemberId>,
    pub fields: Vec<String>,
}

/// The member page's form: the edit, then "apply to other users", in one
/// transaction, so a refused copy leaves the edit unsaved too rather than
/// half the form written. Returns the edit and how many others changed.
pub fn save_form(
    store: &Store,
    base_url: &str,
    actor: &Member,
    id: &MemberId,
    patch: MemberPatch,
    apply: Option<ApplyToOthers<'_>>,
    now: DateTime<Utc>,
) -> Result<(Edited, usize), AppError> {
    let txn = store.write()?;
    let edited = edit_in(&txn, base_url, actor, id, patch, now)?;
    let mut applied = 0;
    if let Some(a) = apply {
        super::organize::check_applicable(&a.fields)?;
        if !a.targets.is_empty() && !a.fields.is_empty() {
            applied = super::organize::apply_to_in(&txn, a.owner, id, &a.targets, &a.fields, now)?;
        }
    }
    store.commit(txn)?;
    Ok((edited, applied))
}

/// `edit` inside the caller's transaction.
fn edit_in(
    txn: &store::Txn,
    base_url: &str,
    actor: &Member,
    id: &MemberId,
    patch: MemberPatch,
    now: DateTime<Utc>,
) -> Result<Edited, AppError> {
    let before = store::member_in(txn, id)?.ok_or(AppError::NotFound)?;
    let visible = policy::allows(actor.role, Action::AdministerMembers) || actor.id == before.id;
    if !visible {
        // Others' records are not editable, and not even confirmed to exist
        // unless the caller could see them anyway.
        if before.state != MemberState::Active {
            return Err(AppError::NotFound);
        }
    }
    authorize(actor, &before, &patch)?;
    let mut m = before.clone();

    if let Some(dep) = &patch.department {
        m.department = match dep.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => {
                ensure_catalog(txn, CatalogKind::Department, d, false, now)?;
                Some(d.to_string())
            }
            None => None,
        };
    }
    if let Some(v) = &patch.position {
        m.position = limited("position", v, 100)?;
    }
    if let Some(v) = &patch.work_number {
        m.work_number = limited("work_number", v, 50)?;
    }
    if let Some(v) = &patch.location {
        m.location = limited("location", v, 100)?;
    }
    if let Some(role) = patch.role
        && role != m.role
    {
        if m.role == Role::Owner && super::lifecycle::other_owners_in(txn, &m.id)? == 0 {
            return Err(AppError::Conflict {
                code: "last_owner",
                message: Msg::key("err-last-owner-role"),
            });
        }
        m.role = role;
    }
    if let Some(sup) = &patch.supervisor_id {
        if let Some(s) = sup {
            if s == &m.id {
                return Err(AppError::invalid(
                    "supervisor_id",
                    Msg::key("err-supervise-self"),
                ));
            }
            store::member_in(txn, s)?
                .filter(|x| x.state == MemberState::Active)
                .ok_or_else(|| {
                    AppError::invalid("supervisor_id", Msg::key("err-supervisor-inactive"))
                })?;
            if creates_cycle(txn, &m.id, s)? {
                return Err(AppError::invalid(
                    "supervisor_id",
                    Msg::key("err-supervisor-loop"),
                ));
            }
        }
        m.supervisor_id = sup.clone();
    }
    if let Some(v) = &patch.first_name {
        let v = limited("first_name", v, 100)?;
        if v.is_empty() {
            return Err(AppError::invalid(
                "first_name",
                Msg::key("err-first-name-empty"),
            ));
        }
        m.first_name = v;
    }
    if let Some(v) = &patch.last_name {
        m.last_name = limited("last_name", v, 100)?;
    }
    if let Some(v) = &patch.phone {
        m.phone = limited("phone", v, 40)?;
    }
    if let Some(v) = &patch.contact {
        m.contact = limited("contact", v, 200)?;
    }
    if let Some(v) = &patch.slack_member_id {
        m.slack_member_id = limited("slack_member_id", v, 40)?;
    }
    if let Some(v) = &patch.email_signature {
        m.email_signature = bounded(
            "email_signature",
            text::multi_line(v).trim().to_string(),
            2000,
        )?;
    }
    if let Some(v) = &patch.meeting_url {
        let v = limited("meeting_url", v, 500)?;
        if !(v.is_empty() || v.starts_with("https://") || v.starts_with("http://")) {
            return Err(AppError::invalid(
                "meeting_url",
                Msg::key("err-meeting-url"),
            ));
        }
        m.meeting_url = v;
    }
    if let Some(v) = &patch.timezone {
        if v.parse::<chrono_tz::Tz>().is_err() {
            return Err(AppError::invalid(
                "timezone",
                Msg::key("err-unknown-time-zone").arg("zone", v.as_str()),
            ));
        }
        m.timezone = v.clone();
    }
    if let Some(v) = &patch.language {
        if !matches!(v.as_str(), "en" | "ja" | "fr") {
            return Err(AppError::invalid("language", Msg::key("err-language")));
        }
        m.language = v.clone();
    }
    if let Some(v) = &patch.icon_color {
        let ok = v.is_empty()
            || (v.len() == 7
                && v.starts_with('#')
                && v[1..].chars().all(|c| c.is_ascii_hexdigit()));
        if !ok {
            return Err(AppError::invalid("icon_color", Msg::key("err-icon-color")));
        }
        m.icon_color = v.clone();
    }
    let mut pending_email = None;
    if let Some(raw) = &patch.email {
        let email = Email::parse(raw)
            .ok_or_else(|| AppError::invalid("email", Msg::key("err-email-invalid")))?;
        if email != m.email {
            if let Some(other) = store::member_by_email_in(txn, &email)?
                && other.id != m.id
                && other.state != MemberState::Terminated
            {
                return Err(AppError::Conflict {
                    code: "email_taken",
                    message: Msg::key("err-email-belongs-to-member"),
                });
            }
            let token = crypto::random_token();
            let expires_at = now + Duration::hours(48);
            store::put_email_change_in(
                txn,
                &crypto::token_hash(&token),
                &EmailChange {
                    member_id: m.id.clone(),
                    new_email: email.to_string(),
                    expires_at,
                },
            )?;
            let org = organization(txn, now)?;
            let link = format!("{base_url}/confirm-email/{token}");
            let lang = Lang::parse(&m.language);
            let expires =
                dates::date_time_in(lang, Clock::default_for(lang), expires_at, &m.timezone);
            let r = templates::email_change(lang, &org.name, &link, &expires);
            store::enqueue_in(
                txn,
                &OutboxMessage::new(
                    Payload::Mail(r.into_mail(
                        "email_change",
                        email.as_str(),
                        member_name(lang, &m),
                    )),
                    now,
                ),
            )?;
            pending_email = Some(email.to_string());
        }
    }
    if m != before {
        m.updated_at = now;
        store::put_member_in(txn, &m)?;
        let mut changed = patch.organizational();
        changed.extend(patch.personal().into_iter().filter(|f| *f != "email"));
        changed.extend(patch.professional());
        store::audit_in(
            txn,
            Some(actor.id.clone()),
            "member.edited",
            Some(m.id.to_string()),
            json!({ "fields": changed, "role_from": before.role, "role_to": m.role }),
            now,
        )?;
    }
    Ok(Edited {
        member: m,
        pending_email,
    })
}

/// Following the link sent to a new address.
pub fn confirm_email(store: &Store, token: &str, now: DateTime<Utc>) -> Result<Member, AppError> {
    let txn = store.write()?;
    let change = store::take_email_change_in(&txn, &crypto::token_hash(token))?
        .filter(|c| c.expires_at > now)
        .ok_or_else(|| AppError::Gone {
            message: Msg::key("err-email-link-used"),
        })?;
    let mut m = store::member_in(&txn, &change.member_id)?.ok_or(AppError::NotFound)?;
    let old = m.email.clone();
    m.email = Email::parse(&change.new_email).ok_or(AppError::NotFound)?;
    m.updated_at = now;
    store::put_member_in(&txn, &m)?;
    store::audit_in(
        &txn,
        Some(m.id.clone()),
        "member.email_changed",
        Some(m.id.to_string()),
        json!({ "from": old, "to": m.email }),
        now,
    )?;
    store.commit(txn)?;
    Ok(m)
}
