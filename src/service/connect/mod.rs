//! Connect: external members who enter candidate dates through a mailed
//! link, without an account. Admins (and owners) invite, edit, re-request
//! and delete; the organization turns Connect on and off. Candidate dates
//! themselves are in `dates`.

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use crate::crypto;
use crate::domain::{
    ConnectToken, Email, ExternalMember, Member, MemberId, MemberState, OutboxMessage, Payload,
};
use crate::error::AppError;
use crate::i18n::dates::{Clock, date_time_in};
use crate::i18n::names::member_name;
use crate::i18n::{Lang, Msg};
use crate::mail::templates;
use crate::policy::{self, Action};
use crate::store::{self, Store};

pub mod dates;
pub mod messages;

/// What the server's configuration says about Connect.
#[derive(Debug, Clone)]
pub struct ConnectSettings {
    pub base_url: String,
    pub token_days: u32,
    pub max: u32,
    /// For bookings moved to a team member when an external member goes.
    pub video_pattern: String,
}

/// The answer of every Connect route while Connect is off.
pub fn disabled() -> AppError {
    AppError::Conflict {
        code: "connect_disabled",
        message: Msg::key("err-connect-disabled"),
    }
}

pub fn enabled(store: &Store) -> Result<bool, AppError> {
    Ok(store.organization()?.is_some_and(|o| o.connect_enabled))
}

fn require_enabled(txn: &impl store::Read) -> Result<(), AppError> {
    if store::organization_in(txn)?.is_some_and(|o| o.connect_enabled) {
        Ok(())
    } else {
        Err(disabled())
    }
}

fn require_manager(actor: &Member) -> Result<(), AppError> {
    policy::require(actor.role, Action::ManageExternalMembers)
}

/// Whether Connect is on, as admins see it.
pub fn settings(store: &Store, actor: &Member) -> Result<bool, AppError> {
    require_manager(actor)?;
    enabled(store)
}

/// Turns Connect on or off. Off keeps every external member and page.
pub fn set_enabled(
    store: &Store,
    actor: &Member,
    on: bool,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    require_manager(actor)?;
    let txn = store.write()?;
    let mut org = crate::service::members::invitations::organization(&txn, now)?;
    if org.connect_enabled != on {
        org.connect_enabled = on;
        store::put_org_in(&txn, &org)?;
        store::audit_in(
            &txn,
            Some(actor.id.clone()),
            if on {
                "connect.enabled"
            } else {
                "connect.disabled"
            },
            None,
            json!({}),
            now,
        )?;
    }
    store.commit(txn)?;
    Ok(on)
}

/// An invitation or an edit, as typed.
#[derive(Debug, Clone, Default)]
pub struct ExternalInput {
    pub name: Option<String>,
    pub email: Option<String>,
    pub organization: Option<String>,
    pub contact_member_id: Option<MemberId>,
    pub language: Option<String>,
}

/// One line of at most 200 characters; `required` refuses it empty.
fn clean_line(field: &str, raw: &str, required: bool) -> Result<String, AppError> {
    let text = crate::domain::text::one_line(raw);
    if required && text.is_empty() {
        return Err(AppError::invalid(field, Msg::key("err-required")));
    }
    if text.chars().count() > 200 {
        return Err(AppError::invalid(
            field,
            Msg::key("err-too-long").arg("limit", 200),
        ));
    }
    Ok(text)
}

fn parse_email(raw: &str) -> Result<Email, AppError> {
    Email::parse(raw).ok_or_else(|| AppError::invalid("email", Msg::key("err-email-invalid")))
}

fn check_contact(txn: &store::Txn, id: &MemberId) -> Result<Member, AppError> {
    store::member_in(txn, id)?
        .filter(|m| m.state == MemberState::Active)
        .ok_or_else(|| {
            AppError::invalid(
                "contact_member_id",
                Msg::key("err-connect-contact-inactive"),
            )
        })
}

fn check_language(raw: &str) -> Result<String, AppError> {
    if matches!(raw, "en" | "ja" | "fr") {
        Ok(raw.to_string())
    } else {
        Err(AppError::invalid("language", Msg::key("err-language")))
    }
}

fn email_taken(
    txn: &store::Txn,
    email: &Email,
    except: Option<&MemberId>,
) -> Result<bool, AppError> {
    Ok(store::externals_in(txn)?
        .iter()
        .any(|x| &x.email == email && Some(&x.id) != except))
}

