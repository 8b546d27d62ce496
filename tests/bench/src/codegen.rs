//! Codegen at scale and build overhead, on the synthetic crate of [`crate::synth`].
//!
//! * per-phase timings of `cargo interop build` come from cargo-interop's library API
//!   ([`cargo_interop::build_with_timings`]), run in a child process (this binary, `__codegen-child`)
//!   so that its peak RSS (VmHWM) is the generation's alone: cargo and any compiler a backend runs are
//!   separate processes and not counted;
//! * a no-op `cargo interop build` (the real CLI binary) against a no-op `cargo build`;
//! * the rebuild time of the crate with `#[ffi]` against the same crate hand-written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use anyhow::{Context, Result, bail};

use crate::stats::median;
use crate::synth::{self, Flavor, Shape};
use crate::util::{cargo, run, timed, workspace_root, write_if_changed};

/// What to measure and how often.
#[derive(Debug, Clone, Copy)]
pub struct CodegenOptions {
    pub shape: Shape,
    /// Repetitions of each timed build step (medians are reported).
    pub runs: usize,
    /// Smoke mode: build in the workspace's own target directory (its dependencies are already built
    /// by the test suite), no warm-up run, no NuGet package or wheel (zip compression in a dev build of
    /// the harness would dominate).
    pub smoke: bool,
}

/// Results of the codegen and build-overhead measurements (milliseconds unless noted).
#[derive(Debug, Clone, Default)]
pub struct CodegenResults {
    pub functions_in_inventory: usize,
    pub types_in_inventory: usize,
    /// First `cargo build` of the #[ffi] crate in this run (dependencies prebuilt; the crate itself may
    /// have been up to date from an earlier run).
    pub first_build_ms: f64,
    /// Median per phase of `build_with_timings`, in the order the phases run.
    pub phases: Vec<(String, f64)>,
    /// Largest peak RSS of the child processes, in MB (10^6 bytes).
    pub peak_rss_mb: f64,
    /// Size of the built `#[ffi]` library, MB.
    pub library_mb: f64,
    pub noop_cargo_build_ms: f64,
    pub noop_interop_build_ms: f64,
    pub rebuild_ffi_ms: f64,
    pub rebuild_raw_ms: f64,
    pub runs: usize,
}

impl CodegenResults {
    /// Inventory load plus generation for every language (the codegen budget).
    pub fn codegen_ms(&self) -> f64 {
        self.phases
            .iter()
            .filter(|(n, _)| n == "inventory load" || n.starts_with("generate "))
            .map(|(_, v)| v)
            .sum()
    }
}

/// A synthetic crate on disk.
struct Crate {
    dir: PathBuf,
    target_dir: PathBuf,
    manifest: PathBuf,
    config: PathBuf,
}

/// Where synthetic crates and their shared target directory live.
pub fn bench_dir() -> PathBuf {
    workspace_root().join("target").join("bench")
}

fn write_crate(shape: Shape, flavor: Flavor, smoke: bool) -> Result<Crate> {
    let kind = match flavor {
        Flavor::Ffi => "ffi",
        Flavor::Raw => "raw",
    };
    let name = format!("synth-{kind}-{}x{}", shape.functions, shape.types);
    let dir = bench_dir().join("synth").join(&name);
    let core = workspace_root().join("interop-core");
    let core = core.to_str().context("workspace path is not UTF-8")?;
    let manifest = dir.join("Cargo.toml");
    write_if_changed(&manifest, synth::cargo_toml(&name, flavor, core).as_bytes())?;
    write_if_changed(
        &dir.join("src/lib.rs"),
        synth::lib_rs(shape, flavor).as_bytes(),
    )?;
    let config = dir.join("Interop.toml");
    write_if_changed(&config, synth::interop_toml(!smoke).as_bytes())?;
    // Same dependency versions as the workspace, so nothing is resolved or downloaded anew.
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        std::fs::copy(workspace_root().join("Cargo.lock"), &lock)
            .with_context(|| format!("copy Cargo.lock to {}", lock.display()))?;
    }
    Ok(Crate {
        dir,
        target_dir: target_dir(smoke),
        manifest,
        config,
    })
}

