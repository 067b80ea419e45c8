//! A small resident size: glibc's allocator set up for it at the start,
//! and freed memory given back to the system once the server is quiet.
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

/// Allocations from this size up get pages of their own, given back as
/// soon as they are freed.
const OWN_PAGES_FROM: i32 = 128 * 1024;

/// Sets glibc's allocator up for a small resident size, unless the
/// environment already does (`MALLOC_ARENA_MAX`, `MALLOC_MMAP_THRESHOLD_`):
/// two arenas rather than eight per core, and large blocks (a feed's file,
/// a page of 2,000 members) always in pages of their own. glibc would
/// otherwise raise that threshold to the largest block freed so far, and
/// a 2.5 MB feed rendered once would leave every later one in the heap,
/// where a freed block keeps its pages. Call it first, before any thread
/// starts.
pub fn tune() {
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        set(Param::ArenaMax, 2);
    }
    if std::env::var_os("MALLOC_MMAP_THRESHOLD_").is_none() {
        set(Param::OwnPagesFrom, OWN_PAGES_FROM);
    }
}

enum Param {
    ArenaMax,
    OwnPagesFrom,
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn set(param: Param, value: i32) {
    let param = match param {
        Param::ArenaMax => libc::M_ARENA_MAX,
        Param::OwnPagesFrom => libc::M_MMAP_THRESHOLD,
    };
    // SAFETY: mallopt takes two integers and changes only glibc's own
    // settings; unknown values are refused with 0, not undefined.
    unsafe {
        libc::mallopt(param, value);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn set(_: Param, _: i32) {}

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
                let mut spell = Spell::new(REQUESTS.load(Relaxed));
                loop {
                    std::thread::sleep(QUIET);
                    if spell.ended(REQUESTS.load(Relaxed)) {
                        give_back();
                    }
                }
            });
        if let Err(e) = spawned {
            tracing::warn!(error = %e, "could not start returning freed memory");
        }
    });
}

/// Busy spells as the request count shows them, looked at every
/// [`QUIET`].
struct Spell {
    seen: u64,
    /// Whether the memory of the last spell went back already.
    returned: bool,
}

impl Spell {
    fn new(requests: u64) -> Spell {
        Spell {
            seen: requests,
            returned: true,
        }
    }

    /// Whether a busy spell has just ended: requests came since the look
    /// before the last, none since the last.
    fn ended(&mut self, requests: u64) -> bool {
        if requests != self.seen {
            (self.seen, self.returned) = (requests, false);
            false
        } else {
            !std::mem::replace(&mut self.returned, true)
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_goes_back_once_after_each_busy_spell_and_never_while_busy() {
        let mut spell = Spell::new(10);
        // Quiet from the start: nothing to give back.
        assert!(!spell.ended(10));
        // Busy for three looks, then quiet.
        assert!(!spell.ended(15));
        assert!(!spell.ended(20));
        assert!(!spell.ended(21));
        assert!(spell.ended(21));
        // Once per spell.
        assert!(!spell.ended(21));
        assert!(!spell.ended(21));
        assert!(!spell.ended(22));
        assert!(spell.ended(22));
        // The call itself is harmless at any time.
        give_back();
    }
}
