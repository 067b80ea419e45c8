//! Hand-computed expectations: zones, DST days, breaks, caps, buffers,
//! notice and assignment modes.

use super::*;

#[test]
fn a_day_with_a_break_in_tokyo_seen_from_new_york() {
    // Monday 2027-03-15, 09:00–12:00 JST with a 10:00–10:30 break.
    let h = host(
        "Asia/Tokyo",
        week(0, &[(hm(9, 0), hm(12, 0))], &[(hm(10, 0), hm(10, 30))]),
    );
    let s = slots(&[h], &rules(30), day_window(2027, 3, 15), NOW);
    // JST is UTC+9: 09:00 JST = 00:00Z. A guest in New York (EDT, UTC−4
    // that day) sees 20:00, 20:30, 21:30, 22:00, 22:30 on Sunday the 14th.
    assert_eq!(
        starts(&s),
        vec![
            utc(2027, 3, 15, 0, 0),
            utc(2027, 3, 15, 0, 30),
            utc(2027, 3, 15, 1, 30),
            utc(2027, 3, 15, 2, 0),
            utc(2027, 3, 15, 2, 30),
        ]
    );
    let ny: Tz = "America/New_York".parse().unwrap();
    let first = ny.timestamp_opt(s[0].start, 0).single().unwrap();
    assert_eq!(
        first.format("%Y-%m-%d %H:%M").to_string(),
        "2027-03-14 20:00"
    );
}

#[test]
fn us_spring_forward_skips_the_missing_hour() {
    // Sunday 2027-03-14 in New York: 02:00–03:00 does not exist.
    let h = host("America/New_York", week(6, &[(hm(0, 0), hm(5, 0))], &[]));
    let s = slots(&[h], &rules(30), day_window(2027, 3, 14), NOW);
    assert_eq!(
        starts(&s),
        vec![
            utc(2027, 3, 14, 5, 0),
            utc(2027, 3, 14, 5, 30),
            utc(2027, 3, 14, 6, 0),
            utc(2027, 3, 14, 6, 30),
            // 03:00 EDT = 07:00Z
            utc(2027, 3, 14, 7, 0),
            utc(2027, 3, 14, 7, 30),
            utc(2027, 3, 14, 8, 0),
            utc(2027, 3, 14, 8, 30),
        ]
    );
}

#[test]
fn touching_intervals_are_one_stretch() {
    // 08:30–11:00 and 11:00–11:30 on Wednesday: the 10:45 slot runs across
    // 11:00, for one host and for a collective whose other host has one
    // interval. Regression from a failing property case.
    let split = week(2, &[(hm(8, 30), hm(11, 0)), (hm(11, 0), hm(11, 30))], &[]);
    let whole = week(2, &[(hm(6, 30), hm(12, 0))], &[]);
    let now = utc(2027, 3, 8, 6, 0);
    let window = day_window(2027, 3, 10);
    let mut r = rules(30);
    r.step = 15 * 60;
    let one = slots(&[host("UTC", split.clone())], &r, window, now);
    assert!(starts(&one).contains(&utc(2027, 3, 10, 10, 45)));
    assert_eq!(starts(&one).last(), Some(&utc(2027, 3, 10, 11, 0)));
    r.assignment = Assignment::Collective;
    let both = slots(&[host("UTC", whole), host("UTC", split)], &r, window, now);
    assert_eq!(starts(&both), starts(&one));
}

