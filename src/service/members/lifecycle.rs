//! Moving members between states (PRODUCT.md §3), with an audit row for
//! every move and the side effects each move has.

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::domain::{Member, MemberId, MemberState, NotificationKind, Role, Transition};
use crate::error::AppError;
use crate::i18n::{Lang, Msg};
use crate::mail::templates;
use crate::policy::Admin;
use crate::service::notify::{Notice, notify_in};
use crate::store::{self, Store, StoreError};

/// Applies `t` to `member` inside the transaction: state, audit row.
/// `to` overrides the target state (a join that needs approval).
pub fn transition_in(
    txn: &store::Txn,
    actor: Option<&MemberId>,
    member: &mut Member,
    t: Transition,
    to: Option<MemberState>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let from = member.state;
    let next = t.apply(from).ok_or_else(|| illegal(member, t))?;
    member.state = to.unwrap_or(next);
    member.updated_at = now;
    store::put_member_in(txn, member)?;
    store::audit_in(
        txn,
        actor.cloned(),
        format!("member.{}", t.as_str()),
        Some(member.id.to_string()),
        json!({ "from": from.as_str(), "to": member.state.as_str(), "email": member.email }),
        now,
    )?;
    Ok(())
}

pub fn illegal(member: &Member, t: Transition) -> AppError {
    AppError::Conflict {
        code: "illegal_transition",
        message: Msg::key("err-illegal-transition")
            .arg("action", t.as_str())
            .arg("state", member.state.as_str()),
    }
}

/// Active owners other than `except`.
pub fn other_owners_in(txn: &store::Txn, except: &MemberId) -> Result<usize, StoreError> {
    Ok(store::members_where_in(txn, |m| {
        m.role == Role::Owner && m.state == MemberState::Active && &m.id != except
    })?
    .len())
}

/// Tells every active admin that someone waits for approval, and emits
/// `member.pending`.
pub fn announce_pending_in(
    txn: &store::Txn,
    base_url: &str,
    member: &Member,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let admins =
        store::members_where_in(txn, |m| m.role.is_admin() && m.state == MemberState::Active)?;
    let notice = Notice {
        kind: NotificationKind::MemberPending,
        title: format!(
            "{} <{}> waits for approval",
            member.display_name(),
            member.email
        ),
        detail: String::new(),
        link: Some("/members?state=pending".into()),
        data: json!({ "member_id": member.id }),
    };
    for admin in &admins {
        notify_in(txn, base_url, admin, &notice, now)?;
    }
    crate::service::org::webhooks::emit_in(txn, "member.pending", member_event(member), now)?;
    Ok(())
}

pub fn member_event(m: &Member) -> serde_json::Value {
    json!({
        "member_id": m.id, "email": m.email, "first_name": m.first_name,
        "last_name": m.last_name, "state": m.state.as_str(), "role": m.role,
    })
}

/// approve, reject, re-examine, terminate, restore: admins only.
pub fn apply(
    store: &Store,
    base_url: &str,
    admin: Admin<'_>,
    id: &MemberId,
    t: Transition,
    now: DateTime<Utc>,
) -> Result<Member, AppError> {
    let actor = admin.member();
    let txn = store.write()?;
    let mut member = store::member_in(&txn, id)?.ok_or(AppError::NotFound)?;
    if t.apply(member.state).is_none() {
        return Err(illegal(&member, t));
    }
    // The members list offers a move exactly when this allows it.
    if !crate::policy::may_move(actor.role, member.role, t) {
        return Err(AppError::forbidden(Msg::key("err-owner-remove-or-restore")));
    }
    if t == Transition::Terminate {
        check_terminate_in(&txn, actor, &member)?;
    }
    transition_in(&txn, Some(&actor.id), &mut member, t, None, now)?;
    match t {
        Transition::Terminate => end_access_in(&txn, &member)?,
        Transition::Approve | Transition::Reexamine => {
            crate::service::org::webhooks::emit_in(
                &txn,
                "member.joined",
                member_event(&member),
                now,
            )?;
        }
        _ => {}
    }
    // The person who asked to join hears the answer, in their language.
    if matches!(t, Transition::Approve | Transition::Reject) {
        decision_mail_in(&txn, base_url, &member, t == Transition::Approve, now)?;
    }
    store.commit(txn)?;
    Ok(member)
}

/// Whether `actor` may terminate `member`: not oneself, an owner only by
/// an owner, and never the last owner.
pub fn check_terminate_in(
    txn: &store::Txn,
    actor: &Member,
    member: &Member,
) -> Result<(), AppError> {
    if t_illegal(member) {
        return Err(illegal(member, Transition::Terminate));
    }
    if !crate::policy::may_move(actor.role, member.role, Transition::Terminate) {
        return Err(AppError::forbidden(Msg::key("err-owner-remove-or-restore")));
    }
    if member.id == actor.id {
        return Err(AppError::Conflict {
            code: "cannot_terminate_self",
            message: Msg::key("err-remove-self"),
        });
    }
    if member.role == Role::Owner && actor.role != Role::Owner {
        return Err(AppError::forbidden(Msg::key("err-owner-remove")));
    }
    if member.role == Role::Owner && other_owners_in(txn, &member.id)? == 0 {
        return Err(AppError::Conflict {
            code: "last_owner",
            message: Msg::key("err-last-owner-remove"),
        });
    }
    Ok(())
}

fn t_illegal(member: &Member) -> bool {
    Transition::Terminate.apply(member.state).is_none()
}

/// Access ends in the same commit as the termination: sessions, keys,
/// open invitations and address changes.
fn end_access_in(txn: &store::Txn, member: &Member) -> Result<(), AppError> {
    store::revoke_all_in(txn, &member.id)?;
    store::revoke_invitations_in(txn, &member.id)?;
    store::revoke_email_changes_in(txn, &member.id)?;
    store::revoke_password_resets_in(txn, &member.id)?;
    Ok(())
}

/// Terminates `member` inside the caller's transaction (a departure that
/// also moves their bookings): the checks, the state, the audit row, the
/// end of access.
pub fn terminate_in(
    txn: &store::Txn,
    actor: &Member,
    member: &mut Member,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    check_terminate_in(txn, actor, member)?;
    transition_in(
        txn,
        Some(&actor.id),
        member,
        Transition::Terminate,
        None,
        now,
    )?;
    end_access_in(txn, member)
}

fn decision_mail_in(
    txn: &store::Txn,
    base_url: &str,
    member: &Member,
    approved: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let org = store::organization_in(txn)?
        .map(|o| o.name)
        .unwrap_or_default();
    let lang = Lang::parse(&member.language);
    let r = templates::membership_decision(lang, &org, approved, &format!("{base_url}/login"));
    let kind = if approved {
        "member_approved"
    } else {
        "member_rejected"
    };
    crate::service::notify::mail_member_in(txn, member, lang, kind, r, now)?;
    Ok(())
}
