//! External members ("Connect"): people outside the organization who
//! enter candidate dates through a link, without an account, and can then
//! host booking pages on those dates.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Email, Member, MemberId, MemberState, Role};

/// One candidate range, UTC, `start < end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateRange {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExternalMember {
    /// Shares the id space of members: a page's `hosts` names either.
    pub id: MemberId,
    pub name: String,
    pub email: Email,
    #[serde(default)]
    pub organization: String,
    /// The team member in charge: told when dates come in, and whose
    /// meeting URL the external member's bookings use.
    pub contact_member_id: MemberId,
    /// The zone the candidate-date page was last shown in.
    pub timezone: String,
    pub language: String,
    pub icon_color: String,
    #[serde(default)]
    pub ranges: Vec<CandidateRange>,
    #[serde(default)]
    pub message: String,
    /// When dates were last saved; None while awaiting dates.
    #[serde(default)]
    pub dates_entered_at: Option<DateTime<Utc>>,
    /// When dates were last requested (invitation or re-request).
    pub requested_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What a candidate-date link leads to; stored under the token's hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectToken {
    pub external_id: MemberId,
    pub expires_at: DateTime<Utc>,
    /// Replaced by a newer link (dates re-requested): kept so the page can
    /// say so instead of "unknown link".
    #[serde(default)]
    pub superseded: bool,
}

/// The colours an external member's icon is drawn in, picked by id so a
/// person keeps theirs.
const ICON_COLORS: [&str; 8] = [
    "#2458d3", "#0f8a5f", "#b5470b", "#8a3ab9", "#c2185b", "#00796b", "#5d4037", "#455a64",
];

/// Which of the icon colours `color` is (0 for one not in the palette):
/// pages draw icons with a class per colour, never an inline style.
pub fn icon_index(color: &str) -> usize {
    ICON_COLORS.iter().position(|c| *c == color).unwrap_or(0)
}

pub fn icon_color_for(id: &MemberId) -> String {
    let sum: usize = id.as_str().bytes().map(usize::from).sum();
    ICON_COLORS[sum % ICON_COLORS.len()].to_string()
}

/// What an external member brings to a booking page as a host.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExternalHost {
    pub contact_member_id: MemberId,
    pub organization: String,
    pub ranges: Vec<CandidateRange>,
}

impl ExternalMember {
    pub fn has_dates(&self) -> bool {
        !self.ranges.is_empty()
    }

    /// The host every booking path works with: a member value that is
    /// never stored, never signs in, and carries its candidate ranges.
    /// The video link is the member in charge's.
    pub fn as_host(&self, contact: Option<&Member>) -> Member {
        let mut m = Member::new(
            self.email.clone(),
            Role::Restricted,
            MemberState::Active,
            &self.timezone,
            &self.language,
            self.created_at,
        );
        m.id = self.id.clone();
        m.first_name = self.name.clone();
        m.icon_color = self.icon_color.clone();
        m.updated_at = self.updated_at;
        if let Some(c) = contact {
            m.meeting_url = c.meeting_url.clone();
            m.email_signature = c.email_signature.clone();
        }
        m.external = Some(ExternalHost {
            contact_member_id: self.contact_member_id.clone(),
            organization: self.organization.clone(),
            ranges: self.ranges.clone(),
        });
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_view_never_signs_in_as_a_team_member_and_keeps_its_ranges() {
        let now = Utc::now();
        let x = ExternalMember {
            id: MemberId::from_string("x1"),
            name: "山田 花子".into(),
            email: Email::parse("hanako@example.jp").unwrap(),
            organization: "Yamada KK".into(),
            contact_member_id: MemberId::from_string("m1"),
            timezone: "Asia/Tokyo".into(),
            language: "ja".into(),
            icon_color: "#2458d3".into(),
            ranges: vec![CandidateRange {
                start: now,
                end: now + chrono::Duration::hours(2),
            }],
            message: String::new(),
            dates_entered_at: Some(now),
            requested_at: now,
            created_at: now,
            updated_at: now,
        };
        let h = x.as_host(None);
        assert_eq!(h.id, x.id);
        assert_eq!(h.display_name(), "山田 花子");
        assert_eq!(h.external.as_ref().map(|e| e.ranges.len()), Some(1));
        assert_eq!(h.role, Role::Restricted);
        assert!(icon_color_for(&x.id).starts_with('#'));
    }
}
