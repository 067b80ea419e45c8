//! Members' own calendars, connected so their events become busy times:
//! connecting, re-linking and disconnecting (here), fetching (`ical_url`,
//! `caldav`), syncing (`sync`) and going stale (`stale`).
//!
//! Only what scheduling needs is kept: each event's start, end and UID.
//! Titles, descriptions, attendees and places are read and dropped.

pub mod caldav;
pub mod ical_url;
pub mod integration;
pub mod problem;
pub mod stale;
pub mod sync;
pub mod write_back;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::json;

use crate::config::CalendarConfig;
use crate::domain::{CalendarConnection, CalendarKind, CancelAction, Member, MemberId};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::net::Outbound;
use crate::policy;
use crate::secrets::Keyring;
use crate::store::{self, Store};

pub use integration::IntegrationFilter;
pub use problem::Problem;
pub use sync::{BusyListener, SyncReport};

/// What syncing needs, shared by the handlers and the sync job.
#[derive(Clone)]
pub struct Calendars {
    pub store: Store,
    /// The guarded client, with `calendar.max_bytes` as its body cap.
    pub outbound: Outbound,
    pub keyring: Arc<Keyring>,
    pub config: CalendarConfig,
    pub base_url: String,
    /// `calendar.concurrent_syncs` permits: however syncs are started
    /// (the job, "Sync now", a new connection), only so many fetch at once.
    pub(crate) permits: Arc<tokio::sync::Semaphore>,
    /// Told what each sync commit made busy (the slot lists' host index).
    pub(crate) listener: Option<Arc<dyn BusyListener>>,
    /// Rendered feeds (`service::feeds`), kept between polls.
    pub(crate) feeds: Arc<crate::service::feed_cache::FeedCache>,
    /// What feeds are written from (`service::feed_events`).
    pub(crate) feed_events: Arc<crate::service::feed_events::FeedEvents>,
}

impl Calendars {
    pub fn new(
        store: Store,
        outbound: &Outbound,
        keyring: Keyring,
        config: &CalendarConfig,
        base_url: &str,
    ) -> Calendars {
        Calendars {
            store,
            outbound: outbound.with_max_body(config.max_bytes),
            keyring: Arc::new(keyring),
            config: config.clone(),
            base_url: base_url.to_string(),
            permits: Arc::new(tokio::sync::Semaphore::new(
                config.concurrent_syncs.max(1) as usize
            )),
            listener: None,
            feeds: Arc::default(),
            feed_events: Arc::default(),
        }
    }

    /// The same, telling `listener` what each sync commit made busy.
    pub fn with_listener(mut self, listener: Arc<dyn BusyListener>) -> Calendars {
        self.listener = Some(listener);
        self
    }
}

/// POST /api/v1/members/{id}/calendars, and the form that connects.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConnectInput {
    pub kind: String,
    pub url: String,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub write_back: Option<bool>,
    /// The calendar bookings are written to; absent: the account's default.
    #[serde(default)]
    pub write_calendar: Option<String>,
    /// `delete` (default) or `mark_cancelled`.
    #[serde(default)]
    pub on_cancel: Option<String>,
}

/// PATCH …/calendars/{cal}: re-link (another URL or credentials), write
/// back, or which of a CalDAV account's calendars count as busy.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeInput {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub username: Option<String>,
    /// A new password; absent keeps the stored one, "" removes it.
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub write_back: Option<bool>,
    /// "" goes back to the account's default calendar.
    #[serde(default)]
    pub write_calendar: Option<String>,
    #[serde(default)]
    pub on_cancel: Option<String>,
    /// Collection URLs whose events count as busy; the others do not.
    #[serde(default)]
    pub busy_collections: Option<Vec<String>>,
}

/// Who may see and change a member's calendars: the member, or an admin.
fn may_manage(actor: &Member, member: &MemberId) -> Result<(), AppError> {
    if policy::professional_editable(actor, member) {
        Ok(())
    } else {
        Err(AppError::forbidden(Msg::key("err-calendar-not-yours")))
    }
}

/// `webcal://` is how calendar apps are told "subscribe": the same URL
/// over https.
pub fn normalize_url(raw: &str) -> String {
    let raw = raw.trim();
    match raw.get(..9) {
        Some(p) if p.eq_ignore_ascii_case("webcal://") => format!("https://{}", &raw[9..]),
        _ => match raw.get(..10) {
            Some(p) if p.eq_ignore_ascii_case("webcals://") => format!("https://{}", &raw[10..]),
            _ => raw.to_string(),
        },
    }
}

