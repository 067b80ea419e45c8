//! The reminder job, driven with chosen clocks against a real store: the
//! job is a plain function of the store and `now`.

use chrono::{DateTime, Duration, TimeZone, Utc};
use convene::domain::{DeliveryState, Payload};
use convene::jobs::{Job, JobContext};
use convene::service::booking::slot_check::TxnSource;
use convene::service::booking::{BookInput, Settings, book_in};
use convene::service::schedules::ScheduleInput;
use convene::service::{booking::pages as booking_pages, org::setup, schedules};
use convene::store::Store;

fn reminder_mails(store: &Store) -> Vec<(String, String)> {
    store
        .outbox_in_state(DeliveryState::Queued, 10_000)
        .unwrap()
        .into_iter()
        .filter_map(|m| match m.payload {
            Payload::Mail(mail) if mail.kind == "booking_reminder" => {
                Some((mail.to_email, mail.subject))
            }
            _ => None,
        })
        .collect()
}

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 6, 14, h, m, 0).single().unwrap()
}

#[test]
fn a_booking_ninety_minutes_ahead_gets_the_one_hour_reminder_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("convene.redb")).unwrap();
    let t0 = at(8, 30);
    let owner = setup::create_owner(
        &store,
        setup::NewOwner {
            organization: "Club".into(),
            first_name: "Olive".into(),
            last_name: "Owner".into(),
            email: "owner@example.org".into(),
            password: "correct horse battery staple".into(),
        },
        t0,
    )
    .unwrap();
    let mut week = std::collections::BTreeMap::new();
    for d in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
        week.insert(
            d.to_string(),
            vec![convene::domain::Interval {
                start: "08:00".into(),
                end: "18:00".into(),
            }],
        );
    }
    schedules::set(
        &store,
        &owner,
        &owner.id,
        ScheduleInput {
            timezone: "UTC".into(),
            weekly: week,
            breaks: Default::default(),
            daily_caps: Default::default(),
            open_booking_cap: None,
        },
        t0,
    )
    .unwrap();
    let input: booking_pages::PageInput = serde_json::from_value(serde_json::json!({
        "slug": "call", "title": "Call", "duration_minutes": 30, "hosts": [owner.id],
        "assignment": "single", "min_notice_minutes": 0
    }))
    .unwrap();
    booking_pages::create(&store, &owner, input, t0).unwrap();
    let settings = Settings {
        base_url: "http://convene.test".into(),
        video_link_pattern: String::new(),
    };
    let book = |start: DateTime<Utc>, email: &str, now: DateTime<Utc>| {
        let txn = store.write().unwrap();
        let b = book_in(
            &txn,
            &mut TxnSource { txn: &txn },
            &settings,
            "call",
            &BookInput {
                start: start.to_rfc3339(),
                name: "Gail".into(),
                email: email.into(),
                timezone: "Europe/Paris".into(),
                notes: None,
                answers: Default::default(),
                language: Some("fr".into()),
            },
            now,
        )
        .unwrap();
        store.commit(txn).unwrap();
        b.booking
    };
    // Made at 08:30 for 10:00: the 24 h reminder was already past when it
    // was booked (never sent); the 1 h one is due at 09:00.
    let booking = book(at(10, 0), "gail@example.org", t0);
    // Another one that is cancelled gets nothing.
    let cancelled = book(at(10, 30), "carl@example.org", t0);
    convene::service::booking::cancel(
        &store,
        &settings,
        convene::service::booking::Changer::Member(&owner),
        &cancelled.id,
        "",
        t0,
    )
    .unwrap();

    let mut config = convene::config::Config::default();
    config.booking.reminder_offsets_minutes = vec![1440, 60];
    let ctx = JobContext {
        store: store.clone(),
        config,
        base_url: settings.base_url.clone(),
        calendars: None,
    };
    Job::BookingReminders.run(&ctx, at(8, 45)).unwrap();
    assert!(reminder_mails(&store).is_empty(), "not due before 09:00");
    Job::BookingReminders.run(&ctx, at(9, 5)).unwrap();
    let sent = reminder_mails(&store);
    assert_eq!(sent.len(), 2, "guest and host: {sent:?}");
    assert!(
        sent.iter()
            .any(|(to, s)| to == "gail@example.org" && s.starts_with("Rappel")),
        "the guest booked in French: {sent:?}"
    );
    // Later runs never send it again.
    Job::BookingReminders.run(&ctx, at(9, 20)).unwrap();
    Job::BookingReminders.run(&ctx, at(9, 59)).unwrap();
    assert_eq!(reminder_mails(&store).len(), 2);
    let after = convene::service::booking::get(&store, &owner, &booking.id).unwrap();
    assert_eq!(
        after.reminders_sent.len(),
        2,
        "both offsets settled: {:?}",
        after.reminders_sent
    );

    // A booking made two days ahead gets both reminders, each at its time.
    let early = book(at(10, 0) + Duration::days(2), "dana@example.org", at(9, 30));
    Job::BookingReminders
        .run(&ctx, at(10, 1) + Duration::days(1))
        .unwrap();
    let dana = |store: &Store| {
        reminder_mails(store)
            .into_iter()
            .filter(|(to, _)| to == "dana@example.org")
            .count()
    };
    assert_eq!(dana(&store), 1, "the 24 h reminder");
    Job::BookingReminders
        .run(&ctx, at(9, 1) + Duration::days(2))
        .unwrap();
    assert_eq!(dana(&store), 2, "then the 1 h reminder");
    Job::BookingReminders
        .run(&ctx, at(9, 30) + Duration::days(2))
        .unwrap();
    assert_eq!(dana(&store), 2);
    let _ = early;
}
