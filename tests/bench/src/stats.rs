//! Statistics over benchmark samples and the line protocol the per-language bench programs speak.
//!
//! Every bench program prints one line per timed sample and one per result checksum:
//!
//! ```text
//! SAMPLE <case> <run> <iterations> <elapsed_ns>
//! CHECK <case> <value>
//! ```
//!
//! `<case>` is `<construct>/<variant>` (`add/generated`, `add/raw`). Anything else on stdout is ignored.

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};

/// Median of a non-empty slice (mean of the two middle values for an even count).
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len() % 2 == 1 {
        v[mid]
    } else {
        (v[mid - 1] + v[mid]) / 2.0
    })
}

/// Per-case samples (ns per call, one per run) and checksums parsed from a bench program's output.
#[derive(Debug, Default, Clone)]
pub struct Samples {
    pub ns_per_call: BTreeMap<String, Vec<f64>>,
    pub checks: BTreeMap<String, String>,
}

impl Samples {
    /// Parse the `SAMPLE` / `CHECK` lines of `output`.
    pub fn parse(output: &str) -> Result<Samples> {
        let mut s = Samples::default();
        for line in output.lines() {
            let parts: Vec<&str> = line.split_whitespace().collect();
            match parts.as_slice() {
                ["SAMPLE", case, _run, iters, elapsed] => {
                    let iters: f64 = iters
                        .parse()
                        .with_context(|| format!("bad iteration count in `{line}`"))?;
                    let elapsed: f64 = elapsed
                        .parse()
                        .with_context(|| format!("bad elapsed time in `{line}`"))?;
                    if iters <= 0.0 {
                        bail!("no iterations in `{line}`");
                    }
                    s.ns_per_call
                        .entry((*case).to_string())
                        .or_default()
                        .push(elapsed / iters);
                }
                ["CHECK", case, value] => {
                    s.checks.insert((*case).to_string(), (*value).to_string());
                }
                _ => {}
            }
        }
        Ok(s)
    }

    /// Median ns per call of `case`.
    pub fn median(&self, case: &str) -> Option<f64> {
        self.ns_per_call.get(case).and_then(|v| median(v))
    }

    /// Number of runs recorded for `case`.
    pub fn runs(&self, case: &str) -> usize {
        self.ns_per_call.get(case).map_or(0, Vec::len)
    }

    /// Fail unless the generated and raw variants of every construct produced the same checksum: a
    /// benchmark whose two sides compute different things compares nothing.
    pub fn verify_checks(&self, constructs: &[&str], generated: &str, raw: &str) -> Result<()> {
        for c in constructs {
            let g = self.checks.get(&format!("{c}/{generated}"));
            let r = self.checks.get(&format!("{c}/{raw}"));
            match (g, r) {
                (Some(g), Some(r)) if g == r => {}
                (g, r) => bail!(
                    "`{c}`: the {generated} and {raw} calls disagree (checksums {g:?} vs {r:?})"
                ),
            }
        }
        Ok(())
    }
}

/// Format a duration in ns for a table: 3 significant digits-ish.
pub fn fmt_ns(ns: f64) -> String {
    if ns >= 100.0 {
        format!("{ns:.0}")
    } else if ns >= 10.0 {
        format!("{ns:.1}")
    } else {
        format!("{ns:.2}")
    }
}

/// Format a ratio as `1.03×`.
pub fn fmt_ratio(r: f64) -> String {
    format!("{r:.2}×")
}

/// Format milliseconds.
pub fn fmt_ms(ms: f64) -> String {
    if ms >= 100.0 {
        format!("{ms:.0}")
    } else if ms >= 10.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_odd_even_empty() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn parses_samples_and_checks() {
        let out = "hello\nSAMPLE add/raw 0 1000 5000\nSAMPLE add/raw 1 2000 8000\n\
                   SAMPLE add/raw 2 1000 3000\nCHECK add/raw 42\nCHECK add/generated 42\n";
        let s = Samples::parse(out).unwrap();
        assert_eq!(s.ns_per_call["add/raw"], vec![5.0, 4.0, 3.0]);
        assert_eq!(s.median("add/raw"), Some(4.0));
        assert_eq!(s.runs("add/raw"), 3);
        s.verify_checks(&["add"], "generated", "raw").unwrap();
        assert!(s.verify_checks(&["noop"], "generated", "raw").is_err());
    }

    #[test]
    fn rejects_mismatched_checks_and_bad_lines() {
        let s = Samples::parse("CHECK add/raw 1\nCHECK add/generated 2\n").unwrap();
        assert!(s.verify_checks(&["add"], "generated", "raw").is_err());
        assert!(Samples::parse("SAMPLE add/raw 0 x 5").is_err());
        assert!(Samples::parse("SAMPLE add/raw 0 0 5").is_err());
    }
}
