//! The slot cache on a real store: a commit moves only the revisions it
//! touched, so a change to one host's calendar leaves another host's
//! cached lists in place, and a change that touches no calendar leaves
//! them all.

use std::sync::Arc;

use chrono::{Duration, Utc};

use super::availability::Cache;
use super::{self as bookings, Settings, SlotQuery};
use crate::domain::{
    AssignmentMode, BookingPage, Email, Interval, Member, MemberState, Role, Schedule,
    Unavailability,
};
use crate::store::{self, Store};

struct World {
    _dir: tempfile::TempDir,
    store: Store,
    cache: Cache,
    settings: Settings,
    a: Member,
    page_a: BookingPage,
    page_b: BookingPage,
}

fn all_day() -> Schedule {
    let mut s = Schedule::default();
    for day in crate::domain::schedule::WEEKDAYS {
        s.weekly.insert(
            day.to_string(),
            vec![Interval {
                start: "08:00".into(),
                end: "18:00".into(),
            }],
        );
    }
    s
}

fn page(slug: &str, host: &Member) -> BookingPage {
    let now = Utc::now();
    BookingPage {
        id: crate::crypto::random_id(),
        slug: slug.into(),
        title: slug.into(),
        description: String::new(),
        duration_minutes: 30,
        slot_step_minutes: 30,
        buffer_before_minutes: 0,
        buffer_after_minutes: 0,
        min_notice_minutes: 0,
        horizon_days: 60,
        location: None,
        questions: vec![],
        enabled: true,
        hosts: vec![host.id.clone()],
        assignment: AssignmentMode::Single,
        owner_id: host.id.clone(),
        created_at: now,
        updated_at: now,
    }
}

fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db.redb")).unwrap();
    let now = Utc::now();
    let member = |email: &str| {
        Member::new(
            Email::parse(email).unwrap(),
            Role::Member,
            MemberState::Active,
            "UTC",
            "en",
            now,
        )
    };
    let (a, b) = (member("a@example.org"), member("b@example.org"));
    let (page_a, page_b) = (page("a", &a), page("b", &b));
    let txn = store.write().unwrap();
    for (m, p) in [(&a, &page_a), (&b, &page_b)] {
        store::put_member_in(&txn, m).unwrap();
        store::put_schedule_in(&txn, &m.id, &all_day()).unwrap();
        assert!(store::claim_slug_in(&txn, &p.slug, &p.id).unwrap());
        store::put_page_in(&txn, p).unwrap();
    }
    store.commit(txn).unwrap();
    World {
        _dir: dir,
        store,
        cache: Cache::default(),
        settings: Settings {
            base_url: "http://localhost".into(),
            video_link_pattern: String::new(),
        },
        a,
        page_a,
        page_b,
    }
}

impl World {
    fn slots(&self, page: &BookingPage) -> Arc<Vec<crate::engine::Slot>> {
        self.slots_at(page, Utc::now())
    }

    fn slots_at(
        &self,
        page: &BookingPage,
        now: chrono::DateTime<Utc>,
    ) -> Arc<Vec<crate::engine::Slot>> {
        let day = (now + Duration::days(3)).date_naive();
        let q = SlotQuery {
            from: day,
            to: day,
            tz: chrono_tz::UTC,
        };
        let (list, stamp) =
            bookings::slots(&self.store, &self.cache, &self.settings, page, &q, now).unwrap();
        assert!(stamp.is_some());
        list
    }
}

