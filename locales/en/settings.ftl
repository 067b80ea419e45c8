# settings
### The settings page (organization, join rules, booking, mail, jobs,
### webhooks, API keys), the test message's answer, why a host cannot
### serve a booking page, and why a booking page shows no times.

## The organization.
settings-org-name = Name
settings-org-timezone = Time zone
settings-org-language = Default language
settings-org-defaults-hint = New members start with this time zone and language.
settings-owner-only = Only the owner can change the time zone and the language: they are what new members start with.
settings-org-color = Colour of the public pages
settings-org-color-default = Use Convene's own colour
settings-org-color-hint = Buttons and links of the booking, sign-in and join pages take this colour.
settings-color-darkened = { $color } is too light to read on the pages ({ $ratio }:1, at least 4.5:1 is needed), so they use the darker { $used } instead.
settings-err-name-empty = the organization needs a name
settings-err-color = “{ $color }” is not a colour: write it as #rrggbb

## API keys.
settings-key-regenerate = Regenerate
settings-key-regenerate-named = Regenerate { $name }
settings-key-regenerate-confirm = Regenerate this key? Scripts using the old key stop working at once.

## Join rules, booking.
settings-rules-link = The public link, the join code and the QR code
settings-booking = Booking
settings-booking-overlap-hint = When this is off, a member's bookings never overlap, across all booking pages.
settings-booking-pages-link = Booking pages

## Mail, jobs, webhooks, audit log.
settings-mail = Mail
settings-mail-transport = Sent by
settings-mail-smtp = an SMTP server
settings-mail-file = files in the data folder (nothing is sent)
settings-mail-log = the server's log (nothing is sent)
settings-mail-destination = Where
settings-mail-from = From
settings-mail-test-hint = A test message goes to you at once, not through the queue, and the page shows what the mail server answered.
settings-mail-test = Send a test message now
settings-jobs-last = Last outcome
settings-jobs-link = Run a job now, see the next runs
settings-webhooks-count = { $count ->
    [0] No webhooks yet.
    [one] One webhook.
   *[other] { $count } webhooks.
}
settings-webhooks-link = Manage webhooks
settings-webhook-pinged = A test call is on its way; its delivery shows here in a moment.
settings-webhook-deleted = The webhook is deleted.
settings-audit-link = Search the whole audit log
settings-back = ‹ Settings

## The answer to a test message.
settings-test-title = Test message
settings-test-accepted = The mail server { $server } accepted the message for { $email }. Its answer:
settings-test-written = The message was written to a file (mail.transport = "file"); no mail server was asked:
settings-test-logged = The message was written to the server's log (mail.transport = "log"); no mail server was asked.
settings-test-config = The mail settings cannot work as they are written:
settings-test-refused = Nothing answered at { $server }: the connection was refused. Is the mail server running, and are the host and port of mail.smtp_url right?
settings-test-timeout = { $server } did not answer within { $seconds } seconds.
settings-test-tls = No secure connection to { $server } could be set up:
settings-test-auth = { $server } refused the sign-in. Check the user name and password in mail.smtp_url. Its answer:
settings-test-rejected = { $server } refused the message. Its answer:
settings-test-other = The message could not be sent:

## Why a host cannot serve a booking page (the page editor, the API).
host-problem-not-active = { $name } is not active
host-problem-no-meeting-url = { $name } has no meeting URL and no video link pattern is configured
host-problem-gone = { $name } is no longer a member

## Why the public booking page shows no times: one reason, for the month
## or for the chosen day ($scope is "month" or "day").
book-why-no-host = This page cannot take bookings at the moment.
book-why-past = { $scope ->
    [day] This day is over.
   *[month] This month is over.
}
book-why-notice = { $scope ->
    [day] Bookings must be made at least { $notice } ahead, so the times left on this day are too soon.
   *[month] Bookings must be made at least { $notice } ahead, so the times left this month are too soon.
}
book-why-notice-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
book-why-horizon = { $days ->
    [one] Bookings open up to { $days } day ahead.
   *[other] Bookings open up to { $days } days ahead.
}
book-why-no-hours = { $scope ->
    [day] No working hours are set on this day.
   *[month] No working hours are set this month.
}
book-why-open-cap = No new bookings are taken for now: the limit of upcoming bookings is reached.
book-why-daily-cap = { $scope ->
    [day] The day's booking limit is reached.
   *[month] The daily booking limit is reached on every day with free time this month.
}
book-why-booked = { $scope ->
    [day] Every time on this day is taken.
   *[month] Every time this month is taken.
}
host-problem-calendar-stale = { $name }'s calendar has not synced for too long, so their times are not offered
