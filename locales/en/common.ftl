### Texts shared by every part of the product.

# Between a label and its value, as in “When: Monday”.
label-separator = { ": " }

## The page shell.
layout-skip = Skip to content
layout-main-nav = Main
layout-language = Language
layout-col-actions = Actions
layout-col-status = Status
nav-members = Members
nav-booking-pages = Booking pages
nav-bookings = Bookings
nav-external-members = External members
nav-settings = Settings
nav-notifications = Notifications
nav-unread = { $count -> 
    [one] 1 unread
   *[other] { $count } unread
}
nav-sign-out = Sign out

## Error pages.
error-title-not-found = Page not found
error-title-forbidden = Not allowed
error-title-gone = This link is no longer valid
error-title-rate-limited = Too many attempts
error-title-internal = Something went wrong
error-title-other = This did not work
error-start-page = Go to the start page
