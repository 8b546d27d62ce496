//! What `build` and `check` share: everything checked before compiling ([`prepare`]), every backend
//! run into memory ([`generate_all`]) and the files an earlier build wrote that are no longer produced
//! ([`stale_files`]).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, anyhow, bail};
use interop_backends::registry::Registry;
use interop_backends::{Backend, BackendError, Context, MissingTool, OutputFile, PackageInfo};

use crate::cargo::{self, SelectedPackage};
use crate::cli::BuildArgs;
use crate::config::{self, LoadedConfig};
use crate::fingerprint::Manifest;
use crate::output::{PlannedFile, StaleFile};
use crate::profile;
use crate::status::{Status, display_path};

/// A package, its configuration and its backends, checked before anything is compiled.
pub struct Plan {
    pub pkg: SelectedPackage,
    /// Interop.toml and the backends it configures.
    pub config: LoadedConfig,
    pub info: PackageInfo,
}

/// Select the package, read Interop.toml (its sections are the `registry`'s backends) and check
/// everything that can be checked without compiling: each backend's configuration (all problems
/// reported together), the crate type, and with `strict` that every configured package can be built
/// here; warn when the profile aborts on panic.
pub fn prepare(
    args: &BuildArgs,
    registry: &Registry,
    strict: bool,
    status: &Status,
) -> Result<Plan> {
    let pkg = cargo::select_package(
        args.cargo.manifest_path.as_deref(),
        args.cargo.package.as_deref(),
    )?;
    let config_path = args
        .config
        .clone()
        .unwrap_or_else(|| pkg.dir.join("Interop.toml"));
    let config = config::load(&config_path, registry)?;
    status.verbose("Config", &display_path(&config.path));
    let info = pkg.package_info()?;
    let problems: Vec<String> = config
        .backends
        .iter()
        .filter_map(|b| b.backend.check_config(&info).err())
        .map(|e| e.to_string())
        .collect();
    match problems.as_slice() {
        [] => {}
        [one] => bail!("{}: {one}", display_path(&config.path)),
        many => bail!(
            "{}: {} configuration errors:\n  - {}",
            display_path(&config.path),
            many.len(),
            many.join("\n  - ")
        ),
    }
    pkg.require_cdylib()?;
    if let Some(abort) = profile::panic_abort(&args.cargo, &pkg.workspace_root) {
        warn_panic_abort(&abort, status);
    }
    let plan = Plan { pkg, config, info };
    if strict {
        let missing = plan.missing_tools();
        if !missing.is_empty() {
            return Err(strict_error(&missing));
        }
    }
    Ok(plan)
}

fn warn_panic_abort(abort: &profile::AbortSetting, status: &Status) {
    let inherited = if abort.set_in_profile == abort.profile {
        String::new()
    } else {
        format!(", inherited from profile `{}`", abort.set_in_profile)
    };
    let fix = if abort.source.ends_with("RUSTFLAGS") {
        format!("remove `-C panic=abort` from {}", abort.source)
    } else {
        format!(
            "remove `panic = \"abort\"` from [profile.{}] in {} (the default, \"unwind\", is what \
             the bindings need), or build with another profile",
            abort.set_in_profile, abort.source
        )
    };
    status.warning(&format!(
        "profile `{}` has `panic = \"abort\"` ({}{inherited}): a panic in the library aborts the \
         host process, so the panic errors the bindings promise (RustPanicException in C#, \
         RustPanic in Python, interop_take_panic() in C) never happen\n  = help: {fix}",
        abort.profile, abort.source
    ));
}

impl Plan {
    /// The configured backends, in the order they run.
    pub fn backends(&self) -> impl Iterator<Item = &dyn Backend> {
        self.config.backends.iter().map(|b| b.backend.as_ref())
    }

    /// The configured languages, in the order their backends run.
    pub fn languages(&self) -> Vec<String> {
        self.backends().map(|b| b.language().to_string()).collect()
    }

    /// Every output directory, resolved.
    pub fn out_dirs(&self) -> Vec<PathBuf> {
        self.backends()
            .map(|b| self.config.resolve(b.out_dir()))
            .collect()
    }

    /// The target directory (`--target-dir`, else cargo's).
    pub fn target_dir(&self, args: &BuildArgs) -> Result<PathBuf> {
        match &args.cargo.target_dir {
            Some(dir) => std::path::absolute(dir)
                .with_context(|| format!("cannot resolve `{}`", dir.display())),
            None => Ok(self.pkg.target_dir.clone()),
        }
    }

    /// The packages this machine cannot build, per language.
    pub fn missing_tools(&self) -> Vec<(String, MissingTool)> {
        self.backends()
            .flat_map(|b| {
                b.missing_tools()
                    .into_iter()
                    .map(|m| (b.language().to_string(), m))
            })
            .collect()
    }
}

/// The `--strict` error for packages that cannot be built.
pub fn strict_error(skipped: &[(String, MissingTool)]) -> anyhow::Error {
    let lines: Vec<String> = skipped
        .iter()
        .map(|(language, m)| format!("{language}: {m}"))
        .collect();
    anyhow!(
        "--strict: {} cannot be built on this machine:\n  - {}",
        if skipped.len() == 1 {
            "a package"
        } else {
            "some packages"
        },
        lines.join("\n  - ")
    )
}

