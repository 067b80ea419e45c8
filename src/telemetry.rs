//! What happened since the process started, counted where it happens and
//! read by `/metrics`: delivery attempts by kind and outcome, bookings
//! made and cancelled, rate-limit refusals, calendar syncs. Plain atomics:
//! counting costs one relaxed add and never takes a lock.

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// What an outbox message carries.
#[derive(Debug, Clone, Copy)]
pub enum Delivery {
    Mail = 0,
    Webhook = 1,
    CalendarWrite = 2,
}

/// How one delivery attempt ended.
#[derive(Debug, Clone, Copy)]
pub enum Attempt {
    Sent = 0,
    Retry = 1,
    Failed = 2,
}

/// Which limit refused a request.
#[derive(Debug, Clone, Copy)]
pub enum Limit {
    SignIn = 0,
    Join = 1,
    JoinCode = 2,
    Booking = 3,
}

const DELIVERIES: [&str; 3] = ["mail", "webhook", "calendar_write"];
const ATTEMPTS: [&str; 3] = ["sent", "retry", "failed"];
const LIMITS: [&str; 4] = ["sign_in", "join", "join_code", "booking"];
const SYNCS: [&str; 2] = ["ok", "failed"];

#[allow(clippy::declare_interior_mutable_const)]
const ZERO: AtomicU64 = AtomicU64::new(0);
static ATTEMPT_COUNTS: [[AtomicU64; 3]; 3] = [[ZERO; 3], [ZERO; 3], [ZERO; 3]];
static LIMIT_COUNTS: [AtomicU64; 4] = [ZERO; 4];
static SYNC_COUNTS: [AtomicU64; 2] = [ZERO; 2];
static BOOKINGS_CREATED: AtomicU64 = AtomicU64::new(0);
static BOOKINGS_CANCELLED: AtomicU64 = AtomicU64::new(0);

pub fn attempt(kind: Delivery, outcome: Attempt) {
    ATTEMPT_COUNTS[kind as usize][outcome as usize].fetch_add(1, Relaxed);
}

pub fn refused(limit: Limit) {
    LIMIT_COUNTS[limit as usize].fetch_add(1, Relaxed);
}

pub fn calendar_synced(ok: bool) {
    SYNC_COUNTS[usize::from(!ok)].fetch_add(1, Relaxed);
}

pub fn booking_created() {
    BOOKINGS_CREATED.fetch_add(1, Relaxed);
}

pub fn booking_cancelled() {
    bookings_cancelled(1);
}

/// Several at once: a departure or a deleted external member cancels
/// their bookings in one commit.
pub fn bookings_cancelled(n: usize) {
    BOOKINGS_CANCELLED.fetch_add(n as u64, Relaxed);
}

/// The counters in Prometheus' text format.
pub fn render(out: &mut String) {
    let _ = writeln!(
        out,
        "# HELP convene_outbox_attempts_total Delivery attempts by kind and outcome."
    );
    let _ = writeln!(out, "# TYPE convene_outbox_attempts_total counter");
    for (kind, row) in DELIVERIES.iter().zip(&ATTEMPT_COUNTS) {
        for (outcome, n) in ATTEMPTS.iter().zip(row) {
            let _ = writeln!(
                out,
                "convene_outbox_attempts_total{{kind=\"{kind}\",outcome=\"{outcome}\"}} {}",
                n.load(Relaxed)
            );
        }
    }
    let _ = writeln!(
        out,
        "# HELP convene_rate_limited_total Requests refused by a rate limit, by limit."
    );
    let _ = writeln!(out, "# TYPE convene_rate_limited_total counter");
    for (limit, n) in LIMITS.iter().zip(&LIMIT_COUNTS) {
        let _ = writeln!(
            out,
            "convene_rate_limited_total{{limit=\"{limit}\"}} {}",
            n.load(Relaxed)
        );
    }
    let _ = writeln!(
        out,
        "# HELP convene_calendar_syncs_total Calendar syncs by outcome."
    );
    let _ = writeln!(out, "# TYPE convene_calendar_syncs_total counter");
    for (outcome, n) in SYNCS.iter().zip(&SYNC_COUNTS) {
        let _ = writeln!(
            out,
            "convene_calendar_syncs_total{{outcome=\"{outcome}\"}} {}",
            n.load(Relaxed)
        );
    }
    for (name, help, n) in [
        (
            "convene_bookings_created_total",
            "Bookings made (guests, members and the API).",
            &BOOKINGS_CREATED,
        ),
        (
            "convene_bookings_cancelled_total",
            "Bookings cancelled by guests, hosts or admins.",
            &BOOKINGS_CANCELLED,
        ),
    ] {
        let _ = writeln!(out, "# HELP {name} {help}");
        let _ = writeln!(out, "# TYPE {name} counter");
        let _ = writeln!(out, "{name} {}", n.load(Relaxed));
    }
}
