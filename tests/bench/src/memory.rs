//! Memory: the RSS growth of a process over many round trips of owned data (a `String`, a
//! `Vec<u32>` and a `Person` with a `String` and a `Vec<String>`) through the generated bindings, on
//! C# (Mono, .NET 8) and Python: whatever the library allocates must be freed by the bindings.

use std::fmt::Write as _;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::calls::{Bindings, CallOptions, Language};
use crate::report::{Budget, Report, one_line, verdict};
use crate::util::{dotnet, python, require, run};

/// `DOTNET_GCgen0size` of the .NET 8 measurement (1 MiB).
const GEN0_SIZE: &str = "0x100000";

/// RSS growth budget per kind of round trip, bytes.
pub const RSS_GROWTH_BUDGET: i64 = 5 * 1024 * 1024;

/// The round trips, as the programs name them.
const TRIPS: &[(&str, &str)] = &[
    ("string", "`string_echo(String) -> String`"),
    (
        "vec_u32",
        "`vec_u32_echo(Vec<u32>) -> Vec<u32>` (64 elements)",
    ),
    (
        "person",
        "`person_echo(Person) -> Person` (a name and 2 tags)",
    ),
];

/// One runtime's growth per round trip kind: `(kind, count, RSS bytes, C heap bytes)`.
#[derive(Debug, Clone)]
pub struct MemoryRow {
    pub runtime: String,
    pub growth: Vec<(String, u64, i64, i64)>,
}

fn parse(runtime: &str, output: &[u8]) -> Result<MemoryRow> {
    let text = String::from_utf8_lossy(output);
    let mut growth = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("RSS ") else {
            continue;
        };
        let parts: Vec<&str> = rest.split_whitespace().collect();
        let [kind, count, bytes, heap] = parts.as_slice() else {
            bail!("{runtime}: malformed line `{line}`");
        };
        growth.push((
            kind.to_string(),
            count.parse().context("count")?,
            bytes.parse().context("bytes")?,
            heap.parse().context("heap bytes")?,
        ));
    }
    if growth.len() != TRIPS.len() {
        bail!(
            "{runtime}: expected {} RSS lines, got:\n{text}",
            TRIPS.len()
        );
    }
    Ok(MemoryRow {
        runtime: runtime.to_string(),
        growth,
    })
}

/// Run the round trips `count` times each in every runtime `opts` measures. The C# exe is the one
/// `calls::measure` built next to the bindings. Python runs on both call paths.
pub fn measure(b: &Bindings, count: u64, opts: CallOptions) -> Result<Vec<MemoryRow>> {
    let count = count.to_string();
    let mut rows = Vec::new();
    if opts.measures(Language::CSharp) {
        let exe = b.csharp.join("bench.exe");
        let mono = require("mono")?;
        eprintln!("  memory: C# on Mono");
        let out = run(Command::new(&mono)
            .arg(&exe)
            .args(["rss", &count])
            .current_dir(&b.csharp))?;
        rows.push(parse("C# on Mono", &out.stdout)?);
        eprintln!("  memory: C# on .NET 8");
        // CoreCLR's default gen0 budget here is tens of MB and stays committed after a collection: a
        // loop allocating only managed strings grows the RSS by ~50-75 MB. A 1 MiB budget measures
        // the bindings.
        let out = run(Command::new(dotnet()?)
            .arg(&exe)
            .args(["rss", &count])
            .current_dir(&b.csharp)
            .env("DOTNET_GCgen0size", GEN0_SIZE)
            .env("DOTNET_CLI_TELEMETRY_OPTOUT", "1"))?;
        rows.push(parse("C# on .NET 8", &out.stdout)?);
    }
    if opts.measures(Language::Python) {
        let src = b.dir.path().join("bench.py");
        std::fs::write(&src, include_str!("calls/programs/bench.py"))?;
        let lib = b.python.join("bench_fixture/libbench_fixture.so");
        for (runtime, calls) in [
            ("Python (compiled)", "compiled"),
            ("Python (ctypes fallback)", "ctypes"),
        ] {
            eprintln!("  memory: {runtime}");
            let out = run(Command::new(python()?)
                .arg(&src)
                .arg(&b.python)
                .arg(&lib)
                .args(["rss", &count])
                .env("INTEROP_PYTHON_CALLS", calls)
                .env("PYTHONDONTWRITEBYTECODE", "1"))?;
            rows.push(parse(runtime, &out.stdout)?);
        }
    }
    Ok(rows)
}

/// The budget line: every runtime and round trip under [`RSS_GROWTH_BUDGET`].
pub fn budgets(rep: &Report) -> Vec<Budget> {
    let rows = rep.memory.as_ref().ok();
    let count = rows
        .and_then(|r| r.first())
        .and_then(|r| r.growth.first())
        .map_or(0, |g| g.1);
    let worst = rows.and_then(|rows| {
        rows.iter()
            .flat_map(|r| {
                r.growth
                    .iter()
                    .map(move |g| (g.2.max(g.3), r.runtime.as_str(), g.0.as_str()))
            })
            .max_by_key(|g| g.0)
    });
    vec![Budget {
        name: format!(
            "Memory: RSS and C heap growth over {count} round trips of a `String`, a `Vec<u32>` and a \
             `Person`, C# (Mono, .NET 8) and Python (both call paths) < {} MB each",
            RSS_GROWTH_BUDGET / (1024 * 1024)
        ),
        measured: worst.map_or("—".to_string(), |(bytes, runtime, kind)| {
            format!("worst {} KiB ({runtime}, `{kind}`)", bytes / 1024)
        }),
        pass: worst.map(|(bytes, _, _)| bytes < RSS_GROWTH_BUDGET),
    }]
}

pub fn render(s: &mut String, rep: &Report) {
    s.push_str("## Memory\n\n");
    let rows = match &rep.memory {
        Ok(rows) => rows,
        Err(e) => {
            let _ = writeln!(s, "Not measured: {}\n", one_line(e));
            return;
        }
    };
    let count = rows
        .first()
        .and_then(|r| r.growth.first())
        .map_or(0, |g| g.1);
    let _ = writeln!(
        s,
        "Growth of the resident set (`/proc/self/statm`) and of the C heap in use (glibc `mallinfo2`: \
         where Rust allocates what it returns) over {count} round trips of each kind, after a warm-up of \
         a tenth of that and a full garbage collection before and after: what the library returns is \
         freed by the bindings. .NET 8 runs with `DOTNET_GCgen0size={GEN0_SIZE}`: with its default gen0 \
         budget (tens of MB here, kept committed after a collection) a loop that only allocates managed \
         strings grows the RSS by 50–75 MB, which says nothing about the bindings.\n"
    );
    s.push_str("| round trip |");
    for r in rows {
        let _ = write!(s, " {0} RSS (KiB) | {0} C heap (KiB) |", r.runtime);
    }
    s.push_str(" budget |\n|---|");
    for _ in rows {
        s.push_str("---:|---:|");
    }
    s.push_str("---|\n");
    for (kind, label) in TRIPS {
        let _ = write!(s, "| {label} |");
        let mut pass = Some(true);
        for r in rows {
            match r.growth.iter().find(|g| g.0 == *kind) {
                Some(g) => {
                    let _ = write!(s, " {} | {} |", g.2 / 1024, g.3 / 1024);
                    pass = pass.map(|p| p && g.2 < RSS_GROWTH_BUDGET && g.3 < RSS_GROWTH_BUDGET);
                }
                None => {
                    let _ = write!(s, " — | — |");
                    pass = None;
                }
            }
        }
        let _ = writeln!(s, " {} |", verdict(pass));
    }
    s.push('\n');
}
