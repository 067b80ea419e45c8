### guest pages: the public booking page, the guest's own booking,
### joining, signing in and the first setup.

# Between names in a row, as in “With Ann Lee, Ken Ito”.
guest-names-separator = { ", " }

## The booking page.
guest-closed-title = This booking page is closed
guest-closed-sorry = Sorry, this booking page is not taking bookings at the moment.
guest-closed-contact = If you were expecting to book here, please contact the person who sent you the link.
guest-duration-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
guest-duration-hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
guest-duration-hours-minutes = { $hours } h { $minutes } min
guest-location-in-person = In person
guest-location-phone = Phone call
guest-location-video = Video call
# $names: the hosts, already joined.
guest-with = With { $names }
guest-notice-not-understood = That time was not understood. Please pick a time from the list.
guest-notice-taken = This time was just taken; pick another one.
guest-pick-day = Pick a day to see its times.
guest-zone-label = Times are shown in
guest-zone-submit = Show times
guest-zone-unknown = We do not know the time zone “{ $zone }”; showing times in UTC instead.
# The calendar of the month, for screen readers.
guest-month-days = Days
guest-month-prev = ‹ Previous month
guest-month-next = Next month ›
# A day of the calendar that has free times, for screen readers.
guest-day-available = { $date }, times available
guest-month-empty = No free times this month.
# The list of a day's times, for screen readers.
guest-times = Times
guest-day-empty = No free times on this day. Please pick another one.
guest-start-taken = This time cannot be booked any more. Please pick another one.
guest-pick-another = ‹ Pick another time
guest-field-your-name = Your name
guest-field-email = Email
guest-required = (required)
guest-optional = (optional)
guest-choose = Choose…
guest-notes-label = Anything the host should know?
guest-book-submit = Book this time
guest-booked-title = You are booked
guest-booked-sent = We sent the details to { $email }. To change or cancel, please contact your host.

## A booking as the guest sees it.
guest-detail-what = What
guest-detail-when = When
guest-detail-where = Where
guest-detail-with = With
guest-detail-guest = Guest
guest-detail-guest-value = { $name } ({ $email })
guest-detail-notes = Notes

## The guest's manage page.
guest-manage-title = Your booking
guest-manage-title-cancelled = Booking cancelled
guest-manage-thanks = Thank you, { $name }. A confirmation is on its way to { $email }.
# $when: date, time and zone of the new time.
guest-manage-moved = Moved to { $when }.
guest-manage-cancelled-now = Cancelled. The hosts have been told.
guest-manage-cancelled = Cancelled. This booking no longer takes place.
# A label, followed by the reason the guest or a host gave.
guest-manage-reason = Reason
guest-manage-add-calendar = Add to calendar
guest-manage-reschedule = Pick another time
guest-manage-cancel-confirm = Cancel this booking?
guest-manage-reason-label = Reason for cancelling
guest-manage-cancel = Cancel booking
guest-manage-contact = To change or cancel this booking, please contact your host.

## Moving a booking.
# A label, followed by the booking's current time.
guest-reschedule-now = Now
guest-reschedule-closed = This booking page is not taking bookings at the moment, so the time cannot be changed online. You can still cancel, or contact your host.
guest-reschedule-free = { $count ->
    [one] Free times in the next day, in { $zone }.
   *[other] Free times in the next { $count } days, in { $zone }.
}
guest-reschedule-none = { $count ->
    [one] There are no free times in the next day. Please contact your host.
   *[other] There are no free times in the next { $count } days. Please contact your host.
}
guest-reschedule-invalid = This time cannot be booked. Please pick one from the list.
guest-reschedule-back = ‹ Back to your booking

## Joining.
guest-join-title = Join { $org }
guest-join-invited = You were invited as { $email }. Choose your name and a password.
guest-join-via-link = Your request goes to an admin, who approves it.
guest-join-via-code = Enter the organization's join code. An admin approves your request.
guest-join-link-invalid = This join link is no longer valid. Ask the organization for the current one.
guest-field-join-code = Join code
guest-field-first-name = First name
guest-field-last-name = Last name
guest-field-phone = Phone
guest-field-department = Department
guest-field-position = Position
guest-field-location = Location
guest-field-new-password = Password (at least 10 characters)
guest-join-submit = Join
guest-joined-title = Welcome aboard
guest-joined-ready = Your account is ready. Sign in with { $email }.
guest-request-sent-title = Request sent
guest-request-sent = Thank you. An admin will look at your request; you can sign in once it is approved.
guest-email-confirmed-title = Email address confirmed
guest-email-confirmed = From now on, sign in with { $email }.

## Signing in.
guest-sign-in = Sign in
guest-field-password = Password
guest-login-wrong = The email or password is wrong.

## The first setup.
guest-setup-done-title = Setup is done
guest-setup-done = This organization already has an owner, so the setup link no longer works.
guest-setup-bad-title = Setup link not valid
# $command: the command line that creates the owner.
guest-setup-bad = Use the setup link that the server printed to its log when it started, or create the owner with { $command }.
guest-setup-title = Create the owner account
guest-setup-intro = You are the first person here. This account will own the organization.
guest-field-organization = Organization name
guest-setup-submit = Create owner and sign in
guest-join-closed-title = Joining is closed
guest-join-closed-body = { $org } is not taking requests to join at the moment.
guest-join-closed-invited = If you were invited, use the link in your invitation mail.

## The page of a mailed link to set a new password.
guest-reset-title = Choose a new password
guest-reset-intro = For { $email }. Once it is set, the old password stops working and every session of this account is signed out.
guest-reset-submit = Set the new password
guest-reset-done-title = New password set
guest-reset-done = Sign in as { $email } with your new password.
