//! A member's integration status as admins filter by it (`?integration=`
//! on the members list, the admin overview and the dashboard count).

use std::collections::HashMap;

use crate::domain::{CalendarConnection, Member, MemberId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntegrationFilter {
    All,
    /// At least one calendar connected.
    Connected,
    /// A connected calendar's last sync failed, or it is stale.
    Failing,
    NoCalendar,
    NoMeetingUrl,
}

impl IntegrationFilter {
    pub const ALL: [IntegrationFilter; 5] = [
        IntegrationFilter::All,
        IntegrationFilter::Connected,
        IntegrationFilter::Failing,
        IntegrationFilter::NoCalendar,
        IntegrationFilter::NoMeetingUrl,
    ];

    /// The filter's name in addresses; `None` for a name it does not know.
    pub fn parse(s: &str) -> Option<IntegrationFilter> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The `?integration=` of a list: absent or empty is no filter, an
    /// unknown name is refused (never silently ignored).
    pub fn from_query(
        raw: Option<&str>,
    ) -> Result<Option<IntegrationFilter>, crate::error::AppError> {
        match raw.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => IntegrationFilter::parse(s).map(Some).ok_or_else(|| {
                crate::error::AppError::invalid(
                    "integration",
                    crate::i18n::Msg::key("err-integration-filter").arg(
                        "choices",
                        "calendar_connected, calendar_failing, no_calendar, no_meeting_url",
                    ),
                )
            }),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            IntegrationFilter::All => "",
            IntegrationFilter::Connected => "calendar_connected",
            IntegrationFilter::Failing => "calendar_failing",
            IntegrationFilter::NoCalendar => "no_calendar",
            IntegrationFilter::NoMeetingUrl => "no_meeting_url",
        }
    }

    pub fn keeps(self, member: &Member, connections: &[CalendarConnection]) -> bool {
        match self {
            IntegrationFilter::All => true,
            IntegrationFilter::Connected => !connections.is_empty(),
            IntegrationFilter::Failing => failing(connections),
            IntegrationFilter::NoCalendar => connections.is_empty(),
            IntegrationFilter::NoMeetingUrl => member.meeting_url.trim().is_empty(),
        }
    }
}

pub fn failing(connections: &[CalendarConnection]) -> bool {
    connections
        .iter()
        .any(|c| c.last_error.is_some() || c.hiding_slots)
}

/// Every connection, by member.
pub fn by_member(all: Vec<CalendarConnection>) -> HashMap<MemberId, Vec<CalendarConnection>> {
    let mut out: HashMap<MemberId, Vec<CalendarConnection>> = HashMap::new();
    for c in all {
        out.entry(c.member_id.clone()).or_default().push(c);
    }
    for list in out.values_mut() {
        list.sort_by_key(|c| c.created_at);
    }
    out
}
