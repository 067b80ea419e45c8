//! Booking pages: create, edit, enable/disable, delete, list; and which
//! hosts can serve a page.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::json;

use crate::domain::{
    AssignmentMode, BookingPage, Location, LocationKind, Member, MemberId, MemberState, Question,
    QuestionKind,
};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::policy::{self, Action};

use crate::store::{self, Store};

/// A question as clients send it; the id is kept when given (edits) and
/// made up otherwise.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionInput {
    #[serde(default)]
    pub id: Option<String>,
    pub label: String,
    pub kind: QuestionKind,
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub required: bool,
}

/// POST /api/v1/booking-pages; PATCH takes the same fields, all optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageInput {
    pub slug: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub duration_minutes: Option<u32>,
    pub hosts: Option<Vec<MemberId>>,
    pub assignment: Option<AssignmentMode>,
    pub slot_step_minutes: Option<u32>,
    pub buffer_before_minutes: Option<u32>,
    pub buffer_after_minutes: Option<u32>,
    pub min_notice_minutes: Option<u32>,
    pub horizon_days: Option<u32>,
    /// `null` takes the location away.
    #[serde(default, deserialize_with = "crate::service::patch::present")]
    pub location: Option<Option<Location>>,
    pub questions: Option<Vec<QuestionInput>>,
    pub enabled: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PageFilter {
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    pub host: Option<MemberId>,
    #[serde(default)]
    pub enabled: Option<bool>,
    #[serde(default)]
    pub assignment: Option<AssignmentMode>,
}

fn may_manage(actor: &Member, page: &BookingPage) -> bool {
    policy::allows(actor.role, Action::ManageAllBookingPages)
        || (policy::allows(actor.role, Action::ManageOwnBookingPages)
            && (page.owner_id == actor.id || page.hosts.contains(&actor.id)))
}

pub fn check_slug(slug: &str) -> Result<(), AppError> {
    let ok_chars = slug
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if slug.is_empty() || slug.len() > 64 || !ok_chars {
        return Err(AppError::invalid(
            "slug",
            Msg::key("err-page-slug-characters").arg("max", 64),
        ));
    }
    if slug.starts_with('-') || slug.ends_with('-') || slug.contains("--") {
        return Err(AppError::invalid("slug", Msg::key("err-page-slug-hyphens")));
    }
    Ok(())
}

/// `key` says the range in its unit: `err-between-minutes` or `-days`.
fn range(field: &str, value: u32, min: u32, max: u32, key: &'static str) -> Result<u32, AppError> {
    if value < min || value > max {
        return Err(AppError::invalid(
            field,
            Msg::key(key).arg("min", min).arg("max", max),
        ));
    }
    Ok(value)
}

fn questions(input: Vec<QuestionInput>) -> Result<Vec<Question>, AppError> {
    if input.len() > 20 {
        return Err(AppError::invalid(
            "questions",
            Msg::key("err-page-too-many-questions").arg("max", 20),
        ));
    }
    let mut out: Vec<Question> = Vec::new();
    for (i, q) in input.into_iter().enumerate() {
        let field = format!("questions[{i}]");
        let label = crate::domain::text::one_line(&q.label);
        if label.is_empty() || label.chars().count() > 200 {
            return Err(AppError::invalid(
                &format!("{field}.label"),
                Msg::key("err-page-question-label").arg("max", 200),
            ));
        }
        let options: Vec<String> = q
            .options
            .iter()
            .map(|o| crate::domain::text::one_line(o))
            .filter(|o| !o.is_empty())
            .collect();
        if q.kind == QuestionKind::SingleChoice && options.len() < 2 {
            return Err(AppError::invalid(
                &format!("{field}.options"),
                Msg::key("err-page-choice-options"),
            ));
        }
        let id =
            q.id.filter(|id| !id.is_empty() && !out.iter().any(|o| &o.id == id))
                .unwrap_or_else(|| format!("q{}", crate::crypto::random_id()));
        out.push(Question {
            id,
            label,
            kind: q.kind,
            options: if q.kind == QuestionKind::SingleChoice {
                options
            } else {
                Vec::new()
            },
            required: q.required,
        });
    }
    Ok(out)
}

