//! Any text as a calendar feed: parsing and expanding it (RRULE, RDATE,
//! EXDATE, zones) over a year returns busy times or an error, never a
//! panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let from = 1_767_225_600; // 2026-01-01T00:00:00Z
    let _ = convene::calendar::expand::busy_times(
        text,
        chrono_tz::Europe::Paris,
        from,
        from + 366 * 86_400,
    );
});
