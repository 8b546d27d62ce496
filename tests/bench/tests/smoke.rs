//! Smoke test of the benchmark harness: runs `interop-bench --smoke` (tiny counts, dev profile) into a
//! temporary file and checks the report has every table and row, with numbers. It times nothing; it
//! only keeps the harness from rotting. Needs gcc, mcs + mono, the .NET 8 runtime and the test venv's
//! Python, like the end-to-end tests: a missing tool fails with CI=true and skips otherwise.

use std::path::{Path, PathBuf};
use std::process::Command;

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

fn on_path(name: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(name).is_file()))
}

fn dotnet_available() -> bool {
    std::env::var_os("INTEROP_TEST_DOTNET").is_some()
        || std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.dotnet8/lib"))
            .is_ok_and(|mut d| d.next().is_some())
}

fn python_available() -> bool {
    std::env::var_os("INTEROP_TEST_PYTHON").is_some()
        || Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../.venv/bin/python")
            .is_file()
}

/// The numeric cells of the table row that starts with `| <label> |`.
fn row_numbers(report: &str, section: &str, label: &str) -> Vec<f64> {
    let body = section_text(report, section);
    let line = body
        .lines()
        .find(|l| l.starts_with(&format!("| {label} |")))
        .unwrap_or_else(|| panic!("no row `{label}` under `{section}`:\n{body}"));
    line.split('|')
        .skip(2)
        .filter_map(|c| {
            c.trim()
                .trim_matches('*')
                .trim_end_matches('×')
                .parse::<f64>()
                .ok()
        })
        .collect()
}

/// The text from the heading `section` to the next heading of the same or a higher level.
fn section_text<'a>(report: &'a str, section: &str) -> &'a str {
    let start = report
        .find(&format!("{section}\n"))
        .unwrap_or_else(|| panic!("no section `{section}` in the report:\n{report}"));
    let level = section.chars().take_while(|c| *c == '#').count();
    let rest = &report[start + section.len()..];
    let end = rest
        .match_indices("\n#")
        .find(|(i, _)| rest[i + 1..].chars().take_while(|c| *c == '#').count() <= level)
        .map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