/// Applies `input` on `page` and checks the whole result.
fn apply(
    txn: &store::Txn,
    actor: &Member,
    page: &mut BookingPage,
    input: PageInput,
    creating: bool,
) -> Result<(), AppError> {
    if let Some(slug) = input.slug {
        page.slug = slug.trim().to_string();
    }
    check_slug(&page.slug)?;
    if let Some(title) = input.title {
        page.title = crate::domain::text::one_line(&title);
    }
    if page.title.is_empty() || page.title.chars().count() > 200 {
        return Err(AppError::invalid(
            "title",
            Msg::key("err-page-title").arg("max", 200),
        ));
    }
    if let Some(d) = input.description {
        if d.chars().count() > 5_000 {
            return Err(AppError::invalid(
                "description",
                Msg::key("err-too-long").arg("limit", 5_000),
            ));
        }
        page.description = crate::domain::text::multi_line(&d).trim().to_string();
    }
    if let Some(d) = input.duration_minutes {
        page.duration_minutes = range("duration_minutes", d, 5, 1440, "err-between-minutes")?;
    }
    if let Some(s) = input.slot_step_minutes {
        page.slot_step_minutes = range("slot_step_minutes", s, 5, 1440, "err-between-minutes")?;
    }
    if page.slot_step_minutes == 0 {
        // Back-to-back slots unless told otherwise.
        page.slot_step_minutes = page.duration_minutes;
    }
    if let Some(b) = input.buffer_before_minutes {
        page.buffer_before_minutes =
            range("buffer_before_minutes", b, 0, 1440, "err-between-minutes")?;
    }
    if let Some(b) = input.buffer_after_minutes {
        page.buffer_after_minutes =
            range("buffer_after_minutes", b, 0, 1440, "err-between-minutes")?;
    }
    if let Some(n) = input.min_notice_minutes {
        page.min_notice_minutes =
            range("min_notice_minutes", n, 0, 525_600, "err-between-minutes")?;
    }
    if let Some(h) = input.horizon_days {
        page.horizon_days = range("horizon_days", h, 1, 730, "err-between-days")?;
    }
    if let Some(location) = input.location {
        page.location = location.map(|mut l| {
            l.value = crate::domain::text::one_line(&l.value);
            l
        });
    }
    if let Some(l) = &page.location {
        if l.value.chars().count() > 500 {
            return Err(AppError::invalid(
                "location.value",
                Msg::key("err-too-long").arg("limit", 500),
            ));
        }
        if l.kind == LocationKind::InPerson && l.value.is_empty() {
            return Err(AppError::invalid(
                "location.value",
                Msg::key("err-page-address-needed"),
            ));
        }
        if l.kind == LocationKind::Video
            && !l.value.is_empty()
            && !(l.value.starts_with("https://") || l.value.starts_with("http://"))
        {
            return Err(AppError::invalid(
                "location.value",
                Msg::key("err-page-video-link"),
            ));
        }
    }
    if let Some(q) = input.questions {
        page.questions = questions(q)?;
    }
    if let Some(e) = input.enabled {
        page.enabled = e;
    }
    if let Some(a) = input.assignment {
        page.assignment = a;
    }
    if let Some(hosts) = input.hosts {
        let mut unique: Vec<MemberId> = Vec::new();
        for h in hosts {
            if !unique.contains(&h) {
                unique.push(h);
            }
        }
        page.hosts = unique;
    }
    if page.hosts.is_empty() || page.hosts.len() > 100 {
        return Err(AppError::invalid(
            "hosts",
            Msg::key("err-page-hosts-count").arg("max", 100),
        ));
    }
    if page.assignment == AssignmentMode::Single && page.hosts.len() != 1 {
        return Err(AppError::invalid("hosts", Msg::key("err-page-single-host")));
    }
    let mut awaiting_dates = None;
    let mut has_external = false;
    for (i, h) in page.hosts.iter().enumerate() {
        if let Some(x) = store::external_in(txn, h)? {
            has_external = true;
            if !x.has_dates() && awaiting_dates.is_none() {
                awaiting_dates = Some(x.name);
            }
            continue;
        }
        let ok = store::member_in(txn, h)?.is_some_and(|m| m.state == MemberState::Active);
        if !ok {
            return Err(AppError::invalid(
                &format!("hosts[{i}]"),
                Msg::key("err-page-host-inactive").arg("id", h.to_string()),
            ));
        }
    }
    if has_external {
        external_rules(
            txn,
            page,
            input.enabled.filter(|_| !creating),
            awaiting_dates,
        )?;
    }
    if !policy::allows(actor.role, Action::ManageAllBookingPages) && !page.hosts.contains(&actor.id)
    {
        return Err(AppError::invalid("hosts", Msg::key("err-page-own-hosts")));
    }
    Ok(())
}