/// The shared target directory of the synthetic crates: its own under `target/bench` for real runs, the
/// workspace's in smoke mode (whose dependencies the test suite has already built).
fn target_dir(smoke: bool) -> PathBuf {
    if smoke {
        std::env::var_os("CARGO_TARGET_DIR")
            .map_or_else(|| workspace_root().join("target"), PathBuf::from)
    } else {
        bench_dir().join("synth-target")
    }
}

fn cargo_build(c: &Crate) -> Command {
    let mut cmd = Command::new(cargo());
    cmd.current_dir(&c.dir)
        .env("CARGO_NET_OFFLINE", "true")
        .args(["build", "--quiet", "--manifest-path"])
        .arg(&c.manifest)
        .arg("--target-dir")
        .arg(&c.target_dir);
    cmd
}

fn touch(path: &Path) -> Result<()> {
    let f = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .with_context(|| format!("open {}", path.display()))?;
    f.set_modified(SystemTime::now())
        .with_context(|| format!("touch {}", path.display()))
}

/// One child run of `build_with_timings`: phases in ms, and the child's peak RSS in KiB.
struct ChildRun {
    phases: Vec<(String, f64)>,
    rss_kib: f64,
    library_bytes: f64,
    functions: usize,
    types: usize,
}

fn child_run(c: &Crate) -> Result<ChildRun> {
    let exe = std::env::current_exe().context("locate interop-bench")?;
    let mut cmd = Command::new(exe);
    cmd.current_dir(&c.dir)
        .env("CARGO_NET_OFFLINE", "true")
        .arg("__codegen-child")
        .arg(&c.manifest)
        .arg(&c.config)
        .arg(&c.target_dir);
    let out = run(&mut cmd)?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut r = ChildRun {
        phases: Vec::new(),
        rss_kib: 0.0,
        library_bytes: 0.0,
        functions: 0,
        types: 0,
    };
    for line in text.lines() {
        let parts: Vec<&str> = line.splitn(3, ' ').collect();
        match parts.as_slice() {
            ["PHASE", ns, name] => r.phases.push((name.to_string(), ns.parse::<f64>()? / 1e6)),
            ["RSS", kib] => r.rss_kib = kib.parse()?,
            ["LIBRARY", bytes] => r.library_bytes = bytes.parse()?,
            ["INVENTORY", f, t] => {
                r.functions = f.parse()?;
                r.types = t.parse()?;
            }
            _ => {}
        }
    }
    if r.phases.is_empty() || r.rss_kib == 0.0 {
        bail!("the codegen child printed no timings:\n{text}");
    }
    Ok(r)
}

