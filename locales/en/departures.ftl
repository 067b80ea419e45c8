### A member leaves: their bookings, pages and external members.

## Booking mails when another host takes over at the same time.
booking-reassigned-subject-guest = New host: { $title } — { $when }
booking-reassigned-subject-host = Now yours: { $title } with { $guest } — { $when }
booking-reassigned-intro-guest = Your booking keeps its time; someone else from the team will meet you.
booking-reassigned-intro-host = The booking with { $guest } is now yours, at the same time.

## Why a booking has its host.
bkadm-why-reassigned = Reassigned when its host left the organization
bkadm-why-reassigned-fewest = Reassigned by round robin when its host left (fewest bookings in the period: { $bookings })

## Told to admins and guests.
dep-cancel-reason = The host has left the organization.
dep-page-without-hosts = “{ $title }” has no host since { $name } left, and was switched off
dep-kind-page-without-hosts = A booking page lost its last host
err-departure-decisions = Decide first what happens to { $bookings ->
    [one] one booking
   *[other] { $bookings } bookings
} and { $externals ->
    [one] one external member
   *[other] { $externals } external members
}; nothing was changed.

## The departure page.
dep-title = { $name } leaves
dep-back = All members
dep-intro = Before { $name } leaves, decide what happens to what they hold. Nothing changes until you confirm, and then everything changes at once.
dep-bookings = { $count ->
    [one] One upcoming booking
   *[other] { $count } upcoming bookings
}
dep-no-bookings = No upcoming booking.
dep-col-when = When
dep-col-page = Page
dep-col-what = What happens
dep-goes-to = Goes to { $name } by round robin
dep-choose = Choose…
dep-cancel = Cancel it, with mails
dep-reassign-to = Give it to { $name }
dep-not-free = That member is not free then; choose someone else or cancel.
dep-reason = Reason told to guests of cancelled bookings
dep-pages = Booking pages they leave
dep-page-off = switched off: no host left
dep-externals = External members they are in charge of
dep-externals-to = New member in charge
dep-calendars = Their calendar feed and { $calendars } connected calendars are deleted.
dep-terminate = Remove { $name }
