//! `[calendar]`: members' own calendars read as busy times.

use serde::{Deserialize, Serialize};

use super::ConfigError;

/// What happens to a member's slots once a connected calendar has not
/// synced for `stale_after_hours`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum WhenStale {
    /// Stop offering the member's times: an old copy of a calendar may
    /// miss what was added since, and a double booking is worse than a
    /// missed one.
    #[default]
    Hide,
    /// Keep offering them from the last good copy.
    Offer,
}

#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct CalendarConfig {
    /// The largest calendar body read from a member's server.
    pub max_bytes: usize,
    /// Hours without a successful sync after which a calendar is stale.
    pub stale_after_hours: u32,
    pub when_stale: WhenStale,
    /// How many calendars sync at the same time.
    pub concurrent_syncs: u32,
    /// The key that seals calendar passwords (32 bytes, base64). Empty:
    /// the key file `calendar.key` in the data directory, created with
    /// mode 0600 on first use.
    pub secret_key: String,
    /// Earlier keys (base64), still read after a rotation; every password
    /// is sealed again with `secret_key` at its next successful sync.
    pub previous_keys: Vec<String>,
}

impl Default for CalendarConfig {
    fn default() -> Self {
        CalendarConfig {
            max_bytes: 10 * 1024 * 1024,
            stale_after_hours: 24,
            when_stale: WhenStale::Hide,
            concurrent_syncs: 4,
            secret_key: String::new(),
            previous_keys: Vec::new(),
        }
    }
}

impl CalendarConfig {
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        let bad = |key: &str, value: String, reason: &str| ConfigError::Invalid {
            key: format!("calendar.{key}"),
            value,
            reason: reason.into(),
        };
        if !(1024..=1024 * 1024 * 1024).contains(&self.max_bytes) {
            return Err(bad(
                "max_bytes",
                self.max_bytes.to_string(),
                "must be between 1024 and 1073741824 (1 GiB)",
            ));
        }
        if !(1..=8_760).contains(&self.stale_after_hours) {
            return Err(bad(
                "stale_after_hours",
                self.stale_after_hours.to_string(),
                "must be between 1 and 8760 (a year)",
            ));
        }
        if !(1..=64).contains(&self.concurrent_syncs) {
            return Err(bad(
                "concurrent_syncs",
                self.concurrent_syncs.to_string(),
                "must be between 1 and 64",
            ));
        }
        let keys = std::iter::once(&self.secret_key)
            .filter(|k| !k.is_empty())
            .chain(&self.previous_keys);
        for key in keys {
            if crate::secrets::Key::from_base64(key).is_none() {
                return Err(bad(
                    "secret_key",
                    "(hidden)".into(),
                    "expected 32 random bytes in base64, e.g. from `openssl rand -base64 32`",
                ));
            }
        }
        Ok(())
    }
}
