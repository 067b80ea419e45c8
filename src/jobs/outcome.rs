//! The words for a job's outcome, in a reader's language.

use crate::domain::JobOutcome;
use crate::i18n::Lang;
use crate::tr;

impl JobOutcome {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            JobOutcome::Swept {
                queued,
                failed,
                purged,
            } => tr!(
                lang,
                "job-outcome-swept",
                queued = *queued,
                failed = *failed,
                purged = *purged
            ),
            JobOutcome::SessionsCleaned { sessions } => {
                tr!(lang, "job-outcome-sessions", sessions = *sessions)
            }
            JobOutcome::DigestsQueued { digests } => {
                tr!(lang, "job-outcome-digests", digests = *digests)
            }
            JobOutcome::RemindersQueued { reminders } => {
                tr!(lang, "job-outcome-reminders", reminders = *reminders)
            }
            JobOutcome::NoCalendarSync => tr!(lang, "job-outcome-no-calendar-sync"),
            JobOutcome::CalendarsRead {
                synced,
                unchanged,
                failed,
                newly_stale,
            } => tr!(
                lang,
                "job-outcome-calendars",
                synced = *synced,
                unchanged = *unchanged,
                failed = *failed,
                stale = *newly_stale
            ),
            JobOutcome::BackedUp {
                file,
                rows,
                bytes,
                removed,
            } => tr!(
                lang,
                "job-outcome-backup",
                file = file.as_str(),
                rows = *rows,
                bytes = *bytes,
                removed = *removed
            ),
            JobOutcome::Failed { error } => tr!(lang, "job-outcome-failed", error = error.as_str()),
            JobOutcome::Panicked { message } => {
                tr!(lang, "job-outcome-panicked", message = message.as_str())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_read_in_each_language_with_plurals() {
        let one = JobOutcome::SessionsCleaned { sessions: 1 };
        let many = JobOutcome::SessionsCleaned { sessions: 3 };
        assert_eq!(one.text(Lang::En), "1 expired session deleted");
        assert_eq!(many.text(Lang::En), "3 expired sessions deleted");
        assert_eq!(many.text(Lang::Fr), "3 sessions expirées supprimées");
        assert_eq!(many.text(Lang::Ja), "期限切れのセッションを3件削除しました");
        let swept = JobOutcome::Swept {
            queued: 2,
            failed: 0,
            purged: 5,
        };
        assert_eq!(
            swept.text(Lang::En),
            "2 queued, 0 failed, 5 old sent messages purged"
        );
        assert!(swept.text(Lang::Fr).contains("5"));
    }
}
