//! `cargo interop build`: config checks → cargo build → inventory → backends → all-or-nothing write
//! (and removal of files an earlier build wrote that are no longer produced).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;
use interop_backends::registry::{self, Registry};

use super::generate;
use crate::cargo;
use crate::cli::BuildArgs;
use crate::fingerprint;
use crate::output;
use crate::status::{Status, display_path};

/// How long each phase of a build took (for benchmarks and `--timings`-style reports).
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// `cargo build` of the library (including cargo's own up-to-date check).
    pub cargo_build: Duration,
    /// dlopen, inventory call, JSON parse and validation.
    pub inventory_load: Duration,
    /// `Backend::generate`, per language, in the order run.
    pub generate: Vec<(String, Duration)>,
    /// `Backend::package`, per language, in the order run.
    pub package: Vec<(String, Duration)>,
    /// Writing all outputs.
    pub write: Duration,
    pub total: Duration,
}

/// The result of a successful build.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub timings: Timings,
    /// The built native library.
    pub library: PathBuf,
    /// Every output file, written or already up to date.
    pub outputs: Vec<PathBuf>,
    /// The subset that was (re)written.
    pub written: Vec<PathBuf>,
}

/// Run `cargo interop build` with the built-in backends, always regenerating and repackaging (the
/// library API: benchmarks time every phase). The fingerprint is still written, so a following
/// no-op build is fresh.
pub fn run(args: &BuildArgs, status: &Status) -> Result<BuildReport> {
    build_with(args, &registry::builtin(), status)
}

/// [`run`] with the backends of `registry` (the built-in ones and a third party's).
pub fn build_with(args: &BuildArgs, registry: &Registry, status: &Status) -> Result<BuildReport> {
    run_incremental(args, registry, true, false, status)
}

/// Run `cargo interop build` with the backends of `registry`; unless `force`, skip everything after
/// `cargo build` when the stored fingerprint shows the outputs are up to date (see
/// [`crate::fingerprint`]). With `strict`, a package whose tool is missing is an error instead of a
/// warning.
pub fn run_incremental(
    args: &BuildArgs,
    registry: &Registry,
    force: bool,
    strict: bool,
    status: &Status,
) -> Result<BuildReport> {
    let started = Instant::now();
    // Everything that can be checked without compiling is checked first.
    let plan = generate::prepare(args, registry, strict, status)?;
    let pkg = &plan.pkg;

    let t = Instant::now();
    let built = cargo::build_cdylib_fresh(pkg, &args.cargo, status.verbosity())?;
    let mut timings = Timings {
        cargo_build: t.elapsed(),
        ..Timings::default()
    };
    let languages = plan.languages();

    let target_dir = plan.target_dir(args)?;
    let fingerprint_path = fingerprint::path(&target_dir, &pkg.package.name, &plan.config.path);
    let manifest_path =
        fingerprint::manifest_path(&target_dir, &pkg.package.name, &plan.config.path);
    let inputs = fingerprint::Inputs::collect(&plan.config, &args.cargo, &plan.info, &built.path)?;
    if !force {
        let stored = fingerprint::load(&fingerprint_path);
        let reason = match (&stored, built.fresh) {
            (_, false) => Some("the library was rebuilt".to_string()),
            (None, true) => Some("no fingerprint from an earlier build".to_string()),
            (Some(stored), true) => fingerprint::why_not_fresh(stored, &inputs),
        };
        match (stored, reason) {
            (Some(stored), None) => {
                timings.total = started.elapsed();
                status.status(
                    "Fresh",
                    &format!(
                        "{} bindings for `{}` ({} files up to date)",
                        languages.join(", "),
                        pkg.package.name,
                        stored.outputs.len()
                    ),
                );
                status.status(
                    "Finished",
                    &format!(
                        "{} bindings for `{}` in {:.2}s (fresh: nothing to do; --force regenerates)",
                        languages.join(", "),
                        pkg.package.name,
                        timings.total.as_secs_f64()
                    ),
                );
                return Ok(BuildReport {
                    timings,
                    library: built.path,
                    outputs: stored.outputs.into_iter().map(|o| o.path).collect(),
                    written: Vec::new(),
                });
            }
            (_, reason) => status.verbose(
                "Dirty",
                &format!(
                    "`{}` bindings: {}",
                    pkg.package.name,
                    reason.unwrap_or_default()
                ),
            ),
        }
    }
    // From here the outputs may change: a run that fails halfway must not look fresh afterwards.
    fingerprint::invalidate(&fingerprint_path);

    let generated = generate::regenerate(&plan, args, &built.path, strict, status, status)?;
    timings.inventory_load = generated.inventory_load;
    timings.generate = generated.generate;
    timings.package = generated.package;
    let planned = generated.files;

    let previous = fingerprint::load_manifest(&manifest_path);
    let stale = generate::stale_files(previous.as_ref(), &planned, status);
    let t = Instant::now();
    let report = output::write_all(&planned, &stale)?;
    timings.write = t.elapsed();
    drop(generated.scratch);
    for (verb, files) in [
        ("Writing", &report.written),
        ("Unchanged", &report.unchanged),
        ("Removing", &report.removed),
    ] {
        for f in files {
            status.verbose(verb, &display_path(f));
        }
    }

    let outputs: Vec<PathBuf> = planned.into_iter().map(|p| p.dest).collect();
    let manifest = fingerprint::Manifest::of(plan.out_dirs(), &outputs);
    if let Err(e) = fingerprint::store_manifest(&manifest_path, &manifest) {
        status.warning(&format!(
            "{e:#}; files this build wrote will not be removed when a later build no longer \
             produces them"
        ));
    }
    let stored = fingerprint::Fingerprint {
        inputs,
        outputs: manifest.outputs,
        skipped: generated
            .skipped
            .iter()
            .map(|(_, m)| m.package.clone())
            .collect(),
    };
    if let Err(e) = fingerprint::store(&fingerprint_path, &stored) {
        status.warning(&format!("{e:#}; the next build will regenerate everything"));
    }
    timings.total = started.elapsed();

    let removed = if report.removed.is_empty() {
        String::new()
    } else {
        format!(", {} removed", report.removed.len())
    };
    status.status(
        "Finished",
        &format!(
            "{} bindings for `{}` in {:.2}s ({} written, {} unchanged{removed})",
            languages.join(", "),
            pkg.package.name,
            timings.total.as_secs_f64(),
            report.written.len(),
            report.unchanged.len()
        ),
    );
    Ok(BuildReport {
        timings,
        library: built.path,
        outputs,
        written: report.written,
    })
}

/// Run a build and return only its timings (for the benchmark harness).
pub fn build_with_timings(args: &BuildArgs) -> Result<Timings> {
    run(args, &Status::silent()).map(|r| r.timings)
}
