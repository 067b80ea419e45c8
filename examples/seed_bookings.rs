//! Fills a stopped server's data directory for the booking figures: 50
//! hosts (09:00–17:00 UTC every day) on a round-robin page "team", and
//! 2,000 confirmed bookings per host (100,000 in all) from 300 days ago to
//! 100 days ahead, written in large transactions.
//! `cargo run --release --example seed_bookings -- DATA_DIR`
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, Utc};
use convene::domain::{
    AssignmentMode, Booking, BookingPage, BookingState, Email, Guest, Interval, Member,
    MemberState, Role, Schedule,
};
use convene::store::Store;

fn main() {
    let dir = std::env::args().nth(1).expect("DATA_DIR");
    let store = Store::open(&std::path::Path::new(&dir).join("convene.redb")).unwrap();
    let now = Utc::now();
    let today = now.date_naive().and_hms_opt(0, 0, 0).unwrap().and_utc();
    let mut schedule = Schedule::default();
    for d in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
        schedule.weekly.insert(
            d.into(),
            vec![Interval {
                start: "09:00".into(),
                end: "17:00".into(),
            }],
        );
    }
    let txn = store.write().unwrap();
    let owner =
        convene::store::member_by_email_in(&txn, &Email::parse("owner@example.org").unwrap())
            .unwrap()
            .expect("run create-owner first");
    let mut hosts = Vec::new();
    for i in 0..50 {
        let m = Member::new(
            Email::parse(&format!("host{i}@example.org")).unwrap(),
            Role::Member,
            MemberState::Active,
            "UTC",
            "en",
            now,
        );
        convene::store::put_member_in(&txn, &m).unwrap();
        convene::store::put_schedule_in(&txn, &m.id, &schedule).unwrap();
        hosts.push(m.id);
    }
    let page = BookingPage {
        id: convene::crypto::random_id(),
        slug: "team".into(),
        title: "Team call".into(),
        description: String::new(),
        duration_minutes: 30,
        slot_step_minutes: 30,
        buffer_before_minutes: 0,
        buffer_after_minutes: 0,
        min_notice_minutes: 0,
        horizon_days: 200,
        location: None,
        questions: vec![],
        enabled: true,
        hosts: hosts.clone(),
        assignment: AssignmentMode::RoundRobin,
        owner_id: owner.id.clone(),
        created_at: now,
        updated_at: now,
    };
    assert!(convene::store::claim_slug_in(&txn, "team", &page.id).unwrap());
    convene::store::put_page_in(&txn, &page).unwrap();
    store.commit(txn).unwrap();

    // 5 bookings a day per host over 400 days, at different half hours.
    let mut written = 0;
    for chunk in 0..40 {
        let txn = store.write().unwrap();
        {
            for day in chunk * 10..(chunk + 1) * 10 {
                let date = today + Duration::days(day - 300);
                for (h, host) in hosts.iter().enumerate() {
                    for k in 0..5i64 {
                        let half = (k * 3 + h as i64 + day) % 16;
                        let start = date + Duration::minutes(9 * 60 + half * 30);
                        let b = Booking {
                            id: convene::crypto::random_id(),
                            page_id: page.id.clone(),
                            page_slug: page.slug.clone(),
                            page_title: page.title.clone(),
                            hosts: vec![host.clone()],
                            start,
                            end: start + Duration::minutes(30),
                            buffer_before_minutes: 0,
                            buffer_after_minutes: 0,
                            guest: Guest {
                                name: "Seeded Guest".into(),
                                email: format!("g{written}@example.org"),
                                timezone: "UTC".into(),
                                language: String::new(),
                            },
                            notes: String::new(),
                            answers: vec![],
                            location: String::new(),
                            state: BookingState::Confirmed,
                            assignment_reason: None,
                            sequence: 0,
                            cancel_reason: String::new(),
                            cancelled_by: None,
                            reminders_sent: vec![1440, 60],
                            guest_may_change: true,
                            manage_token: None,
                            created_at: now,
                            updated_at: now,
                        };
                        convene::store::put_booking_in(&txn, &b).unwrap();
                        convene::store::index_booking_in(&txn, &b).unwrap();
                        written += 1;
                    }
                }
            }
        }
        store.commit(txn).unwrap();
    }
    println!("seeded 50 hosts and {written} bookings");
}
