use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The one organization this server runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    pub name: String,
    pub created_at: DateTime<Utc>,
    /// Default IANA timezone for new members.
    #[serde(default = "default_timezone")]
    pub default_timezone: String,
    /// Default UI language for new members ("en", "ja", "fr").
    #[serde(default = "default_language")]
    pub default_language: String,
    /// Schedule given to new members ("account defaults").
    #[serde(default = "super::Schedule::office_hours")]
    pub default_schedule: super::Schedule,
    #[serde(default)]
    pub join_rules: super::JoinRules,
    /// Created on first use.
    #[serde(default)]
    pub public_invite: Option<super::PublicInvite>,
    /// Whether a member may hold overlapping bookings (off by default).
    #[serde(default)]
    pub allow_overlap: bool,
    /// The accent of the public pages, `#rrggbb` (lowercase); None keeps
    /// Convene's own.
    #[serde(default)]
    pub brand_color: Option<String>,
    /// Connect (external members) is off until an admin turns it on.
    #[serde(default)]
    pub connect_enabled: bool,
}

fn default_timezone() -> String {
    "UTC".into()
}

fn default_language() -> String {
    "en".into()
}

impl Organization {
    pub fn new(name: String, now: DateTime<Utc>) -> Self {
        Organization {
            name,
            created_at: now,
            default_timezone: default_timezone(),
            default_language: default_language(),
            default_schedule: super::Schedule::office_hours(),
            join_rules: super::JoinRules::default(),
            public_invite: None,
            allow_overlap: false,
            brand_color: None,
            connect_enabled: false,
        }
    }
}
