# calendars
err-calendar-not-yours = Only the member and administrators can see or change a member's calendars.
err-calendar-url-missing = Enter the calendar's address.
err-calendar-url-credentials = Put the user name and password in their own fields, not in the address.
err-calendar-url-scheme = The address must start with https://, http:// or webcal://.
err-calendar-url-refused = This address cannot be used: { $reason }
err-calendar-kind = "{ $kind }" is not a kind of calendar: use ical_url or caldav.
err-calendar-username-missing = A password needs a user name.
err-calendar-write-back-caldav = Only CalDAV calendars can receive bookings.
err-calendar-write-calendar = { $href } is not one of this account’s calendars.
err-calendar-on-cancel = “{ $value }” is not a choice: use delete or mark_cancelled.
err-calendar-unknown-collection = No calendar of this account has the address { $href }.

cal-problem-unreachable = The calendar server could not be reached ({ $detail }).
cal-problem-refused = The address is not allowed from this server ({ $detail }).
cal-problem-too-large = The calendar is larger than this server accepts ({ $detail } bytes).
cal-problem-unauthorized = The calendar server refused the user name or password ({ $detail }).
cal-problem-not-found = The calendar server has nothing at this address ({ $detail }).
cal-problem-http = The calendar server answered with an error ({ $detail }).
cal-problem-not-a-calendar = The address does not lead to a calendar (perhaps a sign-in page).
cal-problem-unparsable = The calendar could not be read ({ $detail }).
cal-problem-too-many = The calendar has more events than can be imported ({ $detail }).
cal-problem-no-calendars = No calendar was found for this account ({ $detail }).
cal-problem-not-caldav = The address does not answer as a CalDAV server ({ $detail }).
cal-problem-password = The stored password can no longer be read: enter it again ({ $detail }).
cal-problem-write-target-gone = The calendar bookings are written to is no longer there; choose another one ({ $detail }).
cal-problem-other = The sync failed ({ $detail }).

cal-kind-stale = A connected calendar stopped syncing
cal-stale-title = The calendar of { $member } ({ $host }) has not synced
cal-stale-hiding = It has not synced for more than { $hours ->
    [one] one hour
   *[other] { $hours } hours
}, so its member's times are not offered until it syncs again.
cal-stale-offering = It has not synced for more than { $hours ->
    [one] one hour
   *[other] { $hours } hours
}; times are still offered from the last good copy.

cal-kind-ical = iCal address
cal-kind-caldav = CalDAV account
cal-state-ok = Syncing
cal-state-failing = Failing
cal-state-hiding = Stale: times hidden
cal-state-waiting = Not synced yet
cal-title-own = My calendars
cal-title-of = Calendars of { $member }
cal-explained = Events in the calendars connected here count as busy times: nobody can book you while you are busy elsewhere. They are read every few minutes, and whenever you press "Sync now".
cal-privacy = Only each event's start, end and identifier are kept. Titles, descriptions, attendees and places are never stored.
cal-none = No calendar is connected yet. Connect the secret iCal address of your Google, Outlook, Apple or Nextcloud calendar, or a CalDAV account.
cal-address = Address
cal-account = Account
cal-last-sync = Last sync
cal-never = never
cal-last-good = Last good sync
cal-busy-times = Busy times kept
cal-events = { $count ->
    [one] one busy time
   *[other] { $count } busy times
}
cal-hiding-explained = This calendar has not synced for too long, so your times are not offered until it syncs again.
cal-collections = Calendars of this account that count as busy
cal-collections-save = Save the selection
cal-sync-now = Sync now
cal-disconnect = Disconnect
cal-disconnect-confirm = Disconnect this calendar? Its busy times are removed at once.
cal-relink = Re-link (another address or password)
cal-username = User name
cal-password-new = New password
cal-password-kept = Leave the password empty to keep the one stored.
cal-relink-save = Save and sync
cal-connect-title = Connect a calendar
cal-kind = Kind
cal-address-help = The secret iCal address (https:// or webcal://) from your calendar's sharing settings, or a CalDAV server, principal or calendar address.
cal-password = Password
cal-password-help = Only if the calendar asks for one (CalDAV: an app password is best). It is stored encrypted and never shown again.
cal-connect = Connect and sync
cal-note-unknown-zone = A time zone was not recognised and was read in your own: { $detail }
cal-note-skipped = An event was skipped: { $detail }
cal-filters = Filter by integration
cal-filter-all = Everyone
cal-filter-connected = Calendar connected
cal-filter-failing = Calendar failing
cal-filter-none = No calendar
cal-filter-no-meeting-url = No meeting URL
cal-overview-empty = No member matches this filter.
cal-col-member = Member
cal-col-calendar = Calendar
cal-col-last-sync = Last sync
cal-col-meeting-url = Meeting URL
cal-not-connected = not connected
cal-meeting-url-missing = missing
cal-meeting-url-set = set
cal-overview-title = Integrations
cal-synced = Synced: { $count ->
    [one] one busy time
   *[other] { $count } busy times
}.
cal-connected = Connected.
cal-disconnected = The calendar is disconnected and its busy times are removed.

cal-job-sync = Reads members' connected calendars as busy times
cal-link = Calendars

err-integration-filter-admins = Only administrators can filter members by their integrations.
err-integration-filter = Unknown integration filter: use one of { $choices }.
cal-write-back = Bookings in this calendar
cal-write-back-on = Write new bookings into this calendar
cal-write-back-help = Each booking appears as an event, moves when it is rescheduled, and goes when it is cancelled. One calendar per member receives bookings; choosing this one unchooses the others.
cal-write-calendar = Calendar that receives the bookings
cal-write-calendar-default = The account’s default calendar
cal-on-cancel = When a booking is cancelled
cal-on-cancel-delete = Delete its event
cal-on-cancel-mark = Keep its event, marked cancelled
cal-write-back-save = Save
cal-last-write = Last booking written:
