//! The booking mails as each reader gets them: guest and every host in
//! their own language and time zone, names in the order they read them.

use chrono::{TimeZone, Utc};

use super::{BASE_URL, World};
use crate::domain::{
    Booking, BookingState, DeliveryState, Guest, Mail, Member, MemberState, Payload, Role,
};
use crate::service::booking::mail::{Change, queue_in, written_in};
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

/// The queued mails as they go: booking mails are queued without their
/// bodies, which are written at delivery.
fn mails(w: &World) -> Vec<Mail> {
    let txn = w.store.read().unwrap();
    w.store
        .outbox_in_state(DeliveryState::Queued, usize::MAX)
        .unwrap()
        .into_iter()
        .filter_map(|m| match m.payload {
            Payload::Mail(mail) => Some(written_in(&txn, BASE_URL, &mail).unwrap()),
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
    store::put_booking_in(&txn, &b).unwrap();
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
        store::put_booking_in(&txn, &b).unwrap();
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

#[test]
fn a_mail_queued_without_its_body_tells_the_booking_as_it_was_at_the_change() {
    let w = World::new();
    let marie = host(
        &w,
        "marie@example.org",
        ("Marie", "Curie"),
        "fr",
        "Europe/Paris",
    );
    let hosts = [marie];
    let mut b = booking(&hosts);
    b.manage_token = Some("tok".into());
    let txn = w.store.write().unwrap();
    store::put_booking_in(&txn, &b).unwrap();
    queue_in(&txn, BASE_URL, &b, &hosts, Change::Created, None, w.now).unwrap();
    w.store.commit(txn).unwrap();

    // The rows hold the envelope and subject, not the bodies.
    let queued = w
        .store
        .outbox_in_state(DeliveryState::Queued, usize::MAX)
        .unwrap();
    assert_eq!(queued.len(), 2);
    for m in &queued {
        let Payload::Mail(mail) = &m.payload else {
            panic!("a mail")
        };
        assert!(mail.text.is_empty() && mail.html.is_empty() && mail.ics.is_none());
        assert!(!mail.subject.is_empty());
        // Less than a third of the mail it becomes.
        let read = w.store.read().unwrap();
        let whole = Payload::Mail(written_in(&read, BASE_URL, mail).unwrap());
        let (row, whole) = (
            serde_json::to_vec(&m.payload).unwrap().len(),
            serde_json::to_vec(&whole).unwrap().len(),
        );
        assert!(row * 3 < whole, "{row} bytes queued for {whole} written");
    }

    // The booking moves an hour before the confirmation goes: the
    // confirmation still tells the time it confirmed, with the sequence
    // of its invitation, and carries the links as they are now.
    let mut moved = b.clone();
    moved.start += chrono::Duration::hours(1);
    moved.end += chrono::Duration::hours(1);
    moved.sequence = 1;
    let txn = w.store.write().unwrap();
    store::put_booking_in(&txn, &moved).unwrap();
    w.store.commit(txn).unwrap();
    let mails = mails(&w);
    let guest = to(&mails, "gail@example.org");
    assert!(
        guest
            .text
            .contains("When: Wed, Mar 5, 2031, 4:00 – 4:30 AM (America/New_York)"),
        "{}",
        guest.text
    );
    assert!(
        guest
            .text
            .contains("https://convene.example.org/booking/tok"),
        "{}",
        guest.text
    );
    let ics = &guest.ics.as_ref().expect("an invitation").content;
    assert!(ics.contains("DTSTART:20310305T090000Z"), "{ics}");
    assert!(ics.contains("SEQUENCE:0"), "{ics}");
    assert!(ics.contains("ORGANIZER;CN=Marie Curie"), "{ics}");
    let host = to(&mails, "marie@example.org");
    assert!(
        host.text
            .contains("mer. 5 mars 2031 10:00 – 10:30 (Europe/Paris)"),
        "{}",
        host.text
    );
    assert!(
        host.text
            .contains("https://convene.example.org/bookings/b1"),
        "{}",
        host.text
    );
    // The subject it was queued with is the one the body was written for.
    assert_eq!(
        guest.subject,
        crate::mail::templates::booking_confirmed(
            crate::i18n::Lang::En,
            "",
            crate::mail::templates::Audience::Guest,
            &crate::mail::templates::BookingMail {
                title: "Intro call",
                when: "Wed, Mar 5, 2031, 4:00 – 4:30 AM (America/New_York)",
                guest_name: "Gail Guest",
                ..Default::default()
            },
            "",
        )
        .subject
    );
}

#[test]
fn a_mail_is_written_after_its_host_is_removed_and_fails_for_good_without_its_booking() {
    let w = World::new();
    let marie = host(
        &w,
        "marie@example.org",
        ("Marie", "Curie"),
        "fr",
        "Europe/Paris",
    );
    let hosts = [marie.clone()];
    let b = booking(&hosts);
    let txn = w.store.write().unwrap();
    store::put_booking_in(&txn, &b).unwrap();
    queue_in(&txn, BASE_URL, &b, &hosts, Change::Cancelled, None, w.now).unwrap();
    // The change that mails a host may be the one that removes them.
    store::remove_member_in(&txn, &marie).unwrap();
    w.store.commit(txn).unwrap();

    let mails = mails(&w);
    let host = to(&mails, "marie@example.org");
    assert!(
        host.text.contains("10:00 – 10:30 (Europe/Paris)"),
        "{}",
        host.text
    );
    let guest = to(&mails, "gail@example.org");
    assert!(guest.text.contains("With: Marie Curie"), "{}", guest.text);

    // Bookings are kept for good; a row naming one the store lacks fails
    // rather than waiting for it.
    let mut stray = w
        .store
        .outbox_in_state(DeliveryState::Queued, usize::MAX)
        .unwrap()
        .into_iter()
        .find_map(|m| match m.payload {
            Payload::Mail(mail) if mail.to_email == "gail@example.org" => Some(mail),
            _ => None,
        })
        .unwrap();
    if let Some(source) = &mut stray.from_booking {
        source.booking_id = "not-a-booking".into();
    }
    let read = w.store.read().unwrap();
    let (error, permanent) = written_in(&read, BASE_URL, &stray).unwrap_err();
    assert!(permanent && error.contains("no longer exists"), "{error}");
}
