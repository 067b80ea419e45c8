//! The booking mails as each reader gets them: guest and every host in
//! their own language and time zone, names in the order they read them.

use chrono::{TimeZone, Utc};

use super::{BASE_URL, World};
use crate::domain::{
    Booking, BookingState, DeliveryState, Guest, Mail, Member, MemberState, Payload, Role,
};
use crate::service::booking::mail::{Change, queue_in};
use crate::store;

fn host(w: &World, email: &str, names: (&str, &str), language: &str, zone: &str) -> Member {
    let mut m = w.member(email, Role::Member, MemberState::Active);
    (m.first_name, m.last_name) = (names.0.into(), names.1.into());
    (m.language, m.timezone) = (language.into(), zone.into());
    let txn = w.store.write().unwrap();
    store::put_member_in(&txn, &m).unwrap();
    w.store.commit(txn).unwrap();
    m
}

fn booking(hosts: &[Member]) -> Booking {
    // Wednesday 5 March 2031, 09:00 UTC.
    let start = Utc.with_ymd_and_hms(2031, 3, 5, 9, 0, 0).unwrap();
    Booking {
        id: "b1".into(),
        page_id: "p1".into(),
        page_slug: "intro".into(),
        page_title: "Intro call".into(),
        hosts: hosts.iter().map(|h| h.id.clone()).collect(),
        start,
        end: start + chrono::Duration::minutes(30),
        buffer_before_minutes: 0,
        buffer_after_minutes: 0,
        guest: Guest {
            name: "Gail Guest".into(),
            email: "gail@example.org".into(),
            timezone: "America/New_York".into(),
            language: String::new(),
        },
        notes: String::new(),
        answers: Vec::new(),
        location: String::new(),
        state: BookingState::Confirmed,
        assignment_reason: None,
        sequence: 0,
        cancel_reason: String::new(),
        cancelled_by: None,
        reminders_sent: Vec::new(),
        guest_may_change: true,
        manage_token: None,
        created_at: start,
        updated_at: start,
    }
}

fn mails(w: &World) -> Vec<Mail> {
    w.store
        .outbox_in_state(DeliveryState::Queued, usize::MAX)
        .unwrap()
        .into_iter()
        .filter_map(|m| match m.payload {
            Payload::Mail(mail) => Some(mail),
            _ => None,
        })
        .collect()
}

fn to<'a>(mails: &'a [Mail], email: &str) -> &'a Mail {
    mails
        .iter()
        .find(|m| m.to_email == email)
        .unwrap_or_else(|| panic!("no mail to {email}: {mails:?}"))
}

#[test]
fn each_reader_gets_their_language_zone_and_name_order() {
    let w = World::new();
    let hanako = host(
        &w,
        "hanako@example.org",
        ("花子", "山田"),
        "ja",
        "Asia/Tokyo",
    );
    let marie = host(
        &w,
        "marie@example.org",
        ("Marie", "Curie"),
        "fr",
        "Europe/Paris",
    );
    let hosts = [hanako, marie];
    let b = booking(&hosts);
    let txn = w.store.write().unwrap();
    queue_in(&txn, BASE_URL, &b, &hosts, Change::Created, None, w.now).unwrap();
    w.store.commit(txn).unwrap();
    let mails = mails(&w);

    // The organization's language for the guest, in the guest's zone; a
    // name in Japanese script is family-first for every reader.
    let guest = to(&mails, "gail@example.org");
    assert!(
        guest
            .text
            .contains("When: Wed, Mar 5, 2031, 4:00 – 4:30 AM (America/New_York)"),
        "{}",
        guest.text
    );
    assert!(
        guest.text.contains("With: 山田 花子, Marie Curie"),
        "{}",
        guest.text
    );

    let ja = to(&mails, "hanako@example.org");
    assert_eq!(ja.to_name, "山田 花子");
    assert!(
        ja.subject
            .contains("2031年3月5日(水) 18:00～18:30 (Asia/Tokyo)"),
        "{}",
        ja.subject
    );
    assert!(
        ja.text.contains("担当者：山田 花子, Curie Marie"),
        "{}",
        ja.text
    );

    let fr = to(&mails, "marie@example.org");
    assert_eq!(fr.to_name, "Marie Curie");
    assert!(
        fr.subject
            .contains("mer. 5 mars 2031 10:00 – 10:30 (Europe/Paris)"),
        "{}",
        fr.subject
    );
}

#[test]
fn guests_answer_the_host_and_hosts_answer_the_guest() {
    for change in [Change::Created, Change::Reminder, Change::Cancelled] {
        let w = World::new();
        let hanako = host(
            &w,
            "hanako@example.org",
            ("花子", "山田"),
            "ja",
            "Asia/Tokyo",
        );
        let marie = host(
            &w,
            "marie@example.org",
            ("Marie", "Curie"),
            "fr",
            "Europe/Paris",
        );
        let hosts = [hanako, marie];
        let b = booking(&hosts);
        let txn = w.store.write().unwrap();
        queue_in(&txn, BASE_URL, &b, &hosts, change, None, w.now).unwrap();
        w.store.commit(txn).unwrap();
        let mails = mails(&w);

        // The first host, named for the guest's reader.
        let guest = to(&mails, "gail@example.org");
        let reply = guest.reply_to.as_ref().expect("a Reply-To for the guest");
        assert_eq!(
            (reply.email.as_str(), reply.name.as_str()),
            ("hanako@example.org", "山田 花子"),
            "{change:?}"
        );
        // A guest stops nothing on a preferences page.
        assert_eq!(guest.unsubscribe_url, None, "{change:?}");

        for email in ["hanako@example.org", "marie@example.org"] {
            let m = to(&mails, email);
            let reply = m.reply_to.as_ref().expect("a Reply-To for each host");
            assert_eq!(
                (reply.email.as_str(), reply.name.as_str()),
                ("gail@example.org", "Gail Guest"),
                "{change:?}"
            );
            // Hosts get these mails through their preferences.
            assert_eq!(
                m.unsubscribe_url.as_deref(),
                Some("https://convene.example.org/settings/notifications"),
                "{change:?}"
            );
        }
    }
}