#[test]
fn a_slot_never_crosses_the_host_local_midnight() {
    // Friday 20:30–24:00 and Saturday 00:00–00:30 in Tokyo touch at
    // midnight; 23:45–00:15 is not offered, alone or in a collective.
    // Regression from a failing property case.
    let mut night = week(4, &[(hm(20, 30), 24 * 60)], &[]);
    night.hours[5] = vec![LocalInterval { start: 0, end: 30 }];
    let day = week(4, &[(hm(10, 30), hm(15, 30))], &[]);
    let now = utc(2027, 3, 8, 6, 0);
    let window = Span::new(utc(2027, 3, 11, 0, 0), utc(2027, 3, 14, 0, 0));
    let mut r = rules(30);
    r.step = 15 * 60;
    let alone = slots(&[host("Asia/Tokyo", night.clone())], &r, window, now);
    // 23:45 Tokyo on Friday 12 March is 14:45 UTC.
    let crossing = utc(2027, 3, 12, 14, 45);
    assert!(!starts(&alone).contains(&crossing));
    assert!(starts(&alone).contains(&utc(2027, 3, 12, 14, 30)));
    r.assignment = Assignment::Collective;
    let both = slots(
        &[host("UTC", day), host("Asia/Tokyo", night)],
        &r,
        window,
        now,
    );
    assert!(!starts(&both).contains(&crossing));
    assert!(starts(&both).contains(&utc(2027, 3, 12, 14, 30)));
}

#[test]
fn a_working_day_keeps_its_wall_clock_hours_across_the_change() {
    let ny = |d| {
        let h = host("America/New_York", week(0, &[(hm(9, 0), hm(17, 0))], &[]));
        slots(&[h], &rules(60), day_window(2027, 3, d), NOW)
    };
    let before = ny(8); // Monday 2027-03-08, EST
    let after = ny(15); // Monday 2027-03-15, EDT
    assert_eq!(before.first().unwrap().start, utc(2027, 3, 8, 14, 0));
    assert_eq!(after.first().unwrap().start, utc(2027, 3, 15, 13, 0));
    assert_eq!((before.len(), after.len()), (8, 8));
    // Paris, Sunday 2027-03-28 (02:00 → 03:00): 09:00 CEST = 07:00Z.
    let h = host("Europe/Paris", week(6, &[(hm(9, 0), hm(17, 0))], &[]));
    let s = slots(&[h], &rules(60), day_window(2027, 3, 28), NOW);
    assert_eq!(s.first().unwrap().start, utc(2027, 3, 28, 7, 0));
    assert_eq!(s.last().unwrap().start, utc(2027, 3, 28, 14, 0));
}

#[test]
fn fall_back_offers_repeated_times_once() {
    // Sunday 2027-11-07 in New York: 01:00–02:00 happens twice.
    let h = host("America/New_York", week(6, &[(hm(0, 0), hm(3, 0))], &[]));
    let s = slots(&[h], &rules(30), day_window(2027, 11, 7), NOW);
    assert_eq!(
        starts(&s),
        vec![
            utc(2027, 11, 7, 4, 0),
            utc(2027, 11, 7, 4, 30), // 00:00, 00:30 EDT
            utc(2027, 11, 7, 5, 0),
            utc(2027, 11, 7, 5, 30), // 01:00, 01:30 EDT, once
            utc(2027, 11, 7, 7, 0),
            utc(2027, 11, 7, 7, 30), // 02:00, 02:30 EST
        ]
    );
    // Paris falls back on Sunday 2027-10-31: 09:00 CET = 08:00Z.
    let h = host("Europe/Paris", week(6, &[(hm(9, 0), hm(10, 0))], &[]));
    assert_eq!(
        starts(&slots(&[h], &rules(60), day_window(2027, 10, 31), NOW)),
        vec![utc(2027, 10, 31, 8, 0)]
    );
}