#[test]
fn a_change_to_one_host_keeps_the_other_hosts_lists() {
    let w = world();
    let b1 = w.slots(&w.page_b);
    assert!(!b1.is_empty());
    assert!(Arc::ptr_eq(&b1, &w.slots(&w.page_b)), "a repeat is a hit");
    let a1 = w.slots(&w.page_a);

    // Host A goes away for the whole week: A's lists are computed again,
    // B's are still the kept ones.
    let now = Utc::now();
    let txn = w.store.write().unwrap();
    store::put_unavailability_in(
        &txn,
        &Unavailability {
            id: crate::crypto::random_id(),
            member_id: w.a.id.clone(),
            start: now,
            end: now + Duration::days(7),
            reason: String::new(),
        },
    )
    .unwrap();
    w.store.commit(txn).unwrap();
    let a2 = w.slots(&w.page_a);
    assert!(!Arc::ptr_eq(&a1, &a2));
    assert!(a2.is_empty(), "A is away: {a2:?}");
    assert!(Arc::ptr_eq(&b1, &w.slots(&w.page_b)));

    // A commit that touches no calendar (a queued mail) keeps everything.
    let txn = w.store.write().unwrap();
    let mail = crate::domain::OutboxMessage::new(
        crate::domain::Payload::Mail(crate::domain::Mail {
            kind: "test".into(),
            to_email: "x@example.org".into(),
            to_name: String::new(),
            subject: "s".into(),
            text: "t".into(),
            html: "h".into(),
            ics: None,
            reply_to: None,
            unsubscribe_url: None,
            from_booking: None,
        }),
        now,
    );
    store::enqueue_in(&txn, &mail).unwrap();
    w.store.commit(txn).unwrap();
    assert!(Arc::ptr_eq(&a2, &w.slots(&w.page_a)));
    assert!(Arc::ptr_eq(&b1, &w.slots(&w.page_b)));

    // Editing page B retires B's lists only.
    let txn = w.store.write().unwrap();
    let mut edited = w.page_b.clone();
    edited.title = "B, renamed".into();
    store::put_page_in(&txn, &edited).unwrap();
    w.store.commit(txn).unwrap();
    assert!(!Arc::ptr_eq(&b1, &w.slots(&edited)));
    assert!(Arc::ptr_eq(&a2, &w.slots(&w.page_a)));
}

#[test]
fn a_page_read_before_its_change_is_not_kept() {
    let w = world();
    let stale = w.page_b.clone();
    let txn = w.store.write().unwrap();
    let mut edited = w.page_b.clone();
    edited.duration_minutes = 60;
    store::put_page_in(&txn, &edited).unwrap();
    w.store.commit(txn).unwrap();
    let day = (Utc::now() + Duration::days(3)).date_naive();
    let q = SlotQuery {
        from: day,
        to: day,
        tz: chrono_tz::UTC,
    };
    let (_, stamp) =
        bookings::slots(&w.store, &w.cache, &w.settings, &stale, &q, Utc::now()).unwrap();
    assert!(stamp.is_none(), "computed from an old page: nothing kept");
}

fn connection(
    member: &Member,
    created: chrono::DateTime<Utc>,
) -> crate::domain::CalendarConnection {
    crate::domain::CalendarConnection {
        id: crate::crypto::random_id(),
        member_id: member.id.clone(),
        kind: crate::domain::CalendarKind::IcalUrl,
        url: "https://calendar.example.org/a.ics".into(),
        username: String::new(),
        password: None,
        write_back: false,
        write_calendar: String::new(),
        on_cancel: crate::domain::CancelAction::Delete,
        write_error: None,
        last_write_at: None,
        collections: vec![],
        etag: String::new(),
        last_modified: String::new(),
        expanded_to: 0,
        created_at: created,
        last_sync_at: Some(created),
        last_ok_at: Some(created),
        last_error: None,
        notes: vec![],
        events: 0,
        hiding_slots: false,
        stale_notified: false,
    }
}

#[test]
fn a_calendar_sync_of_one_host_keeps_the_other_hosts_lists() {
    let w = world();
    let a1 = w.slots(&w.page_a);
    let b1 = w.slots(&w.page_b);
    let c = connection(&w.a, Utc::now());
    let day = (Utc::now() + Duration::days(3)).date_naive();
    let ten = day.and_hms_opt(10, 0, 0).unwrap().and_utc().timestamp();
    let txn = w.store.write().unwrap();
    store::put_connection_in(&txn, &c).unwrap();
    store::put_busy_in(
        &txn,
        &w.a.id,
        &c.id,
        &vec![crate::domain::StoredBusy(ten, ten + 3600, "uid-1".into())],
    )
    .unwrap();
    w.store.commit(txn).unwrap();
    let a2 = w.slots(&w.page_a);
    assert_eq!(a2.len(), a1.len() - 2, "10:00 and 10:30 are busy");
    assert!(a2.iter().all(|s| s.end <= ten || s.start >= ten + 3600));
    assert!(Arc::ptr_eq(&b1, &w.slots(&w.page_b)), "b's list is kept");

    // A sync that changed nothing for availability flushes nothing.
    let mut status = c.clone();
    status.last_sync_at = Some(Utc::now());
    let txn = w.store.write().unwrap();
    store::put_sync_status_in(&txn, &status).unwrap();
    w.store.commit(txn).unwrap();
    assert!(Arc::ptr_eq(&a2, &w.slots(&w.page_a)));
}

