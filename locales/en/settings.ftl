# settings
### The settings page (organization, join rules, booking, mail, jobs,
### webhooks, API keys), the test message's answer, why a host cannot
### serve a booking page, and why a booking page shows no times.

## Why a host cannot serve a booking page (the page editor, the API).
host-problem-not-active = { $name } is not active
host-problem-no-meeting-url = { $name } has no meeting URL and no video link pattern is configured
host-problem-gone = { $name } is no longer a member
