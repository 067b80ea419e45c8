//! Properties on random hosts and pages: nothing taken is offered, the
//! engine agrees with a slow reference, and kept indexes and lists brought
//! up to date equal computing anew.

use super::*;

fn arb_host() -> impl Strategy<Value = HostInput> {
    let iv = (0u16..48, 1u16..16).prop_map(|(s, l)| (s * 30, (s * 30 + l * 30).min(1440)));
    (
        proptest::collection::vec(proptest::collection::vec(iv.clone(), 0..3), 7),
        proptest::collection::vec(proptest::collection::vec(iv, 0..2), 7),
        proptest::collection::vec((0i64..7 * 96, 1i64..12), 0..10),
        proptest::collection::vec((0i64..7 * 96, 1i64..6, 0i64..3), 0..8),
        prop_oneof![
            Just("UTC"),
            Just("America/New_York"),
            Just("Asia/Tokyo"),
            Just("Europe/Paris")
        ],
        proptest::option::of(1u32..3),
    )
        .prop_map(|(hours, breaks, busy, bookings, tz, cap)| {
            let base = utc(2027, 3, 8, 0, 0);
            let q = 15 * 60;
            let mut w = Week::default();
            for d in 0..7 {
                w.hours[d] = hours[d]
                    .iter()
                    .map(|&(start, end)| LocalInterval { start, end })
                    .collect();
                w.breaks[d] = breaks[d]
                    .iter()
                    .map(|&(start, end)| LocalInterval { start, end })
                    .collect();
                w.daily_caps[d] = cap;
            }
            HostInput {
                timezone: tz.parse().unwrap(),
                week: w,
                unavailable: vec![],
                busy: busy
                    .iter()
                    .map(|&(s, l)| Span::new(base + s * q, base + (s + l) * q))
                    .collect(),
                bookings: bookings
                    .iter()
                    .map(|&(s, l, buf)| Booked {
                        span: Span::new(base + s * q, base + (s + l) * q),
                        buffer_before: buf * q,
                        buffer_after: buf * q,
                    })
                    .collect(),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn slots_never_overlap_what_is_taken(hosts in proptest::collection::vec(arb_host(), 1..4), mode in 0..3usize, dur in 1i64..5, buf in 0i64..3) {
        let mut r = rules(dur * 15);
        r.step = 15 * 60;
        r.buffer_before = buf * 15 * 60;
        r.buffer_after = buf * 15 * 60;
        r.min_notice = 3600;
        r.horizon = 5 * 86_400;
        r.assignment = [Assignment::Single, Assignment::Collective, Assignment::RoundRobin][mode];
        let now = utc(2027, 3, 8, 6, 0);
        let window = Span::new(utc(2027, 3, 7, 0, 0), utc(2027, 3, 16, 0, 0));
        let s = slots(&hosts, &r, window, now);
        prop_assert!(s.windows(2).all(|w| w[0].start < w[1].start), "sorted, no duplicates");
        for slot in &s {
            prop_assert!(slot.start >= now + r.min_notice && slot.start <= now + r.horizon);
            prop_assert_eq!(slot.end - slot.start, r.duration);
            if r.assignment == Assignment::Collective { prop_assert_eq!(slot.hosts.len(), hosts.len()); }
            for &i in &slot.hosts {
                let h = &hosts[i];
                let span = Span::new(slot.start, slot.end);
                let padded = Span::new(slot.start - r.buffer_before, slot.end + r.buffer_after);
                let working = h.week.working(h.timezone, Span::new(window.start - 2 * 86_400, window.end + 2 * 86_400));
                prop_assert!(working.covers(&span), "inside working hours, outside breaks");
                for b in &h.busy { prop_assert!(!b.overlaps(&padded)); }
                for b in &h.bookings {
                    prop_assert!(!Span::new(b.span.start - b.buffer_before, b.span.end + b.buffer_after).overlaps(&padded));
                }
                let date = h.timezone.timestamp_opt(slot.start, 0).single().unwrap().date_naive();
                if let Some(cap) = h.week.daily_caps[week::weekday_index(date)] {
                    let same_day = h.bookings.iter().filter(|b| h.timezone.timestamp_opt(b.span.start, 0).single().unwrap().date_naive() == date).count();
                    prop_assert!((same_day as u32) < cap, "cap respected");
                }
            }
        }
        let _ = NaiveDate::from_ymd_opt(2027, 1, 1);
    }
}

/// A day's working stretches found minute by minute: intervals that touch
/// or overlap make one stretch.
fn stretches(day: &[LocalInterval]) -> Vec<LocalInterval> {
    let mut working = [false; 1440];
    for iv in day {
        for m in iv.start..iv.end {
            working[usize::from(m)] = true;
        }
    }
    let mut out = Vec::new();
    let mut m = 0u16;
    while m < 1440 {
        if working[usize::from(m)] {
            let start = m;
            while m < 1440 && working[usize::from(m)] {
                m += 1;
            }
            out.push(LocalInterval { start, end: m });
        } else {
            m += 1;
        }
    }
    out
}

/// The obvious, slow way: every grid start of every host, checked one by
/// one against everything that can forbid it. The engine must agree exactly.
fn reference_slots(hosts: &[HostInput], r: &PageRules, window: Span, now: i64) -> Vec<Slot> {
    let mut per_start: std::collections::BTreeMap<i64, Vec<usize>> = Default::default();
    let wide = Span::new(window.start - 2 * 86_400, window.end + 2 * 86_400);
    for (i, h) in hosts.iter().enumerate() {
        let working = h.week.working(h.timezone, wide);
        let upcoming = h.bookings.iter().filter(|b| b.span.start >= now).count() as u32;
        if h.week.open_booking_cap.is_some_and(|c| upcoming >= c) {
            continue;
        }
        let first = h
            .timezone
            .timestamp_opt(wide.start, 0)
            .unwrap()
            .date_naive();
        let last = h.timezone.timestamp_opt(wide.end, 0).unwrap().date_naive();
        let mut date = first;
        while date <= last {
            for iv in &stretches(&h.week.hours[week::weekday_index(date)]) {
                let mut m = iv.start;
                while u32::from(m) + (r.duration / 60) as u32 <= u32::from(iv.end) {
                    let start = week::slot_utc(h.timezone, week::at(date, m));
                    m += (r.step / 60) as u16;
                    let Some(start) = start else { continue };
                    let span = Span::new(start, start + r.duration);
                    let padded = Span::new(start - r.buffer_before, span.end + r.buffer_after);
                    let ok = start >= window.start
                        && start < window.end
                        && start >= now + r.min_notice
                        && start <= now + r.horizon
                        && working.covers(&span)
                        && !h
                            .busy
                            .iter()
                            .chain(&h.unavailable)
                            .any(|b| b.overlaps(&padded))
                        && (r.allow_overlap
                            || !h.bookings.iter().any(|b| {
                                Span::new(
                                    b.span.start - b.buffer_before,
                                    b.span.end + b.buffer_after,
                                )
                                .overlaps(&padded)
                            }))
                        && h.week.daily_caps[week::weekday_index(date)].is_none_or(|cap| {
                            let local =
                                |t: i64| h.timezone.timestamp_opt(t, 0).unwrap().date_naive();
                            let day = local(start);
                            (h.bookings
                                .iter()
                                .filter(|b| local(b.span.start) == day)
                                .count() as u32)
                                < cap
                        });
                    if ok {
                        per_start.entry(start).or_default().push(i);
                    }
                }
            }
            date = date.succ_opt().unwrap();
        }
    }
    per_start
        .into_iter()
        .filter_map(|(start, mut who)| {
            who.dedup();
            let keep = match r.assignment {
                Assignment::Single => who.first() == Some(&0),
                Assignment::Collective => who.len() == hosts.len(),
                Assignment::RoundRobin => true,
            };
            let who = if r.assignment == Assignment::Single {
                vec![0]
            } else {
                who
            };
            keep.then_some(Slot {
                start,
                end: start + r.duration,
                hosts: who,
            })
        })
        .collect()
}

fn arb_case() -> impl Strategy<Value = (Vec<HostInput>, PageRules)> {
    (
        proptest::collection::vec(arb_host(), 1..4),
        0..3usize,
        1i64..5,
        0i64..3,
        proptest::option::of(1u32..4),
        any::<bool>(),
    )
        .prop_map(|(mut hosts, mode, dur, buf, open_cap, overlap)| {
            for h in &mut hosts {
                h.week.open_booking_cap = open_cap;
            }
            let mut r = rules(dur * 15);
            r.step = 15 * 60;
            r.buffer_before = buf * 15 * 60;
            r.buffer_after = buf * 15 * 60;
            r.min_notice = 3600;
            r.horizon = 5 * 86_400;
            r.allow_overlap = overlap;
            r.assignment = [
                Assignment::Single,
                Assignment::Collective,
                Assignment::RoundRobin,
            ][mode];
            (hosts, r)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn agrees_with_the_one_by_one_reference((hosts, r) in arb_case()) {
        let now = utc(2027, 3, 8, 6, 0);
        let window = Span::new(utc(2027, 3, 7, 0, 0), utc(2027, 3, 16, 0, 0));
        prop_assert_eq!(slots(&hosts, &r, window, now), reference_slots(&hosts, &r, window, now));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Adding bookings to an indexed host gives the slots that indexing
    /// the host with those bookings gives.
    #[test]
    fn adding_bookings_to_an_index_equals_indexing_them((hosts, r) in arb_case(), extra in proptest::collection::vec((0i64..7 * 96, 1i64..6, 0i64..3), 1..6)) {
        let now = utc(2027, 3, 8, 6, 0);
        let window = Span::new(utc(2027, 3, 7, 0, 0), utc(2027, 3, 16, 0, 0));
        let base = utc(2027, 3, 8, 0, 0);
        let q = 15 * 60;
        let added: Vec<Booked> = extra
            .iter()
            .map(|&(s, l, buf)| Booked {
                span: Span::new(base + s * q, base + (s + l) * q),
                buffer_before: buf * q,
                buffer_after: buf * q,
            })
            .collect();
        let incremental: Vec<IndexedHost> = hosts
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let indexed = IndexedHost::new(h);
                if i == 0 { indexed.with_bookings(&added) } else { indexed }
            })
            .collect();
        let mut fresh_input = hosts.clone();
        fresh_input[0].bookings.extend(added.iter().copied());
        prop_assert_eq!(
            slots_indexed(&incremental, &r, window, now),
            slots(&fresh_input, &r, window, now)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Replacing an indexed host's busy times (a calendar sync) gives the
    /// slots that indexing the host with the new busy times gives, and
    /// bookings added afterwards still count.
    #[test]
    fn replacing_busy_times_equals_indexing_them((hosts, r) in arb_case(), busy in proptest::collection::vec((0i64..7 * 96, 1i64..8), 0..8)) {
        let now = utc(2027, 3, 8, 6, 0);
        let window = Span::new(utc(2027, 3, 7, 0, 0), utc(2027, 3, 16, 0, 0));
        let base = utc(2027, 3, 8, 0, 0);
        let q = 15 * 60;
        let replaced: Vec<Span> = busy
            .iter()
            .map(|&(s, l)| Span::new(base + s * q, base + (s + l) * q))
            .collect();
        let later = Booked {
            span: Span::new(base + 40 * q, base + 42 * q),
            buffer_before: q,
            buffer_after: 0,
        };
        let incremental: Vec<IndexedHost> = hosts
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let indexed = IndexedHost::new(h);
                if i == 0 {
                    indexed.with_busy(replaced.clone()).with_bookings(&[later])
                } else {
                    indexed
                }
            })
            .collect();
        let mut fresh_input = hosts.clone();
        fresh_input[0].busy = replaced.clone();
        fresh_input[0].bookings.push(later);
        prop_assert_eq!(
            slots_indexed(&incremental, &r, window, now),
            slots(&fresh_input, &r, window, now)
        );
    }
}

/// The properties above would pass on an engine that never offers
/// anything; most random cases must offer slots.
#[test]
fn random_cases_usually_offer_slots() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let now = utc(2027, 3, 8, 6, 0);
    let window = Span::new(utc(2027, 3, 7, 0, 0), utc(2027, 3, 16, 0, 0));
    let mut offered = 0;
    for _ in 0..200 {
        let (hosts, r) = arb_case().new_tree(&mut runner).unwrap().current();
        if !slots(&hosts, &r, window, now).is_empty() {
            offered += 1;
        }
    }
    assert!(
        offered >= 100,
        "only {offered} of 200 random cases offered a slot"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    /// A round-robin list with some hosts checked again after their
    /// bookings changed is the list computed anew on every host.
    #[test]
    fn rechecking_changed_hosts_equals_computing_the_list_anew(
        (mut hosts, mut r) in arb_case(),
        extra in proptest::collection::vec((0usize..4, 0i64..7 * 96, 1i64..6, 0i64..3), 1..8),
        more_hosts in proptest::collection::vec(arb_host(), 0..3),
    ) {
        r.assignment = Assignment::RoundRobin;
        hosts.extend(more_hosts);
        let now = utc(2027, 3, 8, 6, 0);
        let window = Span::new(utc(2027, 3, 7, 0, 0), utc(2027, 3, 16, 0, 0));
        let base = utc(2027, 3, 8, 0, 0);
        let q = 15 * 60;
        let before: Vec<IndexedHost> = hosts.iter().map(IndexedHost::new).collect();
        let list = slots_indexed(&before, &r, window, now);
        let mut after = before.clone();
        let mut changed: Vec<usize> = Vec::new();
        for &(h, s, l, buf) in &extra {
            let h = h % hosts.len();
            after[h].add(&Booked {
                span: Span::new(base + s * q, base + (s + l) * q),
                buffer_before: buf * q,
                buffer_after: buf * q,
            });
            if !changed.contains(&h) {
                changed.push(h);
            }
        }
        let rechecked: Vec<(usize, &IndexedHost)> = changed.iter().map(|&i| (i, &after[i])).collect();
        prop_assert_eq!(
            with_hosts_rechecked(&list, &rechecked, &r, window, now),
            slots_indexed(&after, &r, window, now)
        );
        // And back: the bookings gone (cancelled), their starts reappear.
        let booked = slots_indexed(&after, &r, window, now);
        let freed: Vec<(usize, &IndexedHost)> = changed.iter().map(|&i| (i, &before[i])).collect();
        prop_assert_eq!(with_hosts_rechecked(&booked, &freed, &r, window, now), list);
    }
}
