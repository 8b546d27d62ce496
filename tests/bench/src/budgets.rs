//! The budgets of the report (BENCHMARKS.md): each limit, what it is measured against and its
//! verdict, in a fixed order; the row budgets of the call tables.

use crate::api_rows::API_CONSTRUCTS;
use crate::calls::{CallTable, DATA_CONSTRUCTS};
use crate::codegen::CodegenResults;
use crate::report::Report;
use crate::stats::{fmt_iqr, fmt_ms, fmt_ratio};

/// Budget on call overhead: generated / raw.
pub const CALL_BUDGET: f64 = 1.05;
/// Budget on the strings, slices and vectors rows (issue 11), C and C#: generated / raw.
pub const DATA_BUDGET: f64 = 1.2;
/// The same on .NET 8, where a call costs only a few ns (so one extra load and compare is a larger
/// share of it).
pub const DOTNET_CALL_BUDGET: f64 = 1.10;
/// Python: the compiled call path ≤ this × PyO3 (issue 15).
pub const PYTHON_CALL_BUDGET: f64 = 1.2;
/// The Python rows issue 15 budgets against PyO3 (plus the struct by reference and the handle
/// method); the service method call, the `Ok` return and the callback it also names have their own
/// rows (`api_rows`).
pub const PYTHON_BUDGETED: &[&str] = &[
    "noop",
    "add",
    "struct_value",
    "struct_ref",
    "handle",
    "str_short",
    "bytes_small",
];
/// Codegen for the synthetic crate (inventory load + generation, all languages), ms.
pub const CODEGEN_BUDGET_MS: f64 = 150.0;
/// Peak RSS of the generation, MB (10^6 bytes).
pub const RSS_BUDGET_MB: f64 = 100.0;
/// No-op `cargo interop build` ≤ NOOP_FACTOR × no-op `cargo build` + NOOP_EXTRA_MS.
pub const NOOP_FACTOR: f64 = 1.3;
pub const NOOP_EXTRA_MS: f64 = 100.0;
/// `#[ffi]` rebuild ≤ COMPILE_FACTOR × hand-written rebuild (issue 8: 5×).
pub const COMPILE_FACTOR: f64 = 5.0;

/// One budget line.
pub struct Budget {
    pub name: String,
    pub measured: String,
    /// None when it could not be measured.
    pub pass: Option<bool>,
}

pub fn verdict(pass: Option<bool>) -> &'static str {
    match pass {
        Some(true) => "PASS",
        Some(false) => "**MISS**",
        None => "not measured",
    }
}

/// Which constructs a language's call budget covers: the primitives on Mono (where the struct and
/// handle rows are informational), every construct elsewhere.
fn budget_constructs(table: &CallTable) -> Vec<&'static str> {
    if table.title.starts_with("C# on Mono") {
        vec!["noop", "add"]
    } else if is_python(table) {
        PYTHON_BUDGETED.to_vec()
    } else {
        table
            .constructs
            .iter()
            .map(|(k, _)| *k)
            .filter(|k| !DATA_CONSTRUCTS.contains(k) && !API_CONSTRUCTS.contains(k))
            .collect()
    }
}

/// Whether a table's strings, slices and vectors rows are budgeted at [`DATA_BUDGET`] against the
/// hand-written binding: C and C#. Python's are budgeted against PyO3 ([`PYTHON_BUDGETED`]).
fn data_budgeted(table: &CallTable) -> bool {
    !is_python(table)
}

fn is_python(table: &CallTable) -> bool {
    table.title.starts_with("Python")
}

/// The budget and verdict of one row of a table.
pub(crate) fn row_budget(t: &CallTable, key: &str) -> String {
    if API_CONSTRUCTS.contains(&key) {
        return crate::api_rows::row_verdict(t, key);
    }
    if DATA_CONSTRUCTS.contains(&key) && data_budgeted(t) {
        return verdict(t.ratio(key, "generated").map(|r| r <= DATA_BUDGET)).to_string();
    }
    if budget_constructs(t).contains(&key) {
        verdict(t.ratio(key, "generated").map(|r| r <= t.budget)).to_string()
    } else {
        NOT_BUDGETED.to_string()
    }
}

/// The budget cell of a row no budget covers.
pub(crate) const NOT_BUDGETED: &str = "(not budgeted)";

/// The worst generated/raw ratio over the constructs a budget covers.
fn worst_ratio(table: &CallTable) -> Option<(f64, &'static str)> {
    budget_constructs(table)
        .into_iter()
        .filter_map(|c| table.ratio(c, "generated").map(|r| (r, c)))
        .max_by(|a, b| a.0.total_cmp(&b.0))
}

