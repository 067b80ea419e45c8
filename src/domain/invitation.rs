//! Invitations and the organization's join settings.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::MemberId;

/// A single-use join link sent by email; stored under the token's hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Invitation {
    pub member_id: MemberId,
    pub invited_by: Option<MemberId>,
    /// Joining through it leads to pending instead of active.
    pub needs_approval: bool,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Who may join and how (owner/admin setting).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JoinRules {
    /// Invitations by non-admins need an admin's approval.
    pub inviting_verification: bool,
    /// The public link and join code work.
    pub public_join: bool,
    /// Fields a joiner must fill in besides names and password.
    pub required_fields: Vec<String>,
    /// Days an email invitation stays valid.
    pub invitation_days: u32,
}

impl Default for JoinRules {
    fn default() -> Self {
        JoinRules {
            inviting_verification: true,
            public_join: true,
            required_fields: Vec::new(),
            invitation_days: 7,
        }
    }
}

/// Fields the join rules may require.
pub const REQUIRABLE_FIELDS: [&str; 4] = ["phone", "department", "position", "location"];

/// The shareable link and numeric code; rotating replaces both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicInvite {
    /// Shown to admins as part of the link, so kept as is (it grants only
    /// a pending membership).
    pub token: String,
    /// Eight digits.
    pub code: String,
    pub rotated_at: DateTime<Utc>,
}

impl PublicInvite {
    pub fn generate(now: DateTime<Utc>) -> PublicInvite {
        use rand::RngExt;
        let code: u32 = crate::crypto::SecretRng.random_range(10_000_000..100_000_000);
        PublicInvite {
            token: crate::crypto::random_token(),
            code: code.to_string(),
            rotated_at: now,
        }
    }
}
