//! A new password by a mailed link: an operator (`convene reset-password
//! EMAIL --mail`) has a one-time link sent to the member, who follows it
//! and chooses the password themself, so nobody else ever knows it.

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use super::invitations::organization;
use crate::crypto;
use crate::domain::{Member, MemberState, OutboxMessage, Payload};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::i18n::Msg;
use crate::i18n::dates::{self, Clock};
use crate::mail::templates;
use crate::passwords;
use crate::service::org::operator::{MemberRow, ResetRefused};
use crate::service::org::outbox::Operator;
use crate::store::{self, PasswordReset, Store};

/// How long a mailed link works: long enough for someone away for a day.
pub const LINK_HOURS: i64 = 24;

/// Queues the link to the member with `email`, in their language and zone,
/// and audits who asked. A link sent before stops working.
pub fn mail_link(
    store: &Store,
    base_url: &str,
    operator: &Operator,
    email: &str,
    now: DateTime<Utc>,
) -> Result<MemberRow, ResetRefused> {
    let address =
        crate::domain::Email::parse(email).ok_or_else(|| ResetRefused::NoMember(email.into()))?;
    let txn = store.write()?;
    let member = store::member_by_email_in(&txn, &address)?
        .ok_or_else(|| ResetRefused::NoMember(address.to_string()))?;
    match member.state {
        MemberState::Active => {}
        MemberState::Terminated => return Err(ResetRefused::Departed(address.to_string())),
        _ => return Err(ResetRefused::NotActive(address.to_string())),
    }
    store::revoke_password_resets_in(&txn, &member.id)?;
    let token = crypto::random_token();
    let expires_at = now + Duration::hours(LINK_HOURS);
    store::put_password_reset_in(
        &txn,
        &crypto::token_hash(&token),
        &PasswordReset {
            member_id: member.id.clone(),
            expires_at,
        },
    )?;
    let org = organization(&txn, now)?;
    let lang = Lang::parse(&member.language);
    let expires = dates::date_time_in(lang, Clock::default_for(lang), expires_at, &member.timezone);
    let link = format!("{base_url}/reset-password/{token}");
    let r = templates::password_reset(lang, &org.name, &link, &expires);
    store::enqueue_in(
        &txn,
        &OutboxMessage::new(
            Payload::Mail(crate::service::notify::mail_for(
                &member,
                lang,
                "password_reset",
                r,
            )),
            now,
        ),
    )?;
    store::audit_in(
        &txn,
        None,
        "member.password_reset_link",
        Some(member.id.to_string()),
        json!({ "operator": operator, "expires_at": expires_at }),
        now,
    )?;
    store.commit(txn)?;
    store.outbox_signal().notify_one();
    Ok(MemberRow::of(&member))
}

fn link_used() -> AppError {
    AppError::Gone {
        message: Msg::key("err-password-link-used"),
    }
}

/// The member a link is for, while it works (410 otherwise).
pub fn member_of_link(store: &Store, token: &str, now: DateTime<Utc>) -> Result<Member, AppError> {
    let txn = store.write()?;
    let found = match store::password_reset_in(&txn, &crypto::token_hash(token))? {
        Some(reset) if reset.expires_at > now => {
            store::member_in(&txn, &reset.member_id)?.filter(|m| m.state == MemberState::Active)
        }
        _ => None,
    };
    txn.abort()?;
    found.ok_or_else(link_used)
}

/// Sets the password chosen on the link's page, ends every session of the
/// member and spends every link of theirs, in one transaction. A password
/// the policy refuses leaves the link working.
pub fn set_by_link(
    store: &Store,
    token: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<Member, AppError> {
    let member = member_of_link(store, token, now)?;
    passwords::check_policy(
        password,
        &[member.email.as_str(), &member.first_name, &member.last_name],
    )?;
    let hash = passwords::hash(password)?;
    let txn = store.write()?;
    // Looked up again inside the writing transaction: a link spent or a
    // member who left meanwhile is refused.
    let still = store::password_reset_in(&txn, &crypto::token_hash(token))?
        .filter(|r| r.expires_at > now && r.member_id == member.id);
    let Some(_) = still else {
        txn.abort()?;
        return Err(link_used());
    };
    let sessions = store::replace_password_in(&txn, &member.id, hash, now)?;
    store::audit_in(
        &txn,
        Some(member.id.clone()),
        "member.password_reset",
        Some(member.id.to_string()),
        json!({ "via": "link", "sessions_ended": sessions }),
        now,
    )?;
    store.commit(txn)?;
    Ok(member)
}
