//! The Markdown report (BENCHMARKS.md): fixed layout, measured numbers, budget verdicts.

use std::fmt::Write as _;

use crate::api_rows::API_CONSTRUCTS;
use crate::calls::{CallOptions, CallTable, DATA_CONSTRUCTS};
use crate::codegen::{CodegenOptions, CodegenResults};
use crate::stats::{Clock, fmt_iqr, fmt_ms, fmt_ns, fmt_ratio};

/// Everything measured in one run. A section that failed holds its error message.
pub struct Report {
    pub smoke: bool,
    pub machine: Vec<(String, String)>,
    pub calls: CallOptions,
    pub codegen_opts: CodegenOptions,
    pub call_tables: Result<Vec<CallTable>, String>,
    pub codegen: Result<CodegenResults, String>,
    /// RSS growth over many round trips of owned data, per runtime.
    pub memory: Result<Vec<crate::memory::MemoryRow>, String>,
}

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
fn row_budget(t: &CallTable, key: &str) -> String {
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
const NOT_BUDGETED: &str = "(not budgeted)";

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

/// Render the whole report.
pub fn render(rep: &Report) -> String {
    let mut s = String::new();
    s.push_str("# Benchmarks\n\n");
    s.push_str(
        "<!-- Generated by interop-bench (tests/bench). Do not edit by hand: rerun the command below. -->\n\n",
    );
    if rep.smoke {
        s.push_str(
            "> **Smoke run** (tiny counts, dev profile): this only shows that the harness works; the \
             numbers mean nothing.\n\n",
        );
    }
    s.push_str(
        "Reproduce (about 10 minutes on 2 cores; installs Mono and the Python venv when missing, then \
         rewrites this file at the workspace root):\n\n",
    );
    s.push_str("```sh\nbash tests/bench/run.sh\n```\n\n");
    s.push_str(
        "That is `cargo run --release -p interop-bench` once the tools are there; `--smoke --out FILE` \
         runs the same harness with tiny counts (the test suite does this in \
         `tests/bench/tests/smoke.rs`). Methodology: [docs/benchmarks.md](docs/benchmarks.md).\n\n",
    );

    s.push_str("## Machine\n\n| | |\n|---|---|\n");
    for (k, v) in &rep.machine {
        let _ = writeln!(s, "| {k} | {} |", v.replace('|', "\\|"));
    }
    let _ = writeln!(
        s,
        "| profile | {} |\n",
        if rep.calls.release {
            "fixture and cargo-interop in release; synthetic crate in dev (the default of `cargo interop build`)"
        } else {
            "dev"
        }
    );

    s.push_str("## Budgets\n\n| budget | measured | verdict |\n|---|---|---|\n");
    for b in budgets(rep) {
        let _ = writeln!(s, "| {} | {} | {} |", b.name, b.measured, verdict(b.pass));
    }
    s.push('\n');

    render_calls(&mut s, rep);
    crate::memory::render(&mut s, rep);
    render_codegen(&mut s, rep);
    render_notes(&mut s, rep);
    s
}

fn render_calls(s: &mut String, rep: &Report) {
    s.push_str("## Call overhead\n\n");
    let _ = writeln!(
        s,
        "Nanoseconds per call, {clock}: the median over {rounds} rounds. Each case is a loop calibrated \
         to about {ms} ms; a round samples every variant of a construct (generated, hand-written, PyO3, …) once, \
         back to back, the order reversed on every other round (ABBA: neither side always goes first), \
         and goes on to the next construct. The ratio of a variant to the baseline is the **median of \
         the per-round ratios** (variant / baseline of the same round), shown with the interquartile \
         range of those ratios (IQR: the middle half of the rounds). Why: the speed of this shared \
         machine changes on a scale of seconds, so two samples taken tens of ms apart see the same \
         machine and their ratio cancels the slowdown, while two medians over the whole run compare \
         samples taken seconds apart. {why_clock} Both sides get the same treatment: every round's \
         pair counts, no minimum of N, no sample dropped. The generated and hand-written bindings call the same \
         native code (`tests/bench/fixture`: each `#[ffi]` function has a `raw_*` twin) in one \
         process, so their ratio is what the bindings add. Both sides include the loop's own cost; \
         results feed a checksum that is compared between the two sides.\n",
        rounds = rep.calls.rounds,
        ms = rep.calls.sample_ms,
        clock = match rep.calls.clock {
            Clock::Cpu =>
                "CPU time of the benchmark process (`CLOCK_PROCESS_CPUTIME_ID`: every thread, \
                           the GC's too)",
            Clock::Wall => "wall-clock time (`--clock wall`)",
        },
        why_clock = match rep.calls.clock {
            Clock::Cpu =>
                "The time is the process's CPU time, not the wall clock: with more runnable \
                           processes than cores, a sample's wall time counts the slices other tenants \
                           had the core, which pairing cannot cancel when it hits one side of a pair \
                           only (the calls do no I/O and do not sleep; whatever the runtime does on \
                           another thread of the process, such as a GC, is counted).",
            Clock::Wall => "",
        }
    );
    let tables = match &rep.call_tables {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(s, "Not measured: {}\n", one_line(e));
            return;
        }
    };
    for t in tables {
        let _ = writeln!(s, "### {}\n\n{}\n", t.title, t.description);
        s.push_str("| construct |");
        for (_, heading) in &t.variants {
            let _ = write!(s, " {heading} |");
        }
        let gen_variants: Vec<&(String, String)> =
            t.variants.iter().filter(|(v, _)| v != t.baseline).collect();
        for (v, _) in &gen_variants {
            let _ = write!(s, " {v} / {} |", t.baseline);
        }
        let _ = write!(
            s,
            " generated / {} per round (interquartile range) |",
            t.baseline
        );
        let budgeted = t
            .constructs
            .iter()
            .any(|(k, _)| row_budget(t, k) != NOT_BUDGETED);
        if budgeted {
            let _ = write!(
                s,
                " budget (≤ {}; strings, slices, vectors ≤ {}; the last rows: their own) |",
                fmt_ratio(t.budget),
                fmt_ratio(DATA_BUDGET)
            );
        } else {
            s.push_str(" budget |");
        }
        s.push_str("\n|---|");
        for _ in 0..t.variants.len() + gen_variants.len() + 2 {
            s.push_str("---:|");
        }
        s.push('\n');
        for (key, label) in &t.constructs {
            let _ = write!(s, "| {label} |");
            for (v, _) in &t.variants {
                let cell = t.ns(key, v).map_or("—".to_string(), fmt_ns);
                let _ = write!(s, " {cell} |");
            }
            for (v, _) in &gen_variants {
                let cell = t.ratio(key, v).map_or("—".to_string(), fmt_ratio);
                let _ = write!(s, " {cell} |");
            }
            let cell = t
                .ratio_spread(key, "generated")
                .map_or("—".to_string(), |(lo, hi)| {
                    format!("{}–{}", fmt_ratio(lo), fmt_ratio(hi))
                });
            let _ = write!(s, " {cell} |");
            let _ = writeln!(s, " {} |", row_budget(t, key));
        }
        s.push('\n');
    }
}

