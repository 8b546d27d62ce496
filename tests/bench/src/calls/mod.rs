//! Call overhead: the benchmark fixture through the bindings `cargo interop build` generated, next to a
//! hand-written minimal binding of the fixture's `raw_*` twins, from C, C# (on Mono and on .NET 8) and
//! Python, in the same process and run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

mod csharp;
mod python;

use crate::stats::{Clock, RatioStats, Samples};
use crate::util::{require, run, workspace_root};

/// The benchmarked constructs, in table order: (case key, label).
pub const CONSTRUCTS: &[(&str, &str)] = &[
    ("noop", "noop()"),
    ("add", "add(u64, u64) -> u64"),
    ("struct_value", "vec_double(Vec3) -> Vec3 (struct by value)"),
    (
        "struct_ref",
        "vec_length_sq(&Vec3) -> f32 (struct by reference)",
    ),
    ("handle", "counter.increment(u64) -> u64 (opaque handle)"),
    ("str_short", "str_len(&str), 11 chars"),
    ("str_long", "str_len(&str), 1 KiB"),
    ("bytes_small", "bytes_len(&[u8]), 1 KiB"),
    ("bytes_large", "bytes_len(&[u8]), 1 MiB"),
    ("string_ret", "string_make() -> String, 11 chars"),
    ("vec_ret", "bytes_make(1 MiB) -> Vec<u8>"),
    (
        "result_ok",
        "checked_add(u64, u64) -> Result<u64, AddError>: `Ok`",
    ),
    (
        "result_err",
        "checked_add(u64, u64) -> Result<u64, AddError>: `Err`",
    ),
    (
        "service",
        "meter.add(u64) -> u64 (`#[ffi(service)]` method)",
    ),
    (
        "callback",
        "call_n(n, &dyn Fn(u64) -> u64): one callback invocation",
    ),
    ("callback_str", CALLBACK_STR_LABEL),
];

/// The row of a callback returning a `String` (ADR 54).
pub const CALLBACK_STR_LABEL: &str =
    "call_str_n(n, &dyn Fn(u64) -> String), 11 chars: one callback invocation";

/// The row of a comparator (ADR 57), in the C and Python tables (after `callback_str`).
pub const CALLBACK_CMP: (&str, &str) = (
    "callback_cmp",
    "cmp_n(n, &dyn Fn(u32, u32) -> Ordering): one comparator invocation",
);

/// The Python table's rows: every construct, then the comparator.
pub fn python_constructs() -> Vec<(&'static str, &'static str)> {
    let mut rows = CONSTRUCTS.to_vec();
    rows.push(CALLBACK_CMP);
    rows
}

/// The C# tables' rows: the service method twice, against a hand-written `SafeHandle` binding and
/// against one on a plain `IntPtr`.
pub fn csharp_constructs() -> Vec<(&'static str, &'static str)> {
    let mut rows = Vec::new();
    for (k, label) in CONSTRUCTS {
        if *k == "service" {
            rows.push((
                "service",
                "meter.Add(u64) -> u64 (`#[ffi(service)]` method) vs `SafeHandle`",
            ));
            rows.push((
                "service_intptr",
                "meter.Add(u64) -> u64 (`#[ffi(service)]` method) vs `IntPtr`",
            ));
        } else {
            rows.push((*k, *label));
        }
    }
    rows
}

/// The C table's rows: the service method twice, against the raw twin on a plain pointer (no lock)
/// and against a hand-written thread-safe twin (the object behind a `std::sync::Mutex`); the callback
/// returning a `String` twice, the callee allocating it (`String_from`) and lending a literal
/// (`cap == 0`).
pub fn c_constructs() -> Vec<(&'static str, &'static str)> {
    let mut rows = Vec::new();
    for (k, label) in CONSTRUCTS {
        if *k == "service" {
            rows.push((
                "service",
                "meter.add(u64) -> u64 (`#[ffi(service)]` method) vs a plain pointer",
            ));
            rows.push((
                "service_locked",
                "meter.add(u64) -> u64 (`#[ffi(service)]` method) vs a `Mutex` per object",
            ));
        } else if *k == "callback_str" {
            rows.push((
                "callback_str",
                "call_str_n(n, &dyn Fn(u64) -> String), 11 chars: one callback invocation, \
                 allocated (`String_from`)",
            ));
            rows.push((
                "callback_str_lit",
                "call_str_n(n, &dyn Fn(u64) -> String), 11 chars: one callback invocation, \
                 a borrowed literal (`cap == 0`)",
            ));
            rows.push(CALLBACK_CMP);
        } else {
            rows.push((*k, *label));
        }
    }
    rows
}

