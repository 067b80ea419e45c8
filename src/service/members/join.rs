//! Joining: by an email invitation's link, or by the public link or
//! join code (which always needs an admin's approval).

use chrono::{DateTime, Utc};
use serde_json::json;

use super::invitations::{Placement, new_member, organization, refusal_for};
use super::lifecycle::{announce_pending_in, member_event, transition_in};
use crate::crypto;
use crate::domain::{Email, JoinRules, Member, MemberState, Organization, Role, Transition, text};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::passwords;
use crate::store::{self, Credential, Store};

/// What a joiner types (the JSON body and the HTML form alike).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct JoinForm {
    /// The public join code, when joining by code.
    pub code: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub password: String,
    pub phone: String,
    pub department: String,
    pub position: String,
    pub location: String,
}

impl JoinForm {
    /// Names and profile fields as they are stored: each on one line.
    fn cleaned(mut self) -> JoinForm {
        for field in [
            &mut self.first_name,
            &mut self.last_name,
            &mut self.phone,
            &mut self.department,
            &mut self.position,
            &mut self.location,
        ] {
            *field = text::one_line(field);
        }
        self
    }
}

fn check_join_form(form: &JoinForm, org: &Organization, email: &Email) -> Result<(), AppError> {
    if form.first_name.trim().is_empty() {
        return Err(AppError::invalid(
            "first_name",
            Msg::key("err-join-first-name"),
        ));
    }
    if form.last_name.trim().is_empty() {
        return Err(AppError::invalid(
            "last_name",
            Msg::key("err-join-last-name"),
        ));
    }
    if form.first_name.chars().count() > 100 || form.last_name.chars().count() > 100 {
        return Err(AppError::invalid(
            "first_name",
            Msg::key("err-names-too-long").arg("limit", 100),
        ));
    }
    for (field, value, max) in [
        ("phone", &form.phone, 40),
        ("department", &form.department, 100),
        ("position", &form.position, 100),
        ("location", &form.location, 100),
    ] {
        if value.chars().count() > max {
            return Err(AppError::invalid(
                field,
                Msg::key("err-too-long").arg("limit", max),
            ));
        }
    }
    for field in &org.join_rules.required_fields {
        let value = match field.as_str() {
            "phone" => &form.phone,
            "department" => &form.department,
            "position" => &form.position,
            "location" => &form.location,
            _ => continue,
        };
        if value.trim().is_empty() {
            return Err(AppError::invalid(
                field,
                Msg::key("err-join-field-required").arg("field", field.as_str()),
            ));
        }
    }
    passwords::check_policy(
        &form.password,
        &[email.as_str(), &form.first_name, &form.last_name],
    )?;
    Ok(())
}

fn fill_profile(member: &mut Member, form: &JoinForm) {
    member.first_name = form.first_name.trim().to_string();
    member.last_name = form.last_name.trim().to_string();
    if !form.phone.trim().is_empty() {
        member.phone = form.phone.trim().to_string();
    }
    // Organizational fields a joiner gives are kept only when an admin has
    // not set them already.
    if member.department.is_none() && !form.department.trim().is_empty() {
        member.department = Some(form.department.trim().to_string());
    }
    if member.position.is_empty() {
        member.position = form.position.trim().to_string();
    }
    if member.location.is_empty() {
        member.location = form.location.trim().to_string();
    }
}

pub fn gone() -> AppError {
    AppError::Gone {
        message: Msg::key("err-invitation-gone"),
    }
}