/// The warning for a package skipped because its tool is missing.
pub fn warn_skipped(language: &str, m: &MissingTool, status: &Status) {
    status.warning(&format!(
        "skipped {} ({language}): {}\n  = help: {}; `--strict` makes this an error",
        m.package, m.reason, m.help
    ));
}

/// Load the inventory of the built `library`, check it against every configured backend (one report
/// of every problem, before anything is generated) and run every backend into memory.
/// `backend_status` prints the per-language lines. A package whose tool is missing is an error with
/// `strict`, else a warning. The scratch directory (packages are built there) lives as long as the
/// result.
pub fn regenerate(
    plan: &Plan,
    args: &BuildArgs,
    library: &Path,
    strict: bool,
    status: &Status,
    backend_status: &Status,
) -> Result<Generated> {
    let target = cargo::target_triple(&args.cargo)?;
    let (inventory, inventory_load) = super::load(&plan.pkg, library, status, true)?;
    let scratch = tempfile::Builder::new()
        .prefix("cargo-interop-")
        .tempdir()
        .context("cannot create a scratch directory")?;
    let ctx = Context {
        inventory: &inventory,
        package: &plan.info,
        native_library: library,
        target: &target,
        scratch_dir: scratch.path(),
    };
    super::diagnose::check(plan, &ctx)?;
    let mut generated = generate_all(plan, &ctx, backend_status)?;
    generated.inventory_load = inventory_load;
    generated.scratch = Some(scratch);
    if strict && !generated.skipped.is_empty() {
        return Err(strict_error(&generated.skipped));
    }
    for (language, missing) in &generated.skipped {
        warn_skipped(language, missing, status);
    }
    Ok(generated)
}

/// Every backend's files, in memory (or, for packages, in the scratch directory).
#[derive(Default)]
pub struct Generated {
    pub files: Vec<PlannedFile>,
    /// Packages not built because their tool is missing, per language.
    pub skipped: Vec<(String, MissingTool)>,
    /// `Backend::generate` and `Backend::package` times per language.
    pub generate: Vec<(String, Duration)>,
    pub package: Vec<(String, Duration)>,
    pub inventory_load: Duration,
    /// Where the packages were built: keep it until the files are written.
    pub scratch: Option<tempfile::TempDir>,
}

/// Run every backend (generate, then package) into memory, with status lines.
fn generate_all(plan: &Plan, ctx: &Context<'_>, status: &Status) -> Result<Generated> {
    let mut out = Generated::default();
    for backend in plan.backends() {
        let language = backend.language().to_string();
        let out_dir = plan.config.resolve(backend.out_dir());

        // The inventory as this backend binds it (ADR 31: a borrowed view or its owned copy).
        let inventory = ctx.inventory.for_bindings(backend.binds_borrowed_views());
        let ctx = &Context {
            inventory: &inventory,
            ..*ctx
        };
        let t = Instant::now();
        let generated = backend
            .generate(ctx)
            .map_err(|e| anyhow!("{e}"))
            .with_context(|| format!("generating the {language} bindings failed"))?;
        out.generate.push((language.clone(), t.elapsed()));
        status.status(
            "Generating",
            &format!(
                "{language} → {}",
                describe(&out_dir, &generated, &language).1
            ),
        );

        let t = Instant::now();
        let packaged = match backend.package(ctx, &generated) {
            Ok(files) => files,
            Err(BackendError::ToolMissing { missing, outputs }) => {
                out.skipped.push((language.clone(), missing));
                outputs
            }
            Err(e) => {
                return Err(anyhow!("{e}"))
                    .with_context(|| format!("packaging the {language} bindings failed"));
            }
        };
        out.package.push((language.clone(), t.elapsed()));
        if !packaged.is_empty() {
            let (label, what) = describe(&out_dir, &packaged, &language);
            status.status("Packaging", &format!("{label} → {what}"));
        }

        for file in generated.into_iter().chain(packaged) {
            out.files.push(PlannedFile {
                dest: resolve_output(&out_dir, &file.path, &language)?,
                contents: file.contents,
            });
        }
    }
    Ok(out)
}

/// The files `previous` recorded that this run does not produce. Only files still exactly as that
/// build left them (same size and mtime) are returned; any other is left alone with a warning.
pub fn stale_files(
    previous: Option<&Manifest>,
    planned: &[PlannedFile],
    status: &Status,
) -> Vec<StaleFile> {
    let Some(previous) = previous else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for old in &previous.outputs {
        if planned.iter().any(|p| p.dest == old.path) || !old.path.is_file() {
            continue;
        }
        if !old.is_current() {
            status.warning(&format!(
                "left `{}` alone: an earlier build wrote it and this one no longer produces it, but \
                 it was changed since\n  = help: delete it if it is not yours",
                display_path(&old.path)
            ));
            continue;
        }
        let root = previous
            .out_dirs
            .iter()
            .filter(|d| old.path.starts_with(d))
            .max_by_key(|d| d.components().count())
            .cloned()
            .unwrap_or_else(|| old.path.parent().unwrap_or(Path::new("/")).to_path_buf());
        out.push(StaleFile {
            path: old.path.clone(),
            root,
        });
    }
    out
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