#[test]
fn caps_buffers_unavailability_and_notice() {
    let mut w = week(0, &[(hm(9, 0), hm(12, 0))], &[]);
    w.hours[1] = vec![LocalInterval {
        start: hm(9, 0),
        end: hm(10, 0),
    }];
    w.daily_caps[0] = Some(2);
    let mut h = host("UTC", w);
    // Two bookings on Monday 2027-03-15 reach the cap: no more that day.
    h.bookings = vec![
        Booked {
            span: Span::new(utc(2027, 3, 15, 9, 0), utc(2027, 3, 15, 9, 30)),
            buffer_before: 0,
            buffer_after: 0,
        },
        Booked {
            span: Span::new(utc(2027, 3, 15, 10, 0), utc(2027, 3, 15, 10, 30)),
            buffer_before: 0,
            buffer_after: 0,
        },
    ];
    let window = Span::new(utc(2027, 3, 15, 0, 0), utc(2027, 3, 17, 0, 0));
    let s = slots(std::slice::from_ref(&h), &rules(30), window, NOW);
    assert_eq!(
        starts(&s),
        vec![utc(2027, 3, 16, 9, 0), utc(2027, 3, 16, 9, 30)]
    );

    // Without the cap: buffers of 15 minutes after the page's bookings.
    h.week.daily_caps[0] = None;
    h.bookings[1].buffer_after = 15 * 60;
    let s = slots(std::slice::from_ref(&h), &rules(30), window, NOW);
    let monday: Vec<i64> = starts(&s)
        .into_iter()
        .filter(|t| *t < utc(2027, 3, 16, 0, 0))
        .collect();
    assert_eq!(
        monday,
        vec![
            utc(2027, 3, 15, 9, 30),
            utc(2027, 3, 15, 11, 0),
            utc(2027, 3, 15, 11, 30)
        ]
    );

    // Unavailability across midnight removes Monday evening to Tuesday 09:30.
    h.unavailable = vec![Span::new(utc(2027, 3, 15, 20, 0), utc(2027, 3, 16, 9, 30))];
    let s = slots(std::slice::from_ref(&h), &rules(30), window, NOW);
    assert!(
        starts(&s).contains(&utc(2027, 3, 16, 9, 30))
            && !starts(&s).contains(&utc(2027, 3, 16, 9, 0))
    );

    // Minimum notice: now is Monday 09:10, notice one hour.
    let mut r = rules(30);
    r.min_notice = 3600;
    let s = slots(
        std::slice::from_ref(&h),
        &r,
        window,
        utc(2027, 3, 15, 9, 10),
    );
    assert!(s.iter().all(|x| x.start >= utc(2027, 3, 15, 10, 10)));

    // Open booking cap of 2 with two upcoming bookings: nothing at all.
    h.week.open_booking_cap = Some(2);
    assert!(slots(&[h], &rules(30), window, NOW).is_empty());
}

#[test]
fn collective_needs_every_host_and_round_robin_any() {
    let a = host("UTC", week(0, &[(hm(9, 0), hm(12, 0))], &[]));
    let mut b = host("UTC", week(0, &[(hm(10, 0), hm(13, 0))], &[]));
    let mut c = host("Europe/Paris", week(0, &[(hm(10, 0), hm(14, 0))], &[])); // 09:00–13:00Z
    b.busy = vec![Span::new(utc(2027, 3, 15, 10, 30), utc(2027, 3, 15, 11, 0))];
    c.busy = vec![];
    let window = day_window(2027, 3, 15);
    let mut r = rules(30);
    r.assignment = Assignment::Collective;
    let s = slots(&[a.clone(), b.clone(), c.clone()], &r, window, NOW);
    assert_eq!(
        starts(&s),
        vec![
            utc(2027, 3, 15, 10, 0),
            utc(2027, 3, 15, 11, 0),
            utc(2027, 3, 15, 11, 30)
        ]
    );
    assert!(s.iter().all(|x| x.hosts == vec![0, 1, 2]));
    // One host busy all day: no collective slot.
    let mut busy_b = b.clone();
    busy_b.busy = vec![Span::new(utc(2027, 3, 15, 0, 0), utc(2027, 3, 16, 0, 0))];
    assert!(slots(&[a.clone(), busy_b], &r, window, NOW).is_empty());
    r.assignment = Assignment::RoundRobin;
    let s = slots(&[a, b, c], &r, window, NOW);
    let at = |h: u32, m: u32| {
        s.iter()
            .find(|x| x.start == utc(2027, 3, 15, h, m))
            .map(|x| x.hosts.clone())
    };
    assert_eq!(at(9, 0), Some(vec![0, 2]));
    assert_eq!(at(10, 30), Some(vec![0, 2]));
    assert_eq!(at(12, 30), Some(vec![1, 2]));
}