/// Invites an external member: the record, a fresh link and the mail,
/// in one transaction.
pub fn invite(
    store: &Store,
    cfg: &ConnectSettings,
    actor: &Member,
    input: ExternalInput,
    now: DateTime<Utc>,
) -> Result<ExternalMember, AppError> {
    require_manager(actor)?;
    let txn = store.write()?;
    require_enabled(&txn)?;
    let count = store::externals_in(&txn)?.len();
    if count >= cfg.max as usize {
        return Err(AppError::Conflict {
            code: "limit_reached",
            message: Msg::key("err-connect-limit").arg("max", i64::from(cfg.max)),
        });
    }
    let name = clean_line("name", input.name.as_deref().unwrap_or(""), true)?;
    let email = parse_email(input.email.as_deref().unwrap_or(""))?;
    let organization = clean_line(
        "organization",
        input.organization.as_deref().unwrap_or(""),
        false,
    )?;
    let Some(contact_id) = input.contact_member_id else {
        return Err(AppError::invalid(
            "contact_member_id",
            Msg::key("err-required"),
        ));
    };
    let contact = check_contact(&txn, &contact_id)?;
    if email_taken(&txn, &email, None)? {
        return Err(AppError::Conflict {
            code: "already_invited",
            message: Msg::key("err-connect-email-taken").arg("email", email.as_str()),
        });
    }
    let org = crate::service::members::invitations::organization(&txn, now)?;
    let language = match input.language.as_deref().filter(|l| !l.is_empty()) {
        Some(l) => check_language(l)?,
        None => org.default_language.clone(),
    };
    let id = MemberId::new();
    let x = ExternalMember {
        icon_color: crate::domain::external::icon_color_for(&id),
        id,
        name,
        email,
        organization,
        contact_member_id: contact.id.clone(),
        timezone: contact.timezone.clone(),
        language,
        ranges: Vec::new(),
        message: String::new(),
        dates_entered_at: None,
        requested_at: now,
        created_at: now,
        updated_at: now,
    };
    store::put_external_in(&txn, &x)?;
    send_request_in(&txn, cfg, &org.name, actor, &x, now)?;
    store::audit_in(
        &txn,
        Some(actor.id.clone()),
        "external.invited",
        Some(x.id.to_string()),
        json!({ "email": x.email, "contact_member_id": x.contact_member_id }),
        now,
    )?;
    store.commit(txn)?;
    Ok(x)
}

/// A new candidate-date link for `x` and the mail that carries it; every
/// older link dies in the same transaction.
fn send_request_in(
    txn: &store::Txn,
    cfg: &ConnectSettings,
    org_name: &str,
    actor: &Member,
    x: &ExternalMember,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    store::revoke_connect_tokens_in(txn, &x.id)?;
    let token = crypto::random_token();
    let expires_at = now + Duration::days(i64::from(cfg.token_days.max(1)));
    store::put_connect_token_in(
        txn,
        &crypto::token_hash(&token),
        &ConnectToken {
            external_id: x.id.clone(),
            expires_at,
            superseded: false,
        },
    )?;
    let lang = Lang::parse(&x.language);
    let link = format!("{}/connect/{token}", cfg.base_url);
    let expires = date_time_in(lang, Clock::default_for(lang), expires_at, &x.timezone);
    let r = templates::connect_request(
        lang,
        org_name,
        &member_name(lang, actor),
        &x.name,
        &link,
        &expires,
        &actor.email_signature,
    );
    let host = x.as_host(None);
    let mut mail = crate::service::notify::mail_for(&host, lang, "connect_request", r);
    // The member who asks signs the mail: an answer goes to them.
    mail.reply_to = Some(crate::service::notify::contact(lang, actor));
    store::enqueue_in(txn, &OutboxMessage::new(Payload::Mail(mail), now))?;
    Ok(())
}

/// Every external member, in name order, with Connect's state.
pub struct Directory {
    pub enabled: bool,
    pub max: u32,
    pub members: Vec<ExternalMember>,
}

pub fn list(store: &Store, cfg: &ConnectSettings, actor: &Member) -> Result<Directory, AppError> {
    require_manager(actor)?;
    let mut members = store.externals()?;
    members.sort_by_key(|x| x.name.to_lowercase());
    Ok(Directory {
        enabled: enabled(store)?,
        max: cfg.max,
        members,
    })
}

/// One external member: for admins, and for the member in charge (who
/// is sent there by the notification and the Messages list).
pub fn get(store: &Store, actor: &Member, id: &MemberId) -> Result<ExternalMember, AppError> {
    let x = store::external_in(&store.read()?, id)?;
    match x {
        Some(x) if x.contact_member_id == actor.id => Ok(x),
        Some(x) => require_manager(actor).map(|_| x),
        None => require_manager(actor).and(Err(AppError::NotFound)),
    }
}

/// Whether `actor` may change external members (the page hides the forms
/// from the member in charge who may only read).
pub fn may_manage(actor: &Member) -> bool {
    policy::allows(actor.role, Action::ManageExternalMembers)
}

