//! Signed-in pages for booking pages and bookings.

use actix_web::web;

/// Routes of this module.
pub fn routes(_cfg: &mut web::ServiceConfig) {}
