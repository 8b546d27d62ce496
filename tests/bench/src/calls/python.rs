//! The Python table: the generated package on its compiled call path, the same package on its
//! ctypes fallback, a hand-written ctypes binding of the `raw_*` twins, and PyO3 — the same
//! functions written with PyO3 (tests/bench/pyo3-twin), the baseline the budget compares with.
//!
//! The PyO3 twin is its own cargo workspace (building it needs a Python interpreter): it is built
//! with `PYO3_PYTHON` set to the interpreter that runs the benchmark, into `target/bench/pyo3-twin`,
//! and loaded as an extension module by copying the library to `bench_pyo3.so` (no maturin). The
//! compiled path, PyO3 and ctypes are timed in one process, alternating construct by construct; the
//! release-gil package and the fallback (`INTEROP_PYTHON_CALLS=ctypes`: a package chooses its path at
//! import) each in a process of their own, alternating with PyO3 again, so that every ratio to PyO3
//! pairs samples of one process and one round.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use super::{
    Bindings, CallOptions, CallTable, args, check_samples, paired_ratios, python_constructs,
};
use crate::stats::Samples;
use crate::util::{cargo, python, run, workspace_root};

/// UniFFI 0.32 on this kind of machine, ns per call (/work/shared/notes/toolchain.md, 2026-11-30):
/// a reference, not measured here.
const UNIFFI: &str = "noop 1760, add 3035, a record of 3 f32 by value 13063, strlen(&str) 11081, \
                      sum_bytes(&[u8]) of 1 KiB 17642";

/// The rows beyond the budget (issue 15; `programs/bench_holdout.py`, the fixture's `holdout.rs`):
/// the calls a maintainer's own benchmark makes that the budget rows do not take. Informative.
pub const HOLDOUT: &[(&str, &str)] = &[
    ("kwargs", "add(a=…, b=…): keyword arguments"),
    (
        "method_args",
        "tally.record(u64, u32, bool) -> u64: a service method, 3 arguments",
    ),
    ("ctor_drop", "Tally(5), then dropped: constructor + drop"),
    (
        "getter",
        "tally.total() (PyO3: a `#[getter]`, `tally.total`)",
    ),
    ("static", "Tally.limit(): a static method"),
    ("opt_none", "opt_double(Option<u32>) -> Option<u32>: `None`"),
    (
        "opt_some",
        "opt_double(Option<u32>) -> Option<u32>: a value",
    ),
    ("f64_bool", "scale(f64, bool) -> f64"),
    ("bool_ret", "is_even(u64) -> bool"),
    ("enum", "next_color(Color) -> Color (C-like enum)"),
    (
        "record_ret",
        "vec_make(f32, f32, f32) -> Vec3: a record returned",
    ),
    ("vec_u32_ret", "range_u32(1024) -> Vec<u32>"),
    ("slice_list", "sum_u32(&[u32]) of a `list` of 1 K"),
    (
        "slice_array",
        "sum_u32(&[u32]) of an `array.array('I')` of 1 K",
    ),
    (
        "mix6",
        "mix(u8, i32, f64, bool, u64, &str) -> f64: 6 mixed arguments",
    ),
    (
        "callback2",
        "fold_n(n, &dyn Fn(u64, u64) -> u64): one callback invocation",
    ),
    ("thread", "add(u64, u64) on a Python thread of its own"),
];

/// Build the PyO3 twin for `py` and put it where Python imports it as `bench_pyo3`; returns that
/// directory.
fn build_pyo3(py: &Path, release: bool, work: &Path) -> Result<PathBuf> {
    let manifest = workspace_root().join("tests/bench/pyo3-twin/Cargo.toml");
    let target = workspace_root().join("target/bench/pyo3-twin");
    let mut cmd = Command::new(cargo());
    cmd.arg("build")
        .arg("--manifest-path")
        .arg(&manifest)
        .arg("--target-dir")
        .arg(&target)
        .env("PYO3_PYTHON", py);
    if release {
        cmd.arg("--release");
    }
    eprintln!("  building the PyO3 twin");
    run(&mut cmd)?;
    let library = target
        .join(if release { "release" } else { "debug" })
        .join("libbench_pyo3.so");
    let dir = work.join("pyo3");
    std::fs::create_dir_all(&dir)?;
    std::fs::copy(&library, dir.join("bench_pyo3.so"))
        .with_context(|| format!("copy {}", library.display()))?;
    Ok(dir)
}

