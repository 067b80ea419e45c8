//! Round robin: the free host with the fewest bookings in the period,
//! ties going to whoever has waited longest since their last booking,
//! then to the host listed first. Deterministic, so the same inputs give
//! the same choice (and the choice carries why).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Load {
    /// Bookings in the period considered.
    pub bookings: u32,
    /// Start of the host's most recent booking, if any.
    pub last_booked: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Index into the candidates given.
    pub index: usize,
    /// Why: the chosen host's bookings in the period, and how many other
    /// free hosts had as few (then the longest wait decided).
    pub bookings: u32,
    pub tied_with: u32,
}

/// Picks among `candidates` (host index, load), which must not be empty.
pub fn choose(candidates: &[(usize, Load)]) -> Option<Choice> {
    let best = candidates
        .iter()
        .enumerate()
        .min_by_key(|(pos, (_, load))| {
            (load.bookings, load.last_booked.unwrap_or(i64::MIN), *pos)
        })?;
    let (_, (host, load)) = best;
    let tied = candidates
        .iter()
        .filter(|(_, l)| l.bookings == load.bookings)
        .count();
    Some(Choice {
        index: *host,
        bookings: load.bookings,
        tied_with: u32::try_from(tied.saturating_sub(1)).unwrap_or(u32::MAX),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_a_thousand_bookings_nobody_gets_more_than_their_share_plus_one() {
        let k = 7;
        let mut loads = vec![
            Load {
                bookings: 0,
                last_booked: None
            };
            k
        ];
        for n in 0..1000i64 {
            let candidates: Vec<(usize, Load)> = loads.iter().copied().enumerate().collect();
            let c = choose(&candidates).unwrap();
            loads[c.index].bookings += 1;
            loads[c.index].last_booked = Some(n);
        }
        let max = loads.iter().map(|l| l.bookings).max().unwrap();
        let min = loads.iter().map(|l| l.bookings).min().unwrap();
        assert!(max <= 1000u32.div_ceil(k as u32) + 1, "{loads:?}");
        assert!(max - min <= 1);
    }

    #[test]
    fn ties_go_to_who_waited_longest() {
        let c = choose(&[
            (
                0,
                Load {
                    bookings: 2,
                    last_booked: Some(50),
                },
            ),
            (
                1,
                Load {
                    bookings: 2,
                    last_booked: Some(10),
                },
            ),
            (
                2,
                Load {
                    bookings: 3,
                    last_booked: None,
                },
            ),
        ])
        .unwrap();
        assert_eq!(c.index, 1);
        assert_eq!((c.bookings, c.tied_with), (2, 1));
        assert!(choose(&[]).is_none());
    }
}
