//! A list that keeps the newest items within a count and a byte budget,
//! dropping the oldest beyond either: what keeps the request log, the
//! created sessions and the tickets from growing without bound under a
//! flood of requests.

use std::collections::VecDeque;

use serde::Serialize;

/// What a [`Bounded`] holds and may hold, as `GET /__admin/stats` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Usage {
    /// Items held.
    pub entries: usize,
    /// About how many bytes they take.
    pub bytes: usize,
    /// Most items kept.
    pub max_entries: usize,
    /// Most bytes kept.
    pub max_bytes: usize,
    /// Items dropped (oldest first) to stay within the limits, since the
    /// last clear.
    pub dropped: u64,
}

/// Items, oldest first, each with its weight in bytes.
#[derive(Debug)]
pub struct Bounded<T> {
    items: VecDeque<(T, usize)>,
    bytes: usize,
    max_entries: usize,
    max_bytes: usize,
    dropped: u64,
}

impl<T> Bounded<T> {
    /// An empty list keeping at most `max_entries` items and `max_bytes`.
    pub fn new(max_entries: usize, max_bytes: usize) -> Self {
        Self {
            items: VecDeque::new(),
            bytes: 0,
            max_entries,
            max_bytes,
            dropped: 0,
        }
    }

    /// Appends `item`, which takes about `weight` bytes, dropping the
    /// oldest items until both limits hold (an item heavier than the whole
    /// budget is kept alone).
    pub fn push(&mut self, item: T, weight: usize) {
        while !self.items.is_empty()
            && (self.items.len() >= self.max_entries || self.bytes + weight > self.max_bytes)
        {
            if let Some((_, w)) = self.items.pop_front() {
                self.bytes = self.bytes.saturating_sub(w);
                self.dropped += 1;
            }
        }
        self.bytes += weight;
        self.items.push_back((item, weight));
    }

    /// The items, oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + ExactSizeIterator {
        self.items.iter().map(|(item, _)| item)
    }

    /// How many items it holds.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Empties it; returns how many items it held.
    pub fn clear(&mut self) -> usize {
        let n = self.items.len();
        self.items.clear();
        self.bytes = 0;
        self.dropped = 0;
        n
    }

    /// What it holds and may hold.
    pub fn usage(&self) -> Usage {
        Usage {
            entries: self.items.len(),
            bytes: self.bytes,
            max_entries: self.max_entries,
            max_bytes: self.max_bytes,
            dropped: self.dropped,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_newest_within_both_limits() {
        let mut list = Bounded::new(3, 100);
        for i in 0..5 {
            list.push(i, 10);
        }
        assert_eq!(list.iter().copied().collect::<Vec<_>>(), [2, 3, 4]);
        assert_eq!(list.usage().dropped, 2);
        list.push(5, 85);
        assert_eq!(list.iter().copied().collect::<Vec<_>>(), [4, 5]);
        assert_eq!(list.usage().bytes, 95);
        list.push(6, 500);
        assert_eq!(list.iter().copied().collect::<Vec<_>>(), [6]);
        assert_eq!(list.clear(), 1);
        assert_eq!(
            list.usage(),
            Usage {
                entries: 0,
                bytes: 0,
                max_entries: 3,
                max_bytes: 100,
                dropped: 0
            }
        );
    }
}
