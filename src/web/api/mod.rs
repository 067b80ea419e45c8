//! The JSON API under /api/v1. Handlers are thin: parse, call a service,
//! serialize.

pub mod admin;
pub mod api_keys;
pub mod bookings;
pub mod calendars;
pub mod connect;
pub mod departures;
pub mod feeds;
pub mod health;
pub mod join;
pub mod member_admin;
pub mod members;
pub mod notifications;
pub mod org;
pub mod schedules;
pub mod session;
pub mod webhooks;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .route("/session", web::post().to(session::create))
            .route("/session", web::delete().to(session::delete))
            .route("/session", web::get().to(session::show))
            .route("/booking-pages", web::get().to(bookings::list))
            .route("/booking-pages", web::post().to(bookings::create))
            .route("/booking-pages/{id}", web::get().to(bookings::get))
            .route("/booking-pages/{id}", web::patch().to(bookings::update))
            .route("/booking-pages/{id}", web::delete().to(bookings::delete))
            .route(
                "/public/booking-pages/{slug}",
                web::get().to(bookings::public_page),
            )
            .route(
                "/public/booking-pages/{slug}/slots",
                web::get().to(bookings::slots),
            )
            .route(
                "/public/booking-pages/{slug}/bookings",
                web::post().to(bookings::book),
            )
            .route(
                "/public/bookings/{token}/cancel",
                web::post().to(bookings::guest_cancel),
            )
            .route(
                "/public/bookings/{token}/reschedule",
                web::post().to(bookings::guest_reschedule),
            )
            .route("/bookings", web::get().to(bookings::list_bookings))
            .route("/bookings/{id}", web::get().to(bookings::get_booking))
            .route("/bookings/{id}/cancel", web::post().to(bookings::cancel))
            .route(
                "/bookings/{id}/reschedule",
                web::post().to(bookings::reschedule),
            )
            .route("/org/booking-settings", web::get().to(bookings::settings))
            .route(
                "/org/booking-settings",
                web::put().to(bookings::set_settings),
            )
            .route("/api-keys", web::get().to(api_keys::list))
            .route("/api-keys", web::post().to(api_keys::create))
            .route("/api-keys/{id}", web::delete().to(api_keys::delete))
            .route(
                "/api-keys/{id}/regenerate",
                web::post().to(api_keys::regenerate),
            )
            .route("/members", web::get().to(members::list))
            .route("/invitations", web::post().to(member_admin::invite))
            .route("/members/import", web::post().to(member_admin::import))
            .route(
                "/members/import-template.csv",
                web::get().to(member_admin::template),
            )
            .route("/members/export.csv", web::get().to(member_admin::export))
            .route(
                "/members/bulk-edit",
                web::post().to(member_admin::bulk_edit),
            )
            .route(
                "/members/{id}/departure",
                web::get().to(departures::preview),
            )
            .route(
                "/members/{id}/terminate",
                web::post().to(departures::terminate),
            )
            .route("/members/{id}", web::get().to(members::get))
            .route("/members/{id}", web::patch().to(member_admin::patch))
            .route(
                "/members/{id}/apply-to",
                web::post().to(member_admin::apply_to),
            )
            .route("/members/{id}/schedule", web::get().to(schedules::get))
            .route("/members/{id}/schedule", web::put().to(schedules::put))
            .route(
                "/members/{id}/unavailability",
                web::get().to(schedules::list),
            )
            .route(
                "/members/{id}/unavailability",
                web::post().to(schedules::add),
            )
            .route(
                "/members/{id}/unavailability/{uid}",
                web::delete().to(schedules::remove),
            )
            .route("/members/{id}/feed", web::get().to(feeds::member))
            .route(
                "/members/{id}/feed/rotate",
                web::post().to(feeds::rotate_member),
            )
            .route("/booking-pages/{id}/feed", web::get().to(feeds::page))
            .route(
                "/booking-pages/{id}/feed/rotate",
                web::post().to(feeds::rotate_page),
            )
            .route("/members/{id}/calendars", web::get().to(calendars::list))
            .route(
                "/members/{id}/calendars",
                web::post().to(calendars::connect),
            )
            .route(
                "/members/{id}/calendars/{cal}",
                web::get().to(calendars::get),
            )
            .route(
                "/members/{id}/calendars/{cal}",
                web::patch().to(calendars::change),
            )
            .route(
                "/members/{id}/calendars/{cal}",
                web::delete().to(calendars::disconnect),
            )
            .route(
                "/members/{id}/calendars/{cal}/sync",
                web::post().to(calendars::sync),
            )
            // Last: it matches any single action name.
            .route(
                "/members/{id}/{action}",
                web::post().to(member_admin::transition),
            )
            .route("/join/{token}", web::post().to(join::by_invitation))
            .route("/join-by-code", web::post().to(join::by_code))
            .route("/join-by-link/{token}", web::post().to(join::by_link))
            .route("/org", web::get().to(org::organization))
            .route("/org", web::patch().to(org::patch_organization))
            .route("/org/invite-link", web::get().to(org::invite_link))
            .route(
                "/org/invite-link/rotate",
                web::post().to(org::rotate_invite_link),
            )
            .route("/org/join-rules", web::get().to(org::join_rules))
            .route("/org/join-rules", web::put().to(org::set_join_rules))
            .route("/org/defaults", web::get().to(org::defaults))
            .route("/org/defaults", web::put().to(org::set_defaults))
            .route(
                "/{kind:departments|positions|locations}",
                web::get().to(org::catalog),
            )
            .route(
                "/{kind:departments|positions|locations}",
                web::post().to(org::create_catalog),
            )
            .route(
                "/{kind:departments|positions|locations}/{name}",
                web::patch().to(org::rename_catalog),
            )
            .route(
                "/{kind:departments|positions|locations}/{name}",
                web::delete().to(org::delete_catalog),
            )
            .route("/audit-log", web::get().to(members::audit_log))
            .route("/notifications", web::get().to(notifications::list))
            .route(
                "/notifications/read-all",
                web::post().to(notifications::read_all),
            )
            .route("/notifications/test", web::post().to(notifications::test))
            .route(
                "/notifications/{id}/read",
                web::post().to(notifications::read),
            )
            .route(
                "/notification-preferences",
                web::get().to(notifications::get_preferences),
            )
            .route(
                "/notification-preferences",
                web::put().to(notifications::put_preferences),
            )
            .route("/webhooks", web::get().to(webhooks::list))
            .route("/webhooks", web::post().to(webhooks::create))
            .route("/webhooks/{id}", web::delete().to(webhooks::delete))
            .route(
                "/webhooks/{id}/deliveries",
                web::get().to(webhooks::deliveries),
            )
            .route("/webhooks/{id}/ping", web::post().to(webhooks::ping))
            .route("/outbox", web::get().to(admin::outbox))
            .route("/outbox/release", web::post().to(admin::release))
            .route("/outbox/{id}/retry", web::post().to(admin::retry))
            .route("/outbox/{id}", web::delete().to(admin::drop_message))
            .route("/mail/test", web::post().to(admin::test_mail))
            .route("/external-members", web::get().to(connect::list))
            .route("/external-members", web::post().to(connect::invite))
            .route("/external-members/{id}", web::get().to(connect::get))
            .route("/external-members/{id}", web::patch().to(connect::update))
            .route("/external-members/{id}", web::delete().to(connect::delete))
            .route(
                "/external-members/{id}/request-dates",
                web::post().to(connect::request_dates),
            )
            .route("/org/connect", web::get().to(connect::settings))
            .route("/org/connect", web::put().to(connect::set_settings))
            .route("/connect/{token}", web::get().to(connect::show))
            .route(
                "/connect/{token}/dates",
                web::post().to(connect::save_dates),
            )
            .route("/jobs", web::get().to(admin::jobs))
            .route("/jobs/{name}/run", web::post().to(admin::run_job)),
    );
}
