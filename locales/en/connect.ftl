### Connect: external members, their candidate dates, and Messages.

nav-messages = Messages

## The external members list and page (admins).
connect-off-title = Connect is off.
connect-off-explained = Turn it on to invite external members. Turning it off later keeps every external member and booking page.
connect-turn-on = Turn Connect on
connect-turn-off = Turn Connect off
connect-usage = { $used } of { $max } external members used
connect-filter = Filter by name
connect-filter-apply = Filter
connect-filter-none = No external member has that name.
connect-invite-title = Invite an external member
connect-invite-send = Send the invitation
connect-field-name = Name
connect-field-email = Email
connect-field-organization = Organization
connect-field-contact = Member in charge
connect-field-language = Language of the mail
connect-field-status = Dates
connect-status-awaiting = Awaiting dates
connect-status-entered = Dates entered on { $date }
connect-requested-on = Dates last requested on { $date }
connect-back = All external members
connect-ranges-title = Candidate dates
connect-ranges-none = No upcoming candidate dates.
connect-message-title = Message
connect-request-again = Request dates again
connect-request-confirm = Send { $name } a new link? The old link stops working at once.
connect-pages-title = Booking pages
connect-pages-none = No booking page has this external member as a host yet.
connect-pages-new = New booking page
connect-page-off = Off: awaiting dates
connect-edit-title = Account settings
connect-delete = Delete this external member
connect-delete-confirm = Delete { $name }? { $count ->
    [0] No upcoming booking will be cancelled.
    [one] One upcoming booking will be cancelled, with mails to everyone.
   *[other] { $count } upcoming bookings will be cancelled, with mails to everyone.
}
connect-deleted-reason = { $name } is no longer available.
connect-done-invited = Invitation sent.
connect-done-requested = A new link was sent; the old one no longer works.
connect-done-deleted = External member deleted.
connect-done-saved = Saved.
connect-done-on = Connect is on.
connect-done-off = Connect is off. External members and pages are kept.

## The candidate-date page behind the mailed link.
connect-page-title = Your candidate dates
connect-page-intro = Hello { $name }, { $org } asks when you are available. Pick the times that suit you, then confirm.
connect-page-zone = Time zone
connect-page-ranges = Available times
connect-page-ranges-help = One range per row, up to { $max } ranges of at most { $days } days each. Leave a row empty to skip it.
connect-page-from = From
connect-page-to = To
connect-page-message = Message (optional)
connect-page-review = Review
connect-page-saved = Saved. You can change your dates with the same link.
connect-page-expires = This link works until { $date }.
connect-grid-prev = Previous week
connect-grid-next = Next week
connect-grid-help = Tap or drag over the half hours when you are free; the rows below follow.
connect-grid-cell = Available at
connect-review-title = Check your dates
connect-review-intro = These are the times you offer:
connect-review-save = Save
connect-review-change = Change

## Told to the member in charge.
connect-dates-entered-title = { $name } entered candidate dates

## Mails.
mail-connect-subject = { $inviter } of { $org } asks for your available dates
mail-connect-greeting = Hello { $name },
mail-connect-body = { $inviter } of { $org } would like to know when you are available. Follow this link to pick your candidate dates; no account is needed. The link works until { $expires }.
mail-connect-button = Enter my dates
booking-contact-to-change = To change or cancel this booking, contact { $contact }.

## Messages.
messages-title = Messages
messages-empty = No messages yet.
messages-explained = Messages that external members send with their dates, and notes guests leave when they book, appear here.
messages-kind-external = External member
messages-kind-note = Booking note

## Errors.
err-connect-disabled = Connect is off. An admin can turn it on under External members.
err-connect-limit = The organization already has { $max } external members, the most allowed ([limits] external_members_max).
err-connect-email-taken = { $email } is already an external member
err-connect-contact-inactive = choose an active member
err-connect-link-unknown = This link is not valid. Ask the person who sent it for a new one.
err-connect-link-expired = This link has expired. Ask the person who sent it for a new one.
err-connect-link-superseded = A newer link was sent to you: use the one in the latest mail.
err-connect-no-ranges = add at least one range
err-connect-too-many = at most { $max } ranges
err-connect-end-before-start = the end must be after the start
err-connect-past = this range is in the past
err-connect-too-long = a range is at most { $days } days
err-connect-overlap = this range overlaps another
err-page-external-round-robin = Round robin is not offered on pages with external members; choose one host or collective.
err-page-awaiting-dates = { $name } has not entered candidate dates yet; the page can be enabled once they have.
host-problem-awaiting-dates = { $name } has not entered candidate dates yet, so the page cannot be enabled
bkadm-form-external = external member
