//! Ways in: email invitations (single and "invite teammates"), drafts,
//! resend and cancel, joining by link, and the public link and join code.

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use super::lifecycle::{illegal, transition_in};
use crate::crypto;
use crate::domain::{
    CatalogKind, Email, Invitation, JoinRules, Member, MemberId, MemberState, Organization,
    OutboxMessage, Payload, PublicInvite, Role, Transition,
};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::i18n::Msg;
use crate::i18n::dates::{self, Clock};
use crate::i18n::names::member_name;
use crate::mail::templates;
use crate::policy::{self, Action, Admin};
use crate::store::{self, Store};

/// One "invite" request: every address gets the same organizational fields.
#[derive(Debug, Clone, Default)]
pub struct InviteRequest {
    pub emails: Vec<String>,
    pub role: Option<Role>,
    pub department: Option<String>,
    pub position: Option<String>,
    pub location: Option<String>,
    pub supervisor_id: Option<MemberId>,
    /// Invite a removed member's address as a new person.
    pub as_new: bool,
    /// False: create drafts and send nothing (activate later).
    pub send: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Refusal {
    pub code: &'static str,
    /// Serialized in English; pages render it in the reader's language.
    pub message: Msg,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct InviteResult {
    pub email: String,
    pub ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_id: Option<MemberId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Refusal>,
}

/// Splits "a@x.org, b@x.org; c@x.org\nd@x.org" into addresses.
pub fn split_emails(raw: &[String]) -> Vec<String> {
    raw.iter()
        .flat_map(|s| s.split(|c: char| c == ',' || c == ';' || c.is_whitespace()))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Why an address already known cannot simply be invited, or None.
pub fn refusal_for(existing: &Member, as_new: bool) -> Option<Refusal> {
    let (code, key) = match existing.state {
        MemberState::Active => ("already_active", "err-refusal-active"),
        MemberState::Pending => ("already_pending", "err-refusal-pending"),
        MemberState::Rejected => ("previously_rejected", "err-refusal-rejected"),
        MemberState::Terminated if as_new => return None,
        MemberState::Terminated => ("previously_removed", "err-refusal-removed"),
        MemberState::Invited => ("already_invited", "err-refusal-invited"),
        MemberState::Draft => ("already_invited", "err-refusal-draft"),
    };
    Some(Refusal {
        code,
        message: Msg::key(key).arg("email", existing.email.as_str()),
    })
}

/// The organizational fields and who may set them, checked once per request.
pub struct Placement {
    pub role: Role,
    pub department: Option<String>,
    pub position: String,
    pub location: String,
    pub supervisor_id: Option<MemberId>,
}

/// What a request asks for, before it is checked.
pub struct PlacementInput {
    pub role: Option<Role>,
    pub department: Option<String>,
    pub position: Option<String>,
    pub location: Option<String>,
    pub supervisor_id: Option<MemberId>,
}

pub fn check_placement(
    txn: &store::Txn,
    actor: &Member,
    input: PlacementInput,
    now: DateTime<Utc>,
) -> Result<Placement, AppError> {
    let role = input.role.unwrap_or(Role::Member);
    let admin_may = policy::allows(
        actor.role,
        Action::ChangeRole {
            from: Role::Member,
            to: role,
        },
    );
    let inviter_may =
        role <= Role::Member && policy::allows(actor.role, Action::InviteNeedingApproval);
    if !(admin_may || inviter_may) {
        return Err(AppError::ForbiddenField("role".into()));
    }
    let department = clean(input.department);
    if let Some(d) = &department {
        ensure_catalog(txn, CatalogKind::Department, d, false, now)?;
    }
    if let Some(s) = &input.supervisor_id
        && !store::member_in(txn, s)?.is_some_and(|m| m.state == MemberState::Active)
    {
        return Err(AppError::invalid(
            "supervisor_id",
            Msg::key("err-supervisor-inactive"),
        ));
    }
    Ok(Placement {
        role,
        department,
        position: clean(input.position).unwrap_or_default(),
        location: clean(input.location).unwrap_or_default(),
        supervisor_id: input.supervisor_id,
    })
}

fn clean(s: Option<String>) -> Option<String> {
    s.map(|s| crate::domain::text::one_line(&s))
        .filter(|s| !s.is_empty())
}

/// A department (or position, location) must exist, unless the caller
/// asked to create missing ones.
pub fn ensure_catalog(
    txn: &store::Txn,
    kind: CatalogKind,
    name: &str,
    create: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if store::catalog_in(txn, kind)?.iter().any(|e| e.name == name) {
        return Ok(());
    }
    if create {
        store::put_catalog_in(
            txn,
            &crate::domain::CatalogEntry {
                kind,
                name: name.to_string(),
                created_at: now,
            },
        )?;
        return Ok(());
    }
    Err(AppError::Invalid {
        code: "unknown_department",
        message: Msg::key("err-catalog-unknown")
            .arg("kind", kind.as_str())
            .arg("name", name),
        field: Some(kind.as_str().to_string()),
    })
}

pub fn organization(txn: &store::Txn, now: DateTime<Utc>) -> Result<Organization, AppError> {
    Ok(store::organization_in(txn)?
        .unwrap_or_else(|| Organization::new("My organization".into(), now)))
}

/// A new member in the given state, with the organization's defaults.
pub fn new_member(
    txn: &store::Txn,
    org: &Organization,
    email: Email,
    state: MemberState,
    placement: &Placement,
    now: DateTime<Utc>,
) -> Result<Member, AppError> {
    let mut m = Member::new(
        email,
        placement.role,
        state,
        &org.default_timezone,
        &org.default_language,
        now,
    );
    m.department = placement.department.clone();
    m.position = placement.position.clone();
    m.location = placement.location.clone();
    m.supervisor_id = placement.supervisor_id.clone();
    store::put_member_in(txn, &m)?;
    store::put_schedule_in(txn, &m.id, &org.default_schedule)?;
    Ok(m)
}

/// Creates a join token for `member` and queues the invitation mail.
/// Who sends an invitation, and from where.
pub struct Inviter<'a> {
    pub base_url: &'a str,
    pub org: &'a Organization,
    pub actor: Option<&'a Member>,
}

pub fn send_invitation_in(
    txn: &store::Txn,
    inviter: &Inviter<'_>,
    member: &Member,
    needs_approval: bool,
    replace_old: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Inviter {
        base_url,
        org,
        actor,
    } = *inviter;
    // A member invited before loses the old link. A new member has none,
    // and skipping that scan keeps a 10,000-row import linear.
    if replace_old {
        store::revoke_invitations_in(txn, &member.id)?;
    }
    let token = crypto::random_token();
    let expires_at = now + Duration::days(i64::from(org.join_rules.invitation_days.max(1)));
    store::put_invitation_in(
        txn,
        &crypto::token_hash(&token),
        &Invitation {
            member_id: member.id.clone(),
            invited_by: actor.map(|a| a.id.clone()),
            needs_approval,
            created_at: now,
            expires_at,
        },
    )?;
    let link = format!("{base_url}/join/{token}");
    let lang = Lang::parse(&member.language);
    let inviter = actor
        .map(|a| member_name(lang, a))
        .unwrap_or_else(|| org.name.clone());
    let signature = actor.map(|a| a.email_signature.as_str()).unwrap_or("");
    let expires = dates::date_time_in(lang, Clock::default_for(lang), expires_at, &member.timezone);
    let r = templates::invitation(lang, &org.name, &inviter, &link, &expires, signature);
    let mut mail = crate::service::notify::mail_for(member, lang, "invitation", r);
    // The member who invites signs the mail: an answer goes to them.
    mail.reply_to = actor.map(|a| crate::service::notify::contact(lang, a));
    store::enqueue_in(txn, &OutboxMessage::new(Payload::Mail(mail), now))?;
    Ok(())
}

/// Invites every address of the request, in one transaction; one result
/// per distinct address, in the order given.
pub fn invite(
    store: &Store,
    base_url: &str,
    actor: &Member,
    req: InviteRequest,
    now: DateTime<Utc>,
) -> Result<Vec<InviteResult>, AppError> {
    let admin = policy::allows(actor.role, Action::AdministerMembers);
    if !admin && !policy::allows(actor.role, Action::InviteNeedingApproval) {
        return Err(AppError::forbidden(Msg::key("err-invite-forbidden")));
    }
    if !admin && !req.send {
        return Err(AppError::forbidden(Msg::key("err-invite-unsent-forbidden")));
    }
    if req.as_new && !admin {
        return Err(AppError::ForbiddenField("as_new".into()));
    }
    // One result per address given; the HTML form splits its text first.
    let addresses: Vec<String> = req
        .emails
        .iter()
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty())
        .collect();
    if addresses.is_empty() {
        return Err(AppError::invalid("emails", Msg::key("err-invite-none")));
    }
    if addresses.len() > 500 {
        return Err(AppError::invalid(
            "emails",
            Msg::key("err-invite-too-many").arg("max", 500),
        ));
    }
    let txn = store.write()?;
    let org = organization(&txn, now)?;
    let placement = check_placement(
        &txn,
        actor,
        PlacementInput {
            role: req.role,
            department: req.department,
            position: req.position,
            location: req.location,
            supervisor_id: req.supervisor_id,
        },
        now,
    )?;
    let needs_approval = !admin && org.join_rules.inviting_verification;
    let mut seen = std::collections::HashSet::new();
    let mut results = Vec::new();
    for raw in addresses {
        let Some(email) = Email::parse(&raw) else {
            results.push(InviteResult {
                email: raw.clone(),
                ok: false,
                member_id: None,
                error: Some(Refusal {
                    code: "invalid_email",
                    message: Msg::key("err-not-an-email").arg("email", raw.as_str()),
                }),
            });
            continue;
        };
        if !seen.insert(email.clone()) {
            results.push(InviteResult {
                email: email.to_string(),
                ok: false,
                member_id: None,
                error: Some(Refusal {
                    code: "duplicate",
                    message: Msg::key("err-invite-duplicate").arg("email", email.as_str()),
                }),
            });
            continue;
        }
        if let Some(existing) = store::member_by_email_in(&txn, &email)?
            && let Some(refusal) = refusal_for(&existing, req.as_new)
        {
            // Only admins may learn in which state someone else is.
            let (member_id, refusal) = if admin {
                (Some(existing.id), refusal)
            } else {
                (
                    None,
                    Refusal {
                        code: "already_known",
                        message: Msg::key("err-refusal-known").arg("email", email.as_str()),
                    },
                )
            };
            results.push(InviteResult {
                email: email.to_string(),
                ok: false,
                member_id,
                error: Some(refusal),
            });
            continue;
        }
        let state = if req.send {
            MemberState::Invited
        } else {
            MemberState::Draft
        };
        let member = new_member(&txn, &org, email.clone(), state, &placement, now)?;
        if req.send {
            send_invitation_in(
                &txn,
                &Inviter {
                    base_url,
                    org: &org,
                    actor: Some(actor),
                },
                &member,
                needs_approval,
                false,
                now,
            )?;
        }
        store::audit_in(
            &txn,
            Some(actor.id.clone()),
            if req.send {
                "member.invited"
            } else {
                "member.drafted"
            },
            Some(member.id.to_string()),
            json!({ "email": member.email, "role": member.role, "needs_approval": needs_approval, "as_new": req.as_new }),
            now,
        )?;
        results.push(InviteResult {
            email: email.to_string(),
            ok: true,
            member_id: Some(member.id),
            error: None,
        });
    }
    store.commit(txn)?;
    Ok(results)
}

/// activate (draft → invited), resend (new link), cancel (withdraw).
pub fn manage(
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
    let org = organization(&txn, now)?;
    match t {
        Transition::Activate | Transition::Resend => {
            let needs_approval =
                store::invitation_of_in(&txn, &member.id)?.is_some_and(|i| i.needs_approval);
            transition_in(&txn, Some(&actor.id), &mut member, t, None, now)?;
            send_invitation_in(
                &txn,
                &Inviter {
                    base_url,
                    org: &org,
                    actor: Some(actor),
                },
                &member,
                needs_approval,
                true,
                now,
            )?;
        }
        Transition::CancelInvitation => {
            store::revoke_invitations_in(&txn, &member.id)?;
            store::remove_member_in(&txn, &member)?;
            store::audit_in(
                &txn,
                Some(actor.id.clone()),
                "member.cancel_invitation",
                Some(member.id.to_string()),
                json!({ "email": member.email, "from": member.state.as_str() }),
                now,
            )?;
        }
        _ => return Err(illegal(&member, t)),
    }
    store.commit(txn)?;
    Ok(member)
}

/// The public link and code (created on first use) and whether they work.
pub fn public_invite(
    store: &Store,
    admin: Admin<'_>,
    rotate: bool,
    now: DateTime<Utc>,
) -> Result<(PublicInvite, bool), AppError> {
    let actor = admin.member();
    let txn = store.write()?;
    let mut org = organization(&txn, now)?;
    let invite = match (&org.public_invite, rotate) {
        (Some(existing), false) => existing.clone(),
        _ => {
            let fresh = PublicInvite::generate(now);
            org.public_invite = Some(fresh.clone());
            store::put_org_in(&txn, &org)?;
            store::audit_in(
                &txn,
                Some(actor.id.clone()),
                if rotate {
                    "public_invite.rotated"
                } else {
                    "public_invite.created"
                },
                None,
                json!({}),
                now,
            )?;
            fresh
        }
    };
    let enabled = org.join_rules.public_join;
    store.commit(txn)?;
    Ok((invite, enabled))
}

/// The join rules as saved (the defaults before anyone saved any).
pub fn join_rules(store: &Store) -> Result<JoinRules, AppError> {
    Ok(store
        .organization()?
        .map(|o| o.join_rules)
        .unwrap_or_default())
}

/// Saves the join rules (owner and admins).
pub fn set_join_rules(
    store: &Store,
    admin: Admin<'_>,
    rules: JoinRules,
    now: DateTime<Utc>,
) -> Result<JoinRules, AppError> {
    let actor = admin.member();
    if let Some(bad) = rules
        .required_fields
        .iter()
        .find(|f| !crate::domain::invitation::REQUIRABLE_FIELDS.contains(&f.as_str()))
    {
        return Err(AppError::invalid(
            "required_fields",
            Msg::key("err-not-requirable").arg("field", bad.as_str()),
        ));
    }
    if !(1..=90).contains(&rules.invitation_days) {
        return Err(AppError::invalid(
            "invitation_days",
            Msg::key("err-between-days").arg("min", 1).arg("max", 90),
        ));
    }
    let txn = store.write()?;
    let mut org = organization(&txn, now)?;
    org.join_rules = rules.clone();
    store::put_org_in(&txn, &org)?;
    store::audit_in(
        &txn,
        Some(actor.id.clone()),
        "join_rules.changed",
        None,
        json!(rules),
        now,
    )?;
    store.commit(txn)?;
    Ok(rules)
}