/// What a page with external hosts must hold (seed: Connect pages): no
/// round robin, Connect on, and not enabled while a host awaits dates.
fn external_rules(
    txn: &store::Txn,
    page: &mut BookingPage,
    asked_enabled: Option<bool>,
    awaiting_dates: Option<String>,
) -> Result<(), AppError> {
    if page.assignment == AssignmentMode::RoundRobin {
        return Err(AppError::invalid(
            "assignment",
            Msg::key("err-page-external-round-robin"),
        ));
    }
    if !store::organization_in(txn)?.is_some_and(|o| o.connect_enabled) {
        return Err(crate::service::connect::disabled());
    }
    if let Some(name) = awaiting_dates {
        if asked_enabled == Some(true) {
            return Err(AppError::Conflict {
                code: "awaiting_dates",
                message: Msg::key("err-page-awaiting-dates").arg("name", name),
            });
        }
        page.enabled = false;
    }
    Ok(())
}

pub fn create(
    store: &Store,
    actor: &Member,
    input: PageInput,
    now: DateTime<Utc>,
) -> Result<BookingPage, AppError> {
    if !policy::allows(actor.role, Action::ManageOwnBookingPages) {
        return Err(AppError::forbidden(Msg::key("err-page-create-forbidden")));
    }
    let Some(duration) = input.duration_minutes else {
        return Err(AppError::invalid(
            "duration_minutes",
            Msg::key("err-required"),
        ));
    };
    if input.slug.is_none() {
        return Err(AppError::invalid("slug", Msg::key("err-required")));
    }
    if input.title.is_none() {
        return Err(AppError::invalid("title", Msg::key("err-required")));
    }
    let mut page = BookingPage {
        id: crate::crypto::random_id(),
        slug: String::new(),
        title: String::new(),
        description: String::new(),
        duration_minutes: duration,
        slot_step_minutes: 0,
        buffer_before_minutes: 0,
        buffer_after_minutes: 0,
        min_notice_minutes: 60,
        horizon_days: 60,
        location: None,
        questions: Vec::new(),
        enabled: true,
        hosts: vec![actor.id.clone()],
        assignment: AssignmentMode::Single,
        owner_id: actor.id.clone(),
        created_at: now,
        updated_at: now,
    };
    let txn = store.write()?;
    apply(&txn, actor, &mut page, input, true)?;
    if !store::claim_slug_in(&txn, &page.slug, &page.id)? {
        return Err(slug_taken(&page.slug));
    }
    store::put_page_in(&txn, &page)?;
    store::audit_in(
        &txn,
        Some(actor.id.clone()),
        "booking_page.created",
        Some(page.id.clone()),
        json!({ "slug": page.slug }),
        now,
    )?;
    store.commit(txn)?;
    Ok(page)
}

/// A page the actor manages; others' pages are "not found", not
/// "forbidden", so their ids reveal nothing.
fn managed_in(txn: &store::Txn, actor: &Member, id: &str) -> Result<BookingPage, AppError> {
    store::page_in(txn, id)?
        .filter(|p| may_manage(actor, p))
        .ok_or(AppError::NotFound)
}

fn slug_taken(slug: &str) -> AppError {
    AppError::Conflict {
        code: "slug_taken",
        message: Msg::key("err-page-slug-taken").arg("slug", slug),
    }
}

pub fn update(
    store: &Store,
    actor: &Member,
    id: &str,
    input: PageInput,
    now: DateTime<Utc>,
) -> Result<BookingPage, AppError> {
    let txn = store.write()?;
    let old = managed_in(&txn, actor, id)?;
    let mut page = old.clone();
    apply(&txn, actor, &mut page, input, false)?;
    page.updated_at = now;
    if page.slug != old.slug {
        if !store::claim_slug_in(&txn, &page.slug, &page.id)? {
            return Err(slug_taken(&page.slug));
        }
        store::release_slug_in(&txn, &old.slug)?;
    }
    store::put_page_in(&txn, &page)?;
    store::audit_in(
        &txn,
        Some(actor.id.clone()),
        "booking_page.changed",
        Some(page.id.clone()),
        json!({ "slug": page.slug, "enabled": page.enabled }),
        now,
    )?;
    store.commit(txn)?;
    Ok(page)
}

