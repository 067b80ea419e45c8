//! The public side of booking: the booking page at /book/{slug} and the
//! guest's manage page behind the token of their mail.

use actix_web::web;

/// Routes of this module (registered before the signed-in pages).
pub fn routes(_cfg: &mut web::ServiceConfig) {}
