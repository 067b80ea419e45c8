//! Booking pages and bookings.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::MemberId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssignmentMode {
    Single,
    Collective,
    RoundRobin,
}

impl AssignmentMode {
    pub fn as_str(self) -> &'static str {
        match self {
            AssignmentMode::Single => "single",
            AssignmentMode::Collective => "collective",
            AssignmentMode::RoundRobin => "round_robin",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LocationKind {
    InPerson,
    Phone,
    Video,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub kind: LocationKind,
    /// Address for in person, number for phone; for video a fixed link
    /// (empty: each host's meeting URL, or a generated link).
    #[serde(default)]
    pub value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    ShortText,
    LongText,
    SingleChoice,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub label: String,
    pub kind: QuestionKind,
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookingPage {
    pub id: String,
    pub slug: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub duration_minutes: u32,
    pub slot_step_minutes: u32,
    pub buffer_before_minutes: u32,
    pub buffer_after_minutes: u32,
    pub min_notice_minutes: u32,
    pub horizon_days: u32,
    pub location: Option<Location>,
    #[serde(default)]
    pub questions: Vec<Question>,
    pub enabled: bool,
    pub hosts: Vec<MemberId>,
    pub assignment: AssignmentMode,
    /// Who created it; members and managers manage their own pages.
    pub owner_id: MemberId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingState {
    Confirmed,
    Cancelled,
}

impl BookingState {
    pub fn as_str(self) -> &'static str {
        match self {
            BookingState::Confirmed => "confirmed",
            BookingState::Cancelled => "cancelled",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guest {
    #[serde(rename = "n", alias = "name")]
    pub name: String,
    #[serde(rename = "e", alias = "email")]
    pub email: String,
    #[serde(rename = "tz", alias = "timezone")]
    pub timezone: String,
    /// The language the guest booked in ("en", "ja", "fr"); empty for
    /// bookings made before it was recorded, which get the organization's.
    #[serde(
        rename = "l",
        alias = "language",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    pub language: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    #[serde(rename = "q", alias = "question_id")]
    pub question_id: String,
    #[serde(rename = "l", alias = "label")]
    pub label: String,
    #[serde(rename = "v", alias = "value")]
    pub value: String,
}

/// Why round robin chose a booking's host, kept as data so each reader
/// sees it in their own language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AssignmentReason {
    /// Moved from a host who left the organization; by round robin when
    /// the counts are given, else to a member an admin chose. First, so an
    /// untagged read does not take it for `FewestBookings`.
    Reassigned {
        reassigned_from: super::MemberId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        bookings: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tied_with: Option<u32>,
    },
    /// Fewest bookings in the period; `tied_with` other free hosts had
    /// as few, and the longest wait since a booking decided.
    FewestBookings { bookings: u32, tied_with: u32 },
    /// Written as a sentence by versions before the reason was data.
    Text(String),
}

/// Stored in the bookings table under short names, with fields at their
/// default left out: a row is about half the JSON it was with the names
/// in full. Each name's `alias` still reads rows written before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Booking {
    pub id: String,
    #[serde(rename = "p", alias = "page_id")]
    pub page_id: String,
    /// Copied from the page, so the booking stays readable after the page
    /// is deleted or renamed.
    #[serde(rename = "ps", alias = "page_slug")]
    pub page_slug: String,
    #[serde(rename = "pt", alias = "page_title")]
    pub page_title: String,
    #[serde(rename = "h", alias = "hosts")]
    pub hosts: Vec<MemberId>,
    #[serde(rename = "s", alias = "start")]
    pub start: DateTime<Utc>,
    #[serde(rename = "e", alias = "end")]
    pub end: DateTime<Utc>,
    #[serde(
        rename = "bb",
        alias = "buffer_before_minutes",
        default,
        skip_serializing_if = "is_zero"
    )]
    pub buffer_before_minutes: u32,
    #[serde(
        rename = "ba",
        alias = "buffer_after_minutes",
        default,
        skip_serializing_if = "is_zero"
    )]
    pub buffer_after_minutes: u32,
    #[serde(rename = "g", alias = "guest")]
    pub guest: Guest,
    #[serde(
        rename = "no",
        alias = "notes",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    pub notes: String,
    #[serde(
        rename = "a",
        alias = "answers",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub answers: Vec<Answer>,
    /// Where it happens, resolved at booking time (address, number, link).
    #[serde(
        rename = "lo",
        alias = "location",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    pub location: String,
    #[serde(rename = "st", alias = "state")]
    pub state: BookingState,
    /// Round robin: why this host was chosen.
    #[serde(
        rename = "r",
        alias = "assignment_reason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub assignment_reason: Option<AssignmentReason>,
    /// iCalendar SEQUENCE: bumped by every change mailed to attendees.
    #[serde(
        rename = "sq",
        alias = "sequence",
        default,
        skip_serializing_if = "is_zero"
    )]
    pub sequence: u32,
    #[serde(
        rename = "cr",
        alias = "cancel_reason",
        default,
        skip_serializing_if = "String::is_empty"
    )]
    pub cancel_reason: String,
    /// "guest" or the member id of who cancelled.
    #[serde(
        rename = "cb",
        alias = "cancelled_by",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub cancelled_by: Option<String>,
    /// Reminder offsets (minutes before the start) already sent.
    #[serde(
        rename = "rs",
        alias = "reminders_sent",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub reminders_sent: Vec<u32>,
    /// Whether the guest may cancel and reschedule with the mailed link.
    #[serde(
        rename = "gc",
        alias = "guest_may_change",
        default = "yes",
        skip_serializing_if = "is_true"
    )]
    pub guest_may_change: bool,
    /// The guest's manage link token, kept so later mails can carry the
    /// link again; never shown through the API.
    #[serde(
        rename = "t",
        alias = "manage_token",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub manage_token: Option<String>,
    #[serde(rename = "c", alias = "created_at")]
    pub created_at: DateTime<Utc>,
    #[serde(rename = "u", alias = "updated_at")]
    pub updated_at: DateTime<Utc>,
}

fn is_zero<N: Default + PartialEq>(n: &N) -> bool {
    *n == N::default()
}

fn is_true(b: &bool) -> bool {
    *b
}

fn yes() -> bool {
    true
}

/// A host's confirmed booking as the availability engine needs it; kept in
/// a per-host index so availability never decodes whole bookings.
/// Short names and no zero buffers, as the bookings' rows (one per host
/// per booking, and read for every slot list that misses the cache).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostSlot {
    #[serde(rename = "e", alias = "end")]
    pub end: i64,
    #[serde(
        rename = "bb",
        alias = "buffer_before",
        default,
        skip_serializing_if = "is_zero"
    )]
    pub buffer_before: i64,
    #[serde(
        rename = "ba",
        alias = "buffer_after",
        default,
        skip_serializing_if = "is_zero"
    )]
    pub buffer_after: i64,
}
