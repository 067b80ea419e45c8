//! The first owner: from the one-time setup page or `convene create-owner`.

use chrono::{DateTime, Utc};

use crate::domain::{Email, Member, MemberState, Organization, Role, text};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::passwords;
use crate::store::{self, Store};

#[derive(Debug, Clone, Default)]
pub struct NewOwner {
    pub organization: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub password: String,
}

/// Splits the CLI's `--name` into (first, last): "Ann Lee" at the first
/// space, "山田 太郎" family name first, as each is written.
pub fn split_name(full: &str) -> (String, String) {
    crate::i18n::names::split_full_name(full)
}

/// Whether setup is done: the setup page and the start-up notice ask.
pub fn has_owner(store: &Store) -> Result<bool, AppError> {
    Ok(store.has_owner()?)
}

/// Creates the organization's first owner, once. A second call answers
/// 409 `owner_exists`, whoever makes it.
pub fn create_owner(
    store: &Store,
    input: NewOwner,
    now: DateTime<Utc>,
) -> Result<Member, AppError> {
    let email = Email::parse(&input.email)
        .ok_or_else(|| AppError::invalid("email", Msg::key("err-email-invalid")))?;
    let first_name = text::one_line(&input.first_name);
    let last_name = text::one_line(&input.last_name);
    if first_name.is_empty() {
        return Err(AppError::invalid(
            "first_name",
            Msg::key("err-setup-first-name"),
        ));
    }
    if first_name.chars().count() > 100 || last_name.chars().count() > 100 {
        return Err(AppError::invalid(
            "first_name",
            Msg::key("err-names-too-long").arg("limit", 100),
        ));
    }
    let organization = text::one_line(&input.organization);
    if organization.chars().count() > 200 {
        return Err(AppError::invalid(
            "organization",
            Msg::key("err-setup-organization-too-long").arg("limit", 200),
        ));
    }
    passwords::check_policy(
        &input.password,
        &[email.as_str(), &first_name, &last_name, &organization],
    )?;
    // Hash before taking the write lock: argon2 is slow on purpose.
    let password_hash = passwords::hash(&input.password)?;

    let txn = store.write()?;
    if store::has_owner_in(&txn)? {
        return Err(AppError::Conflict {
            code: "owner_exists",
            message: Msg::key("err-setup-owner-exists"),
        });
    }
    if store::member_by_email_in(&txn, &email)?.is_some() {
        return Err(AppError::Conflict {
            code: "email_taken",
            message: Msg::key("err-setup-email-taken"),
        });
    }
    let org = match store::organization_in(&txn)? {
        Some(org) => org,
        None => {
            let name = if organization.is_empty() {
                "My organization"
            } else {
                organization.as_str()
            };
            let org = Organization::new(name.to_string(), now);
            store::put_org_in(&txn, &org)?;
            org
        }
    };
    let mut member = Member::new(
        email,
        Role::Owner,
        MemberState::Active,
        &org.default_timezone,
        &org.default_language,
        now,
    );
    member.first_name = first_name;
    member.last_name = last_name;
    store::put_member_in(&txn, &member)?;
    store::set_password_in(
        &txn,
        &member.id,
        &store::Credential {
            password_hash,
            changed_at: now,
        },
    )?;
    store::audit_in(
        &txn,
        None,
        "owner.created",
        Some(member.id.to_string()),
        serde_json::json!({ "email": member.email }),
        now,
    )?;
    store.commit(txn)?;
    Ok(member)
}