#[test]
fn a_stale_calendar_hides_its_hosts_times_once_and_tells_them_once() {
    use crate::service::calendars::{Calendars, stale};
    let w = world();
    let admin = {
        let mut m = Member::new(
            Email::parse("admin@example.org").unwrap(),
            Role::Admin,
            MemberState::Active,
            "Asia/Tokyo",
            "ja",
            Utc::now(),
        );
        m.first_name = "花子".into();
        let txn = w.store.write().unwrap();
        store::put_member_in(&txn, &m).unwrap();
        w.store.commit(txn).unwrap();
        m
    };
    let before = w.slots(&w.page_a).len();
    assert!(before > 0);
    let b1 = w.slots(&w.page_b);
    let c = connection(&w.a, Utc::now() - Duration::hours(30));
    let txn = w.store.write().unwrap();
    store::put_connection_in(&txn, &c).unwrap();
    w.store.commit(txn).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut config = crate::config::CalendarConfig::default();
    let keyring = crate::secrets::Keyring::load(&config, dir.path()).unwrap();
    let outbound = crate::net::Outbound::new(&[]).unwrap();
    let cals = Calendars::new(
        w.store.clone(),
        &outbound,
        keyring.clone(),
        &config,
        "http://x",
    );

    assert_eq!(stale::review(&cals, Utc::now()).unwrap(), 1);
    assert!(
        w.slots(&w.page_a).is_empty(),
        "fail closed: no times offered"
    );
    assert!(Arc::ptr_eq(&b1, &w.slots(&w.page_b)), "others keep theirs");
    let told = |m: &Member| w.store.notifications(&m.id, 10).unwrap();
    assert_eq!(told(&w.a).len(), 1);
    let ja = &told(&admin)[0];
    assert!(ja.title.contains("同期されていません"), "{}", ja.title);
    // Told once per episode.
    assert_eq!(stale::review(&cals, Utc::now()).unwrap(), 0);
    assert_eq!(told(&w.a).len(), 1);

    // "Offer anyway": the times come back from the last good copy.
    config.when_stale = crate::config::WhenStale::Offer;
    let offering = Calendars::new(w.store.clone(), &outbound, keyring, &config, "http://x");
    stale::review(&offering, Utc::now()).unwrap();
    assert_eq!(w.slots(&w.page_a).len(), before);
    assert_eq!(told(&w.a).len(), 1, "still told only once");
}

#[test]
fn a_sync_commit_carries_the_synced_hosts_index_over() {
    use crate::service::calendars::BusyListener;
    let w = world();
    let a1 = w.slots(&w.page_a);
    let c = connection(&w.a, Utc::now());
    let txn = w.store.write().unwrap();
    store::put_connection_in(&txn, &c).unwrap();
    w.store.commit(txn).unwrap();
    w.slots(&w.page_a);
    let dep = store::Dep::host(&w.a.id);
    assert_eq!(
        w.cache.kept_at(&w.a.id),
        Some(w.store.revisions().current(&dep))
    );

    // What the sync does: replace the busy times, read what the member's
    // calendars now make busy in the same transaction, commit, tell.
    let day = (Utc::now() + Duration::days(3)).date_naive();
    let ten = day.and_hms_opt(10, 0, 0).unwrap().and_utc().timestamp();
    let now = Utc::now().timestamp();
    let txn = w.store.write().unwrap();
    let busy = vec![crate::domain::StoredBusy(ten, ten + 3600, "uid-1".into())];
    store::put_busy_in(&txn, &w.a.id, &c.id, &busy).unwrap();
    let imported = store::calendars(&txn)
        .unwrap()
        .imported(w.a.id.as_str(), now - 2 * 86_400)
        .unwrap();
    let committed = w.store.commit_counted(txn).unwrap();
    let told = std::collections::HashMap::from([(w.a.id.clone(), imported)]);
    w.cache.busy_replaced(&committed.moved, &told, now);
    assert_eq!(
        w.cache.kept_at(&w.a.id),
        Some(w.store.revisions().current(&dep)),
        "carried over, not left to the next reader to rebuild"
    );

    let carried = w.slots(&w.page_a);
    assert_eq!(carried.len(), a1.len() - 2, "10:00 and 10:30 are busy");
    let fresh = World {
        cache: Cache::default(),
        ..w
    };
    assert_eq!(*carried, *fresh.slots(&fresh.page_a), "as if indexed anew");
}

/// Books `start` on page a as the booking writer does: through its book of
/// hosts, in a transaction it commits and tells the book of.
fn book_through(
    w: &World,
    book: &super::host_book::HostBook,
    start: chrono::DateTime<Utc>,
) -> Result<(), crate::error::AppError> {
    book_on(w, book, "a", start)
}

