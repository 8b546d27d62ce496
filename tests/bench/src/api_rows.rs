//! The rows of the constructs that came with `Result` (issue 12), callbacks (issue 13) and services
//! (issue 14): a `Result`'s `Ok` and `Err` returns, a service method call, and a Rust → foreign
//! callback invocation, each against its hand-written (or PyO3) equivalent in the same run. They have
//! budgets of their own, one summary row per construct and language.

use crate::calls::CallTable;
use crate::report::{Budget, Report};
use crate::stats::{fmt_iqr, fmt_ns, fmt_ratio};

/// The keys of these rows in the call tables.
pub const API_CONSTRUCTS: &[&str] = &[
    "result_ok",
    "result_err",
    "service",
    "service_intptr",
    "service_locked",
    "callback",
    "callback_str",
    "callback_str_lit",
    "callback_cmp",
];

/// `Err` return (a thrown exception; the status and the error in C) ≤ this × the hand-written
/// status-code binding raising (C#, Python) or returning (C) the same error. The issues set no number
/// for the error path; this is the harness's, the same as for strings and vectors.
pub const ERR_BUDGET: f64 = 1.2;
/// A service method call ≤ this × the hand-written `SafeHandle` binding (C#, issue 14); C is held to
/// the same against a hand-written thread-safe twin (a `Mutex` per object: the guarantee the service
/// gives), and only shown against the raw `extern "C"` function on a plain pointer.
pub const SERVICE_BUDGET: f64 = 1.1;
/// A callback invoked from Rust ≤ this × the best hand-written equivalent, C and C# (issue 13).
pub const CALLBACK_BUDGET: f64 = 1.1;
/// A callback returning a `String` ≤ this × the hand-written buffer-lending equivalent, C and C#:
/// the strings budget (issue 13, ADR 54). C's borrowed-literal variant is shown, not budgeted.
pub const CALLBACK_STR_BUDGET: f64 = crate::report::DATA_BUDGET;
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
        "result_err" => Some(if python {
            PYTHON_API_BUDGET
        } else {
            ERR_BUDGET
        }),
        "service" if t.title == "C" => None,
        "service" => Some(if python {
            PYTHON_API_BUDGET
        } else {
            SERVICE_BUDGET
        }),
        "service_locked" => Some(SERVICE_BUDGET),
        "callback" | "callback_cmp" => Some(if python {
            PYTHON_API_BUDGET
        } else {
            CALLBACK_BUDGET
        }),
        "callback_str" => Some(if python {
            PYTHON_API_BUDGET
        } else {
            CALLBACK_STR_BUDGET
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
        "service_locked" => {
            "service method call vs a hand-written thread-safe twin (a `Mutex` per object)"
                .to_string()
        }
        "service" => "service method call vs a hand-written `SafeHandle` binding".to_string(),
        "callback_str" if python => "callback returning a `str` (11 chars) to Rust vs PyO3 \
                                     extracting a `String` (per invocation)"
            .to_string(),
        "callback_str" if lang == "C" => "callback returning a `String` (11 chars, `String_from`) \
                                          vs a function pointer writing into a lent buffer (per \
                                          invocation)"
            .to_string(),
        "callback_str" => "callback returning a `string` (11 chars) vs a cached delegate writing \
                           into a lent buffer (per invocation)"
            .to_string(),
        "callback_cmp" if python => "comparator returning `Ordering` vs PyO3 calling the \
                                     callable and reading the `int`'s sign (per invocation)"
            .to_string(),
        "callback_cmp" => "comparator returning `Ordering` vs a plain function pointer returning \
                           an `int` (per invocation)"
            .to_string(),
        "callback" if python => {
            "callback invoked from Rust vs PyO3 calling the callable (per invocation)".to_string()
        }
        "callback" if lang == "C" => {
            "callback invoked from Rust vs a plain function pointer (per invocation)".to_string()
        }
        _ => {
            "callback invoked from Rust vs a cached `GetFunctionPointerForDelegate` delegate (per \
              invocation)"
                .to_string()
        }
    }
}

