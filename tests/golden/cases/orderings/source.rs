//! `core::cmp::Ordering` (ADR 57): an `int32_t` read by its sign, as a parameter, a return, a
//! field, an option, a vector element, and a comparator closure's result.
use core::cmp::Ordering;

use interop_core::ffi;

/// A ranked item with how it compared to the previous one.
#[ffi]
#[derive(Clone, Copy)]
pub struct Ranked {
    pub rank: i32,
    pub order: Ordering,
}

/// `a` compared to `b`.
#[ffi]
pub fn compare(a: i32, b: i32) -> Ordering {
    a.cmp(&b)
}

/// `a` compared to `b`, `None` for NaN.
#[ffi]
pub fn partial(a: f64, b: f64) -> Option<Ordering> {
    a.partial_cmp(&b)
}

/// The ranks sorted by `cmp`.
#[ffi]
pub fn sort_ranks(ranks: Vec<i32>, cmp: impl Fn(i32, i32) -> Ordering) -> Vec<i32> {
    let mut ranks = ranks;
    ranks.sort_by(|a, b| cmp(*a, *b));
    ranks
}

/// Each rank compared to the one before it (the first to 0).
#[ffi]
pub fn steps(ranks: &[i32]) -> Vec<Ranked> {
    let mut previous = 0;
    ranks
        .iter()
        .map(|&rank| {
            let order = rank.cmp(&previous);
            previous = rank;
            Ranked { rank, order }
        })
        .collect()
}

/// How many orderings are `Less`.
#[ffi]
pub fn count_less(orders: Vec<Ordering>) -> u32 {
    orders.iter().filter(|o| o.is_lt()).count() as u32
}
