//! A member's weekly schedule, as stored; the availability engine reads it.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::MemberId;

/// Weekday keys as the API spells them.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Local wall-clock interval, "HH:MM" to "HH:MM" ("24:00" allowed as an end).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Schedule {
    /// Weekday → working intervals (several a day allowed).
    #[serde(default)]
    pub weekly: BTreeMap<String, Vec<Interval>>,
    /// Weekday → breaks, removed from working hours.
    #[serde(default)]
    pub breaks: BTreeMap<String, Vec<Interval>>,
    /// Weekday → most bookings that day; absent means unlimited.
    #[serde(default)]
    pub daily_caps: BTreeMap<String, u32>,
    /// No new bookings while this many upcoming ones are held.
    #[serde(default)]
    pub open_booking_cap: Option<u32>,
}

impl Schedule {
    /// Monday to Friday, 09:00–17:00 with a lunch break: the defaults of a
    /// new organization.
    pub fn office_hours() -> Schedule {
        let mut s = Schedule::default();
        for day in &WEEKDAYS[..5] {
            s.weekly.insert(
                day.to_string(),
                vec![Interval {
                    start: "09:00".into(),
                    end: "17:00".into(),
                }],
            );
            s.breaks.insert(
                day.to_string(),
                vec![Interval {
                    start: "12:00".into(),
                    end: "13:00".into(),
                }],
            );
        }
        s
    }
}

/// A period a member cannot be booked (sick leave, holidays…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unavailability {
    pub id: String,
    pub member_id: MemberId,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    #[serde(default)]
    pub reason: String,
}
