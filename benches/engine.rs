//! Slot computation on the data set of the availability issue: 50 members,
//! each with 2,000 busy intervals and 500 bookings over 60 days; 15-minute
//! step, 30-minute slots, a 30-day window. `cargo bench --bench engine`.

use std::hint::black_box;

use chrono::{TimeZone, Utc};
use convene::engine::{
    Assignment, Booked, HostInput, IndexedHost, LocalInterval, PageRules, Span, Week, slots,
    slots_indexed,
};
use criterion::{Criterion, criterion_group, criterion_main};

const DAY: i64 = 86_400;

/// A deterministic pseudo-random sequence (xorshift), so runs compare.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn host(seed: u64, start: i64) -> HostInput {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let zones = ["Europe/Paris", "Asia/Tokyo", "America/New_York", "UTC"];
    let mut week = Week::default();
    for d in 0..5 {
        week.hours[d] = vec![
            LocalInterval {
                start: 9 * 60,
                end: 12 * 60,
            },
            LocalInterval {
                start: 13 * 60,
                end: 18 * 60,
            },
        ];
        week.breaks[d] = vec![LocalInterval {
            start: 15 * 60,
            end: 15 * 60 + 15,
        }];
        week.daily_caps[d] = Some(6);
    }
    let quarter = 15 * 60;
    // The store hands intervals back sorted by start, as here.
    let mut busy: Vec<Span> = (0..2_000)
        .map(|_| {
            let s = start + (rng.next() % (60 * 96)) as i64 * quarter;
            Span::new(s, s + (1 + rng.next() % 4) as i64 * quarter)
        })
        .collect();
    busy.sort_unstable();
    let mut bookings: Vec<Booked> = (0..500)
        .map(|_| {
            let s = start + (rng.next() % (60 * 96)) as i64 * quarter;
            Booked {
                span: Span::new(s, s + 2 * quarter),
                buffer_before: 0,
                buffer_after: quarter,
            }
        })
        .collect();
    bookings.sort_unstable_by_key(|b| b.span);
    HostInput {
        timezone: zones[(seed % 4) as usize].parse().unwrap_or(chrono_tz::UTC),
        week,
        unavailable: vec![],
        busy,
        bookings,
    }
}

fn bench(c: &mut Criterion) {
    let start = Utc
        .with_ymd_and_hms(2027, 3, 1, 0, 0, 0)
        .single()
        .map(|t| t.timestamp())
        .unwrap_or(0);
    let hosts: Vec<HostInput> = (0..50).map(|i| host(i + 1, start)).collect();
    let window = Span::new(start + 15 * DAY, start + 45 * DAY);
    let now = start;
    let rules = |assignment| PageRules {
        duration: 30 * 60,
        step: 15 * 60,
        buffer_before: 0,
        buffer_after: 15 * 60,
        min_notice: 3600,
        horizon: 90 * DAY,
        assignment,
        allow_overlap: false,
    };
    let single = rules(Assignment::Single);
    let collective = rules(Assignment::Collective);
    let round_robin = rules(Assignment::RoundRobin);
    c.bench_function("slots: one host, 30 days", |b| {
        b.iter(|| slots(black_box(&hosts[..1]), &single, window, now))
    });
    c.bench_function("slots: collective of 3, 30 days", |b| {
        b.iter(|| slots(black_box(&hosts[..3]), &collective, window, now))
    });
    c.bench_function("slots: round robin over 50, 30 days", |b| {
        b.iter(|| slots(black_box(&hosts), &round_robin, window, now))
    });
    // The server indexes a host once per change of its data and keeps it;
    // these are the per-request figures with that index warm.
    let indexed: Vec<IndexedHost> = hosts.iter().map(IndexedHost::new).collect();
    c.bench_function("indexed: one host, 30 days", |b| {
        b.iter(|| slots_indexed(black_box(&indexed[..1]), &single, window, now))
    });
    c.bench_function("indexed: collective of 3, 30 days", |b| {
        b.iter(|| slots_indexed(black_box(&indexed[..3]), &collective, window, now))
    });
    c.bench_function("indexed: round robin over 50, 30 days", |b| {
        b.iter(|| slots_indexed(black_box(&indexed), &round_robin, window, now))
    });
    c.bench_function("index one host (2,000 busy, 500 bookings)", |b| {
        b.iter(|| IndexedHost::new(black_box(&hosts[0])))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