/// Removes the page and frees its address; its bookings stay readable
/// (they carry the page's title and address).
pub fn delete(store: &Store, actor: &Member, id: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let txn = store.write()?;
    let page = managed_in(&txn, actor, id)?;
    store::remove_page_in(&txn, &page)?;
    store::audit_in(
        &txn,
        Some(actor.id.clone()),
        "booking_page.deleted",
        Some(page.id.clone()),
        json!({ "slug": page.slug }),
        now,
    )?;
    store.commit(txn)?;
    Ok(())
}

pub fn get(store: &Store, actor: &Member, id: &str) -> Result<BookingPage, AppError> {
    let txn = store.read()?;
    let page = store::page_in(&txn, id)?.ok_or(AppError::NotFound)?;
    if may_manage(actor, &page) {
        Ok(page)
    } else {
        Err(AppError::NotFound)
    }
}

pub fn list(store: &Store, actor: &Member, f: &PageFilter) -> Result<Vec<BookingPage>, AppError> {
    let txn = store.read()?;
    let q = f.q.as_deref().map(str::to_lowercase).unwrap_or_default();
    let mut out: Vec<BookingPage> = store::pages_in(&txn)?
        .into_iter()
        .filter(|p| may_manage(actor, p))
        .filter(|p| q.is_empty() || p.title.to_lowercase().contains(&q) || p.slug.contains(&q))
        .filter(|p| f.host.as_ref().is_none_or(|h| p.hosts.contains(h)))
        .filter(|p| f.enabled.is_none_or(|e| p.enabled == e))
        .filter(|p| f.assignment.is_none_or(|a| p.assignment == a))
        .collect();
    out.sort_by_key(|p| p.title.to_lowercase());
    Ok(out)
}

/// The page behind a public address: 404 when there is none, 410 when
/// it is switched off.
pub fn public(store: &Store, slug: &str) -> Result<BookingPage, AppError> {
    enabled_page(&store.read()?, slug)
}

/// As `public`, inside a transaction (read, or a booking's write).
pub fn enabled_page(txn: &impl store::Read, slug: &str) -> Result<BookingPage, AppError> {
    let id = store::page_id_by_slug_in(txn, slug)?.ok_or_else(|| AppError::Missing {
        code: "not_found",
        message: Msg::key("err-page-not-found").arg("slug", slug),
    })?;
    let page = store::page_in(txn, &id)?.ok_or(AppError::NotFound)?;
    if !page.enabled {
        return Err(AppError::Gone {
            message: Msg::key("err-page-disabled"),
        });
    }
    Ok(page)
}

/// Why a host cannot serve a page: shown to admins (in their language,
/// through [`HostProblem::msg`]) and used to leave the host out of
/// assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostProblem {
    /// Invited, pending, terminated…: not an active member.
    NotActive,
    /// A video page with no link of its own, a host without a meeting URL
    /// and no generated link configured.
    NoMeetingUrl,
    /// The host is no longer a member at all.
    Gone,
    /// A connected calendar of the host's went stale, so the host's times
    /// are not offered until it syncs again.
    CalendarStale,
    /// An external member who has not entered candidate dates.
    AwaitingDates,
}

impl HostProblem {
    /// A stable name for the API.
    pub fn code(self) -> &'static str {
        match self {
            HostProblem::NotActive => "not_active",
            HostProblem::NoMeetingUrl => "no_meeting_url",
            HostProblem::Gone => "not_a_member",
            HostProblem::CalendarStale => "calendar_stale",
            HostProblem::AwaitingDates => "awaiting_dates",
        }
    }

    /// What admins read; `name` is the host's name as the reader writes
    /// it (or their id when they are gone).
    pub fn msg(self, name: &str) -> Msg {
        let key = match self {
            HostProblem::NotActive => "host-problem-not-active",
            HostProblem::NoMeetingUrl => "host-problem-no-meeting-url",
            HostProblem::Gone => "host-problem-gone",
            HostProblem::CalendarStale => "host-problem-calendar-stale",
            HostProblem::AwaitingDates => "host-problem-awaiting-dates",
        };
        Msg::key(key).arg("name", name)
    }
}