/// The constructs of strings, slices and vectors (issue 11): budgeted at [`DATA_BUDGET`] for C and
/// C#, measured (not budgeted) for Python.
pub const DATA_CONSTRUCTS: &[&str] = &[
    "str_short",
    "str_long",
    "bytes_small",
    "bytes_large",
    "string_ret",
    "vec_ret",
];

/// How long and how often to sample.
#[derive(Debug, Clone, Copy)]
pub struct CallOptions {
    /// Target duration of one sample, in ms (iterations are calibrated to it).
    pub sample_ms: f64,
    /// Rounds: each samples every variant of every construct once, the variants of a construct back
    /// to back.
    pub rounds: usize,
    /// Build the fixture in release mode.
    pub release: bool,
    /// Measure only this language's tables (`--only`); all when `None`.
    pub only: Option<Language>,
    /// The time the ratios are computed from (`--clock`, CPU time by default).
    pub clock: Clock,
}

/// The languages of the call tables (`--only c|csharp|python`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    C,
    CSharp,
    Python,
}

impl Language {
    pub fn parse(name: &str) -> Option<Language> {
        Some(match name {
            "c" => Language::C,
            "csharp" => Language::CSharp,
            "python" => Language::Python,
            _ => return None,
        })
    }
}

impl CallOptions {
    /// Whether this run measures `language`.
    pub fn measures(&self, language: Language) -> bool {
        self.only.is_none_or(|only| only == language)
    }
}

/// One table of results: one language (and runtime setting).
#[derive(Debug, Clone)]
pub struct CallTable {
    pub title: String,
    /// What "generated" and the baseline are in this language.
    pub description: String,
    /// (case variant, column heading); the last one is the baseline.
    pub variants: Vec<(String, String)>,
    /// The variant the others are compared with (`raw`: the hand-written binding; `pyo3` in Python).
    pub baseline: &'static str,
    /// The rows: (case key, label).
    pub constructs: Vec<(&'static str, &'static str)>,
    pub samples: Samples,
    /// Per `<construct>/<variant>`: the per-round ratios variant / baseline, each from two samples
    /// of the same round of the same process ([`Samples::paired_ratios`]).
    pub ratios: BTreeMap<String, Vec<f64>>,
    /// The budget on generated / baseline for this table.
    pub budget: f64,
}

/// The per-round ratios of every `variant` of every construct to `baseline`, from one program's
/// samples.
pub fn paired_ratios(
    samples: &Samples,
    constructs: &[&str],
    variants: &[&str],
    baseline: &str,
) -> BTreeMap<String, Vec<f64>> {
    let mut out = BTreeMap::new();
    for k in constructs {
        for v in variants {
            let r = samples.paired_ratios(&format!("{k}/{v}"), &format!("{k}/{baseline}"));
            if !r.is_empty() {
                out.insert(format!("{k}/{v}"), r);
            }
        }
    }
    out
}

impl CallTable {
    /// The median and interquartile range of the per-round ratios variant / baseline.
    pub fn ratio_stats(&self, construct: &str, variant: &str) -> Option<RatioStats> {
        RatioStats::of(self.ratios.get(&format!("{construct}/{variant}"))?)
    }

    /// The interquartile range (first, third quartile) of the per-round ratios variant / baseline.
    pub fn ratio_spread(&self, construct: &str, variant: &str) -> Option<(f64, f64)> {
        self.ratio_stats(construct, variant).map(|s| (s.q1, s.q3))
    }

    /// Median ns/call of a construct's variant over the rounds.
    pub fn ns(&self, construct: &str, variant: &str) -> Option<f64> {
        self.samples.median(&format!("{construct}/{variant}"))
    }

