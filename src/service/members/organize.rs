//! Bulk edit, apply-to-others, account defaults, and the organization's
//! departments, positions and locations.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::invitations::{ensure_catalog, organization};
use crate::domain::{CatalogEntry, CatalogKind, Member, MemberId, Organization, Schedule};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::policy::{Admin, Owner};
use crate::store::{self, Store};

fn audit(
    txn: &store::Txn,
    actor: &Member,
    action: &str,
    target: Option<String>,
    detail: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    Ok(store::audit_in(
        txn,
        Some(actor.id.clone()),
        action,
        target,
        detail,
        now,
    )?)
}

/// Department, position and location of many members at once; any other
/// field is refused by name.
pub fn bulk_edit(
    store: &Store,
    admin: Admin<'_>,
    body: &serde_json::Map<String, serde_json::Value>,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let actor = admin.member();
    if let Some(other) = body
        .keys()
        .find(|k| !matches!(k.as_str(), "ids" | "department" | "position" | "location"))
    {
        return Err(AppError::Invalid {
            code: "not_bulk_editable",
            message: Msg::key("err-not-bulk-editable").arg("field", other.as_str()),
            field: Some(other.clone()),
        });
    }
    let ids: Vec<MemberId> = match body.get("ids") {
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .map(|v| {
                v.as_str()
                    .map(MemberId::from_string)
                    .ok_or_else(|| AppError::invalid("ids", Msg::key("err-ids-strings")))
            })
            .collect::<Result<_, _>>()?,
        _ => {
            return Err(AppError::invalid("ids", Msg::key("err-ids-missing")));
        }
    };
    let text = |k: &str| -> Result<Option<String>, AppError> {
        match body.get(k) {
            None => Ok(None),
            Some(serde_json::Value::String(s)) if s.chars().count() > 100 => Err(
                AppError::invalid(k, Msg::key("err-too-long").arg("limit", 100)),
            ),
            Some(serde_json::Value::String(s)) => Ok(Some(crate::domain::text::one_line(s))),
            Some(serde_json::Value::Null) => Ok(Some(String::new())),
            Some(_) => Err(AppError::invalid(k, Msg::key("err-text-value"))),
        }
    };
    let (department, position, location) =
        (text("department")?, text("position")?, text("location")?);
    let txn = store.write()?;
    if let Some(d) = department.as_deref().filter(|d| !d.is_empty()) {
        ensure_catalog(&txn, CatalogKind::Department, d, false, now)?;
    }
    let mut updated = 0;
    for id in &ids {
        let mut m = store::member_in(&txn, id)?.ok_or_else(|| {
            AppError::invalid("ids", Msg::key("err-no-member").arg("id", id.to_string()))
        })?;
        if let Some(d) = &department {
            m.department = (!d.is_empty()).then(|| d.clone());
        }
        if let Some(p) = &position {
            m.position = p.clone();
        }
        if let Some(l) = &location {
            m.location = l.clone();
        }
        m.updated_at = now;
        store::put_member_in(&txn, &m)?;
        updated += 1;
    }
    audit(
        &txn,
        actor,
        "member.bulk_edited",
        None,
        json!({ "ids": ids, "department": department, "position": position, "location": location }),
        now,
    )?;
    store.commit(txn)?;
    Ok(updated)
}

/// Fields "apply to other users" may copy (PRODUCT.md §3). Names never.
pub const APPLICABLE: [&str; 9] = [
    "role",
    "meeting_url",
    "slack_member_id",
    "contact",
    "email_signature",
    "working_hours",
    "breaks",
    "daily_caps",
    "open_booking_cap",
];

/// Copies the chosen fields from `source` to each target (owner only).
pub fn apply_to(
    store: &Store,
    owner: Owner<'_>,
    source: &MemberId,
    targets: &[MemberId],
    fields: &[String],
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    check_applicable(fields)?;
    if targets.is_empty() || fields.is_empty() {
        return Ok(0);
    }
    let txn = store.write()?;
    let updated = apply_to_in(&txn, owner, source, targets, fields, now)?;
    store.commit(txn)?;
    Ok(updated)
}

/// Refuses a field "apply to others" does not copy, naming the ones it does.
pub fn check_applicable(fields: &[String]) -> Result<(), AppError> {
    if let Some(bad) = fields.iter().find(|f| !APPLICABLE.contains(&f.as_str())) {
        return Err(AppError::Invalid {
            code: "not_applicable",
            message: Msg::key("err-not-applicable")
                .arg("field", bad.as_str())
                .arg("fields", APPLICABLE.join(", ")),
            field: Some("fields".into()),
        });
    }
    Ok(())
}

