//! Statistics over benchmark samples and the line protocol the per-language bench programs speak.
//!
//! Every bench program prints one line per timed sample and one per result checksum:
//!
//! ```text
//! SAMPLE <case> <round> <iterations> <elapsed_ns> <cpu_ns>
//! CHECK <case> <value>
//! ```
//!
//! `<elapsed_ns>` is wall-clock time, `<cpu_ns>` the CPU time the whole process used during the
//! sample (`CLOCK_PROCESS_CPUTIME_ID`); the harness reads one of them ([`Clock`]).
//!
//! `<case>` is `<construct>/<variant>` (`add/generated`, `add/raw`). Anything else on stdout is ignored.
//! A round samples every variant of a construct once, back to back (the order reversed on every other
//! round), so the samples of one round of one construct were taken within a few tens of ms of each
//! other: their ratio is paired ([`Samples::paired_ratios`]), and the harness reports the median of
//! those per-round ratios with their interquartile range ([`RatioStats`]).

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

/// The `q` quantile (0..=1) of sorted values, interpolated linearly between the two nearest ranks
/// (the definition of R's default and NumPy's `linear`); `None` for no values.
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let pos = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64))
}

/// The estimator of a ratio: the median of the per-round ratios, with their interquartile range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RatioStats {
    pub median: f64,
    /// First quartile of the per-round ratios.
    pub q1: f64,
    /// Third quartile of the per-round ratios.
    pub q3: f64,
    /// How many rounds gave a ratio.
    pub rounds: usize,
}

impl RatioStats {
    /// The statistics of per-round ratios; `None` when there are none. Non-finite ratios (a sample
    /// of 0 ns) are dropped.
    pub fn of(ratios: &[f64]) -> Option<RatioStats> {
        let mut v: Vec<f64> = ratios.iter().copied().filter(|r| r.is_finite()).collect();
        v.sort_by(f64::total_cmp);
        Some(RatioStats {
            median: median(&v)?,
            q1: quantile(&v, 0.25)?,
            q3: quantile(&v, 0.75)?,
            rounds: v.len(),
        })
    }
}

/// Which of a sample's times the harness reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// Wall-clock time: includes the time other processes had the core.
    Wall,
    /// The process's CPU time: what the sample cost this process, on every thread.
    Cpu,
}

impl Clock {
    pub fn parse(name: &str) -> Option<Clock> {
        match name {
            "wall" => Some(Clock::Wall),
            "cpu" => Some(Clock::Cpu),
            _ => None,
        }
    }
}

/// Per-case samples (ns per call, keyed by round) and checksums parsed from a bench program's output.
#[derive(Debug, Default, Clone)]
pub struct Samples {
    pub ns_per_call: BTreeMap<String, BTreeMap<u32, f64>>,
    pub checks: BTreeMap<String, String>,
}

impl Samples {
    /// Parse the `SAMPLE` / `CHECK` lines of `output`, reading wall-clock time.
    #[cfg(test)]
    pub fn parse(output: &str) -> Result<Samples> {
        Samples::parse_clock(output, Clock::Wall)
    }

    /// Parse the `SAMPLE` / `CHECK` lines of `output`, reading the time of `clock`.
    pub fn parse_clock(output: &str, clock: Clock) -> Result<Samples> {
        let mut s = Samples::default();
        for line in output.lines() {
            let parts: Vec<&str> = line.split_whitespace().collect();
            let sample = match (parts.as_slice(), clock) {
                (["SAMPLE", case, round, iters, wall], Clock::Wall)
                | (["SAMPLE", case, round, iters, wall, _], Clock::Wall)
                | (["SAMPLE", case, round, iters, _, wall], Clock::Cpu) => {
                    Some((*case, *round, *iters, *wall))
                }
                (["SAMPLE", ..], Clock::Cpu) => {
                    bail!(
                        "no CPU time in `{line}` (SAMPLE <case> <round> <iterations> <elapsed_ns> <cpu_ns>)"
                    )
                }
                _ => None,
            };
            match (sample, parts.as_slice()) {
                (Some((case, round, iters, elapsed)), _) => {
                    let round: u32 = round
                        .parse()
                        .with_context(|| format!("bad round in `{line}`"))?;
                    let iters: f64 = iters
                        .parse()
                        .with_context(|| format!("bad iteration count in `{line}`"))?;
                    let elapsed: f64 = elapsed
                        .parse()
                        .with_context(|| format!("bad elapsed time in `{line}`"))?;
                    if iters <= 0.0 {
                        bail!("no iterations in `{line}`");
                    }
                    let old = s
                        .ns_per_call
                        .entry((*case).to_string())
                        .or_default()
                        .insert(round, elapsed / iters);
                    if old.is_some() {
                        bail!("two samples of `{case}` in round {round}");
                    }
                }
                (None, ["CHECK", case, value]) => {
                    s.checks.insert((*case).to_string(), (*value).to_string());
                }
                _ => {}
            }
        }
        Ok(s)
    }

    /// Median ns per call of `case` over its rounds.
    pub fn median(&self, case: &str) -> Option<f64> {
        let v: Vec<f64> = self.ns_per_call.get(case)?.values().copied().collect();
        median(&v)
    }

    /// Number of rounds recorded for `case`.
    pub fn runs(&self, case: &str) -> usize {
        self.ns_per_call.get(case).map_or(0, BTreeMap::len)
    }