fn book_on(
    w: &World,
    book: &super::host_book::HostBook,
    slug: &str,
    start: chrono::DateTime<Utc>,
) -> Result<(), crate::error::AppError> {
    use super::group_commit::BatchHooks;
    let now = Utc::now();
    let input = bookings::BookInput {
        start: start.to_rfc3339(),
        name: "Gina Guest".into(),
        email: "gina@example.org".into(),
        timezone: "UTC".into(),
        notes: None,
        answers: Default::default(),
        language: None,
    };
    book.begin();
    let txn = w.store.write().unwrap();
    let result = {
        let mut src = book.source(&txn, now.timestamp());
        bookings::book_in(&txn, &mut src, &w.settings, slug, &input, now).map(|_| ())
    };
    // A refused booking wrote nothing; the batch commits either way.
    let committed = w.store.commit_counted(txn).unwrap();
    book.end(Some(&committed));
    result
}

#[test]
fn the_writers_book_refuses_a_start_taken_by_its_own_booking_or_a_synced_busy_time() {
    let w = world();
    let book = super::host_book::HostBook::default();
    let day = (Utc::now() + Duration::days(3)).date_naive();
    let at = |h: u32, m: u32| day.and_hms_opt(h, m, 0).unwrap().and_utc();
    book_through(&w, &book, at(9, 0)).unwrap();
    // The kept index has the booking: no second one at 09:00.
    let again = book_through(&w, &book, at(9, 0)).unwrap_err();
    assert!(
        matches!(
            again,
            crate::error::AppError::Conflict {
                code: "slot_taken",
                ..
            }
        ),
        "{again:?}"
    );
    book_through(&w, &book, at(9, 30)).unwrap();

    // A sync makes 10:00–11:00 busy; the book held the host before it.
    let c = connection(&w.a, Utc::now());
    let ten = at(10, 0).timestamp();
    let txn = w.store.write().unwrap();
    store::put_connection_in(&txn, &c).unwrap();
    let busy = vec![crate::domain::StoredBusy(ten, ten + 3600, "uid-1".into())];
    store::put_busy_in(&txn, &w.a.id, &c.id, &busy).unwrap();
    w.store.commit(txn).unwrap();
    for busy_start in [at(10, 0), at(10, 30)] {
        let refused = book_through(&w, &book, busy_start).unwrap_err();
        assert!(
            matches!(
                refused,
                crate::error::AppError::Invalid {
                    code: "not_a_slot",
                    ..
                }
            ),
            "{refused:?}"
        );
    }
    book_through(&w, &book, at(11, 0)).unwrap();
    // A book that starts with the busy time stored refuses it too.
    let fresh = super::host_book::HostBook::default();
    assert!(book_through(&w, &fresh, at(10, 0)).is_err());
    book_through(&w, &fresh, at(11, 30)).unwrap();
}

#[test]
fn a_round_robin_list_after_a_booking_checks_again_only_the_booked_host() {
    let w = world();
    let mut team = page("team", &w.a);
    team.hosts.push(w.page_b.hosts[0].clone());
    team.assignment = AssignmentMode::RoundRobin;
    let txn = w.store.write().unwrap();
    assert!(store::claim_slug_in(&txn, &team.slug, &team.id).unwrap());
    store::put_page_in(&txn, &team).unwrap();
    w.store.commit(txn).unwrap();
    // One instant for every list: a list kept is brought up to date only
    // within its minute.
    let now = Utc::now();
    let before = w.slots_at(&team, now);
    assert!(
        before.iter().all(|s| s.hosts == vec![0, 1]),
        "both free all day"
    );
    let book = super::host_book::HostBook::default();
    let day = (Utc::now() + Duration::days(3)).date_naive();
    let nine = day.and_hms_opt(9, 0, 0).unwrap().and_utc();
    book_on(&w, &book, "team", nine).unwrap();
    let rechecks = w.cache.lists.rechecks();
    let after = w.slots_at(&team, now);
    assert_eq!(w.cache.lists.rechecks(), rechecks + 1, "brought up to date");
    let at_nine = after.iter().find(|s| s.start == nine.timestamp()).unwrap();
    assert_eq!(at_nine.hosts.len(), 1, "one host took 09:00");
    let fresh = World {
        cache: Cache::default(),
        ..w
    };
    assert_eq!(*after, *fresh.slots_at(&team, now), "as if computed anew");
}