/// `apply_to` inside the caller's transaction (the member page saves the
/// edit and the copy in one), after `check_applicable`.
pub fn apply_to_in(
    txn: &store::Txn,
    owner: Owner<'_>,
    source: &MemberId,
    targets: &[MemberId],
    fields: &[String],
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let actor = owner.member();
    let from = store::member_in(txn, source)?.ok_or(AppError::NotFound)?;
    let from_schedule = store::schedule_in(txn, source)?.unwrap_or_default();
    let has = |f: &str| fields.iter().any(|x| x == f);
    let mut updated = 0;
    for id in targets.iter().filter(|t| *t != source) {
        let mut m = store::member_in(txn, id)?.ok_or_else(|| {
            AppError::invalid(
                "targets",
                Msg::key("err-no-member").arg("id", id.to_string()),
            )
        })?;
        if has("role") && m.role != from.role {
            if m.role == crate::domain::Role::Owner
                && super::lifecycle::other_owners_in(txn, &m.id)? == 0
            {
                return Err(AppError::Conflict {
                    code: "last_owner",
                    message: Msg::key("err-last-owner-keeps-role")
                        .arg("email", m.email.to_string()),
                });
            }
            m.role = from.role;
        }
        if has("meeting_url") {
            m.meeting_url = from.meeting_url.clone();
        }
        if has("slack_member_id") {
            m.slack_member_id = from.slack_member_id.clone();
        }
        if has("contact") {
            m.contact = from.contact.clone();
        }
        if has("email_signature") {
            m.email_signature = from.email_signature.clone();
        }
        m.updated_at = now;
        store::put_member_in(txn, &m)?;
        let mut s = store::schedule_in(txn, id)?.unwrap_or_default();
        if has("working_hours") {
            s.weekly = from_schedule.weekly.clone();
        }
        if has("breaks") {
            s.breaks = from_schedule.breaks.clone();
        }
        if has("daily_caps") {
            s.daily_caps = from_schedule.daily_caps.clone();
        }
        if has("open_booking_cap") {
            s.open_booking_cap = from_schedule.open_booking_cap;
        }
        store::put_schedule_in(txn, id, &s)?;
        updated += 1;
    }
    audit(
        txn,
        actor,
        "member.applied_to_others",
        Some(source.to_string()),
        json!({ "targets": targets, "fields": fields }),
        now,
    )?;
    Ok(updated)
}

/// The account defaults given to new members.
pub struct Defaults {
    pub timezone: String,
    pub language: String,
    pub schedule: Schedule,
}

pub fn defaults(store: &Store) -> Result<Defaults, AppError> {
    // Before setup there is no organization: its defaults are those of a
    // new one (whose creation time nothing here reads).
    let org = store
        .organization()?
        .unwrap_or_else(|| Organization::new(String::new(), DateTime::UNIX_EPOCH));
    Ok(Defaults {
        timezone: org.default_timezone,
        language: org.default_language,
        schedule: org.default_schedule,
    })
}

pub fn set_defaults(
    store: &Store,
    owner: Owner<'_>,
    d: Defaults,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let actor = owner.member();
    if d.timezone.parse::<chrono_tz::Tz>().is_err() {
        return Err(AppError::invalid(
            "timezone",
            Msg::key("err-unknown-time-zone").arg("zone", d.timezone.as_str()),
        ));
    }
    if !matches!(d.language.as_str(), "en" | "ja" | "fr") {
        return Err(AppError::invalid("language", Msg::key("err-language")));
    }
    // The same checks as a member's own schedule: it is copied to new members.
    crate::service::schedules::validate(&crate::service::schedules::ScheduleInput::from_schedule(
        &d.timezone,
        &d.schedule,
    ))?;
    let txn = store.write()?;
    let mut org = organization(&txn, now)?;
    org.default_timezone = d.timezone;
    org.default_language = d.language;
    org.default_schedule = d.schedule;
    store::put_org_in(&txn, &org)?;
    audit(&txn, actor, "defaults.changed", None, json!({}), now)?;
    store.commit(txn)?;
    Ok(())
}

/// "Apply defaults" on one member: schedule, timezone and language.
pub fn apply_defaults(
    store: &Store,
    owner: Owner<'_>,
    id: &MemberId,
    now: DateTime<Utc>,
) -> Result<Member, AppError> {
    let actor = owner.member();
    let txn = store.write()?;
    let org = organization(&txn, now)?;
    let mut m = store::member_in(&txn, id)?.ok_or(AppError::NotFound)?;
    m.timezone = org.default_timezone.clone();
    m.language = org.default_language.clone();
    m.updated_at = now;
    store::put_member_in(&txn, &m)?;
    store::put_schedule_in(&txn, id, &org.default_schedule)?;
    audit(
        &txn,
        actor,
        "member.defaults_applied",
        Some(id.to_string()),
        json!({}),
        now,
    )?;
    store.commit(txn)?;
    Ok(m)
}

/// A department, position or location with how many members use it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CatalogItem {
    pub name: String,
    pub members: usize,
}

fn uses(m: &Member, kind: CatalogKind, name: &str) -> bool {
    match kind {
        CatalogKind::Department => m.department.as_deref() == Some(name),
        CatalogKind::Position => m.position == name,
        CatalogKind::Location => m.location == name,
    }
}

