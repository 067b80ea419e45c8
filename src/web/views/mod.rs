//! The markup of every page, one module per area, apart from the handlers
//! in `web/ui/` that parse the request, call the services and choose the
//! answer. A view gets what it shows and the reader's language, and
//! returns markup; it reads no store and no clock.

pub mod audit;
pub mod booking_admin;
pub mod calendars;
pub mod connect;
pub mod guest;
pub mod members;
pub mod org;
pub mod pickers;
pub mod week;
