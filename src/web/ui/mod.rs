//! HTML pages (maud). Handlers parse, call a service, render.

pub mod admin;
pub mod audit;
pub mod book;
mod booking_forms;
pub mod booking_pages_admin;
mod booking_view;
pub mod bookings_admin;
pub mod calendars;
pub mod connect;
pub mod dashboard;
pub mod defaults;
pub mod departures;
pub mod guest_booking;
pub mod invite;
pub mod join;
pub mod layout;
pub mod login;
pub mod member_edit;
pub mod members;
pub mod notifications;
pub mod organization;
pub mod password_reset;
pub mod schedule;
pub mod settings;
pub mod setup;
pub mod webhooks;

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use maud::Markup;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(book::routes)
        .configure(audit::routes)
        .configure(guest_booking::routes)
        .configure(booking_pages_admin::routes)
        .configure(bookings_admin::routes)
        .configure(connect::routes)
        .route("/", web::get().to(dashboard::show))
        .route("/login", web::get().to(login::form))
        .route("/login", web::post().to(login::submit))
        .route("/logout", web::post().to(login::logout))
        .route("/setup", web::get().to(setup::form))
        .route("/setup", web::post().to(setup::submit))
        .route("/members", web::get().to(members::list))
        .route("/members/invite", web::get().to(invite::form))
        .route("/members/invite", web::post().to(invite::submit))
        .route("/members/bulk-edit", web::post().to(members::bulk_edit))
        .route(
            "/members/invite-link",
            web::get().to(organization::invite_link),
        )
        .route(
            "/members/invite-link/qr.svg",
            web::get().to(organization::qr),
        )
        .route(
            "/members/invite-link/rotate",
            web::post().to(organization::rotate),
        )
        .route(
            "/members/join-rules",
            web::post().to(organization::save_rules),
        )
        .route("/members/import", web::get().to(organization::import_form))
        .route(
            "/members/import",
            web::post().to(organization::import_submit),
        )
        .route(
            "/members/organization",
            web::get().to(organization::structure),
        )
        .route(
            "/members/organization/{op}",
            web::post().to(organization::catalog_action),
        )
        .route("/members/defaults", web::get().to(defaults::show))
        .route("/members/defaults", web::post().to(defaults::save))
        .route("/members/{id}/calendars", web::get().to(calendars::show))
        .route(
            "/members/{id}/calendars",
            web::post().to(calendars::connect),
        )
        .route(
            "/members/{id}/calendars/{cal}/sync",
            web::post().to(calendars::sync),
        )
        .route(
            "/members/{id}/calendars/{cal}/relink",
            web::post().to(calendars::relink),
        )
        .route(
            "/members/{id}/calendars/{cal}/collections",
            web::post().to(calendars::collections),
        )
        .route(
            "/members/{id}/calendars/{cal}/write-back",
            web::post().to(calendars::write_back),
        )
        .route(
            "/members/{id}/calendars/{cal}/disconnect",
            web::post().to(calendars::disconnect),
        )
        .route("/admin/integrations", web::get().to(calendars::overview))
        // Calendar apps probe with HEAD as well as GET.
        .service(
            web::resource("/ical/{token}.ics")
                .route(web::get().to(crate::web::api::feeds::ical))
                .route(web::head().to(crate::web::api::feeds::ical)),
        )
        .route(
            "/members/{id}/feed/rotate",
            web::post().to(calendars::rotate_feed),
        )
        .route("/members/{id}/schedule", web::get().to(schedule::show))
        .route("/members/{id}/schedule", web::post().to(schedule::save))
        .route(
            "/members/{id}/unavailability",
            web::post().to(schedule::add_period),
        )
        .route(
            "/members/{id}/unavailability/{uid}/delete",
            web::post().to(schedule::delete_period),
        )
        .route("/members/{id}/departure", web::get().to(departures::show))
        .route(
            "/members/{id}/departure",
            web::post().to(departures::submit),
        )
        .route("/members/{id}", web::get().to(member_edit::show))
        .route("/members/{id}", web::post().to(member_edit::save))
        .route(
            "/members/{id}/apply-defaults",
            web::post().to(member_edit::apply_defaults),
        )
        .route("/members/{id}/do/{action}", web::post().to(members::act))
        .route("/join", web::get().to(join::code_form))
        .route("/join", web::post().to(join::code_submit))
        .route("/join/org/{token}", web::get().to(join::link_form))
        .route("/join/org/{token}", web::post().to(join::link_submit))
        .route("/join/{token}", web::get().to(join::invitation_form))
        .route("/join/{token}", web::post().to(join::invitation_submit))
        .route("/confirm-email/{token}", web::get().to(join::confirm_email))
        .route(
            "/reset-password/{token}",
            web::get().to(password_reset::form),
        )
        .route(
            "/reset-password/{token}",
            web::post().to(password_reset::submit),
        )
        .route("/settings", web::get().to(settings::show))
        .route("/brand.css", web::get().to(settings::brand_css))
        .route(
            "/settings/organization",
            web::post().to(settings::save_organization),
        )
        .route(
            "/settings/join-rules",
            web::post().to(settings::save_join_rules),
        )
        .route("/settings/booking", web::post().to(settings::save_booking))
        .route(
            "/settings/api-keys",
            web::post().to(settings::create_api_key),
        )
        .route(
            "/settings/api-keys/{id}/regenerate",
            web::post().to(settings::regenerate_api_key),
        )
        .route(
            "/settings/api-keys/{id}/revoke",
            web::post().to(settings::revoke_api_key),
        )
        .route("/notifications", web::get().to(notifications::list))
        .route(
            "/notifications/read-all",
            web::post().to(notifications::read_all),
        )
        .route(
            "/notifications/{id}/open",
            web::post().to(notifications::open),
        )
        .route(
            "/settings/notifications",
            web::get().to(notifications::preferences),
        )
        .route(
            "/settings/notifications",
            web::post().to(notifications::save_preferences),
        )
        .route(
            "/settings/notifications/test",
            web::post().to(notifications::send_test),
        )
        .route("/settings/webhooks", web::get().to(webhooks::show))
        .route("/settings/webhooks", web::post().to(webhooks::create))
        .route(
            "/settings/webhooks/{id}/delete",
            web::post().to(webhooks::delete),
        )
        .route(
            "/settings/webhooks/{id}/ping",
            web::post().to(webhooks::ping),
        )
        .route("/admin/mail", web::get().to(admin::mail_queue))
        .route("/admin/mail/test", web::post().to(admin::test_mail))
        .route("/admin/mail/release", web::post().to(admin::release))
        .route("/admin/mail/{id}/retry", web::post().to(admin::retry))
        .route("/admin/mail/{id}/drop", web::post().to(admin::drop_message))
        .route("/admin/jobs", web::get().to(admin::jobs))
        .route("/admin/jobs/{name}/run", web::post().to(admin::run_job));
}

/// 303 to `to`, the answer to a successful form post.
pub fn see_other(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to.to_string()))
        .finish()
}

pub fn html(status: actix_web::http::StatusCode, page: Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(page.into_string())
}

/// A local path to go back to after signing in; anything else becomes "/".
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/\\")
                && n.bytes().all(|b| (0x21..=0x7e).contains(&b) && b != b'\\') =>
        {
            n.to_string()
        }
        _ => "/".to_string(),
    }
}

/// The last value of each query parameter; a malformed query is empty.
pub(super) fn query(req: &actix_web::HttpRequest) -> std::collections::BTreeMap<String, String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(req.query_string())
        .unwrap_or_default()
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(
            safe_next(Some("/members?state=pending")),
            "/members?state=pending"
        );
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/x",
            "https://evil.example",
            "evil",
            "/caf\u{e9}",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
