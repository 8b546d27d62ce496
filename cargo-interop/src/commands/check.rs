//! `cargo interop check`: regenerate everything in memory and compare it with the files on disk.
//! Never writes an output, the fingerprint or the record of outputs (only `cargo build` updates
//! cargo's own target directory).

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use interop_backends::registry::Registry;

use super::generate;
use crate::cargo;
use crate::cli::CheckCommand;
use crate::fingerprint;
use crate::output::{self, PlannedFile};
use crate::status::{Status, Verbosity, display_path};

/// How a file on disk compares with what a build would write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Difference {
    /// A build would create it.
    Missing,
    /// A build would rewrite it.
    Changed,
    /// An earlier build wrote it and a build now would remove it.
    Stale,
}

impl Difference {
    fn label(self) -> &'static str {
        match self {
            Difference::Missing => "missing",
            Difference::Changed => "changed",
            Difference::Stale => "stale",
        }
    }
}

/// Run `cargo interop check` with the backends of `registry`: `Ok(true)` when every output is up to
/// date. The inventory goes through the same diagnostics pass as a build's.
pub fn run(cmd: &CheckCommand, registry: &Registry, status: &Status) -> Result<bool> {
    let args = &cmd.args;
    let plan = generate::prepare(args, registry, cmd.strict, status)?;
    let pkg = &plan.pkg;
    let built = cargo::build_cdylib_fresh(pkg, &args.cargo, status.verbosity())?;
    // The per-language status lines of a build are noise here; `-v` shows them.
    let backend_status = if status.verbosity() >= Verbosity::Verbose {
        *status
    } else {
        status.with_verbosity(Verbosity::Quiet)
    };
    let generated = generate::regenerate(
        &plan,
        args,
        &built.path,
        cmd.strict,
        status,
        &backend_status,
    )?;
    output::check_unique(&generated.files)?;

    let target_dir = plan.target_dir(args)?;
    let manifest_path =
        fingerprint::manifest_path(&target_dir, &pkg.package.name, &plan.config.path);
    let previous = fingerprint::load_manifest(&manifest_path);
    let stale = generate::stale_files(previous.as_ref(), &generated.files, &Status::silent());

    let mut differences: Vec<(Difference, PathBuf)> = Vec::new();
    let mut stdout = std::io::stdout().lock();
    for file in &generated.files {
        let difference = if !file.dest.is_file() {
            Difference::Missing
        } else if output::is_unchanged(&file.dest, &file.contents)? {
            status.verbose("Unchanged", &display_path(&file.dest));
            continue;
        } else {
            Difference::Changed
        };
        differences.push((difference, file.dest.clone()));
        if cmd.diff {
            let diff = unified_diff(file, difference)?;
            stdout
                .write_all(diff.as_bytes())
                .context("cannot write to stdout")?;
        }
    }
    for s in stale {
        if cmd.diff
            && let Ok(old) = std::fs::read(&s.path)
            && let Some(old) = text(&old)
        {
            let name = display_path(&s.path);
            let diff = similar::TextDiff::from_lines(old, "")
                .unified_diff()
                .header(&format!("a/{name}"), "/dev/null")
                .to_string();
            stdout
                .write_all(diff.as_bytes())
                .context("cannot write to stdout")?;
        }
        differences.push((Difference::Stale, s.path));
    }

    let total = generated.files.len();
    let languages = plan.languages().join(", ");
    if differences.is_empty() {
        status.status(
            "Checked",
            &format!(
                "{languages} bindings for `{}`: {total} files up to date",
                pkg.package.name
            ),
        );
        return Ok(true);
    }
    if !cmd.diff {
        for (difference, path) in &differences {
            writeln!(stdout, "{:<8} {}", difference.label(), display_path(path))
                .context("cannot write to stdout")?;
        }
    }
    stdout.flush().context("cannot write to stdout")?;
    status.error(&format!(
        "{} of the {languages} outputs of `{}` {} not what `cargo interop build` would write \
         (missing, changed or stale)\n  = help: run `cargo interop build` to update them",
        differences.len(),
        pkg.package.name,
        if differences.len() == 1 { "is" } else { "are" },
    ));
    Ok(false)
}

/// The bytes as text, when they are UTF-8 without NUL bytes.
fn text(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes)
        .ok()
        .filter(|t| !t.contains('\0'))
}

/// A unified diff of the file on disk against the new contents; a one-line note for binary files.
fn unified_diff(file: &PlannedFile, difference: Difference) -> Result<String> {
    let name = display_path(&file.dest);
    let old_header = if difference == Difference::Missing {
        "/dev/null".to_string()
    } else {
        format!("a/{name}")
    };
    // Copies (the native library, archives) are binary and may be large: never read for a diff.
    let Some(new) = file.contents.as_bytes() else {
        return Ok(format!("Binary files {old_header} and b/{name} differ\n"));
    };
    let old = match difference {
        Difference::Missing => Vec::new(),
        _ => std::fs::read(&file.dest).with_context(|| format!("cannot read `{name}`"))?,
    };
    match (text(&old), text(new)) {
        (Some(old), Some(new)) => Ok(similar::TextDiff::from_lines(old, new)
            .unified_diff()
            .header(&old_header, &format!("b/{name}"))
            .to_string()),
        _ => Ok(format!("Binary files {old_header} and b/{name} differ\n")),
    }
}