/// Every budget and its verdict, in a fixed order.
pub fn budgets(rep: &Report) -> Vec<Budget> {
    let mut out = Vec::new();
    let call_budgets: &[(&str, &str)] = &[
        (
            "C",
            "C: generated call (shim + panic check) ≤ 1.05× the raw `extern \"C\"` twin, every construct",
        ),
        (
            "C# on Mono (default suspend)",
            "C#: generated call ≤ 1.05× a hand-written `[DllImport]`, primitives (noop, add), default Mono",
        ),
        (
            "C# on Mono (MONO_THREADS_SUSPEND=preemptive)",
            "C#: the same with `MONO_THREADS_SUSPEND=preemptive`",
        ),
        (
            "C# on .NET 8",
            "C# on .NET 8: generated call ≤ 1.10× a hand-written `[DllImport]`, every construct",
        ),
        (
            "Python",
            "Python: generated call (compiled path) ≤ 1.2× PyO3: noop, add, struct by value and by \
             reference, handle method, `&str` 11 chars, `&[u8]` 1 KiB (the service method call, the \
             `Ok` return and the callback: their own rows below)",
        ),
    ];
    for (title, name) in call_budgets {
        let table = rep
            .call_tables
            .as_ref()
            .ok()
            .and_then(|t| t.iter().find(|t| t.title == *title));
        let (measured, pass) = match table.and_then(|t| worst_ratio(t).map(|w| (t, w))) {
            Some((t, (r, c))) => {
                let spread = t
                    .ratio_spread(c, "generated")
                    .map_or(String::new(), |iqr| format!("; {}", fmt_iqr(iqr)));
                (
                    format!("worst {} (`{c}`){spread}", fmt_ratio(r)),
                    Some(r <= t.budget),
                )
            }
            None => ("—".to_string(), None),
        };
        out.push(Budget {
            name: name.to_string(),
            measured,
            pass,
        });
    }
    for (title, name) in [
        ("C", "C: strings, slices, vectors"),
        (
            "C# on Mono (default suspend)",
            "C# on Mono: strings, slices, vectors",
        ),
        (
            "C# on Mono (MONO_THREADS_SUSPEND=preemptive)",
            "C# on Mono (preemptive): strings, slices, vectors",
        ),
        ("C# on .NET 8", "C# on .NET 8: strings, slices, vectors"),
    ] {
        let table = rep
            .call_tables
            .as_ref()
            .ok()
            .and_then(|t| t.iter().find(|t| t.title == title));
        let worst = table.and_then(|t| {
            DATA_CONSTRUCTS
                .iter()
                .filter_map(|c| t.ratio(c, "generated").map(|r| (r, *c)))
                .max_by(|a, b| a.0.total_cmp(&b.0))
        });
        out.push(Budget {
            name: format!(
                "{name} (`&str` 11 chars and 1 KiB, `&[u8]` 1 KiB and 1 MiB, `String` and 1 MiB \
                 `Vec<u8>` returns) ≤ {DATA_BUDGET}× hand-written"
            ),
            measured: worst.map_or("—".to_string(), |(r, c)| {
                let spread = table
                    .and_then(|t| t.ratio_spread(c, "generated"))
                    .map_or(String::new(), |iqr| format!("; {}", fmt_iqr(iqr)));
                format!("worst {} (`{c}`){spread}", fmt_ratio(r))
            }),
            pass: worst.map(|(r, _)| r <= DATA_BUDGET),
        });
    }
    out.extend(crate::api_rows::budgets(rep));
    out.extend(crate::memory::budgets(rep));
    let cg = rep.codegen.as_ref().ok();
    let shape = rep.codegen_opts.shape;
    out.push(Budget {
        name: format!(
            "Codegen of {} functions + {} types into C, C# and Python (inventory load + generation) < {} ms",
            shape.functions, shape.types, CODEGEN_BUDGET_MS
        ),
        measured: cg.map_or("—".to_string(), |c| format!("{} ms", fmt_ms(c.codegen_ms()))),
        pass: cg.map(|c| c.codegen_ms() < CODEGEN_BUDGET_MS),
    });
    out.push(Budget {
        name: format!("Peak RSS of the generation (cargo build excluded) < {RSS_BUDGET_MB} MB"),
        measured: cg.map_or("—".to_string(), |c| format!("{:.1} MB", c.peak_rss_mb)),
        pass: cg.map(|c| c.peak_rss_mb < RSS_BUDGET_MB),
    });
    out.push(Budget {
        name: format!(
            "No-op `cargo interop build` ≤ {NOOP_FACTOR}× no-op `cargo build` + {NOOP_EXTRA_MS} ms"
        ),
        measured: cg.map_or("—".to_string(), |c| {
            format!(
                "{} ms vs limit {} ms ({} ms × {NOOP_FACTOR} + {NOOP_EXTRA_MS})",
                fmt_ms(c.noop_interop_build_ms),
                fmt_ms(noop_limit(c)),
                fmt_ms(c.noop_cargo_build_ms)
            )
        }),
        pass: cg.map(|c| c.noop_interop_build_ms <= noop_limit(c)),
    });
    out.push(Budget {
        name: format!("Rebuild of the `#[ffi]` crate ≤ {COMPILE_FACTOR}× the hand-written crate"),
        measured: cg.map_or("—".to_string(), |c| {
            format!(
                "{} ({} ms vs {} ms)",
                fmt_ratio(c.rebuild_ffi_ms / c.rebuild_raw_ms),
                fmt_ms(c.rebuild_ffi_ms),
                fmt_ms(c.rebuild_raw_ms)
            )
        }),
        pass: cg.map(|c| c.rebuild_ffi_ms <= COMPILE_FACTOR * c.rebuild_raw_ms),
    });
    out
}

fn noop_limit(c: &CodegenResults) -> f64 {
    NOOP_FACTOR * c.noop_cargo_build_ms + NOOP_EXTRA_MS
}
