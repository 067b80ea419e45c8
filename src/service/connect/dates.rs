//! The candidate-date page behind a mailed link: what the link opens, and
//! saving the ranges an external member picked.

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use crate::domain::{CandidateRange, ExternalMember, NotificationKind};
use crate::error::AppError;
use crate::i18n::dates::{self, Clock};
use crate::i18n::{Lang, Msg};
use crate::service::notify::Notice;
use crate::store::{self, Store};

/// The most ranges one external member may offer.
pub const MAX_RANGES: usize = 200;
/// The longest single range.
pub const MAX_RANGE_DAYS: i64 = 14;
/// The longest message.
pub const MAX_MESSAGE: usize = 2_000;

/// Why a link does not open the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    /// Never issued, or its external member was deleted.
    Unknown,
    Expired,
    /// Dates were requested again: a newer link was mailed.
    Superseded,
    /// Connect is off.
    Disabled,
}

impl LinkProblem {
    pub fn code(self) -> &'static str {
        match self {
            LinkProblem::Unknown => "link_unknown",
            LinkProblem::Expired => "link_expired",
            LinkProblem::Superseded => "link_superseded",
            LinkProblem::Disabled => "connect_disabled",
        }
    }

    pub fn error(self) -> AppError {
        match self {
            LinkProblem::Disabled => super::disabled(),
            LinkProblem::Unknown => AppError::Missing {
                code: self.code(),
                message: Msg::key("err-connect-link-unknown"),
            },
            LinkProblem::Expired => AppError::Gone {
                message: Msg::key("err-connect-link-expired"),
            },
            LinkProblem::Superseded => AppError::Gone {
                message: Msg::key("err-connect-link-superseded"),
            },
        }
    }
}