/// The member an invitation token stands for, if the token still works.
pub fn invitation_member(
    store: &Store,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(Member, Organization), AppError> {
    let txn = store.write()?;
    let inv = store::invitation_in(&txn, &crypto::token_hash(token))?
        .filter(|i| i.expires_at > now)
        .ok_or_else(gone)?;
    let member = store::member_in(&txn, &inv.member_id)?
        .filter(|m| m.state == MemberState::Invited)
        .ok_or_else(gone)?;
    let org = organization(&txn, now)?;
    Ok((member, org))
}

/// Following an email invitation: active, or pending when the inviter
/// was not an admin and inviting verification is on.
pub fn join(
    store: &Store,
    base_url: &str,
    token: &str,
    form: JoinForm,
    now: DateTime<Utc>,
) -> Result<Member, AppError> {
    let hash = crypto::token_hash(token);
    // Check what can be checked before hashing the password, outside the lock.
    let (member, org) = invitation_member(store, token, now)?;
    let form = form.cleaned();
    check_join_form(&form, &org, &member.email)?;
    let password_hash = passwords::hash(&form.password)?;

    let txn = store.write()?;
    let inv = store::invitation_in(&txn, &hash)?
        .filter(|i| i.expires_at > now)
        .ok_or_else(gone)?;
    let mut member = store::member_in(&txn, &inv.member_id)?
        .filter(|m| m.state == MemberState::Invited)
        .ok_or_else(gone)?;
    fill_profile(&mut member, &form);
    let to = if inv.needs_approval {
        MemberState::Pending
    } else {
        MemberState::Active
    };
    transition_in(&txn, None, &mut member, Transition::Join, Some(to), now)?;
    store::set_password_in(
        &txn,
        &member.id,
        &Credential {
            password_hash,
            changed_at: now,
        },
    )?;
    store::revoke_invitations_in(&txn, &member.id)?;
    if to == MemberState::Pending {
        announce_pending_in(&txn, base_url, &member, now)?;
    } else {
        crate::service::org::webhooks::emit_in(&txn, "member.joined", member_event(&member), now)?;
    }
    store.commit(txn)?;
    Ok(member)
}

/// How a public joiner proves they were given the way in.
pub enum PublicKey<'a> {
    Link(&'a str),
    Code(&'a str),
}

pub fn unknown_code() -> AppError {
    AppError::Invalid {
        code: "unknown_code",
        message: Msg::key("err-join-unknown-code"),
        field: Some("code".into()),
    }
}

/// Whether the link or code is the organization's current one.
pub fn public_invite_valid(org: &Organization, key: &PublicKey<'_>) -> bool {
    let Some(invite) = org
        .public_invite
        .as_ref()
        .filter(|_| org.join_rules.public_join)
    else {
        return false;
    };
    match key {
        PublicKey::Link(t) => crypto::secrets_equal(t, &invite.token),
        PublicKey::Code(c) => crypto::secrets_equal(c.trim(), &invite.code),
    }
}

/// What the public join pages show before anyone types: the
/// organization's name and join rules, and whether the link in the
/// address (if any) is the current public one.
pub struct PublicPage {
    pub organization: String,
    pub rules: JoinRules,
    pub link_valid: bool,
}

pub fn public_page(store: &Store, link: Option<&str>) -> Result<PublicPage, AppError> {
    Ok(match store.organization()? {
        Some(org) => PublicPage {
            link_valid: link.is_some_and(|t| public_invite_valid(&org, &PublicKey::Link(t))),
            organization: org.name,
            rules: org.join_rules,
        },
        None => PublicPage {
            organization: String::new(),
            rules: JoinRules::default(),
            link_valid: false,
        },
    })
}

/// Joining through the public link or code: always pending.
pub fn join_public(
    store: &Store,
    base_url: &str,
    key: PublicKey<'_>,
    form: JoinForm,
    now: DateTime<Utc>,
) -> Result<Member, AppError> {
    let org = store.organization()?.ok_or_else(unknown_code)?;
    if !public_invite_valid(&org, &key) {
        return Err(unknown_code());
    }
    let email = Email::parse(&form.email)
        .ok_or_else(|| AppError::invalid("email", Msg::key("err-email-invalid")))?;
    let form = form.cleaned();
    check_join_form(&form, &org, &email)?;
    let password_hash = passwords::hash(&form.password)?;

    let txn = store.write()?;
    let org = organization(&txn, now)?;
    if !public_invite_valid(&org, &key) {
        return Err(unknown_code());
    }
    if let Some(existing) = store::member_by_email_in(&txn, &email)?
        && let Some(refusal) = refusal_for(&existing, false)
    {
        return Err(AppError::Conflict {
            code: refusal.code,
            message: refusal.message,
        });
    }
    let placement = Placement {
        role: Role::Member,
        department: None,
        position: String::new(),
        location: String::new(),
        supervisor_id: None,
    };
    let mut member = new_member(&txn, &org, email, MemberState::Pending, &placement, now)?;
    fill_profile(&mut member, &form);
    store::put_member_in(&txn, &member)?;
    store::set_password_in(
        &txn,
        &member.id,
        &Credential {
            password_hash,
            changed_at: now,
        },
    )?;
    store::audit_in(
        &txn,
        None,
        "member.joined_publicly",
        Some(member.id.to_string()),
        json!({ "email": member.email, "via": match key { PublicKey::Link(_) => "link", PublicKey::Code(_) => "code" } }),
        now,
    )?;
    announce_pending_in(&txn, base_url, &member, now)?;
    store.commit(txn)?;
    Ok(member)
}
