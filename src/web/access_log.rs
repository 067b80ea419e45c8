//! Which requests get an access-log line: `[log] access` chooses all,
//! errors only or none, and `access_lines_per_second` caps the lines of
//! any one second, so a load test or a flood cannot fill the disk; what
//! the cap leaves out is counted in one summary line.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    All,
    Errors,
    Off,
}

impl Access {
    pub fn parse(s: &str) -> Access {
        match s {
            "errors" => Access::Errors,
            "off" => Access::Off,
            _ => Access::All,
        }
    }
}

pub struct AccessLog {
    access: Access,
    per_second: u64,
    /// The second the count below is of.
    second: AtomicU64,
    lines: AtomicU64,
    left_out: AtomicU64,
}

/// What to do with one request's line.
#[derive(Debug, PartialEq, Eq)]
pub struct Verdict {
    pub write: bool,
    /// Lines left out in the seconds before this one, to say once.
    pub left_out_before: u64,
}

impl AccessLog {
    pub fn new(access: Access, per_second: u32) -> AccessLog {
        AccessLog {
            access,
            per_second: u64::from(per_second),
            second: AtomicU64::new(0),
            lines: AtomicU64::new(0),
            left_out: AtomicU64::new(0),
        }
    }

    /// For a request answered with `status` at unix second `now`.
    pub fn verdict(&self, status: u16, now: u64) -> Verdict {
        let wanted = match self.access {
            Access::All => true,
            Access::Errors => status >= 400,
            Access::Off => false,
        };
        if !wanted {
            return Verdict {
                write: false,
                left_out_before: 0,
            };
        }
        if self.per_second == 0 {
            return Verdict {
                write: true,
                left_out_before: 0,
            };
        }
        // The first request of a new second starts its count and takes
        // over what the earlier seconds left out. Racing requests at the
        // turn of a second may count a line or two in the wrong second:
        // the cap is approximate by design.
        let mut left_out_before = 0;
        if self.second.swap(now, Relaxed) != now {
            self.lines.store(0, Relaxed);
            left_out_before = self.left_out.swap(0, Relaxed);
        }
        let write = self.lines.fetch_add(1, Relaxed) < self.per_second;
        if !write {
            self.left_out.fetch_add(1, Relaxed);
        }
        Verdict {
            write,
            left_out_before,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_only_and_off_choose_the_lines() {
        let errors = AccessLog::new(Access::Errors, 0);
        assert!(!errors.verdict(200, 1).write);
        assert!(!errors.verdict(304, 1).write);
        assert!(errors.verdict(404, 1).write);
        assert!(errors.verdict(500, 1).write);
        let off = AccessLog::new(Access::Off, 0);
        assert!(!off.verdict(500, 1).write);
        let all = AccessLog::new(Access::All, 0);
        assert!((0..10_000).all(|_| all.verdict(200, 1).write));
    }

    #[test]
    fn the_cap_counts_what_it_leaves_out_and_says_it_once() {
        let log = AccessLog::new(Access::All, 3);
        let first: Vec<bool> = (0..5).map(|_| log.verdict(200, 10).write).collect();
        assert_eq!(first, [true, true, true, false, false]);
        let next = log.verdict(200, 11);
        assert_eq!(
            next,
            Verdict {
                write: true,
                left_out_before: 2
            }
        );
        assert_eq!(log.verdict(200, 11).left_out_before, 0);
        assert_eq!(Access::parse("errors"), Access::Errors);
        assert_eq!(Access::parse("off"), Access::Off);
        assert_eq!(Access::parse("all"), Access::All);
    }
}