/// The external member a link opens, or why it does not.
pub fn open(
    store: &Store,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Result<ExternalMember, LinkProblem>, AppError> {
    let txn = store.read()?;
    open_in(&txn, token, now)
}

/// As `open`, with when the link expires (the page says so).
pub fn open_with_expiry(
    store: &Store,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Result<(ExternalMember, DateTime<Utc>), LinkProblem>, AppError> {
    let txn = store.read()?;
    let opened = open_in(&txn, token, now)?;
    let expires = store::connect_token_in(&txn, &crate::crypto::token_hash(token))?
        .map(|t| t.expires_at)
        .unwrap_or(now);
    Ok(opened.map(|x| (x, expires)))
}

fn open_in(
    txn: &impl store::Read,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Result<ExternalMember, LinkProblem>, AppError> {
    let Some(t) = store::connect_token_in(txn, &crate::crypto::token_hash(token))? else {
        return Ok(Err(LinkProblem::Unknown));
    };
    let Some(x) = store::external_in(txn, &t.external_id)? else {
        return Ok(Err(LinkProblem::Unknown));
    };
    if !store::organization_in(txn)?.is_some_and(|o| o.connect_enabled) {
        return Ok(Err(LinkProblem::Disabled));
    }
    if t.superseded {
        return Ok(Err(LinkProblem::Superseded));
    }
    if t.expires_at <= now {
        return Ok(Err(LinkProblem::Expired));
    }
    Ok(Ok(x))
}

/// What the page sends: ranges as typed, a message, the zone it showed.
#[derive(Debug, Clone, Default)]
pub struct DatesInput {
    pub ranges: Vec<RangeInput>,
    pub message: String,
    pub timezone: Option<String>,
}

/// One range as typed: RFC 3339 with offset (the API), or a local
/// `YYYY-MM-DDTHH:MM` read in the page's zone (the form).
#[derive(Debug, Clone, Default)]
pub struct RangeInput {
    pub start: String,
    pub end: String,
}

fn instant(raw: &str, zone: chrono_tz::Tz) -> Option<DateTime<Utc>> {
    let raw = raw.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
        return Some(t.with_timezone(&Utc));
    }
    let local = chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    let at = crate::engine::week::to_utc(zone, local, false);
    DateTime::from_timestamp(at, 0)
}

/// Checks the ranges: each readable, ending after it starts, not in the
/// past, at most 14 days; none overlapping another; at most 200 and at
/// least one. Errors name the range (`ranges[3].end`).
pub fn check(
    input: &DatesInput,
    zone: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<Vec<CandidateRange>, AppError> {
    if input.ranges.is_empty() {
        return Err(AppError::invalid(
            "ranges",
            Msg::key("err-connect-no-ranges"),
        ));
    }
    if input.ranges.len() > MAX_RANGES {
        return Err(AppError::invalid(
            "ranges",
            Msg::key("err-connect-too-many").arg("max", MAX_RANGES as i64),
        ));
    }
    if input.message.chars().count() > MAX_MESSAGE {
        return Err(AppError::invalid(
            "message",
            Msg::key("err-too-long").arg("limit", MAX_MESSAGE as i64),
        ));
    }
    let mut ranges: Vec<(usize, CandidateRange)> = Vec::with_capacity(input.ranges.len());
    for (i, r) in input.ranges.iter().enumerate() {
        let start = instant(&r.start, zone).ok_or_else(|| {
            AppError::invalid(&format!("ranges[{i}].start"), Msg::key("err-date-time"))
        })?;
        let end = instant(&r.end, zone).ok_or_else(|| {
            AppError::invalid(&format!("ranges[{i}].end"), Msg::key("err-date-time"))
        })?;
        if end <= start {
            return Err(AppError::invalid(
                &format!("ranges[{i}].end"),
                Msg::key("err-connect-end-before-start"),
            ));
        }
        if start < now {
            return Err(AppError::invalid(
                &format!("ranges[{i}].start"),
                Msg::key("err-connect-past"),
            ));
        }
        if end - start > Duration::days(MAX_RANGE_DAYS) {
            return Err(AppError::invalid(
                &format!("ranges[{i}].end"),
                Msg::key("err-connect-too-long").arg("days", MAX_RANGE_DAYS),
            ));
        }
        ranges.push((i, CandidateRange { start, end }));
    }
    ranges.sort_by_key(|(_, r)| r.start);
    for pair in ranges.windows(2) {
        let ((_, a), (j, b)) = (pair[0], pair[1]);
        if b.start < a.end {
            return Err(AppError::invalid(
                &format!("ranges[{j}].start"),
                Msg::key("err-connect-overlap"),
            ));
        }
    }
    Ok(ranges.into_iter().map(|(_, r)| r).collect())
}

/// Saves the ranges and message behind `token`, tells the member in
/// charge (notification and mail), calls the `external.dates_entered`
/// webhooks; one transaction.
pub fn save(
    store: &Store,
    base_url: &str,
    token: &str,
    input: DatesInput,
    now: DateTime<Utc>,
) -> Result<ExternalMember, AppError> {
    let txn = store.write()?;
    let mut x = open_in(&txn, token, now)?.map_err(LinkProblem::error)?;
    if let Some(tz) = input.timezone.as_deref().filter(|t| !t.is_empty()) {
        if tz.parse::<chrono_tz::Tz>().is_err() {
            return Err(AppError::invalid(
                "timezone",
                Msg::key("err-unknown-time-zone").arg("zone", tz),
            ));
        }
        x.timezone = tz.to_string();
    }
    let zone: chrono_tz::Tz = x.timezone.parse().unwrap_or(chrono_tz::UTC);
    x.ranges = check(&input, zone, now)?;
    x.message = crate::domain::text::multi_line(&input.message)
        .trim()
        .to_string();
    x.dates_entered_at = Some(now);
    x.updated_at = now;
    store::put_external_in(&txn, &x)?;
    if let Some(contact) = store::member_in(&txn, &x.contact_member_id)? {
        let lang = Lang::parse(&contact.language);
        let notice = Notice {
            kind: NotificationKind::ExternalDatesEntered,
            title: crate::tr!(lang, "connect-dates-entered-title", name = x.name.as_str()),
            detail: ranges_text(lang, &x, &contact.timezone),
            link: Some(format!("/external-members/{}", x.id)),
            data: json!({ "external_member_id": x.id }),
        };
        crate::service::notify::notify_in(&txn, base_url, &contact, &notice, now)?;
    }
    crate::service::org::webhooks::emit_in(&txn, "external.dates_entered", webhook_data(&x), now)?;
    store::audit_in(
        &txn,
        None,
        "external.dates_entered",
        Some(x.id.to_string()),
        json!({ "ranges": x.ranges.len() }),
        now,
    )?;
    store.commit(txn)?;
    Ok(x)
}

/// The ranges, one per line, then the message: the body of the mail to
/// the member in charge, in their language and zone.
pub fn ranges_text(lang: Lang, x: &ExternalMember, timezone: &str) -> String {
    let clock = Clock::default_for(lang);
    let mut lines: Vec<String> = x
        .ranges
        .iter()
        .map(|r| {
            format!(
                "- {}",
                dates::span_in(lang, clock, r.start, r.end, timezone)
            )
        })
        .collect();
    if !x.organization.is_empty() {
        lines.insert(0, x.organization.clone());
    }
    if !x.message.is_empty() {
        lines.push(String::new());
        lines.push(x.message.clone());
    }
    lines.join("\n")
}

/// What webhooks receive when dates come in.
pub fn webhook_data(x: &ExternalMember) -> serde_json::Value {
    json!({
        "id": x.id,
        "name": x.name,
        "email": x.email,
        "organization": x.organization,
        "contact_member_id": x.contact_member_id,
        "ranges": x.ranges,
        "message": x.message,
        "dates_entered_at": x.dates_entered_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(ranges: &[(&str, &str)]) -> DatesInput {
        DatesInput {
            ranges: ranges
                .iter()
                .map(|(s, e)| RangeInput {
                    start: s.to_string(),
                    end: e.to_string(),
                })
                .collect(),
            message: String::new(),
            timezone: None,
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2027-03-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn field(e: AppError) -> Option<String> {
        match e {
            AppError::Invalid { field, .. } => field,
            _ => None,
        }
    }

    #[test]
    fn local_form_times_are_read_in_the_page_zone_and_offsets_as_given() {
        let tokyo: chrono_tz::Tz = "Asia/Tokyo".parse().unwrap();
        let r = check(
            &input(&[
                ("2027-03-10T09:00", "2027-03-10T12:00"),
                ("2027-03-11T09:00:00Z", "2027-03-11T10:00:00Z"),
            ]),
            tokyo,
            now(),
        )
        .unwrap();
        assert_eq!(r[0].start.to_rfc3339(), "2027-03-10T00:00:00+00:00");
        assert_eq!(r[1].start.to_rfc3339(), "2027-03-11T09:00:00+00:00");
    }

    #[test]
    fn past_long_overlapping_backwards_and_too_many_ranges_name_their_field() {
        let utc = chrono_tz::UTC;
        let past = check(
            &input(&[("2027-02-01T09:00", "2027-02-01T10:00")]),
            utc,
            now(),
        );
        assert_eq!(field(past.unwrap_err()).as_deref(), Some("ranges[0].start"));
        let long = check(
            &input(&[("2027-03-02T09:00", "2027-03-17T10:00")]),
            utc,
            now(),
        );
        assert_eq!(field(long.unwrap_err()).as_deref(), Some("ranges[0].end"));
        let backwards = check(
            &input(&[("2027-03-02T10:00", "2027-03-02T09:00")]),
            utc,
            now(),
        );
        assert_eq!(
            field(backwards.unwrap_err()).as_deref(),
            Some("ranges[0].end")
        );
        let overlap = check(
            &input(&[
                ("2027-03-02T09:00", "2027-03-02T12:00"),
                ("2027-03-03T09:00", "2027-03-03T10:00"),
                ("2027-03-02T11:00", "2027-03-02T13:00"),
            ]),
            utc,
            now(),
        );
        assert_eq!(
            field(overlap.unwrap_err()).as_deref(),
            Some("ranges[2].start")
        );
        let bad = check(&input(&[("tomorrow", "2027-03-02T09:00")]), utc, now());
        assert_eq!(field(bad.unwrap_err()).as_deref(), Some("ranges[0].start"));
        let many: Vec<(String, String)> = (0..201)
            .map(|i| {
                let day = now() + Duration::hours(2 * i + 1);
                (day.to_rfc3339(), (day + Duration::hours(1)).to_rfc3339())
            })
            .collect();
        let many: Vec<(&str, &str)> = many.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        assert_eq!(
            field(check(&input(&many), utc, now()).unwrap_err()).as_deref(),
            Some("ranges")
        );
        assert_eq!(check(&input(&many[..200]), utc, now()).unwrap().len(), 200);
        assert_eq!(
            field(check(&input(&[]), utc, now()).unwrap_err()).as_deref(),
            Some("ranges")
        );
    }

    #[test]
    fn touching_ranges_are_not_overlapping() {
        let r = check(
            &input(&[
                ("2027-03-02T12:00", "2027-03-02T13:00"),
                ("2027-03-02T09:00", "2027-03-02T12:00"),
            ]),
            chrono_tz::UTC,
            now(),
        )
        .unwrap();
        assert_eq!(r.len(), 2);
        assert!(r[0].start < r[1].start);
    }
}
