### booking_admin pages.
