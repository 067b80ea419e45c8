//! Half-open intervals [start, end) on a line of instants (unix seconds),
//! kept as sorted, merged lists. Every operation is one linear merge.

/// [start, end) in unix seconds; empty when start >= end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: i64,
    pub end: i64,
}

impl Span {
    pub fn new(start: i64, end: i64) -> Span {
        Span { start, end }
    }

    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// A sorted list of disjoint, non-touching, non-empty spans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpanSet(Vec<Span>);

impl SpanSet {
    pub fn empty() -> SpanSet {
        SpanSet(Vec::new())
    }

    /// Sorts and merges any spans (overlapping or touching ones join).
    pub fn from_spans(mut spans: Vec<Span>) -> SpanSet {
        spans.retain(|s| !s.is_empty());
        // A stable sort finds the already-sorted runs (busy times, then
        // bookings) and merges them in linear time.
        spans.sort();
        let mut out: Vec<Span> = Vec::with_capacity(spans.len());
        for s in spans {
            match out.last_mut() {
                Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
                _ => out.push(s),
            }
        }
        SpanSet(out)
    }

    pub fn spans(&self) -> &[Span] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn union(&self, other: &SpanSet) -> SpanSet {
        merge(&self.0, &other.0)
    }

    /// Adds `span` in place, joining the spans it overlaps or touches:
    /// what `from_spans` would give with it among the others.
    pub fn insert(&mut self, span: Span) {
        if span.is_empty() {
            return;
        }
        let from = self.0.partition_point(|s| s.end < span.start);
        let to = self.0.partition_point(|s| s.start <= span.end);
        // Spans ending before `span` also start before its end: from <= to.
        let mut joined = span;
        if from < to {
            joined.start = joined.start.min(self.0[from].start);
            joined.end = joined.end.max(self.0[to - 1].end);
        }
        self.0.splice(from..to, [joined]);
    }

    /// The spans that overlap `range` (two binary searches; the spans
    /// are disjoint, so their starts and ends are both sorted).
    pub fn near(&self, range: Span) -> &[Span] {
        let from = self.0.partition_point(|s| s.end <= range.start);
        let to = self.0.partition_point(|s| s.start < range.end);
        self.0.get(from..to.max(from)).unwrap_or(&[])
    }
}

/// The union of two sorted, merged span lists.
fn merge(a: &[Span], b: &[Span]) -> SpanSet {
    let mut merged: Vec<Span> = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let next = match (a.get(i), b.get(j)) {
            (Some(a), Some(b)) if a.start <= b.start => {
                i += 1;
                *a
            }
            (_, Some(b)) => {
                j += 1;
                *b
            }
            (Some(a), None) => {
                i += 1;
                *a
            }
            (None, None) => break,
        };
        match merged.last_mut() {
            Some(last) if next.start <= last.end => last.end = last.end.max(next.end),
            _ => merged.push(next),
        }
    }
    SpanSet(merged)
}

impl SpanSet {
    pub fn intersect(&self, other: &SpanSet) -> SpanSet {
        let mut out = Vec::new();
        let (mut i, mut j) = (0, 0);
        while let (Some(a), Some(b)) = (self.0.get(i), other.0.get(j)) {
            let start = a.start.max(b.start);
            let end = a.end.min(b.end);
            if start < end {
                out.push(Span { start, end });
            }
            if a.end < b.end {
                i += 1;
            } else {
                j += 1;
            }
        }
        SpanSet(out)
    }

    /// What is in `self` and not in `other`.
    pub fn subtract(&self, other: &SpanSet) -> SpanSet {
        self.subtract_spans(&other.0)
    }

    /// What is in `self` and not in `other` (sorted and merged).
    pub fn subtract_spans(&self, other: &[Span]) -> SpanSet {
        let mut out = Vec::new();
        let mut j = 0;
        for a in &self.0 {
            let mut cur = a.start;
            while j < other.len() && other[j].end <= cur {
                j += 1;
            }
            let mut k = j;
            while let Some(b) = other.get(k) {
                if b.start >= a.end {
                    break;
                }
                if b.start > cur {
                    out.push(Span {
                        start: cur,
                        end: b.start,
                    });
                }
                cur = cur.max(b.end);
                if cur >= a.end {
                    break;
                }
                k += 1;
            }
            if cur < a.end {
                out.push(Span {
                    start: cur,
                    end: a.end,
                });
            }
        }
        SpanSet(out)
    }

    /// Whether `span` lies inside one of the spans (binary search).
    pub fn covers(&self, span: &Span) -> bool {
        let idx = self.0.partition_point(|s| s.end < span.end);
        self.0.get(idx).is_some_and(|s| s.contains(span))
    }

    /// Whether `span` touches any of the spans (binary search).
    pub fn overlaps(&self, span: &Span) -> bool {
        let idx = self.0.partition_point(|s| s.end <= span.start);
        self.0.get(idx).is_some_and(|s| s.overlaps(span))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn set(v: &[(i64, i64)]) -> SpanSet {
        SpanSet::from_spans(v.iter().map(|&(a, b)| Span::new(a, b)).collect())
    }

    #[test]
    fn basic_algebra() {
        let a = set(&[(0, 10), (20, 30)]);
        let b = set(&[(5, 25)]);
        assert_eq!(a.union(&b), set(&[(0, 30)]));
        assert_eq!(a.intersect(&b), set(&[(5, 10), (20, 25)]));
        assert_eq!(a.subtract(&b), set(&[(0, 5), (25, 30)]));
        assert_eq!(
            set(&[(0, 5), (5, 9)]),
            set(&[(0, 9)]),
            "touching spans merge"
        );
        assert!(a.covers(&Span::new(21, 29)) && !a.covers(&Span::new(9, 21)));
        assert!(a.overlaps(&Span::new(9, 11)) && !a.overlaps(&Span::new(10, 20)));
    }

    fn point_in(s: &SpanSet, x: i64) -> bool {
        s.spans().iter().any(|sp| sp.start <= x && x < sp.end)
    }

    fn arb_set() -> impl Strategy<Value = SpanSet> {
        proptest::collection::vec((0i64..200, 0i64..40), 0..12).prop_map(|v| {
            SpanSet::from_spans(v.into_iter().map(|(s, l)| Span::new(s, s + l)).collect())
        })
    }

    proptest! {
        #[test]
        fn operations_agree_with_points(a in arb_set(), b in arb_set()) {
            let (u, i, d) = (a.union(&b), a.intersect(&b), a.subtract(&b));
            for x in -1..260 {
                let (pa, pb) = (point_in(&a, x), point_in(&b, x));
                prop_assert_eq!(point_in(&u, x), pa || pb);
                prop_assert_eq!(point_in(&i, x), pa && pb);
                prop_assert_eq!(point_in(&d, x), pa && !pb);
            }
            for s in [&u, &i, &d] {
                prop_assert!(s.spans().windows(2).all(|w| w[0].end < w[1].start), "sorted, merged");
                prop_assert!(s.spans().iter().all(|sp| !sp.is_empty()));
            }
        }

        #[test]
        fn inserting_spans_one_by_one_is_the_union(a in arb_set(), b in proptest::collection::vec((0i64..200, 0i64..40), 0..12)) {
            let mut inserted = a.clone();
            for &(s, l) in &b {
                inserted.insert(Span::new(s, s + l));
            }
            let all = b.iter().map(|&(s, l)| Span::new(s, s + l)).collect();
            prop_assert_eq!(inserted, a.union(&SpanSet::from_spans(all)));
        }
    }
}