/// Why `host` cannot serve `page`, if they cannot.
pub fn host_problem(page: &BookingPage, host: &Member, video_pattern: &str) -> Option<HostProblem> {
    if host.state != MemberState::Active {
        return Some(HostProblem::NotActive);
    }
    if host.external.as_ref().is_some_and(|x| x.ranges.is_empty()) {
        return Some(HostProblem::AwaitingDates);
    }
    if let Some(l) = &page.location
        && l.kind == LocationKind::Video
        && l.value.is_empty()
        && host.meeting_url.trim().is_empty()
        && video_pattern.trim().is_empty()
    {
        return Some(HostProblem::NoMeetingUrl);
    }
    None
}

/// Where a booking of `page` with `host` happens.
pub fn resolve_location(page: &BookingPage, host: &Member, video_pattern: &str) -> String {
    match &page.location {
        None => String::new(),
        Some(l) if !l.value.is_empty() => l.value.clone(),
        Some(l) => match l.kind {
            LocationKind::InPerson => String::new(),
            LocationKind::Phone => host.phone.clone(),
            LocationKind::Video => {
                if !host.meeting_url.trim().is_empty() {
                    host.meeting_url.trim().to_string()
                } else {
                    video_pattern.replace("{room}", &crate::crypto::random_id())
                }
            }
        },
    }
}

/// One host of a page as admins see it: their name (None when they are no
/// longer a member) and why they cannot serve the page, if they cannot.
pub struct HostStatus {
    pub member_id: MemberId,
    pub name: Option<String>,
    pub problem: Option<HostProblem>,
}

pub fn host_status(
    store: &Store,
    page: &BookingPage,
    video_pattern: &str,
) -> Result<Vec<HostStatus>, AppError> {
    let members = store.hosts_shared()?;
    let stale = crate::service::calendars::stale::hosts_hidden(store)?;
    Ok(host_status_among(page, &members, &stale, video_pattern))
}

/// As `host_status`, with the members already at hand (a list of pages).
pub fn host_status_among(
    page: &BookingPage,
    members: &[Member],
    stale: &std::collections::HashSet<MemberId>,
    video_pattern: &str,
) -> Vec<HostStatus> {
    page.hosts
        .iter()
        .map(|h| match members.iter().find(|m| &m.id == h) {
            Some(m) => HostStatus {
                member_id: h.clone(),
                name: Some(m.display_name()),
                problem: host_problem(page, m, video_pattern)
                    .or_else(|| stale.contains(&m.id).then_some(HostProblem::CalendarStale)),
            },
            None => HostStatus {
                member_id: h.clone(),
                name: None,
                problem: Some(HostProblem::Gone),
            },
        })
        .collect()
}

/// The enabled page at `slug` and its hosts' names, as guests see them.
pub fn public_with_hosts(
    store: &Store,
    slug: &str,
) -> Result<(BookingPage, Vec<String>), AppError> {
    let page = public(store, slug)?;
    let members = store.hosts_shared()?;
    let hosts = page
        .hosts
        .iter()
        .filter_map(|h| members.iter().find(|m| &m.id == h))
        .map(Member::display_name)
        .collect();
    Ok((page, hosts))
}

/// The organization's "allow overlap" setting.
pub fn allow_overlap(store: &Store) -> Result<bool, AppError> {
    Ok(store.organization()?.is_some_and(|o| o.allow_overlap))
}

/// Changes the organization's "allow overlap" setting.
pub fn set_allow_overlap(
    store: &Store,
    admin: policy::Admin<'_>,
    allow: bool,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let actor = admin.member();
    let txn = store.write()?;
    let mut org = store::organization_in(&txn)?.ok_or(AppError::NotFound)?;
    org.allow_overlap = allow;
    store::put_org_in(&txn, &org)?;
    store::audit_in(
        &txn,
        Some(actor.id.clone()),
        "org.allow_overlap",
        None,
        json!({ "allow_overlap": allow }),
        now,
    )?;
    store.commit(txn)?;
    Ok(allow)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(check_slug("intro-call").is_ok());
        assert!(check_slug("a1").is_ok());
        for bad in ["", "Intro", "a b", "-a", "a-", "a--b", "é", &"a".repeat(65)] {
            assert!(check_slug(bad).is_err(), "{bad:?}");
        }
    }
}