fn render_codegen(s: &mut String, rep: &Report) {
    let shape = rep.codegen_opts.shape;
    let _ = writeln!(
        s,
        "## Codegen at scale\n\nA synthetic crate with {} `#[ffi]` functions and {} types (structs by \
         value and by reference, enums, opaque handles with `impl` blocks; `tests/bench/src/synth.rs`), \
         its own workspace under `target/bench/synth`, built in the dev profile (the default of \
         `cargo interop build`). {} Phases as reported by `cargo_interop::build_with_timings`, run in a \
         child process, median of {} runs; the library is up to date, so `cargo build` is cargo's no-op \
         check.\n",
        shape.functions,
        shape.types,
        if rep.smoke {
            "Smoke mode: built in the workspace's target directory, no warm-up run, no NuGet package and \
             no wheel."
        } else {
            "Dependencies prebuilt in `target/bench/synth-target`; one warm-up run first; \
             `Interop.toml` builds every package (pkg-config file, NuGet package, wheel)."
        },
        rep.codegen_opts.runs
    );
    let c = match &rep.codegen {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(s, "Not measured: {}\n", one_line(e));
            return;
        }
    };
    let _ = writeln!(
        s,
        "Inventory: {} functions, {} types. First `cargo build` of the crate in this run: {} ms.\n",
        c.functions_in_inventory,
        c.types_in_inventory,
        fmt_ms(c.first_build_ms)
    );
    s.push_str("| phase | ms |\n|---|---:|\n");
    for (name, ms) in &c.phases {
        let _ = writeln!(s, "| {name} | {} |", fmt_ms(*ms));
    }
    let _ = writeln!(
        s,
        "| **codegen: inventory load + generation, all languages** | **{}** |",
        fmt_ms(c.codegen_ms())
    );
    let _ = writeln!(
        s,
        "\nPeak RSS of that process (VmHWM; cargo and any compiler a backend runs are separate processes): \
         **{:.1} MB**.\n",
        c.peak_rss_mb
    );

    let _ = writeln!(
        s,
        "## Build overhead\n\nMedian of {} runs each, on the same synthetic crate.\n",
        c.runs
    );
    s.push_str("| build | ms |\n|---|---:|\n");
    let _ = writeln!(
        s,
        "| no-op `cargo build` | {} |",
        fmt_ms(c.noop_cargo_build_ms)
    );
    let _ = writeln!(
        s,
        "| no-op `cargo interop build` (CLI binary, C + C# + Python) | {} |",
        fmt_ms(c.noop_interop_build_ms)
    );
    let _ = writeln!(
        s,
        "| rebuild after touching `src/lib.rs`: `#[ffi]` crate | {} |",
        fmt_ms(c.rebuild_ffi_ms)
    );
    let _ = writeln!(
        s,
        "| rebuild after touching `src/lib.rs`: hand-written `extern \"C\"` crate | {} |",
        fmt_ms(c.rebuild_raw_ms)
    );
    let _ = writeln!(
        s,
        "| ratio `#[ffi]` / hand-written | {} |\n",
        fmt_ratio(c.rebuild_ffi_ms / c.rebuild_raw_ms)
    );
}

fn render_notes(s: &mut String, rep: &Report) {
    s.push_str("## Notes\n\n");
    for note in crate::notes::notes(rep) {
        let _ = writeln!(s, "- {note}");
    }
    s.push('\n');
}

pub fn one_line(e: &str) -> String {
    e.lines().next().unwrap_or("").replace('|', "\\|")
}
