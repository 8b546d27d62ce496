//! Process helpers: run a command with a clear error, time it, find the workspace and its tools.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use anyhow::{Context, Result, bail};

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent()
        .and_then(Path::parent)
        .map_or_else(|| here.to_path_buf(), Path::to_path_buf)
}

/// `cargo` as cargo itself passed it to us when we run under `cargo run` / `cargo test`.
pub fn cargo() -> PathBuf {
    std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from)
}

/// Describe a command for error messages.
pub fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// Run `cmd`, failing with its output when it does not succeed.
pub fn run(cmd: &mut Command) -> Result<Output> {
    let what = describe(cmd);
    let out = cmd
        .output()
        .with_context(|| format!("cannot run `{what}`"))?;
    if !out.status.success() {
        bail!(
            "`{what}` failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
            out.status,
            tail(&String::from_utf8_lossy(&out.stdout)),
            tail(&String::from_utf8_lossy(&out.stderr))
        );
    }
    Ok(out)
}

/// Run `cmd` and return its wall time in milliseconds and its output.
pub fn timed(cmd: &mut Command) -> Result<(f64, Output)> {
    let start = Instant::now();
    let out = run(cmd)?;
    Ok((start.elapsed().as_secs_f64() * 1e3, out))
}

/// Last 60 lines of a long output.
fn tail(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let start = lines.len().saturating_sub(60);
    lines[start..].join("\n")
}

/// Find a program on PATH.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Find a required program on PATH, with an error telling how to get it.
pub fn require(name: &str) -> Result<PathBuf> {
    which(name).with_context(|| {
        format!("`{name}` not found on PATH (bash tests/run-all.sh installs the toolchain)")
    })
}

/// The Python interpreter: `$INTEROP_TEST_PYTHON`, else the workspace venv.
pub fn python() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("INTEROP_TEST_PYTHON") {
        return Ok(PathBuf::from(p));
    }
    let venv = workspace_root().join(".venv/bin/python");
    if venv.is_file() {
        Ok(venv)
    } else {
        bail!(
            "no Python venv at {} (run tests/run-all.sh or set INTEROP_TEST_PYTHON)",
            venv.display()
        )
    }
}

/// The .NET 8 `dotnet` host (a runtime without an SDK, installed by tests/setup.sh from PyPI):
/// `$INTEROP_TEST_DOTNET`, else the one under `<workspace>/.dotnet8`. Never looked up on PATH.
pub fn dotnet() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("INTEROP_TEST_DOTNET") {
        return Ok(PathBuf::from(p));
    }
    let lib = workspace_root().join(".dotnet8/lib");
    std::fs::read_dir(&lib)
        .ok()
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("site-packages/dnv/net/runtime/.net/dotnet"))
        .find(|p| p.is_file())
        .with_context(|| {
            format!(
                "no .NET 8 runtime under {} (run `source tests/setup.sh` or set INTEROP_TEST_DOTNET)",
                lib.display()
            )
        })
}

/// Build a package of the workspace and return the path of the artifact cargo reports for `target_kind`
/// (`bin` → the executable, `cdylib` → the `.so`).
pub fn build_artifact(
    package: &str,
    extra: &[&str],
    release: bool,
    target_kind: &str,
) -> Result<PathBuf> {
    let mut cmd = Command::new(cargo());
    cmd.current_dir(workspace_root())
        .args([
            "build",
            "-p",
            package,
            "--message-format=json-render-diagnostics",
        ])
        .args(extra);
    if release {
        cmd.arg("--release");
    }
    let out = run(&mut cmd)?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut found = None;
    for line in stdout.lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if msg["reason"] != "compiler-artifact" {
            continue;
        }
        let kinds = msg["target"]["kind"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if !kinds.iter().any(|k| k == target_kind) {
            continue;
        }
        if target_kind == "bin" {
            if let Some(exe) = msg["executable"].as_str() {
                found = Some(PathBuf::from(exe));
            }
        } else if let Some(files) = msg["filenames"].as_array() {
            found = files
                .iter()
                .filter_map(|f| f.as_str())
                .find(|f| f.ends_with(".so"))
                .map(PathBuf::from);
        }
    }
    found.with_context(|| format!("cargo reported no {target_kind} artifact for `{package}`"))
}

/// First line of `<program> <args>`'s stdout or stderr (tools disagree on which they print to).
pub fn version_line(program: &Path, args: &[&str]) -> String {
    match Command::new(program).args(args).output() {
        Ok(out) => {
            let text = if out.stdout.is_empty() {
                out.stderr
            } else {
                out.stdout
            };
            String::from_utf8_lossy(&text)
                .lines()
                .next()
                .unwrap_or("")
                .trim()
                .to_string()
        }
        Err(e) => format!("unavailable ({e})"),
    }
}

/// Write `contents` to `path` unless it already holds exactly that (so mtimes, and with them cargo's
/// fingerprints, stay put when nothing changed).
pub fn write_if_changed(path: &Path, contents: &[u8]) -> Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("create {}", dir.display()))?;
    }
    std::fs::write(path, contents).with_context(|| format!("write {}", path.display()))
}
