//! The C# tables: the generated bindings against the hand-written `[DllImport]`s of the `raw_*`
//! twins (`programs/Bench.cs`, `programs/BenchRaw.cs`), one mcs-built exe run on Mono (default and
//! preemptive suspend) and on .NET 8.

use std::process::Command;

use anyhow::{Context, Result, bail};

use super::{
    Bindings, CallOptions, CallTable, args, csharp_constructs, paired_ratios, parse_checked,
};
use crate::stats::Samples;
use crate::util::{dotnet, require, run};

pub fn tables(opts: CallOptions, b: &Bindings) -> Result<Vec<CallTable>> {
    let mcs = require("mcs")?;
    let mono = require("mono")?;
    let generated = std::fs::read_dir(&b.csharp)
        .with_context(|| format!("read {}", b.csharp.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "cs"))
        .collect::<Vec<_>>();
    if generated.is_empty() {
        bail!("no generated C# source in {}", b.csharp.display());
    }
    // The executable goes next to the generated source, where the backend put the native library.
    let src = b.csharp.join("Bench.cs");
    std::fs::write(&src, include_str!("programs/Bench.cs"))?;
    let raw_src = b.csharp.join("BenchRaw.cs");
    std::fs::write(&raw_src, include_str!("programs/BenchRaw.cs"))?;
    let exe = b.csharp.join("bench.exe");
    run(Command::new(mcs)
        .args([
            "-nologo",
            "-langversion:7.2",
            "-optimize+",
            "-unsafe",
            "-warnaserror+",
        ])
        .arg(format!("-out:{}", exe.display()))
        .arg(&src)
        .arg(&raw_src)
        .args(&generated))?;
    let mut tables = Vec::new();
    for (title, preemptive) in [
        ("C# on Mono (default suspend)", false),
        ("C# on Mono (MONO_THREADS_SUSPEND=preemptive)", true),
    ] {
        eprintln!("  {title}");
        let mut cmd = Command::new(&mono);
        cmd.arg(&exe).args(args(opts)).current_dir(&b.csharp);
        if preemptive {
            cmd.env("MONO_THREADS_SUSPEND", "preemptive");
        } else {
            cmd.env_remove("MONO_THREADS_SUSPEND");
        }
        let out = run(&mut cmd)?;
        let samples = parse_checked(opts, &out.stdout, title, &csharp_keys(), &["generated"])?;
        tables.push(csharp_table(title, samples, "", crate::report::CALL_BUDGET));
    }
    // The same exe on CoreCLR: the runtime configuration next to it selects .NET 8, tiered
    // compilation is off so that every loop runs fully optimized code from the first sample.
    let dotnet = dotnet()?;
    let title = "C# on .NET 8";
    eprintln!("  {title}");
    std::fs::write(b.csharp.join("bench.runtimeconfig.json"), RUNTIME_CONFIG)?;
    let out = run(Command::new(&dotnet)
        .arg(&exe)
        .args(args(opts))
        .current_dir(&b.csharp)
        .env("DOTNET_TieredCompilation", "0")
        .env("DOTNET_CLI_TELEMETRY_OPTOUT", "1"))?;
    let samples = parse_checked(opts, &out.stdout, title, &csharp_keys(), &["generated"])?;
    tables.push(csharp_table(
        title,
        samples,
        "The same mcs-built exe as on Mono, run by the .NET 8 runtime (CoreCLR) with \
         `DOTNET_TieredCompilation=0` (fully optimized JIT from the first call).",
        crate::report::DOTNET_CALL_BUDGET,
    ));
    Ok(tables)
}

fn csharp_keys() -> Vec<&'static str> {
    csharp_constructs().iter().map(|(k, _)| *k).collect()
}

/// Runs an mcs-built exe on .NET (the version rolls forward to the newest installed, .NET 8 here).
const RUNTIME_CONFIG: &str = r#"{"runtimeOptions":{"tfm":"netcoreapp3.1","rollForward":"LatestMajor","framework":{"name":"Microsoft.NETCore.App","version":"3.1.0"},"configProperties":{"System.Globalization.Invariant":true}}}"#;

fn csharp_table(title: &str, samples: Samples, how: &str, budget: f64) -> CallTable {
    let ratios = paired_ratios(&samples, &csharp_keys(), &["generated"], "raw");
    CallTable {
        title: title.to_string(),
        description: format!(
            "generated = the idiomatic API of the generated bindings (`BenchFixtureLib.Add`, \
             `counter.Increment`, …: a blittable `[DllImport]` plus the panic check); raw = a \
             hand-written blittable `[DllImport]` of the `raw_*` twin (`ref` for the struct by \
             reference, `IntPtr` for the handle). The last rows: `CheckedAdd` returning or throwing \
             `AddErrorException` against a hand-written status-code binding (`out ulong`, a check, a \
             hand-written exception); `meter.Add(1)` on the generated `Meter` (a `SafeHandle`) against a \
             hand-written class over its own `SafeHandle`, and against a plain `IntPtr`; one callback \
             invocation: `CallN(n, f)` with a cached `Func<ulong, ulong>` (Rust calls it n times; time \
             per invocation) against `raw_call_n` given the pointer of a cached \
             `[UnmanagedFunctionPointer]` delegate made once with \
             `Marshal.GetFunctionPointerForDelegate`; a callback returning a string: `CallStrN(n, f)` \
             with a cached `Func<ulong, string>` returning a cached 11-character string (the \
             trampoline encodes it once into its thread's scratch buffer and lends it, `cap == 0`, \
             which the library copies: ADR 54 addendum) against `raw_call_str_n`, which lends a 64-byte buffer on its stack to a cached \
             `[UnmanagedFunctionPointer]` delegate that encodes the same string into it \
             (`Encoding.UTF8.GetBytes(char*, int, byte*, int)`) and returns the length, then copies \
             it into a `String`. mcs -optimize+. {how}"
        )
        .trim_end()
        .to_string(),
        variants: vec![
            ("generated".to_string(), "generated".to_string()),
            ("raw".to_string(), "raw".to_string()),
        ],
        baseline: "raw",
        constructs: csharp_constructs(),
        samples,
        ratios,
        budget,
    }
}