/// Changes name, address, organization, member in charge or language.
pub fn update(
    store: &Store,
    actor: &Member,
    id: &MemberId,
    input: ExternalInput,
    now: DateTime<Utc>,
) -> Result<ExternalMember, AppError> {
    require_manager(actor)?;
    let txn = store.write()?;
    require_enabled(&txn)?;
    let mut x = store::external_in(&txn, id)?.ok_or(AppError::NotFound)?;
    if let Some(n) = &input.name {
        x.name = clean_line("name", n, true)?;
    }
    if let Some(e) = &input.email {
        let email = parse_email(e)?;
        if email_taken(&txn, &email, Some(id))? {
            return Err(AppError::Conflict {
                code: "already_invited",
                message: Msg::key("err-connect-email-taken").arg("email", email.as_str()),
            });
        }
        x.email = email;
    }
    if let Some(o) = &input.organization {
        x.organization = clean_line("organization", o, false)?;
    }
    if let Some(c) = &input.contact_member_id {
        x.contact_member_id = check_contact(&txn, c)?.id;
    }
    if let Some(l) = input.language.as_deref().filter(|l| !l.is_empty()) {
        x.language = check_language(l)?;
    }
    x.updated_at = now;
    store::put_external_in(&txn, &x)?;
    store::audit_in(
        &txn,
        Some(actor.id.clone()),
        "external.changed",
        Some(x.id.to_string()),
        json!({ "email": x.email, "contact_member_id": x.contact_member_id }),
        now,
    )?;
    store.commit(txn)?;
    Ok(x)
}

/// Asks for dates again: a new mail with a new link; the old link dies
/// at once. Dates entered before stay until new ones are saved.
pub fn request_dates(
    store: &Store,
    cfg: &ConnectSettings,
    actor: &Member,
    id: &MemberId,
    now: DateTime<Utc>,
) -> Result<ExternalMember, AppError> {
    require_manager(actor)?;
    let txn = store.write()?;
    require_enabled(&txn)?;
    let mut x = store::external_in(&txn, id)?.ok_or(AppError::NotFound)?;
    x.requested_at = now;
    x.updated_at = now;
    store::put_external_in(&txn, &x)?;
    let org = crate::service::members::invitations::organization(&txn, now)?;
    send_request_in(&txn, cfg, &org.name, actor, &x, now)?;
    store::audit_in(
        &txn,
        Some(actor.id.clone()),
        "external.dates_requested",
        Some(x.id.to_string()),
        json!({}),
        now,
    )?;
    store.commit(txn)?;
    Ok(x)
}

/// Upcoming confirmed bookings `id` hosts: what deleting them cancels.
pub fn future_bookings(
    store: &Store,
    id: &MemberId,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let txn = store.read()?;
    Ok(store::host_bookings(&txn)?
        .ids_from(id.as_str(), now.timestamp())?
        .len())
}

/// Deletes an external member through the same path as a member who
/// leaves (`departures::place_bookings_in`): each upcoming booking they
/// host goes to the member `reassign` names (checked free) or is
/// cancelled with its mails; the pages they host are switched off, their
/// links die, the record goes; all in one transaction. Returns how many
/// bookings were cancelled. A chosen member who is not free is 409
/// `decisions_needed`, and nothing changes.
pub fn delete(
    store: &Store,
    cfg: &ConnectSettings,
    actor: &Member,
    id: &MemberId,
    reassign: std::collections::HashMap<String, MemberId>,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    require_manager(actor)?;
    let txn = store.write()?;
    require_enabled(&txn)?;
    let x = store::external_in(&txn, id)?.ok_or(AppError::NotFound)?;
    let ids = store::host_bookings(&txn)?.ids_from(id.as_str(), now.timestamp())?;
    let lang = Lang::parse(&x.language);
    let decisions = crate::service::departures::Decisions {
        cancel: ids
            .iter()
            .filter(|b| !reassign.contains_key(*b))
            .cloned()
            .collect(),
        reassign,
        external_members_to: None,
        reason: Some(crate::tr!(
            lang,
            "connect-deleted-reason",
            name = x.name.as_str()
        )),
    };
    let placing = crate::service::departures::DepartureSettings {
        base_url: &cfg.base_url,
        video_pattern: &cfg.video_pattern,
    };
    let planned =
        crate::service::departures::place_bookings_in(&txn, &placing, actor, id, &decisions, now)?;
    if planned
        .iter()
        .any(|p| matches!(p.action, crate::service::departures::Action::Decide))
    {
        txn.abort()?;
        return Err(crate::service::departures::decisions_needed_for(&planned));
    }
    let cancelled = crate::service::departures::cancelled(&planned);
    // A page they hosted would go on without them (collective pages would
    // offer the others' times alone): it is switched off for an admin to
    // decide.
    let mut switched_off = Vec::new();
    for mut page in store::pages_in(&txn)? {
        if page.hosts.contains(id) && page.enabled {
            page.enabled = false;
            page.updated_at = now;
            store::put_page_in(&txn, &page)?;
            switched_off.push(page.id);
        }
    }
    store::remove_external_in(&txn, id)?;
    store::audit_in(
        &txn,
        Some(actor.id.clone()),
        "external.deleted",
        Some(id.to_string()),
        json!({ "email": x.email, "cancelled": cancelled, "pages_switched_off": switched_off }),
        now,
    )?;
    store.commit(txn)?;
    crate::telemetry::bookings_cancelled(cancelled);
    Ok(cancelled)
}