/// The organization's name, as pages show it ("" before setup).
pub fn organization_name(store: &Store) -> Result<String, AppError> {
    Ok(store.organization()?.map(|o| o.name).unwrap_or_default())
}

/// The names of one catalog, for the choices of a form.
pub fn catalog_names(store: &Store, kind: CatalogKind) -> Result<Vec<String>, AppError> {
    Ok(store.catalog(kind)?.into_iter().map(|e| e.name).collect())
}

pub fn catalog(store: &Store, kind: CatalogKind) -> Result<Vec<CatalogItem>, AppError> {
    let members = store.members()?;
    Ok(store
        .catalog(kind)?
        .into_iter()
        .map(|e| CatalogItem {
            members: members.iter().filter(|m| uses(m, kind, &e.name)).count(),
            name: e.name,
        })
        .collect())
}

fn check_name(name: &str) -> Result<String, AppError> {
    let n = crate::domain::text::one_line(name);
    if n.is_empty() || n.chars().count() > 100 {
        return Err(AppError::invalid(
            "name",
            Msg::key("err-catalog-name").arg("max", 100),
        ));
    }
    Ok(n)
}

pub fn create_catalog(
    store: &Store,
    admin: Admin<'_>,
    kind: CatalogKind,
    name: &str,
    now: DateTime<Utc>,
) -> Result<CatalogItem, AppError> {
    let actor = admin.member();
    let name = check_name(name)?;
    let txn = store.write()?;
    if store::catalog_in(&txn, kind)?
        .iter()
        .any(|e| e.name == name)
    {
        return Err(AppError::Conflict {
            code: "already_exists",
            message: Msg::key("err-catalog-exists")
                .arg("kind", kind.as_str())
                .arg("name", name.as_str()),
        });
    }
    store::put_catalog_in(
        &txn,
        &CatalogEntry {
            kind,
            name: name.clone(),
            created_at: now,
        },
    )?;
    audit(
        &txn,
        actor,
        &format!("{}.created", kind.as_str()),
        Some(name.clone()),
        json!({}),
        now,
    )?;
    store.commit(txn)?;
    Ok(CatalogItem { name, members: 0 })
}

/// Renames an entry and every member that uses it, in one transaction.
pub fn rename_catalog(
    store: &Store,
    admin: Admin<'_>,
    kind: CatalogKind,
    old: &str,
    new: &str,
    now: DateTime<Utc>,
) -> Result<CatalogItem, AppError> {
    let actor = admin.member();
    let new = check_name(new)?;
    let txn = store.write()?;
    let entries = store::catalog_in(&txn, kind)?;
    let entry = entries
        .iter()
        .find(|e| e.name == old)
        .ok_or(AppError::NotFound)?
        .clone();
    if old != new && entries.iter().any(|e| e.name == new) {
        return Err(AppError::Conflict {
            code: "already_exists",
            message: Msg::key("err-catalog-exists")
                .arg("kind", kind.as_str())
                .arg("name", new),
        });
    }
    store::remove_catalog_in(&txn, kind, old)?;
    store::put_catalog_in(
        &txn,
        &CatalogEntry {
            name: new.clone(),
            ..entry
        },
    )?;
    let mut moved = 0;
    let affected = store::members_where_in(&txn, |m| uses(m, kind, old))?;
    for mut m in affected {
        match kind {
            CatalogKind::Department => m.department = Some(new.clone()),
            CatalogKind::Position => m.position = new.clone(),
            CatalogKind::Location => m.location = new.clone(),
        }
        m.updated_at = now;
        store::put_member_in(&txn, &m)?;
        moved += 1;
    }
    audit(
        &txn,
        actor,
        &format!("{}.renamed", kind.as_str()),
        Some(new.clone()),
        json!({ "from": old }),
        now,
    )?;
    store.commit(txn)?;
    Ok(CatalogItem {
        name: new,
        members: moved,
    })
}

/// Deletes an unused entry; one in use is refused with the count.
pub fn delete_catalog(
    store: &Store,
    admin: Admin<'_>,
    kind: CatalogKind,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let actor = admin.member();
    let txn = store.write()?;
    if !store::catalog_in(&txn, kind)?
        .iter()
        .any(|e| e.name == name)
    {
        return Err(AppError::NotFound);
    }
    let count = store::members_where_in(&txn, |m| {
        uses(m, kind, name) && m.state != crate::domain::MemberState::Terminated
    })?
    .len();
    if count > 0 {
        return Err(AppError::Conflict {
            code: "not_empty",
            message: Msg::key("err-catalog-not-empty")
                .arg("kind", kind.as_str())
                .arg("name", name)
                .arg("count", count),
        });
    }
    store::remove_catalog_in(&txn, kind, name)?;
    audit(
        &txn,
        actor,
        &format!("{}.deleted", kind.as_str()),
        Some(name.to_string()),
        json!({}),
        now,
    )?;
    store.commit(txn)?;
    Ok(())
}