fn checked_url(cals: &Calendars, raw: &str) -> Result<String, AppError> {
    let url = normalize_url(raw);
    if url.is_empty() {
        return Err(AppError::invalid(
            "url",
            Msg::key("err-calendar-url-missing"),
        ));
    }
    match cals.outbound.check_url(&url) {
        Ok(u) if u.username().is_empty() && u.password().is_none() => Ok(u.to_string()),
        Ok(_) => Err(AppError::invalid(
            "url",
            Msg::key("err-calendar-url-credentials"),
        )),
        Err(crate::net::OutboundError::Scheme) => Err(AppError::invalid(
            "url",
            Msg::key("err-calendar-url-scheme"),
        )),
        Err(e) => Err(AppError::invalid(
            "url",
            Msg::key("err-calendar-url-refused").arg("reason", e.to_string()),
        )),
    }
}

fn one_line(raw: Option<String>) -> Option<String> {
    raw.map(|s| crate::domain::text::one_line(&s))
}

fn member_of(store: &Store, id: &MemberId) -> Result<Member, AppError> {
    let txn = store.read()?;
    store::member_in(&txn, id)?.ok_or(AppError::NotFound)
}

/// Connects a calendar; the first sync is the caller's next step.
pub fn connect(
    cals: &Calendars,
    actor: &Member,
    member: &MemberId,
    input: ConnectInput,
    now: DateTime<Utc>,
) -> Result<CalendarConnection, AppError> {
    may_manage(actor, member)?;
    member_of(&cals.store, member)?;
    let kind = CalendarKind::parse(input.kind.trim()).ok_or_else(|| {
        AppError::invalid(
            "kind",
            Msg::key("err-calendar-kind").arg("kind", input.kind.as_str()),
        )
    })?;
    let url = checked_url(cals, &input.url)?;
    let username = one_line(input.username).unwrap_or_default();
    let password = input.password.filter(|p| !p.is_empty());
    if password.is_some() && username.is_empty() {
        return Err(AppError::invalid(
            "username",
            Msg::key("err-calendar-username-missing"),
        ));
    }
    let write_back = input.write_back.unwrap_or(false);
    if write_back && kind != CalendarKind::Caldav {
        return Err(AppError::invalid(
            "write_back",
            Msg::key("err-calendar-write-back-caldav"),
        ));
    }
    let write_calendar = match input.write_calendar.filter(|w| !w.trim().is_empty()) {
        Some(raw) => checked_write_calendar(cals, &raw, &[])?,
        None => String::new(),
    };
    let on_cancel = cancel_action(input.on_cancel.as_deref())?.unwrap_or_default();
    let connection = CalendarConnection {
        id: crate::crypto::random_id(),
        member_id: member.clone(),
        kind,
        url,
        username,
        password: password.map(|p| cals.keyring.seal(p.as_bytes())),
        write_back,
        write_calendar,
        on_cancel,
        write_error: None,
        last_write_at: None,
        collections: Vec::new(),
        etag: String::new(),
        last_modified: String::new(),
        expanded_to: 0,
        created_at: now,
        last_sync_at: None,
        last_ok_at: None,
        last_error: None,
        notes: Vec::new(),
        events: 0,
        hiding_slots: false,
        stale_notified: false,
    };
    let txn = cals.store.write()?;
    if connection.write_back {
        only_write_target_in(&txn, &connection)?;
    }
    store::put_connection_in(&txn, &connection)?;
    audit(&txn, actor, "calendar.connected", &connection, now)?;
    cals.store.commit(txn)?;
    Ok(connection)
}

fn audit(
    txn: &store::Txn,
    actor: &Member,
    action: &str,
    c: &CalendarConnection,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    // The URL stays out: a secret iCal address works as a password.
    store::audit_in(
        txn,
        Some(actor.id.clone()),
        action,
        Some(c.member_id.to_string()),
        json!({ "calendar": c.id, "kind": c.kind.as_str(), "host": host_of(&c.url) }),
        now,
    )?;
    Ok(())
}

/// The host of a calendar URL, which is what may be shown of it in logs.
pub fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default()
}

pub fn list(
    store: &Store,
    actor: &Member,
    member: &MemberId,
) -> Result<Vec<CalendarConnection>, AppError> {
    may_manage(actor, member)?;
    let txn = store.read()?;
    store::member_in(&txn, member)?.ok_or(AppError::NotFound)?;
    Ok(store::connections_of_in(&txn, member)?)
}

pub fn get(
    store: &Store,
    actor: &Member,
    member: &MemberId,
    id: &str,
) -> Result<CalendarConnection, AppError> {
    may_manage(actor, member)?;
    let txn = store.read()?;
    store::connection_in(&txn, id)?
        .filter(|c| &c.member_id == member)
        .ok_or(AppError::NotFound)
}