    /// The ratio of a variant to the baseline for a construct: the median of the per-round ratios
    /// (not the ratio of the two medians, which compares samples taken at different times).
    pub fn ratio(&self, construct: &str, variant: &str) -> Option<f64> {
        self.ratio_stats(construct, variant).map(|s| s.median)
    }
}

/// Where the generated bindings of the fixture are.
pub struct Bindings {
    /// Holds everything; removed on drop.
    pub dir: tempfile::TempDir,
    pub c_include: PathBuf,
    pub c_lib: PathBuf,
    pub csharp: PathBuf,
    pub python: PathBuf,
    /// The same Python package generated with `release-gil = true`.
    pub python_release_gil: PathBuf,
}

/// The fixture's Interop.toml (the benchmarks use the package directory, not the wheel).
const FIXTURE_CONFIG: &str = "[c]\nout-dir = \"c\"\n\n[csharp]\nout-dir = \"csharp\"\n\n\
                              [python]\nout-dir = \"python\"\n\n[python.wheel]\nbuild = false\n";

/// The Python package with `release-gil = true`.
const RELEASE_GIL_CONFIG: &str = "[python]\nout-dir = \"python-release-gil\"\nrelease-gil = true\n\n\
                                  [python.wheel]\nbuild = false\n";

/// Run the real `cargo interop build` on the fixture into a fresh temporary directory.
pub fn generate_bindings(cargo_interop_bin: &Path, release: bool) -> Result<Bindings> {
    let dir = tempfile::Builder::new()
        .prefix("interop-bench-")
        .tempdir()
        .context("create a temporary directory")?;
    let build = |name: &str, config: &str| -> Result<()> {
        let path = dir.path().join(name);
        std::fs::write(&path, config).with_context(|| format!("write {name}"))?;
        let mut cmd = Command::new(cargo_interop_bin);
        cmd.current_dir(dir.path())
            .args(["interop", "build", "--manifest-path"])
            .arg(workspace_root().join("tests/bench/fixture/Cargo.toml"))
            .arg("--config")
            .arg(&path);
        if release {
            cmd.arg("--release");
        }
        run(&mut cmd).map(drop)
    };
    build("Interop.toml", FIXTURE_CONFIG)?;
    // The Python package once more, releasing the GIL around each call (the library is built).
    build("Interop-release-gil.toml", RELEASE_GIL_CONFIG)?;
    let root = dir.path().to_path_buf();
    Ok(Bindings {
        python_release_gil: root.join("python-release-gil"),
        c_include: root.join("c/include"),
        c_lib: root.join("c/lib"),
        csharp: root.join("csharp"),
        python: root.join("python"),
        dir,
    })
}

/// Run every language's benchmark program.
pub fn measure(opts: CallOptions, b: &Bindings) -> Result<Vec<CallTable>> {
    let mut tables = Vec::new();
    if opts.measures(Language::C) {
        tables.push(c(opts, b)?);
    }
    if opts.measures(Language::CSharp) {
        tables.extend(csharp::tables(opts, b)?);
    }
    if opts.measures(Language::Python) {
        tables.extend(python::tables(opts, b)?);
    }
    Ok(tables)
}

fn args(opts: CallOptions) -> [String; 2] {
    [opts.sample_ms.to_string(), opts.rounds.to_string()]
}

/// Parse one program's output with the clock of `opts`; keeps a copy of it in
/// `$INTEROP_BENCH_RAW_DIR/<name>.txt` when that variable is set (to study the samples offline).
pub fn parse_program(opts: CallOptions, name: &str, output: &[u8]) -> Result<Samples> {
    let text = String::from_utf8_lossy(output);
    if let Some(dir) = std::env::var_os("INTEROP_BENCH_RAW_DIR") {
        let file: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let path = PathBuf::from(dir).join(format!("{file}.txt"));
        std::fs::write(&path, text.as_bytes())
            .with_context(|| format!("write {}", path.display()))?;
    }
    Samples::parse_clock(&text, opts.clock)
}

fn parse_checked(
    opts: CallOptions,
    output: &[u8],
    lang: &str,
    constructs: &[&str],
    generated: &[&str],
) -> Result<Samples> {
    let samples = parse_program(opts, lang, output)?;
    check_samples(&samples, lang, constructs, generated, "raw")?;
    Ok(samples)
}

