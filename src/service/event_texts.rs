//! What a booking's event says, in the reader's language: the same in
//! the feeds and in the events written back to hosts' own calendars.

use crate::domain::{Booking, BookingState, Member};
use crate::i18n::Lang;
use crate::ics::{Event, FeedEvent, Person};
use crate::tr;

/// The UID of a booking in feeds: the booking id under a fixed domain, so
/// it survives a change of `base_url`. (Invitation mails use the host of
/// `base_url` instead; feed entries live in their own subscribed calendar,
/// so the two never need to match.)
pub fn feed_uid(booking: &str) -> String {
    format!("{booking}{FEED_UID_DOMAIN}")
}

pub const FEED_UID_DOMAIN: &str = "@feed.convene";

/// The booking id of a feed UID.
pub fn booking_of_uid(uid: &str) -> Option<&str> {
    uid.strip_suffix(FEED_UID_DOMAIN)
        .filter(|id| !id.is_empty())
}

/// What a booking's event says, in the reader's language: the same in a
/// feed and in the event written back to a host's own calendar.
pub struct EventTexts {
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub url: String,
    pub organizer: Option<(String, String)>,
}

impl EventTexts {
    pub fn of(base_url: &str, lang: Lang, b: &Booking, first_host: Option<&Member>) -> EventTexts {
        let base = base_url.trim_end_matches('/');
        let location = if b.location.trim().is_empty() {
            first_host
                .map(|h| h.meeting_url.clone())
                .unwrap_or_default()
        } else {
            b.location.clone()
        };
        let url = format!("{base}/bookings/{}", b.id);
        EventTexts {
            uid: feed_uid(&b.id),
            summary: tr!(
                lang,
                "feed-summary",
                title = b.page_title.as_str(),
                guest = b.guest.name.as_str()
            ),
            description: description(lang, b, &url),
            location,
            url,
            organizer: first_host.map(|h| (h.display_name(), h.email.to_string())),
        }
    }

    /// The event, without ATTENDEE (RFC 5546 §3.2.1 allows none under
    /// PUBLISH, and in a host's own calendar an attendee would make some
    /// servers send the guest an invitation of their own).
    pub fn event<'a>(&'a self, b: &Booking, organizer: bool) -> FeedEvent<'a> {
        FeedEvent {
            event: Event {
                uid: &self.uid,
                sequence: b.sequence,
                // The last change, not the time of the fetch: the file
                // stays the same between changes, and so does its ETag.
                stamp: b.updated_at,
                start: b.start,
                end: b.end,
                summary: &self.summary,
                description: &self.description,
                location: &self.location,
                url: Some(&self.url),
                organizer: self
                    .organizer
                    .as_ref()
                    .filter(|_| organizer)
                    .map(|(n, e)| Person { name: n, email: e }),
                attendees: Vec::new(),
                cancelled: b.state == BookingState::Cancelled,
            },
            created: b.created_at,
            last_modified: b.updated_at,
        }
    }
}

/// The guest, their answers and notes, and the host's manage link.
fn description(lang: Lang, b: &Booking, manage: &str) -> String {
    let mut lines = vec![tr!(
        lang,
        "feed-guest",
        name = b.guest.name.as_str(),
        email = b.guest.email.as_str()
    )];
    for a in &b.answers {
        if !a.value.trim().is_empty() {
            lines.push(tr!(
                lang,
                "feed-answer",
                label = a.label.as_str(),
                value = a.value.as_str()
            ));
        }
    }
    if !b.notes.trim().is_empty() {
        lines.push(tr!(lang, "feed-notes", notes = b.notes.as_str()));
    }
    if b.state == BookingState::Cancelled && !b.cancel_reason.trim().is_empty() {
        lines.push(tr!(
            lang,
            "feed-cancel-reason",
            reason = b.cancel_reason.as_str()
        ));
    }
    lines.push(tr!(lang, "feed-manage", url = manage));
    lines.join("\n")
}
