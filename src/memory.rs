//! Giving freed memory back to the system once the server is quiet.
//!
//! glibc keeps what the program frees in its arenas and returns it to the
//! system only from the top of a heap: after a burst (a feed of thousands
//! of events rendered, a load of bookings) the process stays at its peak
//! although most of that memory is free. Measured on the load run, the
//! resident size after the load halves when the freed pages are returned
//! (docs/PERFORMANCE.md). The return locks each arena while it walks it,
//! so it runs only after requests have stopped for a moment, once per
//! quiet spell.

use std::sync::Once;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Duration;

/// How long without a request before the freed memory goes back.
const QUIET: Duration = Duration::from_secs(2);

static REQUESTS: AtomicU64 = AtomicU64::new(0);
static STARTED: Once = Once::new();

/// Counts a request: the server is busy.
pub fn busy() {
    REQUESTS.fetch_add(1, Relaxed);
}

/// Starts the thread that returns freed memory after each busy spell, once
/// per process (tests run several servers in one).
pub fn start_returning() {
    STARTED.call_once(|| {
        let spawned = std::thread::Builder::new()
            .name("memory".into())
            // Normal priority: it holds each arena's lock while it walks it.
            .spawn(|| {
                let mut seen = REQUESTS.load(Relaxed);
                let mut returned = true;
                loop {
                    std::thread::sleep(QUIET);
                    let now = REQUESTS.load(Relaxed);
                    if now != seen {
                        (seen, returned) = (now, false);
                    } else if !returned {
                        give_back();
                        returned = true;
                    }
                }
            });
        if let Err(e) = spawned {
            tracing::warn!(error = %e, "could not start returning freed memory");
        }
    });
}

/// Returns the free pages of every arena to the system.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn give_back() {
    // SAFETY: malloc_trim takes no pointers and touches only glibc's own
    // free lists, under the arenas' locks.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Other allocators (musl, the macOS one) give large blocks back
/// themselves.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn give_back() {}
