//! Any JSON body of PUT /members/{id}/schedule: it is refused with a field
//! error or becomes a schedule whose week the engine can use; never a
//! panic.
#![no_main]

use convene::service::schedules::{ScheduleInput, to_week, validate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = serde_json::from_slice::<ScheduleInput>(data) else {
        return;
    };
    if let Ok((schedule, week)) = validate(&input) {
        assert_eq!(to_week(&schedule), week);
    }
});
