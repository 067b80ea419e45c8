//! Load for the booking figures: `slots` (GET a 30-day slot list of the
//! round-robin page) or `book` (POST bookings on distinct free slots 101+
//! days ahead, where the seed left the hosts free). Prints requests/s and
//! latency percentiles.
//! `cargo run --release --example booking_load -- BASE_URL slots|book SECONDS CONNECTIONS [FIRST]`
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = args.get(1).expect("BASE_URL").clone();
    let mode = args.get(2).expect("slots|book").clone();
    let secs: u64 = args.get(3).map_or(10, |s| s.parse().unwrap());
    let conns: usize = args.get(4).map_or(64, |s| s.parse().unwrap());
    // Where booking starts: another run on the same server passes the
    // requests already made, so its slots are still free.
    let first: u64 = args.get(5).map_or(0, |s| s.parse().unwrap());
    let today = chrono::Utc::now().date_naive();
    let next = Arc::new(AtomicU64::new(first));
    let deadline = Instant::now() + Duration::from_secs(secs);
    let handles: Vec<_> = (0..conns)
        .map(|_| {
            let (base, mode, next) = (base.clone(), mode.clone(), Arc::clone(&next));
            std::thread::spawn(move || {
                let client = reqwest::blocking::Client::builder()
                    .timeout(Duration::from_secs(30))
                    .build()
                    .unwrap();
                let mut lat = Vec::new();
                let mut statuses = std::collections::BTreeMap::<u16, u64>::new();
                while Instant::now() < deadline {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let t = Instant::now();
                    let res = if mode == "slots" {
                        let from = today + chrono::Duration::days(1);
                        let to = from + chrono::Duration::days(29);
                        client
                            .get(format!(
                                "{base}/api/v1/public/booking-pages/team/slots?from={from}&to={to}&timezone=UTC"
                            ))
                            .send()
                    } else {
                        // 50 hosts per slot: request i takes slot i / 50.
                        let slot = (i / 50) as i64;
                        let day = today + chrono::Duration::days(101 + slot / 16);
                        let start = day.and_hms_opt(9, 0, 0).unwrap().and_utc()
                            + chrono::Duration::minutes(30 * (slot % 16));
                        client
                            .post(format!("{base}/api/v1/public/booking-pages/team/bookings"))
                            .json(&serde_json::json!({
                                "start": start.to_rfc3339(), "name": "Load", "email": format!("l{i}@example.org"), "timezone": "UTC"
                            }))
                            .send()
                    };
                    let status = res.map(|r| {
                        let s = r.status().as_u16();
                        let _ = r.bytes();
                        s
                    });
                    lat.push(t.elapsed());
                    *statuses.entry(status.unwrap_or(0)).or_default() += 1;
                }
                (lat, statuses)
            })
        })
        .collect();
    let started = Instant::now();
    let mut all = Vec::new();
    let mut statuses = std::collections::BTreeMap::<u16, u64>::new();
    for h in handles {
        let (lat, st) = h.join().unwrap();
        all.extend(lat);
        for (k, v) in st {
            *statuses.entry(k).or_default() += v;
        }
    }
    let elapsed = started.elapsed().as_secs_f64().max(secs as f64);
    all.sort();
    let pct = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)];
    println!(
        "{mode}: {} requests in {:.1} s = {:.0}/s; p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; statuses {statuses:?}",
        all.len(),
        elapsed,
        all.len() as f64 / elapsed,
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        all.last().unwrap().as_secs_f64() * 1e3,
    );
}
