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

use super::{Bindings, CONSTRUCTS, CallOptions, CallTable, args, check_samples, paired_ratios};
use crate::stats::Samples;
use crate::util::{cargo, python, run, workspace_root};

/// UniFFI 0.32 on this kind of machine, ns per call (/work/shared/notes/toolchain.md, 2026-11-30):
/// a reference, not measured here.
const UNIFFI: &str = "noop 1760, add 3035, a record of 3 f32 by value 13063, strlen(&str) 11081, \
                      sum_bytes(&[u8]) of 1 KiB 17642";

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

pub fn table(opts: CallOptions, b: &Bindings) -> Result<CallTable> {
    let py = python()?;
    let pyo3 = build_pyo3(&py, opts.release, b.dir.path())?;
    let src = b.dir.path().join("bench.py");
    std::fs::write(&src, include_str!("programs/bench.py"))?;
    // The measuring loop, imported by bench.py from its own directory.
    std::fs::write(
        b.dir.path().join("bench_loop.py"),
        include_str!("programs/bench_loop.py"),
    )?;
    let lib = b.python.join("bench_fixture/libbench_fixture.so");
    let constructs: Vec<(&'static str, &'static str)> = CONSTRUCTS.to_vec();
    let keys: Vec<&str> = constructs.iter().map(|(k, _)| *k).collect();
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
            .env("INTEROP_PYTHON_CALLS", calls)
            .env("PYTHONDONTWRITEBYTECODE", "1"))?;
        // Every process times PyO3 too, alternating with its own variant, so that each ratio pairs
        // samples of one process and one round; the PyO3 column shows the first process's.
        let own = super::parse_program(opts, &format!("Python {mode}"), &out.stdout)?;
        check_samples(&own, "Python", &keys, variants, "pyo3")?;
        ratios.extend(paired_ratios(&own, &keys, variants, "pyo3"));
        samples.merge(own);
    }
    check_samples(
        &samples,
        "Python",
        &keys,
        &["generated", "release_gil", "fallback", "ctypes"],
        "pyo3",
    )?;
    Ok(CallTable {
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
             callable n times; ctypes: a cached `CFUNCTYPE` object passed to `raw_call_n`). \
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
    })
}
