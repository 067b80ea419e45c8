//! What an external member's page may send as candidate dates: any start
//! and end text, message and zone. Refused with a field error, or ranges
//! that are ordered, in the future and within the limits; never a panic.
#![no_main]

use chrono::{TimeZone, Utc};
use convene::service::connect::dates::{DatesInput, RangeInput, check};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\u{0}');
    let zone_name = parts.next().unwrap_or("");
    let message = parts.next().unwrap_or("").to_string();
    let fields: Vec<&str> = parts.collect();
    let ranges = fields
        .chunks(2)
        .map(|pair| RangeInput {
            start: pair[0].to_string(),
            end: pair.get(1).copied().unwrap_or("").to_string(),
        })
        .collect();
    let input = DatesInput {
        ranges,
        message,
        timezone: Some(zone_name.to_string()),
    };
    let zone = zone_name.parse().unwrap_or(chrono_tz::Asia::Tokyo);
    let now = Utc.with_ymd_and_hms(2027, 3, 1, 8, 0, 0).unwrap();
    if let Ok(ranges) = check(&input, zone, now) {
        for r in ranges {
            assert!(r.start < r.end && r.start >= now, "{r:?}");
        }
    }
});