    /// The ratios `case` / `baseline` of the rounds that sampled both (in round order): each pairs
    /// two samples taken back to back, so a slowdown of the machine that lasts longer than a round of
    /// one construct (tens of ms) cancels out of it.
    pub fn paired_ratios(&self, case: &str, baseline: &str) -> Vec<f64> {
        let (Some(c), Some(b)) = (self.ns_per_call.get(case), self.ns_per_call.get(baseline))
        else {
            return Vec::new();
        };
        c.iter()
            .filter_map(|(round, ns)| Some(ns / b.get(round)?))
            .collect()
    }

    /// Add `other`'s samples and checks; a case already here keeps its own (the first program that
    /// measured it), so that a baseline timed again in a second process does not mix rounds.
    pub fn merge(&mut self, other: Samples) {
        for (case, v) in other.ns_per_call {
            self.ns_per_call.entry(case).or_insert(v);
        }
        for (case, v) in other.checks {
            self.checks.entry(case).or_insert(v);
        }
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

/// Format an interquartile range of ratios as `IQR 0.98×–1.04×`.
pub fn fmt_iqr((q1, q3): (f64, f64)) -> String {
    format!("IQR {}–{}", fmt_ratio(q1), fmt_ratio(q3))
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
        let v: Vec<f64> = s.ns_per_call["add/raw"].values().copied().collect();
        assert_eq!(v, vec![5.0, 4.0, 3.0]);
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
        assert!(Samples::parse("SAMPLE add/raw x 1 5").is_err());
        // One sample per case and round.
        assert!(Samples::parse("SAMPLE add/raw 1 1 5\nSAMPLE add/raw 1 1 6").is_err());
    }

    #[test]
    fn reads_the_chosen_clock() {
        let out = "SAMPLE add/raw 0 10 500 200\nSAMPLE add/raw 1 10 900 300\n";
        let wall = Samples::parse_clock(out, Clock::Wall).unwrap();
        assert_eq!(wall.median("add/raw"), Some(70.0));
        let cpu = Samples::parse_clock(out, Clock::Cpu).unwrap();
        assert_eq!(cpu.median("add/raw"), Some(25.0));
        // A program that prints no CPU time cannot be read by CPU time.
        assert!(Samples::parse_clock("SAMPLE add/raw 0 10 500\n", Clock::Cpu).is_err());
        assert_eq!(Clock::parse("cpu"), Some(Clock::Cpu));
        assert_eq!(Clock::parse("wall"), Some(Clock::Wall));
        assert_eq!(Clock::parse("tsc"), None);
    }

    #[test]
    fn quantiles_interpolate() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&v, 0.0), Some(1.0));
        assert_eq!(quantile(&v, 0.25), Some(2.0));
        assert_eq!(quantile(&v, 0.5), Some(3.0));
        assert_eq!(quantile(&v, 1.0), Some(5.0));
        assert_eq!(quantile(&[1.0, 2.0], 0.25), Some(1.25));
        assert_eq!(quantile(&[7.0], 0.75), Some(7.0));
        assert_eq!(quantile(&[], 0.5), None);
    }

    #[test]
    fn ratio_stats_are_median_and_iqr_of_the_rounds() {
        let s = RatioStats::of(&[1.2, 0.9, 1.0, 1.1, 5.0, f64::INFINITY]).unwrap();
        assert_eq!(s.rounds, 5);
        assert_eq!(s.median, 1.1);
        assert_eq!(s.q1, 1.0);
        assert_eq!(s.q3, 1.2);
        assert!(RatioStats::of(&[]).is_none());
        assert!(RatioStats::of(&[f64::NAN]).is_none());
    }

    /// The point of pairing: when the machine slows both sides of a round alike, the per-round ratio
    /// stays put, while the ratio of the medians follows whichever side the slow rounds hit.
    #[test]
    fn paired_ratios_cancel_a_slow_round() {
        let mut out = String::new();
        // Rounds 0..6; rounds 1, 2 and 4 run 3× slower (another tenant), both sides alike; the
        // generated side is 10 % slower than the baseline throughout.
        for r in 0..6u32 {
            let slow = if [1, 2, 4].contains(&r) { 3.0 } else { 1.0 };
            out.push_str(&format!("SAMPLE add/generated {r} 1 {}\n", 110.0 * slow));
            out.push_str(&format!("SAMPLE add/raw {r} 1 {}\n", 100.0 * slow));
        }
        // A round that timed one side only contributes no ratio.
        out.push_str("SAMPLE add/generated 9 1 1\n");
        let s = Samples::parse(&out).unwrap();
        let ratios = s.paired_ratios("add/generated", "add/raw");
        assert_eq!(ratios.len(), 6);
        let st = RatioStats::of(&ratios).unwrap();
        assert!((st.median - 1.1).abs() < 1e-9, "{st:?}");
        assert!((st.q3 - st.q1).abs() < 1e-9, "{st:?}");
        assert!(s.paired_ratios("add/generated", "noop/raw").is_empty());
    }

    #[test]
    fn merge_keeps_the_first_programs_cases() {
        let mut a = Samples::parse("SAMPLE add/pyo3 0 1 10\nCHECK add/pyo3 3\n").unwrap();
        let b = Samples::parse(
            "SAMPLE add/pyo3 0 1 20\nSAMPLE add/fallback 0 1 40\nCHECK add/fallback 3\n",
        )
        .unwrap();
        a.merge(b);
        assert_eq!(a.median("add/pyo3"), Some(10.0));
        assert_eq!(a.median("add/fallback"), Some(40.0));
        a.verify_checks(&["add"], "fallback", "pyo3").unwrap();
    }
}
