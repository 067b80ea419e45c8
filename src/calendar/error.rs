//! What can go wrong with one calendar: an error stops the whole feed (the
//! caller keeps what it had), a warning names what was left out or guessed
//! while the rest was used. Each has a stable `code()` that the caller
//! records and renders in the reader's language.

/// Why a calendar gave no busy times at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExpandError {
    /// No `BEGIN:VCALENDAR` line: an HTML login page, a JSON error, an
    /// empty body.
    #[error("not an iCalendar document: no BEGIN:VCALENDAR line")]
    NotACalendar,
    /// The parser rejected the structure (a line without a name, a
    /// component that never ends, an unknown component) near this line
    /// (1-based).
    #[error("the calendar could not be parsed near line {line}")]
    Unparsable { line: usize },
    /// The feed expands to more intervals (or asks for more recurrence
    /// steps) than [`MAX_BUSY`](super::expand::MAX_BUSY) and the step
    /// budget allow, so that a hostile feed cannot eat memory or time.
    #[error("the calendar expands to too many occurrences")]
    TooManyOccurrences,
}

impl ExpandError {
    pub fn code(&self) -> &'static str {
        match self {
            ExpandError::NotACalendar => "not_a_calendar",
            ExpandError::Unparsable { .. } => "unparsable",
            ExpandError::TooManyOccurrences => "too_many_occurrences",
        }
    }
}

/// Something in a calendar that was guessed or left out; the rest of the
/// calendar was used.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Warning {
    /// A TZID that is neither an IANA zone, nor a Windows zone name, nor
    /// defined by a usable VTIMEZONE: its times were read in the member's
    /// zone. One warning per TZID.
    UnknownZone { tzid: String },
    /// One event (all its occurrences, or one override) was left out.
    SkippedEvent { uid: String, reason: SkipReason },
}

impl Warning {
    pub fn code(&self) -> &'static str {
        match self {
            Warning::UnknownZone { .. } => "unknown_zone",
            Warning::SkippedEvent { .. } => "skipped_event",
        }
    }
}

/// Why an event was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SkipReason {
    /// No DTSTART, or one that is not a date or date-time.
    BadStart,
    /// A DTEND or DURATION that cannot be read, or an end before the start.
    BadEnd,
    /// An RRULE the recurrence library rejects (no FREQ, a BYSETPOS alone,
    /// values out of range).
    BadRule,
    /// A RECURRENCE-ID that is not a date or date-time.
    BadRecurrenceId,
    /// The series needs more recurrence steps to reach the window than one
    /// event may take (a COUNT series of every second since 1990).
    TooManyInstances,
}

impl SkipReason {
    pub fn code(&self) -> &'static str {
        match self {
            SkipReason::BadStart => "bad_start",
            SkipReason::BadEnd => "bad_end",
            SkipReason::BadRule => "bad_rule",
            SkipReason::BadRecurrenceId => "bad_recurrence_id",
            SkipReason::TooManyInstances => "too_many_instances",
        }
    }
}