/// The Python tables: the budget rows, then the rows beyond the budget (same processes, same run).
pub fn tables(opts: CallOptions, b: &Bindings) -> Result<Vec<CallTable>> {
    let py = python()?;
    let pyo3 = build_pyo3(&py, opts.release, b.dir.path())?;
    let src = b.dir.path().join("bench.py");
    std::fs::write(&src, include_str!("programs/bench.py"))?;
    // The measuring loop, imported by bench.py from its own directory.
    std::fs::write(
        b.dir.path().join("bench_loop.py"),
        include_str!("programs/bench_loop.py"),
    )?;
    std::fs::write(
        b.dir.path().join("bench_holdout.py"),
        include_str!("programs/bench_holdout.py"),
    )?;
    let lib = b.python.join("bench_fixture/libbench_fixture.so");
    let constructs: Vec<(&'static str, &'static str)> = python_constructs();
    let keys: Vec<&str> = constructs.iter().map(|(k, _)| *k).collect();
    let holdout: Vec<&str> = HOLDOUT.iter().map(|(k, _)| *k).collect();
    let mut samples = Samples::default();
    let mut ratios = BTreeMap::new();
    for (mode, calls, package, variants) in [
        (
            "compiled",
            "compiled",
            &b.python,
            &["generated", "ctypes"][..],
        ),
        (
            "release-gil",
            "compiled",
            &b.python_release_gil,
            &["release_gil"][..],
        ),
        ("fallback", "ctypes", &b.python, &["fallback"][..]),
    ] {
        eprintln!("  Python ({mode})");
        let out = run(Command::new(&py)
            .arg(&src)
            .arg(package)
            .arg(&lib)
            .arg(&pyo3)
            .args(args(opts))
            .arg(mode)
            .args(&keys)
            .args(&holdout)
            .env("INTEROP_PYTHON_CALLS", calls)
            .env("PYTHONDONTWRITEBYTECODE", "1"))?;
        // Every process times PyO3 too, alternating with its own variant, so that each ratio pairs
        // samples of one process and one round; the PyO3 column shows the first process's.
        let own = super::parse_program(opts, &format!("Python {mode}"), &out.stdout)?;
        check_samples(&own, "Python", &keys, variants, "pyo3")?;
        ratios.extend(paired_ratios(&own, &keys, variants, "pyo3"));
        // The rows beyond the budget have no hand-written ctypes twin.
        let own_holdout: Vec<&str> = variants
            .iter()
            .copied()
            .filter(|v| *v != "ctypes")
            .collect();
        ratios.extend(paired_ratios(&own, &holdout, &own_holdout, "pyo3"));
        samples.merge(own);
    }
    check_samples(
        &samples,
        "Python",
        &keys,
        &["generated", "release_gil", "fallback", "ctypes"],
        "pyo3",
    )?;
    check_samples(
        &samples,
        "Python (beyond the budget rows)",
        &holdout,
        &["generated", "release_gil", "fallback"],
        "pyo3",
    )?;
    let beyond = CallTable {
        title: "Python: beyond the budget rows".to_string(),
        description: "Informative, no budget (issue 15): the calls a user's own side-by-side \
                      benchmark makes that the rows above do not take, the generated package \
                      (`tests/bench/fixture/src/holdout.rs`; compiled path, release-gil, ctypes \
                      fallback: as above) against the same functions written as a PyO3 user writes \
                      them (`tests/bench/pyo3-twin/src/holdout.rs`: `#[pyfunction]`s, a \
                      `#[pyclass]` enum, a `#[pyclass]` with `#[new]`, a `#[getter]` and a \
                      `#[staticmethod]`, `Option<u32>`, `Vec<u32>` in and out, which PyO3 makes a \
                      `list`), timed by the same loop in the same processes \
                      (`programs/bench_holdout.py`). `Vec<u32>` returns an `array.array` in the \
                      package; PyO3 extracts a `Vec<u32>` from any sequence (both the `list` and the \
                      `array.array`). The thread row runs the loop on a `threading.Thread` (PyO3: \
                      `add_detached`, releasing the GIL with `py.detach`, so its release-gil column \
                      is the like-for-like one). A short `String` return, an `Err` raised and a \
                      callback of one argument are rows of the table above."
            .to_string(),
        variants: vec![
            ("generated".to_string(), "generated (compiled)".to_string()),
            (
                "release_gil".to_string(),
                "generated (compiled, release-gil)".to_string(),
            ),
            (
                "fallback".to_string(),
                "generated (ctypes fallback)".to_string(),
            ),
            ("pyo3".to_string(), "PyO3".to_string()),
        ],
        baseline: "pyo3",
        constructs: HOLDOUT.to_vec(),
        samples: samples.clone(),
        ratios: ratios.clone(),
        budget: crate::report::PYTHON_CALL_BUDGET,
    };
    let budgeted = CallTable {
        title: "Python".to_string(),
        description: format!(
            "generated = the public API of the generated package (`bench_fixture.add`, \
             `counter.increment(1)`, …) on its compiled call path (the library's own function \
             objects); release-gil = the same package generated with `release-gil = true` (the GIL released \
             around each call: `PyEval_SaveThread`/`PyEval_RestoreThread`, timed in a process of its \
             own); fallback = the same package on its ctypes path (`INTEROP_PYTHON_CALLS=ctypes`, \
             timed in a second process of the same run: a `def` checking its arguments around a ctypes \
             call); ctypes = a hand-written ctypes binding of the `raw_*` twin with argtypes/restype set, \
             loaded with `ctypes.PyDLL`; PyO3 = the same functions written with PyO3 0.30 \
             (`tests/bench/pyo3-twin`, a `#[pyclass]` for the record and the counter), the baseline. \
             The last rows: `checked_add` returning `Ok` and raising its `Err` (PyO3: a `PyResult` \
             raising an exception made with `create_exception!`; ctypes: a `def` checking the status \
             code and raising), `meter.add(1)` on an `#[ffi(service)]` object (PyO3: a `#[pyclass]` \
             method), and one callback invocation (`call_n(n, f)` calls the Python function `f` n \
             times from Rust: the time is per invocation; PyO3: a `#[pyfunction]` calling the \
             callable n times; ctypes: a cached `CFUNCTYPE` object passed to `raw_call_n`); the same \
             with a function returning a constant 11-character `str` (`call_str_n`: Rust gets an \
             owned `String` each time; the compiled trampoline writes it into memory of \
             `interop_buffer_alloc`; PyO3: `extract::<String>()` of the result; ctypes: a cached \
             `CFUNCTYPE(c_size_t, c_uint64, c_void_p, c_size_t)` `ctypes.memmove`-ing the \
             pre-encoded bytes into the 64-byte buffer `raw_call_str_n` lends, which copies them \
             into a `String`); a comparator (`cmp_n(n, cmp)`: `Ordering`, ADR 57, from \
             `(a > b) - (a < b)`; PyO3: `extract::<i32>()` of the result, read by its sign; \
             ctypes: a cached `CFUNCTYPE(c_int32, c_uint32, c_uint32)` passed to `raw_cmp_n`). \
             For reference, UniFFI's Python bindings measured on \
             this kind of machine: {UNIFFI} ns."
        ),
        variants: vec![
            ("generated".to_string(), "generated (compiled)".to_string()),
            (
                "release_gil".to_string(),
                "generated (compiled, release-gil)".to_string(),
            ),
            (
                "fallback".to_string(),
                "generated (ctypes fallback)".to_string(),
            ),
            ("ctypes".to_string(), "hand-written ctypes".to_string()),
            ("pyo3".to_string(), "PyO3".to_string()),
        ],
        baseline: "pyo3",
        constructs,
        samples,
        ratios,
        budget: crate::report::PYTHON_CALL_BUDGET,
    };
    Ok(vec![budgeted, beyond])
}
