//! Member schedules and unavailability periods, validated field by field;
//! and their translation into the engine's weekly form.

use chrono::{DateTime, NaiveTime, Utc};
use serde::Deserialize;
use serde_json::json;

use crate::domain::schedule::WEEKDAYS;
use crate::domain::{Interval, Member, MemberId, Schedule, Unavailability};
use crate::engine::{LocalInterval, Week};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::policy;
use crate::store::{self, Store};

/// PUT /api/v1/members/{id}/schedule
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleInput {
    pub timezone: String,
    #[serde(default)]
    pub weekly: std::collections::BTreeMap<String, Vec<Interval>>,
    #[serde(default)]
    pub breaks: std::collections::BTreeMap<String, Vec<Interval>>,
    #[serde(default)]
    pub daily_caps: std::collections::BTreeMap<String, Option<u32>>,
    #[serde(default)]
    pub open_booking_cap: Option<u32>,
}

impl ScheduleInput {
    pub fn from_schedule(timezone: &str, s: &Schedule) -> ScheduleInput {
        ScheduleInput {
            timezone: timezone.to_string(),
            weekly: s.weekly.clone(),
            breaks: s.breaks.clone(),
            daily_caps: s
                .daily_caps
                .iter()
                .map(|(k, v)| (k.clone(), Some(*v)))
                .collect(),
            open_booking_cap: s.open_booking_cap,
        }
    }
}

/// "HH:MM" (or "24:00") as minutes after midnight.
pub fn minutes(text: &str) -> Option<u16> {
    if text == "24:00" {
        return Some(1440);
    }
    let t = NaiveTime::parse_from_str(text, "%H:%M").ok()?;
    use chrono::Timelike;
    Some((t.hour() * 60 + t.minute()) as u16)
}

fn parse_day(kind: &str, day: &str, list: &[Interval]) -> Result<Vec<LocalInterval>, AppError> {
    let mut out = Vec::new();
    for (i, iv) in list.iter().enumerate() {
        let field = format!("{kind}.{day}[{i}]");
        let (Some(start), Some(end)) = (minutes(&iv.start), minutes(&iv.end)) else {
            return Err(AppError::invalid(
                &field,
                Msg::key("err-schedule-time-format"),
            ));
        };
        if end <= start {
            return Err(AppError::invalid(
                &field,
                Msg::key("err-schedule-end-before-start")
                    .arg("start", iv.start.as_str())
                    .arg("end", iv.end.as_str()),
            ));
        }
        out.push(LocalInterval { start, end });
    }
    out.sort_by_key(|iv| iv.start);
    if let Some(w) = out.windows(2).find(|w| w[1].start < w[0].end) {
        return Err(AppError::invalid(
            &format!("{kind}.{day}"),
            Msg::key("err-schedule-overlap").arg(
                "time",
                format!("{:02}:{:02}", w[1].start / 60, w[1].start % 60),
            ),
        ));
    }
    Ok(out)
}

fn check_day(key: &str, kind: &str) -> Result<usize, AppError> {
    WEEKDAYS.iter().position(|d| *d == key).ok_or_else(|| {
        AppError::invalid(&format!("{kind}.{key}"), Msg::key("err-schedule-weekdays"))
    })
}

/// Validates an input into the stored schedule and the engine's week.
pub fn validate(input: &ScheduleInput) -> Result<(Schedule, Week), AppError> {
    if input.timezone.parse::<chrono_tz::Tz>().is_err() {
        return Err(AppError::invalid(
            "timezone",
            Msg::key("err-unknown-time-zone").arg("zone", input.timezone.as_str()),
        ));
    }
    let mut week = Week::default();
    for (day, list) in &input.weekly {
        week.hours[check_day(day, "weekly")?] = parse_day("weekly", day, list)?;
    }
    for (day, list) in &input.breaks {
        let d = check_day(day, "breaks")?;
        let breaks = parse_day("breaks", day, list)?;
        for (i, b) in breaks.iter().enumerate() {
            if !week.hours[d]
                .iter()
                .any(|h| h.start <= b.start && b.end <= h.end)
            {
                return Err(AppError::invalid(
                    &format!("breaks.{day}[{i}]"),
                    Msg::key("err-schedule-break-outside"),
                ));
            }
        }
        week.breaks[d] = breaks;
    }
    for (day, cap) in &input.daily_caps {
        let d = check_day(day, "daily_caps")?;
        let Some(cap) = cap else { continue };
        if *cap < 1 {
            return Err(AppError::invalid(
                &format!("daily_caps.{day}"),
                Msg::key("err-schedule-daily-cap-min"),
            ));
        }
        if week.hours[d].is_empty() {
            return Err(AppError::invalid(
                &format!("daily_caps.{day}"),
                Msg::key("err-schedule-daily-cap-no-hours"),
            ));
        }
        week.daily_caps[d] = Some(*cap);
    }
    if input.open_booking_cap == Some(0) {
        return Err(AppError::invalid(
            "open_booking_cap",
            Msg::key("err-schedule-open-cap-min"),
        ));
    }
    week.open_booking_cap = input.open_booking_cap;
    let schedule = Schedule {
        weekly: input
            .weekly
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        breaks: input
            .breaks
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        daily_caps: input
            .daily_caps
            .iter()
            .filter_map(|(k, v)| v.map(|c| (k.clone(), c)))
            .collect(),
        open_booking_cap: input.open_booking_cap,
    };
    Ok((schedule, week))
}

