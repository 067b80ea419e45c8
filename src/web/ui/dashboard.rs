//! The start page of a signed-in member: the organization's counts for
//! admins, one's own bookings and setup for hosts. Every number comes from
//! a snapshot or an index (the member list snapshot, the start index of
//! bookings, the failed-mail index), so the page stays cheap with
//! thousands of members and bookings.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;

use super::html;
use crate::domain::{BookingState, Member, MemberState};
use crate::error::AppError;
use crate::policy::{self, Admin};
use crate::service::booking::pages::{self as booking_pages, PageFilter};
use crate::service::booking::week::{self, Week};
use crate::service::booking::{self as bookings, BookingFilter, Paging};
use crate::service::{self, members::directory};
use crate::web::auth::PageUser;
use crate::web::ctx::{Ctx, Services};
use crate::web::views::org::{self as views, AdminCounts, Dashboard, HostPanel, SetupStep};

/// How many of their next bookings a host sees here.
const NEXT: u32 = 5;

fn admin_counts(s: &Services<'_, Member>, admin: Admin<'_>) -> Result<AdminCounts, AppError> {
    let store = s.store();
    let states = directory::counts(store)?;
    let count = |state| {
        states
            .iter()
            .find(|(s, _)| *s == state)
            .map_or(0, |(_, n)| *n)
    };
    let week = Week::of(s.now, week::org_zone(store)?);
    Ok(AdminCounts {
        active: count(MemberState::Active),
        pending: count(MemberState::Pending),
        invited: count(MemberState::Invited),
        bookings_this_week: week::confirmed_in(store, admin, &week)?,
        week,
        failed_mail: service::org::outbox::failed_count(store, admin)?,
        calendar_sync_errors: calendar_errors(store, admin)?,
        externals: if service::connect::enabled(store)? {
            let mut all = store.externals()?;
            all.sort_by_key(|x| std::cmp::Reverse(x.created_at));
            all
        } else {
            Vec::new()
        },
    })
}

/// Members whose calendars fail to sync; `None` while nobody connected one.
fn calendar_errors(
    store: &crate::store::Store,
    admin: Admin<'_>,
) -> Result<Option<usize>, AppError> {
    let all = service::calendars::all(store, admin)?;
    if all.is_empty() {
        return Ok(None);
    }
    let by_member = service::calendars::integration::by_member(all);
    Ok(Some(
        by_member
            .values()
            .filter(|c| service::calendars::integration::failing(c))
            .count(),
    ))
}

/// What is left for `me` to set up, in the order it matters.
fn setup_steps(s: &Services<'_, Member>, me: &Member) -> Result<Vec<SetupStep>, AppError> {
    let store = s.store();
    let mut steps = Vec::new();
    let (_, schedule) = service::schedules::get(store, me, &me.id)?;
    if schedule.weekly.values().all(Vec::is_empty) {
        steps.push(SetupStep::WorkingHours);
    }
    let mine = PageFilter {
        host: Some(me.id.clone()),
        ..PageFilter::default()
    };
    let pattern = &s.config().booking.video_link_pattern;
    // The page service's own rule for a host who cannot serve a page;
    // for an active member it is only ever the missing meeting URL.
    let pages: Vec<String> = booking_pages::list(store, me, &mine)?
        .into_iter()
        .filter(|p| booking_pages::host_problem(p, me, pattern).is_some())
        .map(|p| p.title)
        .collect();
    if !pages.is_empty() {
        steps.push(SetupStep::MeetingUrl { pages });
    }
    Ok(steps)
}

fn host_panel(s: &Services<'_, Member>) -> Result<HostPanel, AppError> {
    let me = s.actor();
    let coming = BookingFilter {
        from: Some(s.now),
        state: Some(BookingState::Confirmed),
        ..BookingFilter::default()
    };
    let paging = Paging {
        limit: Some(NEXT),
        ..Paging::default()
    };
    // Their own host index from now on: a few keys, not the whole store.
    let listed = bookings::list_paged(s.store(), me, &coming, &paging)?;
    Ok(HostPanel {
        next: listed.bookings,
        more: listed.next.is_some(),
        tz: me.timezone.parse().unwrap_or(chrono_tz::UTC),
        setup: setup_steps(s, me)?,
    })
}

pub async fn show(ctx: Ctx<PageUser>) -> Result<HttpResponse, AppError> {
    let can = ctx.user.can();
    let v = ctx
        .run(move |s| {
            let admin = match policy::admin(s.actor()) {
                Ok(admin) => Some(admin_counts(s, admin)?),
                Err(_) => None,
            };
            Ok(Dashboard {
                org_name: service::members::organize::organization_name(s.store())?,
                admin,
                host: can.host.then(|| host_panel(s)).transpose()?,
            })
        })
        .await?;
    Ok(html(
        StatusCode::OK,
        views::dashboard(&ctx.user, ctx.lang, &v),
    ))
}