/// One summary row per construct and language table.
pub fn budgets(rep: &Report) -> Vec<Budget> {
    let tables: &[CallTable] = rep.call_tables.as_deref().unwrap_or(&[]);
    let mut out = Vec::new();
    for row in [
        "result_ok",
        "result_err",
        "service",
        "callback",
        "callback_str",
        "callback_cmp",
    ] {
        for (title, lang) in TABLES {
            let python = title.starts_with("Python");
            // The comparator row is measured in C and Python only.
            if row == "callback_cmp" && !(python || *lang == "C") {
                continue;
            }
            // C's service budget is against the thread-safe twin (the plain pointer is shown only).
            let key = if row == "service" && *lang == "C" {
                "service_locked"
            } else {
                row
            };
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
                let spread = t
                    .ratio_spread(key, "generated")
                    .map_or(String::new(), |iqr| format!("; {}", fmt_iqr(iqr)));
                Some((
                    r,
                    format!(
                        "{} ({} vs {} ns{spread})",
                        fmt_ratio(r),
                        fmt_ns(g),
                        fmt_ns(b)
                    ),
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

/// The notes on these rows: for each construct whose budget a table missed, the tables that missed
/// it and what the generated code does there that the hand-written side does not.
pub fn notes(rep: &Report) -> Vec<String> {
    let tables: &[CallTable] = rep.call_tables.as_deref().unwrap_or(&[]);
    let missed = |key: &str, python: bool| -> Vec<String> {
        tables
            .iter()
            .filter(|t| is_python(t) == python && t.constructs.iter().any(|(k, _)| *k == key))
            .filter_map(|t| {
                let r = t.ratio(key, "generated")?;
                let (g, b) = (t.ns(key, "generated")?, t.ns(key, t.baseline)?);
                let iqr = t.ratio_spread(key, "generated")?;
                (r > budget(t, key)?).then(|| {
                    format!(
                        "{} {} ({}; {} vs {} ns)",
                        t.title,
                        fmt_ratio(r),
                        fmt_iqr(iqr),
                        fmt_ns(g),
                        fmt_ns(b)
                    )
                })
            })
            .collect()
    };
    let mut out = Vec::new();
    let mut note = |key: &str, python: bool, text: &str| {
        let rows = missed(key, python);
        if !rows.is_empty() {
            out.push(format!("{}: {text}", rows.join("; ")));
        }
    };
    note(
        "result_ok",
        false,
        "`Result` `Ok` budget missed. The shim returns the whole `Result` struct (status, then the \
         `Ok` value over the error's value and its message buffer: 40 bytes, through a hidden return \
         pointer, ADR 6 and 12) where the hand-written function returns a status byte and writes the \
         sum through an `out` pointer; C# then makes the panic check and the status compare. A few ns \
         on a call of 10 to 40 ns; within the noise on Mono's default suspend.",
    );
    note(
        "result_err",
        false,
        "`Result` `Err` budget missed. Since ADR 35 the message of a fieldless enum error \
         (`AddError`) is rendered once per variant and handed out as the library's static text \
         (`cap == 0`): no formatting, no allocation, no free. What remains is the shape of the call: \
         the 40-byte `Result` struct returned through a hidden pointer, the out-of-line error \
         branch, and the caller's `ResultU64AddError_free` (a call of `interop_buffer_free` that \
         returns at once for `cap == 0`), against a one-byte status code.",
    );
    note(
        "service_locked",
        false,
        "C service budget missed. Every service call locks its object in the library (ADR 16 and \
         its addendum: one compare-exchange to lock; for a `&mut self` call a plain store to unlock \
         since ADR 37) and looks up this thread's record of held objects once (ADR 32: a \
         thread-local lookup is a call of `__tls_get_addr` in a shared library), which is what \
         gives `&mut self` exclusivity between threads, refuses re-entrant and cross-object waits \
         and makes `_free` wait for calls in progress; the `Mutex` twin locks and unlocks with two \
         read-modify-writes and no thread-local.",
    );
    note(
        "service",
        false,
        "Service budget missed. The library locks the object as in C (one compare-exchange, a \
         plain store to unlock a `&mut self` call: ADR 37). C# checks a plain closed flag, passes \
         an `IntPtr` and ends the call with `GC.KeepAlive` (ADR 40: `Dispose` closes the object in \
         the library with `_dispose`, which waits for the calls in progress, and the finalizer frees \
         the handle): one locked instruction (the library's lock) against the `SafeHandle`'s two \
         (`DangerousAddRef`/`DangerousRelease`).",
    );
    note(
        "callback",
        false,
        "Callback budget missed. Per invocation the generated trampoline (one static method per \
         signature: an `[UnmanagedCallersOnly]` entry on CoreCLR since ADR 39, a \
         `[MonoPInvokeCallback]` delegate on Mono) reads the user's delegate from its typed closure \
         slot (ADR 38, ADR 44: one array read) and invokes it (a second delegate call after the \
         reverse P/Invoke) inside a `try`/`catch` that keeps the exception for the waiting call; on \
         Mono with preemptive suspend a delegate of a static method passed again (the bench's cached lambda) is entered \
         directly, by a method made for it with the same `try`/`catch` (ADR 65); the hand-written \
         delegate is the lambda itself and catches nothing. Rust reads a process-wide \
         count of pending callback failures after each call (ADR 39: one load through the GOT; the \
         thread-local flag only when it is not 0). In C that check is all that differs from the \
         hand-written loop (14 instructions per invocation against 8, about one cycle; it stays \
         per invocation: ADR 39's addendum).",
    );
    note(
        "callback_str",
        false,
        "Budget of the callback returning a `String` missed. Per invocation both sides end with an \
         owned `String` checked as UTF-8 once and freed by Rust, with one allocation and one copy \
         each; the generated callee allocates through the library (`String_from`: a call of \
         `interop_buffer_alloc` through the PLT, `malloc` and a clear of the bytes, then a \
         `memcpy`; since ADR 54's third addendum a byte buffer skips the general size checks and \
         is cleared by two stores instead of a call of `memset`), where the hand-written callee \
         copies into the stack buffer Rust lends and Rust copies it with `malloc`. C's borrowed-literal row (`cap == \
         0`, copied by the library) shows the cost without the callee's allocation. C# lends a \
         string of up to 341 chars from a per-thread buffer (`cap == 0`, encoded once; ADR 54's \
         C# addendum) and allocates longer ones through a P/Invoke of `interop_buffer_alloc`. On \
         top of that, what the plain callback row pays (the trampoline, the pending-failure \
         check).",
    );
    note(
        "callback_str",
        true,
        "Python budget of the callback returning a `str` missed. The compiled trampoline writes a \
         `str` inline (`PyUnicode_AsUTF8AndSize`, then `malloc` and one copy, not cleared first, \
         which Rust takes as is: ADR 54 and its addenda, \
         `interop-core/src/python/convert/callback_return.rs`), like PyO3's `extract::<String>()` \
         (`malloc` and a copy); since ADR 54's third addendum Rust no longer checks those bytes \
         as UTF-8 again when the `call` it invoked is the library's own trampoline. Compare with \
         the plain callback row for what the trampoline itself costs.",
    );
    note(
        "result_ok",
        true,
        "Python `Ok` budget missed: the compiled function converts the arguments, calls the shim and \
         compares one status byte more than for a plain `u64` return.",
    );
    note(
        "result_err",
        true,
        "Python `Err` budget missed. The compiled function raises natively (ADR 32: the error value \
         and the message converted and freed in the library, the variant's class looked up at \
         import, the exception made through `tp_new` without running `Error.__init__`); PyO3 \
         creates its exception lazily from a message alone.",
    );
    note(
        "service",
        true,
        "Python service budget missed. The compiled method counts the call in and out of the \
         object's guard (a load and a store under the GIL since ADR 41, \
         `interop-core/src/python/convert/service.rs`), then the shim locks the object as in C (one \
         locked instruction for this `&mut self` method, whose unlock is a plain store: ADR 37); \
         PyO3's `&mut self` method borrows its `#[pyclass]` with one flag check under the GIL.",
    );
    note(
        "callback",
        true,
        "Python callback budget missed. Closures are on the compiled path (ADR 33): `call_n` \
         keeps the GIL, Rust calls the library's native trampoline of the `call` type, which \
         converts the `u64` inline, calls the function through its own vectorcall slot and \
         converts the result inline (ADR 43); a borrowed closure without `Send` in a call that \
         keeps the GIL does not take it again (no `PyGILState_Ensure`/`Release`). What is left \
         against PyO3, which calls the callable from the `#[pyfunction]` itself: the indirect call \
         of the trampoline through the closure's `{call, context, drop}`, the conversions chosen \
         at import (a branch per argument), and CPython's API reached through the table the \
         package resolved (no inline reference counting).",
    );
    out
}
