//! What a scheduled job did, as data: each reader sees it in their
//! language (`jobs::outcome` writes the words), and the English text stays
//! stored beside it for the API and the log.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum JobOutcome {
    Swept {
        queued: u64,
        failed: u64,
        purged: u64,
    },
    SessionsCleaned {
        sessions: u64,
    },
    DigestsQueued {
        digests: u64,
    },
    RemindersQueued {
        reminders: u64,
    },
    NoCalendarSync,
    CalendarsRead {
        synced: u64,
        unchanged: u64,
        failed: u64,
        newly_stale: u64,
    },
    BackedUp {
        file: String,
        rows: u64,
        bytes: u64,
        removed: u64,
    },
    /// The job returned an error; `error` is the error's own (English) text.
    Failed {
        error: String,
    },
    /// The job panicked; caught, recorded, the server goes on.
    Panicked {
        message: String,
    },
}
