//! Changing a booking after it was made: cancel and reschedule by the
//! host, by the guest's link, and by someone who may not; what each
//! leaves in the store and the outbox.

use super::{BASE_URL, World};
use crate::domain::{Booking, BookingState, DeliveryState, Member, MemberState, Role, Schedule};
use crate::error::AppError;
use crate::service::booking::pages::{self, PageInput};
use crate::service::booking::{self, BookInput, Changer, Desk, Settings};
use crate::store;

struct Desked {
    w: World,
    desk: Desk,
    host: Member,
    rt: tokio::runtime::Runtime,
}

fn desked() -> Desked {
    let w = World::new();
    let host = w.member("hana@example.org", Role::Member, MemberState::Active);
    let txn = w.store.write().unwrap();
    store::put_schedule_in(&txn, &host.id, &Schedule::office_hours()).unwrap();
    w.store.commit(txn).unwrap();
    pages::create(
        &w.store,
        &host,
        PageInput {
            slug: Some("intro".into()),
            title: Some("Intro call".into()),
            duration_minutes: Some(30),
            hosts: Some(vec![host.id.clone()]),
            ..PageInput::default()
        },
        w.now,
    )
    .unwrap();
    let desk = Desk::start(
        w.store.clone(),
        Settings {
            base_url: BASE_URL.into(),
            video_link_pattern: String::new(),
        },
        8,
    );
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    Desked { w, desk, host, rt }
}

/// Wednesday after the world's Tuesday, in the host's zone (Paris, UTC+1).
const TEN: &str = "2031-03-05T10:00:00+01:00";
const ELEVEN: &str = "2031-03-05T11:00:00+01:00";

impl Desked {
    fn book(&self, start: &str, guest: &str) -> Result<(Booking, String), AppError> {
        let input = BookInput {
            start: start.into(),
            name: "Gil Guest".into(),
            email: guest.into(),
            timezone: "Europe/Paris".into(),
            notes: None,
            answers: Default::default(),
            language: Some("en".into()),
        };
        let booked = self
            .rt
            .block_on(self.desk.book("intro".into(), input, self.w.now))?;
        Ok((booked.booking, booked.token.unwrap_or_default()))
    }

    fn queued(&self) -> usize {
        self.w
            .store
            .outbox_in_state(DeliveryState::Queued, 1_000)
            .unwrap()
            .len()
    }
}

#[test]
fn a_host_cancels_once_and_the_time_is_free_again() {
    let d = desked();
    let (b, _) = d.book(TEN, "gil@example.org").unwrap();
    let before = d.queued();

    let cancelled = d
        .desk
        .cancel(Changer::Member(&d.host), &b.id, "ill", d.w.now)
        .unwrap();
    assert_eq!(cancelled.state, BookingState::Cancelled);
    assert_eq!(cancelled.cancel_reason, "ill");
    assert!(d.queued() > before, "the guest and the host are mailed");

    let again = d.desk.cancel(Changer::Member(&d.host), &b.id, "", d.w.now);
    assert!(matches!(
        again,
        Err(AppError::Conflict {
            code: "already_cancelled",
            ..
        })
    ));
    d.book(TEN, "other@example.org")
        .expect("a cancelled booking frees its time");
}

#[test]
fn the_guest_moves_a_booking_only_to_a_free_start() {
    let d = desked();
    let (b, token) = d.book(TEN, "gil@example.org").unwrap();
    d.book(ELEVEN, "ann@example.org").unwrap();

    let taken = d.desk.guest_reschedule(&token, ELEVEN, d.w.now);
    assert!(
        matches!(
            taken,
            Err(AppError::Conflict {
                code: "slot_taken",
                ..
            })
        ),
        "{taken:?}"
    );
    let off_grid = d
        .desk
        .guest_reschedule(&token, "2031-03-05T10:07:00+01:00", d.w.now);
    assert!(
        matches!(
            off_grid,
            Err(AppError::Invalid {
                code: "not_a_slot",
                ..
            })
        ),
        "{off_grid:?}"
    );
    let moved = d
        .desk
        .guest_reschedule(&token, "2031-03-05T14:00:00+01:00", d.w.now)
        .unwrap();
    assert_eq!(moved.id, b.id);
    assert_eq!(moved.sequence, b.sequence + 1, "calendars see an update");
    assert_eq!(moved.start.to_rfc3339(), "2031-03-05T13:00:00+00:00");
    d.book(TEN, "third@example.org")
        .expect("the old time is free after the move");
}

#[test]
fn nobody_else_changes_a_booking_and_a_wrong_link_finds_nothing() {
    let d = desked();
    let (b, _) = d.book(TEN, "gil@example.org").unwrap();
    let colleague =
        d.w.member("max@example.org", Role::Member, MemberState::Active);
    let refused = d
        .desk
        .cancel(Changer::Member(&colleague), &b.id, "", d.w.now);
    assert!(matches!(refused, Err(AppError::NotFound)), "{refused:?}");
    let by_admin = d
        .desk
        .cancel(Changer::Member(&d.w.owner), &b.id, "", d.w.now)
        .unwrap();
    assert_eq!(by_admin.state, BookingState::Cancelled);
    assert!(matches!(
        d.desk.guest_cancel("not-a-token", "", d.w.now),
        Err(AppError::NotFound | AppError::Missing { .. })
    ));
}

#[test]
fn a_switched_off_page_offers_the_guest_no_new_time() {
    let d = desked();
    let (b, _) = d.book(TEN, "gil@example.org").unwrap();
    let q = booking::parse_query("2031-03-05", "2031-03-06", "Europe/Paris").unwrap();
    let offers = booking::guest_offers(&d.w.store, &b, booking::window(&q), d.w.now).unwrap();
    assert!(offers.is_some_and(|o| !o.is_empty()));
    pages::update(
        &d.w.store,
        &d.host,
        &b.page_id,
        PageInput {
            enabled: Some(false),
            ..PageInput::default()
        },
        d.w.now,
    )
    .unwrap();
    let offers = booking::guest_offers(&d.w.store, &b, booking::window(&q), d.w.now).unwrap();
    assert!(offers.is_none());
}
