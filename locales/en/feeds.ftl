# feeds: the members' and booking pages' read-only calendar feeds
err-feed-not-yours = Only the member and administrators can see or change a member's booking feed.
err-feed-page-not-yours = Only the page's hosts and administrators can see or change its booking feed.

feed-calendar-name = Convene — { $name }
feed-summary = { $title }: { $guest }
feed-guest = Guest: { $name } <{ $email }>
feed-answer = { $label }: { $value }
feed-notes = Notes: { $notes }
feed-cancel-reason = Cancelled: { $reason }
feed-manage = Manage: { $url }

feed-title-own = Your booking feed
feed-title = Booking feed
feed-explained = Subscribe to this address in your calendar app to see your bookings there. It updates every 15 minutes or so and cannot be edited from the app.
feed-address = Feed address
feed-copy = Copy address
feed-copied = Address copied.
feed-subscribe = Open in calendar app (webcal://)
feed-last-used = Last fetched
feed-never = never
feed-help = How to subscribe
feed-help-google = Google Calendar: Other calendars, +, From URL, then paste the address.
feed-help-outlook = Outlook: Add calendar, Subscribe from web, then paste the address.
feed-help-apple = Apple Calendar: File, New Calendar Subscription, then paste the address (or use the webcal:// link).
feed-secret = Anyone with this address can read your bookings. If it has been shared by mistake, get a new address: the old one stops working at once.
feed-rotate = Get a new address
feed-rotate-confirm = The current address will stop working at once, and every calendar subscribed to it must be given the new one. Continue?
feed-rotated = The feed has a new address; the old one no longer works.
feed-col-used = Feed used
