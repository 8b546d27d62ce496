//! The rows of the constructs that came with `Result` (issue 12), callbacks (issue 13) and services
//! (issue 14): a `Result`'s `Ok` and `Err` returns, a service method call, and a Rust → foreign
//! callback invocation, each against its hand-written (or PyO3) equivalent in the same run. They have
//! budgets of their own, one summary row per construct and language.

use crate::calls::CallTable;
use crate::report::{Budget, Report};
use crate::stats::{fmt_ns, fmt_ratio};

/// The keys of these rows in the call tables.
pub const API_CONSTRUCTS: &[&str] = &[
    "result_ok",
    "result_err",
    "service",
    "service_intptr",
    "callback",
];

/// `Err` return (a thrown exception; the status and the error in C) ≤ this × the hand-written
/// status-code binding raising (C#, Python) or returning (C) the same error. The issues set no number
/// for the error path; this is the harness's, the same as for strings and vectors.
pub const ERR_BUDGET: f64 = 1.2;
/// A service method call ≤ this × the hand-written `SafeHandle` binding (C#, issue 14); C is held to
/// the same against the raw `extern "C"` function.
pub const SERVICE_BUDGET: f64 = 1.1;
/// A callback invoked from Rust ≤ this × the best hand-written equivalent, C and C# (issue 13).
pub const CALLBACK_BUDGET: f64 = 1.1;
/// Python: each of these rows ≤ this × PyO3 (issue 15).
pub const PYTHON_API_BUDGET: f64 = 1.2;

/// The language tables the summary has rows for, with the short name used in the row.
const TABLES: &[(&str, &str)] = &[
    ("C", "C"),
    ("C# on Mono (default suspend)", "C# on Mono"),
    (
        "C# on Mono (MONO_THREADS_SUSPEND=preemptive)",
        "C# on Mono (preemptive)",
    ),
    ("C# on .NET 8", "C# on .NET 8"),
    ("Python", "Python (compiled path)"),
];

fn is_python(t: &CallTable) -> bool {
    t.title.starts_with("Python")
}

/// The budget of an API row in a table; `None` for a row that is shown but not budgeted.
pub fn budget(t: &CallTable, key: &str) -> Option<f64> {
    let python = is_python(t);
    match key {
        "result_ok" => Some(t.budget),
        "result_err" => Some(if python { PYTHON_API_BUDGET } else { ERR_BUDGET }),
        "service" => Some(if python {
            PYTHON_API_BUDGET
        } else {
            SERVICE_BUDGET
        }),
        "callback" => Some(if python {
            PYTHON_API_BUDGET
        } else {
            CALLBACK_BUDGET
        }),
        _ => None,
    }
}

/// The verdict cell of an API row in its table.
pub fn row_verdict(t: &CallTable, key: &str) -> String {
    match budget(t, key) {
        Some(b) => format!(
            "{} (≤ {})",
            crate::report::verdict(t.ratio(key, "generated").map(|r| r <= b)),
            fmt_ratio(b)
        ),
        None => "(not budgeted)".to_string(),
    }
}

/// What the generated side is compared with, per construct and language.
fn what(key: &str, lang: &str, python: bool) -> String {
    let peer = if python {
        "PyO3"
    } else {
        "the hand-written binding"
    };
    match key {
        "result_ok" if python => "`Result` `Ok` return vs PyO3's `PyResult`".to_string(),
        "result_ok" => format!("`Result` `Ok` return vs {peer} (status code)"),
        "result_err" if python => {
            "`Result` `Err` return (exception) vs PyO3's `PyResult` raising".to_string()
        }
        "result_err" if lang == "C" => {
            "`Result` `Err` return (status + error) vs the hand-written status code".to_string()
        }
        "result_err" => format!(
            "`Result` `Err` return (exception) vs {peer} (status code, then a hand-written exception)"
        ),
        "service" if python => "service method call vs a PyO3 `#[pyclass]` method".to_string(),
        "service" if lang == "C" => "service method call vs the raw `extern \"C\"`".to_string(),
        "service" => "service method call vs a hand-written `SafeHandle` binding".to_string(),
        "callback" if python => {
            "callback invoked from Rust vs PyO3 calling the callable (per invocation)".to_string()
        }
        "callback" if lang == "C" => {
            "callback invoked from Rust vs a plain function pointer (per invocation)".to_string()
        }
        _ => "callback invoked from Rust vs a cached `GetFunctionPointerForDelegate` delegate (per \
              invocation)"
            .to_string(),
    }
}

/// One summary row per construct and language table.
pub fn budgets(rep: &Report) -> Vec<Budget> {
    let tables: &[CallTable] = rep.call_tables.as_deref().unwrap_or(&[]);
    let mut out = Vec::new();
    for key in ["result_ok", "result_err", "service", "callback"] {
        for (title, lang) in TABLES {
            let python = title.starts_with("Python");
            let t = tables.iter().find(|t| t.title == *title);
            let limit = t.and_then(|t| budget(t, key));
            let limit_text = limit.map_or_else(
                || {
                    if python {
                        fmt_ratio(PYTHON_API_BUDGET)
                    } else {
                        "—".to_string()
                    }
                },
                fmt_ratio,
            );
            let name = format!("{lang}: {} ≤ {limit_text}", what(key, lang, python));
            let measured = t.and_then(|t| {
                let r = t.ratio(key, "generated")?;
                let g = t.ns(key, "generated")?;
                let b = t.ns(key, t.baseline)?;
                let spread = match t.ratio_spread(key, "generated") {
                    Some((lo, hi)) if t.spread => {
                        format!("; per run {}–{}", fmt_ratio(lo), fmt_ratio(hi))
                    }
                    _ => String::new(),
                };
                Some((
                    r,
                    format!("{} ({} vs {} ns{spread})", fmt_ratio(r), fmt_ns(g), fmt_ns(b)),
                ))
            });
            out.push(Budget {
                name,
                pass: measured.as_ref().zip(limit).map(|((r, _), l)| *r <= l),
                measured: measured.map_or("—".to_string(), |(_, m)| m),
            });
        }
    }
    out
}
