//! Revisions of what caches depend on: each host's calendar, each booking
//! page, the organization's settings and the member list. The store's
//! write functions record what a transaction changes; its commit moves
//! exactly those revisions, so a commit that touches host A leaves every
//! cache built from host B valid, and a commit that touches no calendar
//! (a sign-in, a mail sent, a job run) leaves every cache valid.
//!
//! A commit moves each of its revisions twice: once before redb's commit
//! (while it still holds the write lock) and once after it is durable. An
//! odd revision means "a commit is in progress": readers then still use
//! what was built before it (they cannot see it yet, or see it moments
//! before the second move retires it), and nothing built meanwhile is
//! kept. Two moves also let a writer tell whether another commit touched
//! the same revision in between (see [`Moved::alone`]).

use std::collections::{HashMap, HashSet};
use std::sync::RwLock;

/// One thing a cache can depend on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Dep {
    /// A member's calendar: schedule, unavailability, bookings, and the
    /// member record itself (state, time zone).
    Host(String),
    /// A booking page (by id), its address included.
    Page(String),
    /// The organization's settings (e.g. whether bookings may overlap).
    Org,
    /// The member list as a whole (any member added, changed or removed).
    Members,
    /// The external members as a whole.
    Externals,
}

impl Dep {
    pub fn host(id: &crate::domain::MemberId) -> Dep {
        Dep::Host(id.as_str().to_string())
    }
}

#[derive(Default)]
pub struct Revisions {
    map: RwLock<HashMap<Dep, u64>>,
}

/// How one revision moved around a commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub dep: Dep,
    /// Before the commit's first move.
    pub before: u64,
    /// After its second move.
    pub after: u64,
}

impl Moved {
    /// Whether no other commit was in progress on this revision when this
    /// one began, nor moved it between the two moves: then what the
    /// committing writer knows is exactly what is stored.
    pub fn alone(&self) -> bool {
        self.before.is_multiple_of(2) && self.after == self.before + 2
    }
}

/// The revisions a cache entry was built at.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stamp(Vec<(Dep, u64)>);

impl Revisions {
    /// The revision as it is now (odd while a commit is in progress).
    pub fn current(&self, dep: &Dep) -> u64 {
        self.map
            .read()
            .map(|m| m.get(dep).copied().unwrap_or(0))
            .unwrap_or(u64::MAX)
    }

    /// The revision of the last finished commit.
    pub fn settled(&self, dep: &Dep) -> u64 {
        self.current(dep) & !1
    }

    /// The current revisions of `deps`, read before the data they cover.
    pub fn stamp(&self, deps: impl IntoIterator<Item = Dep>) -> Stamp {
        let Ok(map) = self.map.read() else {
            return Stamp(Vec::new());
        };
        Stamp(
            deps.into_iter()
                .map(|d| {
                    let r = map.get(&d).copied().unwrap_or(0);
                    (d, r)
                })
                .collect(),
        )
    }

    /// First move, before the commit.
    pub(super) fn begin(&self, deps: &HashSet<Dep>) -> Vec<(Dep, u64)> {
        let Ok(mut map) = self.map.write() else {
            return Vec::new();
        };
        deps.iter()
            .map(|d| {
                let r = map.entry(d.clone()).or_insert(0);
                let before = *r;
                *r += 1;
                (d.clone(), before)
            })
            .collect()
    }

    /// Second move, once the commit is durable (or failed: the data is
    /// then as before, and caches rebuilt from it lose nothing).
    pub(super) fn end(&self, begun: Vec<(Dep, u64)>) -> Vec<Moved> {
        let Ok(mut map) = self.map.write() else {
            return Vec::new();
        };
        begun
            .into_iter()
            .map(|(dep, before)| {
                let r = map.entry(dep.clone()).or_insert(0);
                *r += 1;
                Moved {
                    after: *r,
                    dep,
                    before,
                }
            })
            .collect()
    }
}

impl Stamp {
    /// Built while no commit touching any of its revisions was in
    /// progress: only then may an entry built from it be kept.
    pub fn settled(&self) -> bool {
        self.0.iter().all(|(_, r)| r.is_multiple_of(2))
    }

    /// Still what readers should use: no commit finished on any of its
    /// revisions since (one in progress does not count yet).
    pub fn current(&self, revisions: &Revisions) -> bool {
        let Ok(map) = revisions.map.read() else {
            return false;
        };
        self.0
            .iter()
            .all(|(d, r)| map.get(d).copied().unwrap_or(0) & !1 == *r)
    }

    /// Both stamps as one (each taken before the data it covers).
    pub fn join(mut self, other: Stamp) -> Stamp {
        self.0.extend(other.0);
        self
    }

    /// The revisions that differ from `older`'s, a stamp of the same
    /// revisions taken earlier; None when the two cover different ones.
    pub fn moved_since<'a>(&'a self, older: &Stamp) -> Option<Vec<&'a Dep>> {
        if self.0.len() != older.0.len() {
            return None;
        }
        let mut moved = Vec::new();
        for ((d, r), (od, or)) in self.0.iter().zip(&older.0) {
            if d != od {
                return None;
            }
            if r != or {
                moved.push(d);
            }
        }
        Some(moved)
    }

    /// Nothing moved at all since the stamp was taken.
    pub fn unchanged(&self, revisions: &Revisions) -> bool {
        let Ok(map) = revisions.map.read() else {
            return false;
        };
        self.0
            .iter()
            .all(|(d, r)| map.get(d).copied().unwrap_or(0) == *r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(deps: &[Dep]) -> HashSet<Dep> {
        deps.iter().cloned().collect()
    }

    #[test]
    fn a_commit_moves_only_its_own_revisions() {
        let r = Revisions::default();
        let a = Dep::Host("a".into());
        let b = Dep::Host("b".into());
        let stamp_b = r.stamp([b.clone()]);
        let stamp_a = r.stamp([a.clone()]);
        let begun = r.begin(&set(std::slice::from_ref(&a)));
        // In progress: the entries built before still serve.
        assert!(stamp_a.current(&r) && !stamp_a.unchanged(&r));
        assert!(!r.stamp([a.clone()]).settled());
        let moved = r.end(begun);
        assert!(moved[0].alone());
        assert!(!stamp_a.current(&r));
        assert!(stamp_b.current(&r) && stamp_b.unchanged(&r));
    }

    #[test]
    fn interleaved_commits_are_not_alone() {
        let r = Revisions::default();
        let a = Dep::Host("a".into());
        let first = r.begin(&set(std::slice::from_ref(&a)));
        // The first commit released the write lock; a second one ran
        // completely before the first's second move.
        let second = r.begin(&set(std::slice::from_ref(&a)));
        let second = r.end(second);
        let first = r.end(first);
        assert!(!first[0].alone());
        assert!(!second[0].alone());
    }
}