/// Every variant printed a sample for every construct, and each agrees with the baseline.
fn check_samples(
    samples: &Samples,
    lang: &str,
    constructs: &[&str],
    generated: &[&str],
    baseline: &str,
) -> Result<()> {
    for g in generated {
        samples
            .verify_checks(constructs, g, baseline)
            .with_context(|| format!("{lang} benchmark"))?;
    }
    for k in constructs {
        for v in generated.iter().chain(&[baseline]) {
            if samples.runs(&format!("{k}/{v}")) == 0 {
                bail!("the {lang} benchmark printed no sample for `{k}/{v}`");
            }
        }
    }
    Ok(())
}

fn c(opts: CallOptions, b: &Bindings) -> Result<CallTable> {
    let gcc = require("gcc")?;
    let work = b.dir.path().join("bench-c");
    std::fs::create_dir_all(&work)?;
    // bench.c runs the cases of bench_calls.c and bench_data.c (bench.h declares them).
    let sources = [
        ("bench.h", include_str!("programs/bench.h")),
        ("bench.c", include_str!("programs/bench.c")),
        ("bench_calls.c", include_str!("programs/bench_calls.c")),
        ("bench_data.c", include_str!("programs/bench_data.c")),
    ];
    for (name, text) in sources {
        std::fs::write(work.join(name), text)?;
    }
    let exe = work.join("bench_c");
    run(Command::new(gcc)
        .args(["-O2", "-std=c11", "-Wall", "-Wextra", "-Werror", "-o"])
        .arg(&exe)
        .args(
            sources
                .iter()
                .filter(|(n, _)| n.ends_with(".c"))
                .map(|(n, _)| work.join(n)),
        )
        .arg("-I")
        .arg(&b.c_include)
        .arg("-L")
        .arg(&b.c_lib)
        .arg(format!("-Wl,-rpath,{}", b.c_lib.display()))
        .arg("-lbench_fixture"))?;
    eprintln!("  C");
    let out = run(Command::new(&exe).args(args(opts)))?;
    let keys: Vec<&str> = c_constructs().iter().map(|(k, _)| *k).collect();
    let samples = parse_checked(opts, &out.stdout, "C", &keys, &["generated", "shim"])?;
    let ratios = paired_ratios(&samples, &keys, &["generated", "shim"], "raw");
    Ok(CallTable {
        title: "C".to_string(),
        description: "generated = the `#[ffi]` shim through the generated header, followed by the \
                      documented panic check (`if (*pending != 0)`); shim = the same call without the \
                      check; raw = the hand-written `extern \"C\"` twin declared by hand. The last rows: \
                      `checked_add` returning the `Result` struct (read `status`, then the value or \
                      the error, freeing the error's message) against `raw_checked_add` returning a \
                      status code with the sum in an out-parameter; `meter_add` on an \
                      `#[ffi(service)]` handle (the library's per-object lock) against \
                      `raw_meter_add` on a plain pointer (no lock: not safe to share between \
                      threads) and against `raw_locked_meter_add`, a hand-written thread-safe twin \
                      (the object behind a `std::sync::Mutex`); one callback invocation: `call_n(n, f)` \
                      calls the `{call, context, drop}` closure n times (time per invocation) against \
                      `raw_call_n` calling a plain function pointer; a callback returning an \
                      11-character `String`: `call_str_n(n, f)` whose `call` writes \
                      `String_from(text, 11)` (memory of `interop_buffer_alloc`, which the library \
                      takes: no copy in Rust) or, in the next row, a borrowed literal (`cap == 0`, \
                      copied by the library) into the zeroed slot, against `raw_call_str_n` lending a \
                      64-byte buffer on its stack to a plain function pointer that `memcpy`s the text \
                      and returns its length, then copying it into a `String` (both check UTF-8 and \
                      end with an owned `String`). gcc -O2."
            .to_string(),
        variants: vec![
            ("generated".to_string(), "generated (shim + check)".to_string()),
            ("shim".to_string(), "shim only".to_string()),
            ("raw".to_string(), "raw".to_string()),
        ],
        baseline: "raw",
        constructs: c_constructs(),
        samples,
        ratios,
        budget: crate::report::CALL_BUDGET,
    })
}