/// Run every codegen and build-overhead measurement.
pub fn measure(opts: CodegenOptions, cargo_interop_bin: &Path) -> Result<CodegenResults> {
    let runs = opts.runs.max(1);
    let ffi = write_crate(opts.shape, Flavor::Ffi, opts.smoke)?;
    let raw = write_crate(opts.shape, Flavor::Raw, opts.smoke)?;
    let mut res = CodegenResults {
        runs,
        ..CodegenResults::default()
    };

    eprintln!(
        "  building the synthetic crates ({} fns, {} types)",
        opts.shape.functions, opts.shape.types
    );
    res.first_build_ms = timed(&mut cargo_build(&ffi))?.0;
    run(&mut cargo_build(&raw))?;

    // Per-phase timings and peak RSS (the first child run warms caches and is not counted).
    let mut per_phase: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut rss = 0.0f64;
    if !opts.smoke {
        child_run(&ffi)?;
    }
    for _ in 0..runs {
        let r = child_run(&ffi)?;
        res.functions_in_inventory = r.functions;
        res.types_in_inventory = r.types;
        res.library_mb = r.library_bytes / 1e6;
        rss = rss.max(r.rss_kib);
        for (name, ms) in r.phases {
            if !order.contains(&name) {
                order.push(name.clone());
            }
            per_phase.entry(name).or_default().push(ms);
        }
    }
    res.phases = order
        .into_iter()
        .map(|n| {
            let m = median(&per_phase[&n]).unwrap_or(0.0);
            (n, m)
        })
        .collect();
    res.peak_rss_mb = rss * 1024.0 / 1e6;

    // No-op builds: everything is up to date now.
    let mut noop_cargo = Vec::new();
    let mut noop_interop = Vec::new();
    for _ in 0..runs {
        noop_cargo.push(timed(&mut cargo_build(&ffi))?.0);
        let mut cli = Command::new(cargo_interop_bin);
        cli.current_dir(&ffi.dir)
            .env("CARGO_NET_OFFLINE", "true")
            .args(["interop", "build", "--manifest-path"])
            .arg(&ffi.manifest)
            .arg("--config")
            .arg(&ffi.config)
            .arg("--target-dir")
            .arg(&ffi.target_dir);
        noop_interop.push(timed(&mut cli)?.0);
    }
    res.noop_cargo_build_ms = median(&noop_cargo).unwrap_or(0.0);
    res.noop_interop_build_ms = median(&noop_interop).unwrap_or(0.0);

    // Rebuild of the one crate after touching its source: #[ffi] against hand-written.
    eprintln!("  timing rebuilds of the #[ffi] and hand-written crates");
    let mut ffi_times = Vec::new();
    let mut raw_times = Vec::new();
    for _ in 0..runs {
        touch(&ffi.dir.join("src/lib.rs"))?;
        ffi_times.push(timed(&mut cargo_build(&ffi))?.0);
        touch(&raw.dir.join("src/lib.rs"))?;
        raw_times.push(timed(&mut cargo_build(&raw))?.0);
    }
    res.rebuild_ffi_ms = median(&ffi_times).unwrap_or(0.0);
    res.rebuild_raw_ms = median(&raw_times).unwrap_or(0.0);
    Ok(res)
}

/// Peak resident set size of this process in KiB (VmHWM).
fn peak_rss_kib() -> Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status").context("read /proc/self/status")?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .context("no VmHWM in /proc/self/status")
}

/// `interop-bench __codegen-child <manifest> <config> <target-dir>`: one `build_with_timings` run,
/// printed as `PHASE <ns> <name>` lines, `INVENTORY <functions> <types>` and `RSS <KiB>`.
pub fn child_main(args: &[String]) -> Result<()> {
    let [manifest, config, target] = args else {
        bail!("usage: interop-bench __codegen-child <manifest> <config> <target-dir>");
    };
    let build = cargo_interop::cli::BuildArgs {
        cargo: cargo_interop::cli::CargoArgs {
            manifest_path: Some(PathBuf::from(manifest)),
            target_dir: Some(PathBuf::from(target)),
            ..Default::default()
        },
        config: Some(PathBuf::from(config)),
    };
    let report =
        cargo_interop::commands::build::run(&build, &cargo_interop::status::Status::silent())?;
    let t = &report.timings;
    let ns = |d: std::time::Duration| d.as_nanos();
    println!("PHASE {} cargo build (no-op)", ns(t.cargo_build));
    println!("PHASE {} inventory load", ns(t.inventory_load));
    for (lang, d) in &t.generate {
        println!("PHASE {} generate {lang}", ns(*d));
    }
    for (lang, d) in &t.package {
        println!("PHASE {} package {lang}", ns(*d));
    }
    println!("PHASE {} write", ns(t.write));
    println!("PHASE {} total", ns(t.total));
    // Read before loading the inventory a second time (for the counts below).
    println!("RSS {}", peak_rss_kib()?);
    let size = std::fs::metadata(&report.library).map_or(0, |m| m.len());
    println!("LIBRARY {size}");
    let inv = cargo_interop::loader::load_inventory(&report.library)?;
    println!("INVENTORY {} {}", inv.functions.len(), inv.types.len());
    Ok(())
}
