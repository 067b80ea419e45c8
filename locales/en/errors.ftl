### What a refused request tells the person, whatever part of the product refused it.

err-unauthorized = Please sign in first.
err-bad-credentials = The email or password is wrong.
err-awaiting-approval = Your request to join is waiting for an administrator’s approval. You will get an email when it is decided.
err-forbidden-field = You may not change the field { $field }.
err-csrf = Your session form expired. Reload the page and try again.
err-not-found = Nothing was found here.
err-payload-too-large = What you sent is too large.
err-internal = Something went wrong on our side. Please try again.
err-email-taken = The address { $email } already belongs to a member.

## Shared by several forms

err-required = required
err-email-invalid = enter a valid email address
err-too-long = at most { $limit ->
        [1000] 1,000
        [5000] 5,000
       *[other] { $limit }
    } characters
err-names-too-long = names are limited to { $limit } characters
err-unknown-time-zone = unknown time zone "{ $zone }"
err-language = choose en, ja or fr
err-date-out-of-range = a date between 1970 and 2200
err-end-before-start = the end must come after the start
err-between-minutes = between { $min } and { $max } minutes
err-between-days = between { $min } and { $max } days
err-no-member = no member { $id }
err-supervisor-inactive = the supervisor must be an active member
err-not-an-email = "{ $email }" is not a valid email address
err-url-invalid = not a valid URL: { $detail }
err-role-forbids = your role ({ $role }) does not allow this action

## Reading a request

err-body-unreadable = cannot read the body: { $detail }
err-json-field = invalid JSON in field { $field }: { $detail }
err-json = invalid JSON: { $detail }
err-json-required = a JSON body is required
err-form = invalid form: { $detail }
err-query = invalid query: { $detail }
err-query-field = invalid query parameter { $field }: { $detail }
err-path = invalid path: { $detail }
err-upload = invalid upload: { $detail }
err-invalid-cursor = invalid cursor
err-unknown-state = unknown state "{ $state }"
err-unknown-role = unknown role "{ $role }"
err-unknown-outbox-state = unknown state "{ $state }"; use failed, queued or sent
err-unknown-notification-kind = unknown notification kind "{ $kind }"
err-session-api-key = an API key has no session; revoke the key instead

## Too many attempts

err-rate-sign-in = too many sign-in attempts; try again in { $seconds } seconds
err-rate-join = too many requests to join; try again in { $seconds } seconds
err-rate-booking = too many bookings from your address; try again in { $seconds } seconds
err-rate-join-codes = too many wrong join codes; try again in { $minutes } minutes

## Passwords

err-password-too-short = the password must have at least { $min } characters
err-password-too-long = the password must have at most { $max } characters
err-password-too-weak = this password is too common or too easy to guess; try a few unrelated words

## Setup and API keys

err-setup-first-name = enter a first name
err-setup-organization-too-long = the name is limited to { $limit } characters
err-setup-owner-exists = an owner already exists; sign in instead
err-setup-email-taken = a member with this email already exists
err-api-key-name = give the key a name of 1 to { $max } characters

## Webhooks, jobs and the outbox

err-job-running = the job is already running
err-webhook-url-scheme = only http:// and https:// URLs can be called
err-webhook-no-events = choose at least one event
err-webhook-unknown-event = unknown event "{ $event }"; known events: { $known }
err-webhook-secret-short = a secret needs at least { $min } characters
err-webhook-url-needed = give a webhook URL to use the webhook channel
err-outbox-already-sent = message { $id } was already sent
err-outbox-already-sent-at = message { $id } was already sent at { $at }

## Booking pages and bookings

err-booking-already-cancelled = this booking was already cancelled
err-booking-link-dead = this link does not lead to a booking (any more)
err-booking-page-deleted = the booking page of this booking was deleted; cancel and book again
err-list-cursor = the `next` value of the previous page
err-list-limit = from 1 to { $max }
err-book-name = your name, up to { $limit } characters
err-book-email = an email address like name@example.org
err-book-answer-required = “{ $label }” is required
err-book-pick-option = pick one of the options
err-book-unknown-question = no such question on this page
err-slot-date = a date like 2027-03-15 (a date between 1970 and 2200)
err-slot-to-before-from = must not be before from
err-slot-span = at most { $days } days at a time
err-slot-start = a time with its offset, like 2027-03-15T10:00:00+09:00 (a date between 1970 and 2200)
err-slot-taken = this time was just taken; pick another one
err-not-a-slot = this start is not one of the page's free times
err-page-slug-characters = 1 to { $max } characters: lowercase letters, digits and hyphens
err-page-slug-hyphens = no hyphen at the start or end, and no double hyphen
err-page-too-many-questions = at most { $max } questions
err-page-question-label = a label of 1 to { $max } characters
err-page-choice-options = a single choice needs at least two options
err-page-title = a title of 1 to { $max } characters
err-page-address-needed = an in-person meeting needs an address
err-page-video-link = a video link starts with https://
err-page-hosts-count = between 1 and { $max } hosts
err-page-single-host = a single-host page has exactly one host; use collective or round robin for more
err-page-host-inactive = { $id } is not an active member
err-page-own-hosts = your own pages must have you among the hosts
err-page-create-forbidden = you may not create booking pages
err-page-slug-taken = the address /book/{ $slug } is already used by another page
err-page-not-found = there is no booking page at /book/{ $slug }
err-page-disabled = this booking page is not taking bookings at the moment