/// The engine's form of a stored schedule; entries that do not parse
/// (they were validated when saved) are left out.
pub fn to_week(s: &Schedule) -> Week {
    let mut week = Week::default();
    let conv = |list: &Vec<Interval>| -> Vec<LocalInterval> {
        list.iter()
            .filter_map(|iv| {
                Some(LocalInterval {
                    start: minutes(&iv.start)?,
                    end: minutes(&iv.end)?,
                })
            })
            .filter(|iv| iv.end > iv.start)
            .collect()
    };
    for (d, day) in WEEKDAYS.iter().enumerate() {
        week.hours[d] = s.weekly.get(*day).map(conv).unwrap_or_default();
        week.breaks[d] = s.breaks.get(*day).map(conv).unwrap_or_default();
        week.daily_caps[d] = s.daily_caps.get(*day).copied();
    }
    week.open_booking_cap = s.open_booking_cap;
    week
}

/// A schedule is a professional field: the rights of the member page.
fn may_edit(actor: &Member, target: &MemberId) -> bool {
    policy::professional_editable(actor, target)
}

pub fn get(store: &Store, actor: &Member, id: &MemberId) -> Result<(String, Schedule), AppError> {
    let member = super::members::directory::get(store, actor, id)?;
    Ok((member.timezone, store.schedule(id)?.unwrap_or_default()))
}

pub fn set(
    store: &Store,
    actor: &Member,
    id: &MemberId,
    input: ScheduleInput,
    now: DateTime<Utc>,
) -> Result<Schedule, AppError> {
    if !may_edit(actor, id) {
        return Err(AppError::ForbiddenField("schedule".into()));
    }
    let (schedule, _) = validate(&input)?;
    let txn = store.write()?;
    let mut member = store::member_in(&txn, id)?.ok_or(AppError::NotFound)?;
    member.timezone = input.timezone.clone();
    member.updated_at = now;
    store::put_member_in(&txn, &member)?;
    store::put_schedule_in(&txn, id, &schedule)?;
    store::audit_in(
        &txn,
        Some(actor.id.clone()),
        "schedule.changed",
        Some(id.to_string()),
        json!({}),
        now,
    )?;
    store.commit(txn)?;
    Ok(schedule)
}

pub fn add_unavailability(
    store: &Store,
    actor: &Member,
    id: &MemberId,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Unavailability, AppError> {
    if !may_edit(actor, id) {
        return Err(AppError::ForbiddenField("unavailability".into()));
    }
    for (field, t) in [("start", start), ("end", end)] {
        if !crate::domain::instant::in_range(t) {
            return Err(AppError::invalid(field, Msg::key("err-date-out-of-range")));
        }
    }
    if end <= start {
        return Err(AppError::invalid("end", Msg::key("err-end-before-start")));
    }
    if reason.chars().count() > 200 {
        return Err(AppError::invalid(
            "reason",
            Msg::key("err-too-long").arg("limit", 200),
        ));
    }
    let u = Unavailability {
        id: crate::crypto::random_id(),
        member_id: id.clone(),
        start,
        end,
        reason: crate::domain::text::one_line(reason),
    };
    let txn = store.write()?;
    store::member_in(&txn, id)?.ok_or(AppError::NotFound)?;
    store::put_unavailability_in(&txn, &u)?;
    store::audit_in(
        &txn,
        Some(actor.id.clone()),
        "unavailability.added",
        Some(id.to_string()),
        json!({ "start": start, "end": end }),
        now,
    )?;
    store.commit(txn)?;
    Ok(u)
}

pub fn unavailability(
    store: &Store,
    actor: &Member,
    id: &MemberId,
) -> Result<Vec<Unavailability>, AppError> {
    super::members::directory::get(store, actor, id)?;
    Ok(store::unavailability_of_in(&store.read()?, id)?)
}

pub fn remove_unavailability(
    store: &Store,
    actor: &Member,
    id: &MemberId,
    uid: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if !may_edit(actor, id) {
        return Err(AppError::ForbiddenField("unavailability".into()));
    }
    let found = unavailability(store, actor, id)?
        .into_iter()
        .find(|u| u.id == uid)
        .ok_or(AppError::NotFound)?;
    let txn = store.write()?;
    store::remove_unavailability_in(&txn, &found)?;
    store::audit_in(
        &txn,
        Some(actor.id.clone()),
        "unavailability.removed",
        Some(id.to_string()),
        json!({ "id": uid }),
        now,
    )?;
    store.commit(txn)?;
    Ok(())
}
