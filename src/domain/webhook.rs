use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::MemberId;

/// Events a webhook can subscribe to.
pub const EVENTS: [&str; 9] = [
    "booking.created",
    "booking.cancelled",
    "booking.rescheduled",
    "booking.reassigned",
    "member.joined",
    "member.pending",
    "external.dates_entered",
    "import.finished",
    "webhook.ping",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Webhook {
    pub id: String,
    pub url: String,
    pub events: Vec<String>,
    /// Kept to sign deliveries; shown to the admin only when created.
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub secret: String,
    pub created_by: MemberId,
    pub created_at: DateTime<Utc>,
}

impl Webhook {
    pub fn wants(&self, event: &str) -> bool {
        event == "webhook.ping" || self.events.iter().any(|e| e == event || e == "*")
    }
}

/// One attempt to deliver to a webhook, for its delivery log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliveryAttempt {
    pub message_id: String,
    pub event: String,
    pub at: DateTime<Utc>,
    pub status: Option<u16>,
    pub error: Option<String>,
    pub duration_ms: u64,
}
