//! In-app notifications and who gets them through which channel.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::MemberId;

/// What happened, from the member's point of view (PRODUCT.md §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    BookingCreated,
    BookingChanged,
    BookingCancelled,
    ExternalDatesEntered,
    MemberPending,
    ImportFinished,
    /// A connected calendar stopped syncing (told once per episode).
    CalendarStale,
    /// A member left and a booking page has no host any more.
    PageWithoutHosts,
    /// A scheduled backup failed.
    BackupFailed,
    /// Sent on request from the preferences page, to check the channels.
    Test,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 10] = [
        NotificationKind::BookingCreated,
        NotificationKind::BookingChanged,
        NotificationKind::BookingCancelled,
        NotificationKind::ExternalDatesEntered,
        NotificationKind::MemberPending,
        NotificationKind::ImportFinished,
        NotificationKind::CalendarStale,
        NotificationKind::PageWithoutHosts,
        NotificationKind::BackupFailed,
        NotificationKind::Test,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::BookingCreated => "booking_created",
            NotificationKind::BookingChanged => "booking_changed",
            NotificationKind::BookingCancelled => "booking_cancelled",
            NotificationKind::ExternalDatesEntered => "external_dates_entered",
            NotificationKind::MemberPending => "member_pending",
            NotificationKind::ImportFinished => "import_finished",
            NotificationKind::CalendarStale => "calendar_stale",
            NotificationKind::PageWithoutHosts => "page_without_hosts",
            NotificationKind::BackupFailed => "backup_failed",
            NotificationKind::Test => "test",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            NotificationKind::BookingCreated => "A booking is made",
            NotificationKind::BookingChanged => "A booking is rescheduled",
            NotificationKind::BookingCancelled => "A booking is cancelled",
            NotificationKind::ExternalDatesEntered => "An external member entered dates",
            NotificationKind::MemberPending => "Someone waits for approval",
            NotificationKind::ImportFinished => "An import finished",
            NotificationKind::CalendarStale => "A connected calendar stopped syncing",
            NotificationKind::PageWithoutHosts => "A booking page lost its last host",
            NotificationKind::BackupFailed => "A scheduled backup failed",
            NotificationKind::Test => "Test notifications",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notification {
    pub id: String,
    pub member_id: MemberId,
    pub kind: NotificationKind,
    /// One line shown in the list.
    pub title: String,
    /// Where opening it leads (a path of this server), if anywhere.
    #[serde(default)]
    pub link: Option<String>,
    #[serde(default)]
    pub data: serde_json::Value,
    pub read: bool,
    pub created_at: DateTime<Utc>,
}

/// The channels one kind of notification goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Channels {
    pub email: bool,
    pub in_app: bool,
    pub webhook: bool,
}

/// A member's choices; kinds not listed use the defaults.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Preferences {
    #[serde(default)]
    pub channels: BTreeMap<NotificationKind, Channels>,
    /// Where the webhook channel posts (e.g. a Slack or Zapier hook).
    #[serde(default)]
    pub webhook_url: Option<String>,
}

impl Preferences {
    pub fn default_channels(kind: NotificationKind) -> Channels {
        let email = !matches!(kind, NotificationKind::ImportFinished);
        Channels {
            email,
            in_app: true,
            webhook: false,
        }
    }

    pub fn channels(&self, kind: NotificationKind) -> Channels {
        self.channels
            .get(&kind)
            .copied()
            .unwrap_or_else(|| Self::default_channels(kind))
    }
}
