# dashboard: the start page, and the lines that say what a list is filtered by

## The organization at a glance (owners and admins)
dash-org-heading = Your organization
dash-active = Active members
dash-pending = Waiting for approval
dash-invited = Invitations not accepted yet
dash-bookings-week = Bookings this week
dash-failed-mail = Emails that could not be sent
dash-calendar-errors = Calendars with sync errors
dash-alone = You are the only member so far.
dash-alone-hint = Invite your colleagues: they can host bookings and keep their own hours.

## A host's own part
dash-next-heading = Your next bookings
dash-booking-with = { $page } with { $guest }
dash-times-in = Times in { $zone }.
dash-all-bookings = All your bookings
dash-all-bookings-more = All your bookings, and more to come
dash-no-bookings = Nothing is booked with you yet.
dash-no-bookings-hint = Share the address of one of your booking pages: what guests book shows here.
dash-to-pages = Your booking pages
dash-setup-heading = Set up next
dash-setup-hours = { $link }: guests can only book you within them.
dash-setup-hours-link = Set your working hours
dash-setup-meeting-url = { $link }: { $count ->
    [one] { $pages } is a video meeting and needs one.
   *[other] { $pages } are video meetings and need one.
}
dash-setup-meeting-url-link = Add your meeting URL

## Everyone
dash-notifications-heading = Notifications
dash-unread = { $count ->
    [one] You have one unread notification.
   *[other] You have { $count } unread notifications.
}
dash-no-unread = No unread notifications.
dash-open-notifications = See all notifications
dash-directory-hint = Look up your colleagues and their work contact in the { $link }.
dash-directory = members directory

## Filtered lists
dash-filtered-by = Filtered by { $filters }.
dash-filter-part = { $label }: “{ $value }”
dash-filter-search = search
dash-filter-clear = Clear the filters
dash-list-separator = {", "}
dash-week-filter = Bookings of the week from { $from } to { $to } ({ $zone }).
dash-week-clear = Show all upcoming bookings
dash-external = External members
dash-external-awaiting = External members awaiting dates