#[test]
fn smoke_run_writes_every_table_with_numbers() {
    let missing: Vec<&str> = ["gcc", "mcs", "mono"]
        .into_iter()
        .filter(|t| !on_path(t))
        .collect();
    if !missing.is_empty() || !python_available() || !dotnet_available() {
        let what = format!(
            "tools {missing:?} / the test venv (.venv/bin/python) / the .NET 8 runtime (.dotnet8)"
        );
        if in_ci() {
            panic!("CI=true and a prerequisite is missing: {what}");
        }
        eprintln!("SKIPPED: {what}; run tests/run-all.sh");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let out: PathBuf = dir.path().join("BENCHMARKS.md");
    let started = std::time::Instant::now();
    let run = Command::new(env!("CARGO_BIN_EXE_interop-bench"))
        .args(["--smoke", "--out"])
        .arg(&out)
        .output()
        .expect("run interop-bench");
    assert!(
        run.status.success(),
        "interop-bench --smoke failed ({}):\n{}",
        run.status,
        String::from_utf8_lossy(&run.stderr)
    );
    eprintln!("smoke run took {:.1} s", started.elapsed().as_secs_f64());
    let report = std::fs::read_to_string(&out).expect("report written");
    assert!(report.contains("**Smoke run**"), "{report}");
    assert!(!report.contains("Not measured"), "{report}");

    // Machine and versions.
    for label in [
        "CPU", "cores", "OS", "rustc", "gcc", "mono", ".NET", "python",
    ] {
        assert!(
            report.contains(&format!("| {label} | ")),
            "no `{label}` row:\n{report}"
        );
    }

    // Every budget has a verdict.
    let budgets = section_text(&report, "## Budgets");
    let rows: Vec<&str> = budgets
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| budget"))
        .collect();
    // 14 for the calls, data, memory and codegen, and one per language (C, C# on Mono twice, .NET 8,
    // Python) for the `Ok` return, the `Err` return, the service method, the callback and the
    // callback returning a string, and the comparator's in C and Python.
    assert_eq!(rows.len(), 14 + 5 * 5 + 2, "{budgets}");
    for (what, languages) in [
        ("`Result` `Ok` return", 5),
        ("`Result` `Err` return", 5),
        ("service method call vs", 5),
        ("callback invoked from Rust", 5),
        ("callback returning a ", 5),
        ("comparator returning `Ordering`", 2),
    ] {
        let n = rows.iter().filter(|r| r.contains(what)).count();
        assert_eq!(n, languages, "budget rows for {what}:\n{budgets}");
        for r in rows.iter().filter(|r| r.contains(what)) {
            assert!(r.contains(" ns"), "budget row without measured ns: {r}");
        }
    }
    for r in &rows {
        assert!(
            r.ends_with("| PASS |") || r.ends_with("| **MISS** |"),
            "budget without a verdict: {r}"
        );
    }

    // Call overhead: every language table, every construct, ns for generated and raw plus a ratio.
    let constructs = [
        "noop()",
        "add(u64, u64) -> u64",
        "vec_double(Vec3) -> Vec3 (struct by value)",
        "vec_length_sq(&Vec3) -> f32 (struct by reference)",
        "counter.increment(u64) -> u64 (opaque handle)",
    ];
    let tables = [
        ("### C", 5),
        ("### C# on Mono (default suspend)", 3),
        ("### C# on Mono (MONO_THREADS_SUSPEND=preemptive)", 3),
        // generated, raw, ratio (the per-round spread `a×–b×` is not one number).
        ("### C# on .NET 8", 3),
        // generated, release-gil, fallback, ctypes, PyO3, and the first four / PyO3.
        ("### Python", 9),
    ];
    // The `Result`, service and callback rows (the C# tables have the service row twice: against
    // a hand-written `SafeHandle` binding and against an `IntPtr` one).
    let api = [
        "checked_add(u64, u64) -> Result<u64, AddError>: `Ok`",
        "checked_add(u64, u64) -> Result<u64, AddError>: `Err`",
        "call_n(n, &dyn Fn(u64) -> u64): one callback invocation",
    ];
    // C: the callback returning a string allocated by the callee and lent as a literal; elsewhere once.
    let c_callback_str = [
        "call_str_n(n, &dyn Fn(u64) -> String), 11 chars: one callback invocation, allocated \
         (`String_from`)",
        "call_str_n(n, &dyn Fn(u64) -> String), 11 chars: one callback invocation, a borrowed \
         literal (`cap == 0`)",
    ];
    let callback_str = ["call_str_n(n, &dyn Fn(u64) -> String), 11 chars: one callback invocation"];
    let csharp_service = [
        "meter.Add(u64) -> u64 (`#[ffi(service)]` method) vs `SafeHandle`",
        "meter.Add(u64) -> u64 (`#[ffi(service)]` method) vs `IntPtr`",
    ];
    // C: against the raw twin on a plain pointer and against a thread-safe (`Mutex`) twin.
    let c_service = [
        "meter.add(u64) -> u64 (`#[ffi(service)]` method) vs a plain pointer",
        "meter.add(u64) -> u64 (`#[ffi(service)]` method) vs a `Mutex` per object",
    ];
    let service = ["meter.add(u64) -> u64 (`#[ffi(service)]` method)"];
    for (table, cells) in tables {
        // Every table shows the interquartile range of the per-round ratios.
        assert!(
            section_text(&report, table).contains("per round (interquartile range)"),
            "{table}: no per-round spread column"
        );
        let rows = if table.starts_with("### C#") {
            &csharp_service[..]
        } else if table == "### C" {
            &c_service[..]
        } else {
            &service[..]
        };
        let strs = if table == "### C" {
            &c_callback_str[..]
        } else {
            &callback_str[..]
        };
        for c in constructs.iter().chain(&api).chain(rows).chain(strs) {
            let nums = row_numbers(&report, table, c);
            assert_eq!(nums.len(), cells, "{table} / {c}: {nums:?}");
            assert!(
                nums.iter().all(|n| *n > 0.0 && n.is_finite()),
                "{table} / {c}: {nums:?}"
            );
        }
    }

    // Codegen phases and build overhead.
    for phase in [
        "cargo build (no-op)",
        "inventory load",
        "generate C",
        "generate C#",
        "generate Python",
        "package C",
        "package C#",
        "package Python",
        "write",
        "total",
    ] {
        let nums = row_numbers(&report, "## Codegen at scale", phase);
        assert_eq!(nums.len(), 1, "phase `{phase}`");
        assert!(nums[0] >= 0.0);
    }
    let total = row_numbers(&report, "## Codegen at scale", "total")[0];
    assert!(total > 0.0);
    for row in [
        "no-op `cargo build`",
        "no-op `cargo interop build` (CLI binary, C + C# + Python)",
        "rebuild after touching `src/lib.rs`: `#[ffi]` crate",
        "rebuild after touching `src/lib.rs`: hand-written `extern \"C\"` crate",
        "ratio `#[ffi]` / hand-written",
    ] {
        let nums = row_numbers(&report, "## Build overhead", row);
        assert_eq!(nums.len(), 1, "row `{row}`");
        assert!(nums[0] > 0.0, "row `{row}`");
    }
    assert!(report.contains("Peak RSS of that process"), "{report}");
    assert!(
        section_text(&report, "## Notes")
            .lines()
            .any(|l| l.starts_with("- "))
    );
}
