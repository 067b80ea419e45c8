### The signed-in organization pages: dashboard, settings, webhooks, the
### mail queue and jobs, notifications, the schedule editor.

## Shared by several pages.
org-when-utc = When (UTC)
org-duration-ms = { $ms } ms
org-delete = Delete
org-save = Save
org-saved = Saved.

## Roles, as in “You are owner of …”.
org-role-owner = owner
org-role-admin = admin
org-role-manager = manager
org-role-member = member
org-role-restricted = restricted

## The dashboard.
org-dashboard-title = Dashboard
# $org is shown in bold.
org-dashboard-welcome = Welcome, { $name }. You are { $role } of { $org }.

## External members (a section still to come).
org-external-title = External members
org-external-empty = No external members yet.
org-external-explained = External members are people outside the organization who enter candidate dates without an account.

## Settings.
org-settings-title = Settings
org-settings-organization = Organization
org-settings-api-keys = API keys
# $header is the header to send, as code.
org-settings-api-keys-explained = Scripts call the JSON API with { $header }. A key acts as you.
org-settings-key-once = Copy this key now: it is shown only once.
org-settings-key-name = Name
org-settings-key-prefix = Key starts with
org-settings-key-created = Created
org-settings-revoke-confirm = Revoke this key? Scripts using it stop working at once.
org-settings-revoke = Revoke
org-settings-new-key-name = New key name
org-settings-create-key = Create key
org-settings-audit = Audit log
org-settings-audit-empty = Nothing yet.
org-settings-audit-who = Who
org-settings-audit-what = What
org-settings-audit-target = Target
# Who did it, when no member did (a job, the setup page, the command line).
org-settings-audit-system = system

## Webhooks.
org-webhooks-title = Webhooks
# $body and $header are code samples.
org-webhooks-explained = Convene POSTs a JSON body { $body } to each URL, signed in the header { $header } with the webhook's secret.
org-webhooks-created = Webhook created. Copy its signing secret now: it is shown only once.
org-webhooks-events-of = Events: { $events }
org-webhooks-no-deliveries = No deliveries yet.
org-webhooks-event = Event
org-webhooks-status = Status
org-webhooks-time = Time
org-webhooks-ping = Send a ping
org-webhooks-delete-confirm = Delete this webhook?
org-webhooks-add-title = Add a webhook
org-webhooks-url = URL
org-webhooks-events = Events
org-webhooks-add = Add webhook

## The mail queue.
org-mail-title = Mail queue
org-mail-test-sent = A test message to { $email } is on its way.
org-mail-tab-failed = Failed ({ $count })
org-mail-tab-queued = Queued ({ $count })
org-mail-tab-sent = Sent ({ $count })
org-mail-tab-held = Held ({ $count })
org-mail-held-note = These messages were queued in the backup this database was restored from. Some may have gone out already from the server the backup was taken on. Drop the ones that must not go twice, then send the rest.
org-mail-release = { $count ->
    [one] Send the held message
   *[other] Send the { $count } held messages
}
org-mail-empty = No messages here.
org-mail-created = Created (UTC)
org-mail-to = To
org-mail-subject = Subject or event
org-mail-attempts = Attempts
org-mail-last-error = Last error
org-mail-retry = Retry
org-mail-drop-confirm = Drop this message? It will not be sent.
org-mail-drop = Drop
org-mail-send-test = Send a test message to me

## Scheduled jobs.
org-jobs-title = Scheduled jobs
org-jobs-job = Job
org-jobs-schedule = Schedule
org-jobs-last-run = Last run (UTC)
org-jobs-outcome = Outcome
org-jobs-next-run = Next run (UTC)
org-jobs-never = never
org-jobs-running = running…
org-jobs-run-now = Run now
org-job-outbox-sweep = Wakes the mail worker for due retries; purges old sent messages
org-job-token-cleanup = Deletes expired sessions and tokens
org-job-admin-digest = Mails admins the pending approvals and failed mail
org-job-booking-reminders = Sends the booking reminders that are due

## Notifications.
org-notifications-title = Notifications
org-notifications-empty = Nothing yet. Bookings, approvals and imports will show up here.
org-notifications-read-all = Mark all read
org-notifications-what = What
org-notifications-new = new
org-notifications-open = Open
org-notifications-choose = Choose how you are notified
org-notification-test = Test notification
# $who is a name with its address: Ann Lee <ann@example.org>
org-notification-pending = { $who } waits for approval
org-notification-import = Import finished: { $invited } invited, { $skipped } skipped, { $errors } with errors

## Notification preferences.
org-prefs-title = Notification settings
org-prefs-notify-me = Notify me when…
org-prefs-email = Email
org-prefs-in-app = In the app
org-prefs-webhook = Webhook
org-prefs-aria-email = { $kind }: email
org-prefs-aria-in-app = { $kind }: in the app
org-prefs-aria-webhook = { $kind }: webhook
org-prefs-webhook-url = Webhook URL (for example a Slack or Zapier hook)
org-prefs-send-test = Send me a test notification
org-kind-booking-created = A booking is made
org-kind-booking-changed = A booking is rescheduled
org-kind-booking-cancelled = A booking is cancelled
org-kind-external-dates = An external member entered dates
org-kind-member-pending = Someone waits for approval
org-kind-import-finished = An import finished
org-kind-test = Test notifications

## A member's schedule.
org-schedule-title = Schedule of { $name }
org-schedule-timezone = Time zone
org-schedule-open-cap = Open booking cap (empty: no cap)
org-schedule-save = Save schedule
org-schedule-unavailability = Unavailability
org-schedule-none = None.
org-schedule-from = From
org-schedule-to = to
org-schedule-reason-placeholder = Reason (e.g. sick leave)
org-schedule-reason = Reason
org-schedule-add = Add
org-schedule-in-zone = (in the member's time zone, { $zone })
org-schedule-whole-number = a whole number
org-schedule-date-time = a date and time (a date between 1970 and 2200)
org-schedule-out-of-range = out of range

## What a scheduled job did.
job-outcome-swept = { $queued } queued, { $failed } failed, { $purged } old sent messages purged
job-outcome-sessions = { $sessions ->
    [one] { $sessions } expired session deleted
   *[other] { $sessions } expired sessions deleted
}
job-outcome-digests = { $digests ->
    [one] { $digests } digest queued
   *[other] { $digests } digests queued
}
job-outcome-reminders = { $reminders ->
    [one] { $reminders } reminder queued
   *[other] { $reminders } reminders queued
}
job-outcome-no-calendar-sync = no calendar sync here
job-outcome-calendars = { $synced } calendars read, { $unchanged } unchanged, { $failed } failed, { $stale } newly stale
job-outcome-backup = { $file } written ({ $rows } rows, { $bytes } bytes); { $removed } old backups removed
job-outcome-failed = failed: { $error }
job-outcome-panicked = the job stopped with an internal error: { $message }
org-job-backup = Writes an online backup and keeps the newest ones ([backup] keep)
