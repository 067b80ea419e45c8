//! Sections whose content is made of bookings and pages.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use maud::html;

use super::html;
use super::layout::{Nav, page};
use crate::error::AppError;
use crate::web::auth::PageUser;

pub async fn booking_pages(user: PageUser) -> Result<HttpResponse, AppError> {
    let body = html! {
        div.empty {
            p { strong { "No booking pages yet." } }
            p { "A booking page has a fixed address that guests book from, with its hosts, duration and rules." }
        }
    };
    Ok(html(
        StatusCode::OK,
        page(&user, Nav::BookingPages, "Booking pages", body),
    ))
}

pub async fn bookings(user: PageUser) -> Result<HttpResponse, AppError> {
    let body = html! {
        div.empty {
            p { strong { "No bookings yet." } }
            p { "Bookings that guests make on your booking pages appear here." }
        }
    };
    Ok(html(
        StatusCode::OK,
        page(&user, Nav::Bookings, "Bookings", body),
    ))
}

pub async fn external_members(user: PageUser) -> Result<HttpResponse, AppError> {
    let body = html! {
        div.empty {
            p { strong { "No external members yet." } }
            p { "External members are people outside the organization who enter candidate dates without an account." }
        }
    };
    Ok(html(
        StatusCode::OK,
        page(&user, Nav::External, "External members", body),
    ))
}