## Schedules

err-schedule-time-format = times are HH:MM between 00:00 and 24:00
err-schedule-end-before-start = { $start }–{ $end }: the end must come after the start
err-schedule-overlap = intervals overlap around { $time }
err-schedule-weekdays = weekdays are mon, tue, wed, thu, fri, sat, sun
err-schedule-break-outside = a break must lie inside the working hours of its day
err-schedule-daily-cap-min = a daily cap is at least 1 (leave it empty for no cap)
err-schedule-daily-cap-no-hours = a daily cap needs working hours on that day
err-schedule-open-cap-min = at least 1 (leave it empty for no cap)

## Members and joining

err-join-first-name = enter your first name
err-join-last-name = enter your last name
err-join-field-required = { $field } is required to join
err-invitation-gone = this invitation link was already used, has expired or was withdrawn; ask for a new one
err-join-unknown-code = this join link or code is not valid (it may have been replaced)
err-join-link-replaced = this join link is no longer valid; ask for the current one
err-last-owner-role = the last owner cannot be given another role; make someone else owner first
err-supervise-self = a member cannot supervise themself
err-supervisor-loop = this would make a loop of supervisors
err-first-name-empty = the first name cannot be empty
err-meeting-url = a meeting URL starts with https://
err-icon-color = a color like #2458d3
err-email-belongs-to-member = this address already belongs to a member
err-email-link-used = this confirmation link was already used or has expired
err-password-link-used = this link to set a new password was already used or has expired; ask an administrator for a new one
err-not-bulk-editable = { $field } cannot be bulk edited; only department, position and location can
err-ids-strings = ids are strings
err-ids-missing = give the ids of the members to edit
err-text-value = a text value
err-not-applicable = { $field } cannot be applied to others; choose from { $fields }
err-last-owner-keeps-role = { $email } is the last owner and keeps that role
err-catalog-name = a name of 1 to { $max } characters
err-catalog-exists = the { $kind } "{ $name }" already exists
err-catalog-not-empty = the { $kind } "{ $name }" still has { $count ->
    [one] { $count } member
   *[other] { $count } members
}; move them first
err-catalog-unknown = there is no { $kind } named "{ $name }"
err-illegal-transition = cannot { $action ->
        [cancel_invitation] cancel invitation
       *[other] { $action }
    } a member who is { $state } (current state: { $state })
err-owner-remove-or-restore = only an owner can remove or restore an owner
err-remove-self = you cannot remove yourself; ask another admin
err-owner-remove = only an owner can remove an owner
err-last-owner-remove = the last owner cannot be removed; make someone else owner first

## Invitations and imports

err-invite-forbidden = your role does not allow inviting people
err-invite-unsent-forbidden = only admins can create members without sending the invitation
err-invite-none = enter at least one email address
err-invite-too-many = at most { $max } addresses at once; use the CSV import for more
err-invite-duplicate = { $email } appears more than once in this request
err-not-requirable = "{ $field }" cannot be required
err-refusal-active = { $email } is already a member
err-refusal-pending = { $email } has already joined and waits for approval: approve instead
err-refusal-rejected = { $email } was rejected before: re-examine instead
err-refusal-removed = { $email } was removed from the organization: restore instead, or invite the address as a new person
err-refusal-invited = { $email } is already invited: resend the invitation instead
err-refusal-draft = { $email } is already created but not invited: activate instead
err-refusal-known = { $email } cannot be invited; ask an admin
err-csv-not-utf8 = the file is not UTF-8 text; save it as CSV UTF-8
err-csv-header = cannot read the header row: { $detail }
err-csv-no-email-column = the header row needs an email column; expected: { $columns }
err-csv-unknown-column = unknown column "{ $column }"; expected: { $columns }
err-csv-line = line { $line }: { $detail }
err-csv-empty = the file has no rows under the header
err-csv-daily-limit = the daily import limit is { $limit } rows per person and per address; { $used } used today, this file has { $count }; it resets at { $resets }
err-csv-daily-limit-reached = the daily import limit of { $limit } rows is reached; it resets at { $resets }
err-csv-unknown-role = unknown role "{ $role }"; use admin, manager, member or restricted
err-csv-role-forbidden = you cannot give the role { $role }
err-csv-unknown-department = there is no department "{ $department }" (tick "create missing departments" to create it)
err-csv-too-long = { $field } is longer than { $limit } characters
