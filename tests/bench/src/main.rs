//! interop-bench: the benchmark harness of cargo-interop.
//!
//! ```sh
//! cargo run --release -p interop-bench            # full run, rewrites BENCHMARKS.md (several minutes)
//! cargo run -p interop-bench -- --smoke --out x.md # tiny counts: checks the harness works (< 1 min)
//! cargo run --release -p interop-bench -- --only python --skip-codegen --out x.md  # one language
//! ```
//!
//! Measures the per-call cost of the generated bindings against hand-written ones (C, C# on Mono,
//! Python), `cargo interop build` per phase on a synthetic 2000-function / 500-type crate, peak RSS of
//! the generation, no-op build overhead, and the compile-time cost of `#[ffi]`; checks each against its
//! budget and writes a Markdown report.

mod api_rows;
mod budgets;
mod calls;
mod codegen;
mod machine;
mod memory;
mod notes;
mod report;
mod stats;
mod synth;
mod util;

use std::path::PathBuf;

use anyhow::{Context, Result, bail};

/// Command-line options.
#[derive(Debug, Clone)]
struct Options {
    smoke: bool,
    out: PathBuf,
    calls: calls::CallOptions,
    codegen: codegen::CodegenOptions,
    skip_calls: bool,
    skip_codegen: bool,
    skip_memory: bool,
}

const USAGE: &str = "usage: interop-bench [--smoke] [--out FILE] [--rounds N] [--sample-ms MS] [--runs N] \
                     [--functions N] [--types M] [--skip-calls] [--skip-codegen] \
                     [--skip-memory] [--only c|csharp|python] [--clock cpu|wall]";

fn parse_args(args: &[String]) -> Result<Options> {
    let smoke = args.iter().any(|a| a == "--smoke");
    let mut o = Options {
        smoke,
        out: util::workspace_root().join("BENCHMARKS.md"),
        calls: calls::CallOptions {
            sample_ms: if smoke { 2.0 } else { 20.0 },
            rounds: if smoke { 3 } else { 30 },
            release: !smoke,
            only: None,
            clock: stats::Clock::Cpu,
        },
        codegen: codegen::CodegenOptions {
            shape: synth::Shape {
                functions: if smoke { 40 } else { 2000 },
                types: if smoke { 12 } else { 500 },
            },
            runs: if smoke { 1 } else { 5 },
            smoke,
        },
        skip_calls: false,
        skip_codegen: false,
        skip_memory: false,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .with_context(|| format!("{name} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--smoke" => {}
            "--out" => o.out = PathBuf::from(value("--out")?),
            "--runs" => {
                let n: usize = value("--runs")?.parse().context("--runs")?;
                o.codegen.runs = n.max(1);
            }
            "--rounds" => {
                let n: usize = value("--rounds")?.parse().context("--rounds")?;
                o.calls.rounds = n.max(1);
            }
            "--sample-ms" => {
                o.calls.sample_ms = value("--sample-ms")?.parse().context("--sample-ms")?
            }
            "--functions" => {
                o.codegen.shape.functions = value("--functions")?.parse().context("--functions")?
            }
            "--types" => o.codegen.shape.types = value("--types")?.parse().context("--types")?,
            "--skip-calls" => o.skip_calls = true,
            "--clock" => {
                let name = value("--clock")?;
                o.calls.clock = stats::Clock::parse(&name)
                    .with_context(|| format!("--clock {name}: cpu or wall\n{USAGE}"))?;
            }
            "--only" => {
                let name = value("--only")?;
                o.calls.only = Some(
                    calls::Language::parse(&name)
                        .with_context(|| format!("--only {name}: c, csharp or python\n{USAGE}"))?,
                );
            }
            "--skip-codegen" => o.skip_codegen = true,
            "--skip-memory" => o.skip_memory = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => bail!("unknown argument `{other}`\n{USAGE}"),
        }
    }
    if o.codegen.shape.types < 10 || o.codegen.shape.functions < 16 {
        bail!("the synthetic crate needs at least 16 functions and 10 types");
    }
    Ok(o)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = if args.first().is_some_and(|a| a == "__codegen-child") {
        codegen::child_main(&args[1..])
    } else {
        parse_args(&args).and_then(|o| bench(&o))
    };
    if let Err(e) = result {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

fn bench(o: &Options) -> Result<()> {
    let profile = if o.calls.release { "release" } else { "dev" };
    eprintln!("interop-bench: building cargo-interop ({profile})");
    let cli = util::build_artifact(
        "cargo-interop",
        &["--bin", "cargo-interop"],
        o.calls.release,
        "bin",
    )?;

    let mut rep = report::Report {
        smoke: o.smoke,
        machine: machine::describe(),
        calls: o.calls,
        codegen_opts: o.codegen,
        call_tables: Err("not run (--skip-calls)".to_string()),
        codegen: Err("not run (--skip-codegen)".to_string()),
        memory: Err("not run (--skip-calls)".to_string()),
    };
    if !o.skip_calls {
        eprintln!("interop-bench: call overhead (generating the fixture's bindings, {profile})");
        match calls::generate_bindings(&cli, o.calls.release) {
            Ok(b) => {
                rep.call_tables = calls::measure(o.calls, &b).map_err(|e| format!("{e:#}"));
                if o.skip_memory {
                    rep.memory = Err("not run (--skip-memory)".to_string());
                } else {
                    let count = if o.smoke { 1000 } else { 1_000_000 };
                    eprintln!("interop-bench: memory ({count} round trips)");
                    rep.memory = memory::measure(&b, count, o.calls).map_err(|e| format!("{e:#}"));
                }
            }
            Err(e) => {
                rep.call_tables = Err(format!("{e:#}"));
                rep.memory = Err(format!("{e:#}"));
            }
        }
    }
    if !o.skip_codegen {
        eprintln!("interop-bench: codegen at scale and build overhead");
        rep.codegen = codegen::measure(o.codegen, &cli).map_err(|e| format!("{e:#}"));
    }
    rep.machine.push((
        "load average at end (1, 5, 15 min)".to_string(),
        machine::load_average(),
    ));
    let text = report::render(&rep);
    std::fs::write(&o.out, &text).with_context(|| format!("write {}", o.out.display()))?;
    eprintln!("interop-bench: wrote {}", o.out.display());
    let mut failed = Vec::new();
    if let (Err(e), false) = (&rep.call_tables, o.skip_calls) {
        failed.push(format!("call overhead: {e}"));
    }
    if let (Err(e), false) = (&rep.memory, o.skip_calls || o.skip_memory) {
        failed.push(format!("memory: {e}"));
    }
    if let (Err(e), false) = (&rep.codegen, o.skip_codegen) {
        failed.push(format!("codegen: {e}"));
    }
    if !failed.is_empty() {
        bail!("some measurements failed:\n{}", failed.join("\n"));
    }
    Ok(())
}
