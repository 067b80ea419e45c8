### booking_admin pages: booking pages and bookings, as members manage them.

## Shared by both lists.
bkadm-all-hosts = All hosts
bkadm-filter = Filter
bkadm-filter-host = Host
bkadm-former-member = (former member)
bkadm-state-confirmed = Confirmed
bkadm-state-cancelled = Cancelled

## What a change tells afterwards.
bkadm-done-created = Booking page created. Share its link with your guests.
bkadm-done-saved = Saved.
bkadm-done-enabled = The page takes bookings again.
bkadm-done-disabled = The page is switched off: its link now tells guests it takes no bookings.
bkadm-done-deleted = Booking page deleted. Its past bookings stay readable under Bookings.
bkadm-done-settings = Booking settings saved.
bkadm-done-cancelled = The booking is cancelled; the guest and the hosts are told by mail.
bkadm-done-rescheduled = The booking moved; the guest and the hosts get the new time by mail.

## The list of booking pages.
bkadm-pages-title = Booking pages
bkadm-pages-search = Search booking pages
bkadm-pages-search-placeholder = Title or address
bkadm-pages-filter-enabled = Enabled
bkadm-pages-on-and-off = On and off
bkadm-pages-taking-bookings = Taking bookings
bkadm-pages-switched-off = Switched off
bkadm-pages-filter-assignment = Assignment
bkadm-pages-any-assignment = Any assignment
bkadm-pages-col-title = Title
bkadm-pages-col-link = Public link
bkadm-pages-col-duration = Duration
bkadm-pages-col-assignment = Assignment
bkadm-pages-col-hosts = Hosts
bkadm-pages-col-enabled = Enabled
bkadm-pages-col-actions = Actions
bkadm-pages-minutes = { $count } min
bkadm-pages-on = On
bkadm-pages-off = Off
bkadm-pages-edit = Edit
bkadm-pages-disable = Disable
bkadm-pages-enable = Enable
bkadm-pages-allow-overlap = Allow overlapping bookings (a host's bookings may overlap across pages)
bkadm-pages-save-setting = Save setting
bkadm-pages-empty = No booking pages yet.
bkadm-pages-empty-hint = A booking page gives guests a link where they pick a free time with you or your team.
bkadm-pages-new = New booking page
bkadm-pages-none-match = No booking pages match these filters.
bkadm-pages-show-all = Show all
bkadm-pages-org-settings = Organization settings

## How hosts are assigned, kinds of location and of questions.
bkadm-assign-single = One host
bkadm-assign-collective = Collective (all hosts attend)
bkadm-assign-round-robin = Round robin (one free host)
bkadm-location-none = No location
bkadm-location-in-person = In person
bkadm-location-phone = Phone
bkadm-location-video = Video
bkadm-kind-short-text = Short text
bkadm-kind-long-text = Long text
bkadm-kind-single-choice = Single choice

## The booking page form.
bkadm-form-edit-title = Edit “{ $title }”
bkadm-form-fix-fields = Please correct the marked fields.
bkadm-form-back = ← All booking pages
bkadm-form-save = Save changes
bkadm-form-create = Create booking page
bkadm-form-page = Page
bkadm-form-title = Title
bkadm-form-slug = Address
# $link is the page's public address, shown as code.
bkadm-form-slug-hint = Lowercase letters, digits and hyphens. Guests book at { $link }
bkadm-form-description = Description (shown to guests)
bkadm-form-taking-bookings = Taking bookings
bkadm-form-timing = Timing
bkadm-form-duration = Duration (minutes)
bkadm-form-step = Slot step (minutes; empty: the duration)
bkadm-form-buffer-before = Buffer before (minutes)
bkadm-form-buffer-after = Buffer after (minutes)
bkadm-form-notice = Minimum notice (minutes)
bkadm-form-horizon = Bookable up to (days ahead)
bkadm-form-location = Location
bkadm-form-location-kind = Kind
bkadm-form-location-value = Address, phone number or video link
bkadm-form-location-hint = For video, leave the link empty to use each host's meeting URL (or a generated link).
bkadm-form-hosts = Hosts
bkadm-form-assignment = Assignment
bkadm-form-host-status = Host status
bkadm-form-can-serve = can serve
bkadm-form-host-gone = { $id } is no longer a member
bkadm-form-questions = Questions for the guest
bkadm-form-questions-hint = Name and email are always asked. A row with an empty label is ignored; options are one per line and only used by single choice. Save to get two more empty rows.
bkadm-form-col-label = Label
bkadm-form-col-kind = Kind
bkadm-form-col-options = Options
bkadm-form-col-required = Required
bkadm-form-question-label = Question { $number } label
bkadm-form-question-kind = Question { $number } kind
bkadm-form-question-options = Question { $number } options
bkadm-form-question-required = Question { $number } required
bkadm-form-delete = Delete this page
bkadm-form-delete-hint = Its address /book/{ $slug } stops working and becomes free. Past and upcoming bookings stay readable under Bookings (cancel them there if needed).
bkadm-form-delete-button = Delete “{ $title }” for good

## What the booking page form refuses.
bkadm-err-whole-number = a whole number
bkadm-err-pick-assignment = pick how hosts are assigned
bkadm-err-pick-location = pick a kind of location
bkadm-err-pick-kind = pick a kind

## The list of bookings.
bkadm-bookings-title = Bookings
bkadm-bookings-bad-date = Dates look like 2027-03-15; the wrong one was left out.
bkadm-bookings-filter-page = Booking page
bkadm-bookings-all-pages = All pages
bkadm-bookings-from = From
bkadm-bookings-to = to
bkadm-bookings-filter-state = State
bkadm-bookings-any-state = Confirmed and cancelled
bkadm-bookings-times-in = Times in { $zone }. Without dates, the list shows what is still to come.
bkadm-bookings-empty = No bookings here.
bkadm-bookings-empty-hint = When guests book one of your pages, their bookings appear in this list.
bkadm-bookings-to-pages = Go to your booking pages
bkadm-bookings-col-when = When
bkadm-bookings-col-page = Page
bkadm-bookings-col-guest = Guest
bkadm-bookings-col-hosts = Hosts
bkadm-bookings-col-state = State
bkadm-bookings-col-detail = Detail
bkadm-bookings-open = Open
bkadm-bookings-more = More bookings
bkadm-bookings-first-page = ← First page
bkadm-bookings-next = Next { $count } →

## A booking's detail.
bkadm-detail-title = { $page } with { $guest }
bkadm-detail-back = ← All bookings
bkadm-detail-bad-day = a day looks like 2027-03-15; showing tomorrow
bkadm-detail-when = When
bkadm-detail-for-guest = For the guest: { $when }
bkadm-detail-state = State
bkadm-detail-page = Booking page
bkadm-detail-guest = Guest
bkadm-detail-hosts = Hosts
bkadm-detail-location = Location
bkadm-detail-none-given = None given
bkadm-detail-why-host = Why this host
bkadm-why-fewest = Fewest bookings in the period ({ $bookings })
bkadm-why-fewest-tied = Fewest bookings in the period ({ $bookings }), as few as { $others ->
    [one] one other host
   *[other] { $others } other hosts
}; waited longest since their last booking
bkadm-detail-notes = Notes
bkadm-detail-none = None
bkadm-detail-cancelled-by = Cancelled by
bkadm-detail-by-guest = the guest
bkadm-detail-reason = Reason
bkadm-detail-sequence = Sequence
bkadm-detail-sequence-hint = (changes mailed so far)
bkadm-detail-booked = Booked
bkadm-detail-move = Move to another time
bkadm-detail-day = Day
bkadm-detail-show-times = Show free times
bkadm-detail-no-time = No free time on this day for the booking's hosts. Try another day.
bkadm-detail-pick-start = Pick the new start ({ $zone }):
bkadm-detail-not-movable-cancelled = A cancelled booking cannot be moved.
bkadm-detail-not-movable-page-gone = Its booking page was deleted; cancel it and book again instead.
bkadm-detail-cancel = Cancel
bkadm-detail-cancel-reason = Reason (sent to the guest; optional)
bkadm-detail-cancel-button = Cancel this booking
