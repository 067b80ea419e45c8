//! Plain domain types: no I/O, no HTTP, no storage.

pub mod ids;
pub mod member;
pub mod notification;
pub mod org;
pub mod outbox;
pub mod role;
pub mod webhook;

pub use ids::{ApiKeyId, MemberId};
pub use member::{Email, Member, MemberState};
pub use notification::{Channels, Notification, NotificationKind, Preferences};
pub use org::Organization;
pub use outbox::{DeliveryState, IcsAttachment, Mail, OutboxMessage, Payload, WebhookCall};
pub use role::Role;
pub use webhook::{DeliveryAttempt, Webhook};