/// Re-links or adjusts a connection. A new URL or new credentials start
/// over: validators, collections and the last error are forgotten, and
/// the busy times stay until the next good sync replaces them.
pub fn change(
    cals: &Calendars,
    actor: &Member,
    member: &MemberId,
    id: &str,
    input: ChangeInput,
    now: DateTime<Utc>,
) -> Result<CalendarConnection, AppError> {
    let mut c = get(&cals.store, actor, member, id)?;
    let mut relinked = false;
    if let Some(raw) = input.url {
        let url = checked_url(cals, &raw)?;
        relinked |= url != c.url;
        c.url = url;
    }
    if let Some(username) = one_line(input.username) {
        relinked |= username != c.username;
        c.username = username;
    }
    if let Some(password) = input.password {
        relinked = true;
        c.password = (!password.is_empty()).then(|| cals.keyring.seal(password.as_bytes()));
    }
    if c.password.is_some() && c.username.is_empty() {
        return Err(AppError::invalid(
            "username",
            Msg::key("err-calendar-username-missing"),
        ));
    }
    if let Some(write_back) = input.write_back {
        if write_back && c.kind != CalendarKind::Caldav {
            return Err(AppError::invalid(
                "write_back",
                Msg::key("err-calendar-write-back-caldav"),
            ));
        }
        c.write_back = write_back;
    }
    if let Some(raw) = input.write_calendar {
        c.write_calendar = if raw.trim().is_empty() {
            String::new()
        } else {
            checked_write_calendar(cals, &raw, &c.collections)?
        };
    }
    if let Some(action) = cancel_action(input.on_cancel.as_deref())? {
        c.on_cancel = action;
    }
    if let Some(busy) = input.busy_collections {
        if let Some(unknown) = busy
            .iter()
            .find(|h| !c.collections.iter().any(|k| &k.href == *h))
        {
            return Err(AppError::invalid(
                "busy_collections",
                Msg::key("err-calendar-unknown-collection").arg("href", unknown.as_str()),
            ));
        }
        for k in &mut c.collections {
            let was = k.busy;
            k.busy = busy.contains(&k.href);
            if was != k.busy {
                // Read it again at the next sync, ticked or not.
                k.version.clear();
            }
        }
    }
    if relinked {
        c.etag.clear();
        c.last_modified.clear();
        c.expanded_to = 0;
        c.collections.clear();
        c.last_error = None;
    }
    let txn = cals.store.write()?;
    if c.write_back {
        only_write_target_in(&txn, &c)?;
    }
    store::put_connection_in(&txn, &c)?;
    audit(&txn, actor, "calendar.changed", &c, now)?;
    cals.store.commit(txn)?;
    Ok(c)
}

/// A member has one calendar bookings are written to: choosing one
/// unchooses the others.
fn only_write_target_in(txn: &store::Txn, chosen: &CalendarConnection) -> Result<(), AppError> {
    for mut other in store::connections_of_in(txn, &chosen.member_id)? {
        if other.id != chosen.id && other.write_back {
            other.write_back = false;
            store::put_sync_status_in(txn, &other)?;
        }
    }
    Ok(())
}

/// The calendar to write to: one of the account's calendars when they
/// are known, else any address the guard lets through.
fn checked_write_calendar(
    cals: &Calendars,
    raw: &str,
    known: &[crate::domain::Collection],
) -> Result<String, AppError> {
    let href = checked_url(cals, raw).map_err(|_| {
        AppError::invalid(
            "write_calendar",
            Msg::key("err-calendar-write-calendar").arg("href", raw),
        )
    })?;
    if !known.is_empty() && !known.iter().any(|k| k.href == href) {
        return Err(AppError::invalid(
            "write_calendar",
            Msg::key("err-calendar-write-calendar").arg("href", raw),
        ));
    }
    Ok(href)
}

fn cancel_action(raw: Option<&str>) -> Result<Option<CancelAction>, AppError> {
    match raw.map(str::trim) {
        None => Ok(None),
        Some(s) => CancelAction::parse(s).map(Some).ok_or_else(|| {
            AppError::invalid(
                "on_cancel",
                Msg::key("err-calendar-on-cancel").arg("value", s),
            )
        }),
    }
}

/// Disconnects: the connection and its busy times are gone in one commit.
pub fn disconnect(
    store: &Store,
    actor: &Member,
    member: &MemberId,
    id: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let c = get(store, actor, member, id)?;
    let txn = store.write()?;
    store::remove_connection_in(&txn, &c)?;
    audit(&txn, actor, "calendar.disconnected", &c, now)?;
    store.commit(txn)?;
    Ok(())
}

/// Every member's connections, for the admin's integration view.
pub fn all(store: &Store, _admin: policy::Admin<'_>) -> Result<Vec<CalendarConnection>, AppError> {
    let txn = store.read()?;
    Ok(store::all_connections_in(&txn)?)
}
