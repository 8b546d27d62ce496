//! `cargo interop build`: config → cargo build → inventory → backends → atomic write.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, anyhow};
use interop_backends::{Context, OutputFile};

use crate::cargo;
use crate::cli::BuildArgs;
use crate::config;
use crate::fingerprint;
use crate::output::{self, PlannedFile};
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

/// Run `cargo interop build`, always regenerating and repackaging (the library API: benchmarks
/// time every phase). The fingerprint is still written, so a following no-op build is fresh.
pub fn run(args: &BuildArgs, status: &Status) -> Result<BuildReport> {
    run_incremental(args, true, status)
}

/// Run `cargo interop build`; unless `force`, skip everything after `cargo build` when the stored
/// fingerprint shows the outputs are up to date (see [`crate::fingerprint`]).
pub fn run_incremental(args: &BuildArgs, force: bool, status: &Status) -> Result<BuildReport> {
    let started = Instant::now();
    let pkg = cargo::select_package(
        args.cargo.manifest_path.as_deref(),
        args.cargo.package.as_deref(),
    )?;
    // Everything that can be checked without compiling is checked first.
    let config_path = args
        .config
        .clone()
        .unwrap_or_else(|| pkg.dir.join("Interop.toml"));
    let config = config::load(&config_path)?;
    pkg.require_cdylib()?;
    let info = pkg.package_info()?;

    let t = Instant::now();
    let built = cargo::build_cdylib_fresh(&pkg, &args.cargo)?;
    let mut timings = Timings {
        cargo_build: t.elapsed(),
        ..Timings::default()
    };
    let backends = config.config.backends();
    let languages: Vec<String> = backends.iter().map(|b| b.language().to_string()).collect();

    let target_dir = match &args.cargo.target_dir {
        Some(dir) => std::path::absolute(dir)
            .with_context(|| format!("cannot resolve `{}`", dir.display()))?,
        None => pkg.target_dir.clone(),
    };
    let fingerprint_path = fingerprint::path(&target_dir, &pkg.package.name, &config.path);
    let inputs = fingerprint::Inputs::collect(&config, &args.cargo, &info, &built.path)?;
    if !force
        && built.fresh
        && let Some(stored) = fingerprint::load(&fingerprint_path)
        && fingerprint::is_fresh(&stored, &inputs)
    {
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
    // From here the outputs may change: a run that fails halfway must not look fresh afterwards.
    fingerprint::invalidate(&fingerprint_path);

    let target = cargo::target_triple(&args.cargo)?;
    let (inventory, inventory_load) = super::load(&pkg, &built.path, status, true)?;
    timings.inventory_load = inventory_load;
    let loaded = super::Loaded {
        library: built.path,
        inventory,
        cargo_build: timings.cargo_build,
        inventory_load,
    };

    let scratch = tempfile::Builder::new()
        .prefix("cargo-interop-")
        .tempdir()
        .context("cannot create a scratch directory")?;
    let ctx = Context {
        inventory: &loaded.inventory,
        package: &info,
        native_library: &loaded.library,
        target: &target,
        scratch_dir: scratch.path(),
    };

    let mut planned: Vec<PlannedFile> = Vec::new();
    for backend in &backends {
        let language = backend.language().to_string();
        let out_dir = config.resolve(backend.out_dir());

        let t = Instant::now();
        let generated = backend
            .generate(&ctx)
            .map_err(|e| anyhow!("{e}"))
            .with_context(|| format!("generating the {language} bindings failed"))?;
        timings.generate.push((language.clone(), t.elapsed()));
        status.status(
            "Generating",
            &format!(
                "{language} → {}",
                describe(&out_dir, &generated, &language).1
            ),
        );

        let t = Instant::now();
        let packaged = backend
            .package(&ctx, &generated)
            .map_err(|e| anyhow!("{e}"))
            .with_context(|| format!("packaging the {language} bindings failed"))?;
        timings.package.push((language.clone(), t.elapsed()));
        if !packaged.is_empty() {
            let (label, what) = describe(&out_dir, &packaged, &language);
            status.status("Packaging", &format!("{label} → {what}"));
        }

        for file in generated.into_iter().chain(packaged) {
            planned.push(PlannedFile {
                dest: resolve_output(&out_dir, &file.path, &language)?,
                contents: file.contents,
            });
        }
    }

    let t = Instant::now();
    let report = output::write_all(&planned)?;
    timings.write = t.elapsed();
    drop(scratch);

    let stored = fingerprint::Fingerprint {
        inputs,
        outputs: planned
            .iter()
            .map(|p| fingerprint::FileStamp::of(&p.dest))
            .collect(),
    };
    if let Err(e) = fingerprint::store(&fingerprint_path, &stored) {
        status.warning(&format!("{e:#}; the next build will regenerate everything"));
    }
    timings.total = started.elapsed();

    status.status(
        "Finished",
        &format!(
            "{} bindings for `{}` in {:.2}s ({} written, {} unchanged)",
            languages.join(", "),
            pkg.package.name,
            timings.total.as_secs_f64(),
            report.written.len(),
            report.unchanged.len()
        ),
    );
    Ok(BuildReport {
        timings,
        library: loaded.library,
        outputs: planned.into_iter().map(|p| p.dest).collect(),
        written: report.written,
    })
}

/// A backend's relative output path under its out-dir; absolute paths or `..` are refused so a
/// backend cannot write outside its directory.
fn resolve_output(out_dir: &Path, rel: &Path, language: &str) -> Result<PathBuf> {
    use std::path::Component;
    if rel
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
        || rel.as_os_str().is_empty()
    {
        return Err(anyhow!(
            "the {language} backend produced an invalid output path `{}` (it must be relative, without `..`)",
            rel.display()
        ));
    }
    Ok(out_dir.join(rel))
}

/// The label and the most telling file of a batch of outputs, for status lines.
fn describe(out_dir: &Path, files: &[OutputFile], language: &str) -> (String, String) {
    const RANK: &[(&str, &str)] = &[
        ("nupkg", "NuGet"),
        ("whl", "wheel"),
        ("pc", "pkg-config"),
        ("h", ""),
        ("cs", ""),
        ("py", ""),
    ];
    let ext = |f: &OutputFile| {
        f.path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_string()
    };
    let best = RANK
        .iter()
        .find_map(|(e, label)| files.iter().find(|f| ext(f) == *e).map(|f| (f, *label)))
        .or_else(|| files.first().map(|f| (f, "")));
    let Some((file, label)) = best else {
        return (language.to_string(), display_path(out_dir));
    };
    let label = if label.is_empty() { language } else { label };
    let mut what = display_path(&out_dir.join(&file.path));
    if files.len() > 1 {
        what.push_str(&format!(" (+{} more)", files.len() - 1));
    }
    (label.to_string(), what)
}

/// Run a build and return only its timings (for the benchmark harness).
pub fn build_with_timings(args: &BuildArgs) -> Result<Timings> {
    run(args, &Status::silent()).map(|r| r.timings)
}
