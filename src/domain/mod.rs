//! Plain domain types: no I/O, no HTTP, no storage.

pub mod booking;
pub mod catalog;
pub mod connection;
pub mod external;
pub mod ids;
pub mod instant;
pub mod invitation;
pub mod job_outcome;
pub mod lifecycle;
pub mod member;
pub mod notification;
pub mod org;
pub mod outbox;
pub mod role;
pub mod schedule;
pub mod text;
pub mod webhook;

pub use booking::{
    Answer, AssignmentMode, AssignmentReason, Booking, BookingPage, BookingState, Guest, HostSlot,
    Location, LocationKind, Question, QuestionKind,
};
pub use catalog::{CatalogEntry, CatalogKind};
pub use connection::{
    CalendarConnection, CalendarKind, CancelAction, Collection, StoredBusy, SyncNote, SyncProblem,
    WrittenEvent,
};
pub use external::{CandidateRange, ConnectToken, ExternalHost, ExternalMember};
pub use ids::{ApiKeyId, MemberId};
pub use invitation::{Invitation, JoinRules, PublicInvite};
pub use job_outcome::JobOutcome;
pub use lifecycle::Transition;
pub use member::{Email, Member, MemberState};
pub use notification::{Channels, Notification, NotificationKind, Preferences};
pub use org::Organization;
pub use outbox::{
    BookingChange, BookingMailSource, CalendarWrite, DeliveryCounts, DeliveryState, IcsAttachment,
    Mail, MailContact, MailPerson, MailReader, OutboxMessage, Payload, WebhookCall,
};
pub use role::Role;
pub use schedule::{Interval, Schedule, Unavailability};
pub use webhook::{DeliveryAttempt, Webhook};
