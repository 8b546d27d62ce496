//! Talking to cargo: find the package (`cargo metadata`) and build its cdylib (`cargo build`).

use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context as _, Result, anyhow, bail};
use cargo_metadata::{CrateType, Message, MetadataCommand, Package, TargetKind};
use interop_backends::PackageInfo;

use crate::cli::CargoArgs;
use crate::status::{Verbosity, display_path};

/// The package being bound.
#[derive(Debug, Clone)]
pub struct SelectedPackage {
    pub package: Package,
    /// Directory of its Cargo.toml.
    pub dir: PathBuf,
    /// Name of its library target (`hello_world`), if it has one.
    pub lib_name: Option<String>,
    /// True when the library target has crate-type `cdylib`.
    pub has_cdylib: bool,
    /// cargo's target directory for the workspace (without `--target-dir`).
    pub target_dir: PathBuf,
    /// The workspace root (its Cargo.toml holds the profiles).
    pub workspace_root: PathBuf,
}

/// The cdylib `cargo build` produced.
#[derive(Debug, Clone)]
pub struct BuiltLibrary {
    pub path: PathBuf,
    /// cargo reported the artifact `fresh` (it did not rebuild it).
    pub fresh: bool,
}

/// The cargo executable: `$CARGO` when run by cargo, else `cargo` from PATH.
pub fn cargo_exe() -> PathBuf {
    std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from)
}

/// Find the package to bind, like cargo does: `-p` if given, else the package whose manifest is
/// `--manifest-path` (or the nearest Cargo.toml), else the single cdylib package of a virtual workspace.
pub fn select_package(
    manifest_path: Option<&Path>,
    package: Option<&str>,
) -> Result<SelectedPackage> {
    let manifest = match manifest_path {
        Some(p) => {
            if !p.is_file() {
                bail!(
                    "manifest path `{}` does not exist\n  = help: pass the path of a package's Cargo.toml",
                    p.display()
                );
            }
            std::path::absolute(p).with_context(|| format!("cannot resolve `{}`", p.display()))?
        }
        None => find_manifest()?,
    };
    let mut cmd = MetadataCommand::new();
    cmd.cargo_path(cargo_exe())
        .manifest_path(&manifest)
        .no_deps();
    let metadata = cmd
        .exec()
        .map_err(|e| anyhow!("{}", e.to_string().trim_end()))
        .with_context(|| format!("cannot read the cargo metadata of `{}`", manifest.display()))?;
    let members = metadata.workspace_packages();

    let chosen: &Package = if let Some(spec) = package {
        members
            .iter()
            .copied()
            .find(|p| p.name.as_str() == spec)
            .ok_or_else(|| {
                anyhow!(
                    "package `{spec}` is not a member of the workspace at `{}`\n  = help: members: {}",
                    metadata.workspace_root,
                    members
                        .iter()
                        .map(|p| p.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?
    } else {
        let canonical = manifest.canonicalize().unwrap_or_else(|_| manifest.clone());
        let own = members.iter().copied().find(|p| {
            p.manifest_path
                .as_std_path()
                .canonicalize()
                .is_ok_and(|m| m == canonical)
        });
        match own {
            Some(p) => p,
            None => {
                let cdylibs: Vec<&Package> = members
                    .iter()
                    .copied()
                    .filter(|p| lib_target(p).is_some_and(is_cdylib))
                    .collect();
                match cdylibs.as_slice() {
                    [one] => one,
                    [] => bail!(
                        "the workspace at `{}` has no package with a cdylib library\n  = help: add \
                         `[lib] crate-type = [\"cdylib\"]` to the Cargo.toml of the package to bind, \
                         and select it with `-p NAME`",
                        metadata.workspace_root
                    ),
                    several => bail!(
                        "the workspace at `{}` has several cdylib packages: {}\n  = help: choose one with `-p NAME`",
                        metadata.workspace_root,
                        several
                            .iter()
                            .map(|p| p.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                }
            }
        }
    };
    let lib = lib_target(chosen);
    let dir = chosen
        .manifest_path
        .parent()
        .map_or_else(|| PathBuf::from("."), |p| p.as_std_path().to_path_buf());
    Ok(SelectedPackage {
        package: chosen.clone(),
        dir,
        lib_name: lib.map(|t| t.name.clone()),
        has_cdylib: lib.is_some_and(is_cdylib),
        target_dir: metadata.target_directory.clone().into_std_path_buf(),
        workspace_root: metadata.workspace_root.clone().into_std_path_buf(),
    })
}

fn lib_target(p: &Package) -> Option<&cargo_metadata::Target> {
    p.targets.iter().find(|t| {
        t.kind.iter().any(|k| {
            matches!(
                k,
                TargetKind::Lib
                    | TargetKind::CDyLib
                    | TargetKind::RLib
                    | TargetKind::DyLib
                    | TargetKind::StaticLib
            )
        })
    })
}

fn is_cdylib(t: &cargo_metadata::Target) -> bool {
    t.crate_types.contains(&CrateType::CDyLib)
}

/// The nearest Cargo.toml from the current directory upwards.
fn find_manifest() -> Result<PathBuf> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    for dir in cwd.ancestors() {
        let candidate = dir.join("Cargo.toml");
        if candidate.is_file() {
            return Ok(candidate);
        }
    }
    bail!(
        "could not find `Cargo.toml` in `{}` or any parent directory\n  = help: run this in a crate, or pass `--manifest-path PATH`",
        cwd.display()
    )
}

impl SelectedPackage {
    /// Fail unless the package builds a cdylib, telling the user exactly what to add.
    pub fn require_cdylib(&self) -> Result<()> {
        if self.has_cdylib {
            return Ok(());
        }
        let manifest = display_path(self.package.manifest_path.as_std_path());
        let have = self
            .package
            .targets
            .iter()
            .find(|t| t.kind.iter().any(|k| !matches!(k, TargetKind::Bin)))
            .map(|t| {
                t.crate_types
                    .iter()
                    .map(|c| format!("\"{c}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            });
        let current = match (&self.lib_name, have) {
            (None, _) | (_, None) => "it has no library target".to_string(),
            (Some(_), Some(types)) => format!("its library's crate-type is [{types}]"),
        };
        bail!(
            "package `{}` does not build a C dynamic library ({current})\n  = help: add this to {manifest}:\n\n    [lib]\n    crate-type = [\"cdylib\"]\n\n  (keep \"rlib\" in the list too if other Rust crates or tests use the library)",
            self.package.name
        )
    }

    /// The metadata backends put into packages.
    pub fn package_info(&self) -> Result<PackageInfo> {
        let p = &self.package;
        let readme = match p.readme() {
            Some(path) => {
                let path = path.into_std_path_buf();
                let text = std::fs::read_to_string(&path).with_context(|| {
                    format!(
                        "cannot read the readme `{}` named in {}",
                        path.display(),
                        p.manifest_path
                    )
                })?;
                Some((path, text))
            }
            None => None,
        };
        Ok(PackageInfo {
            name: p.name.to_string(),
            lib_name: self
                .lib_name
                .clone()
                .unwrap_or_else(|| p.name.replace('-', "_")),
            version: p.version.to_string(),
            authors: p.authors.clone(),
            description: p.description.clone(),
            license: p.license.clone(),
            repository: p.repository.clone(),
            homepage: p.homepage.clone(),
            readme,
        })
    }
}

/// Run `cargo build` for the package's library, streaming cargo's own diagnostics to stderr, and
/// return the path of the built cdylib. `verbosity` is passed on (`-q`, `-v`, `-vv`).
pub fn build_cdylib(
    pkg: &SelectedPackage,
    args: &CargoArgs,
    verbosity: Verbosity,
) -> Result<PathBuf> {
    build_cdylib_fresh(pkg, args, verbosity).map(|b| b.path)
}

/// [`build_cdylib`], also telling whether cargo found the library up to date.
pub fn build_cdylib_fresh(
    pkg: &SelectedPackage,
    args: &CargoArgs,
    verbosity: Verbosity,
) -> Result<BuiltLibrary> {
    let mut cmd = Command::new(cargo_exe());
    cmd.arg("build");
    if let Some(flag) = verbosity.cargo_flag() {
        cmd.arg(flag);
    }
    cmd.arg("--message-format=json-render-diagnostics")
        .arg("--lib")
        .arg("--manifest-path")
        .arg(pkg.package.manifest_path.as_std_path())
        .arg("-p")
        .arg(pkg.package.name.as_str());
    if args.release {
        cmd.arg("--release");
    }
    if let Some(profile) = &args.profile {
        cmd.arg("--profile").arg(profile);
    }
    if !args.features.is_empty() {
        cmd.arg("--features").arg(args.features.join(","));
    }
    if args.all_features {
        cmd.arg("--all-features");
    }
    if args.no_default_features {
        cmd.arg("--no-default-features");
    }
    if let Some(dir) = &args.target_dir {
        cmd.arg("--target-dir").arg(dir);
    }
    if let Some(target) = &args.target {
        cmd.arg("--target").arg(target);
    }
    cmd.stdout(Stdio::piped()).stderr(Stdio::inherit());
    let mut child = cmd
        .spawn()
        .with_context(|| format!("cannot run `{}`", cargo_exe().display()))?;
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| anyhow!("cannot read the output of `cargo build`"))?;

    let mut library: Option<PathBuf> = None;
    let mut fresh = true;
    for message in Message::parse_stream(BufReader::new(stdout)) {
        let message = match message {
            Ok(m) => m,
            Err(e) => {
                // Keep draining so cargo does not block on a full pipe.
                let _ = child.wait();
                bail!("cannot read the output of `cargo build`: {e}");
            }
        };
        if let Message::CompilerArtifact(artifact) = message
            && artifact.package_id == pkg.package.id
            && artifact.target.crate_types.contains(&CrateType::CDyLib)
        {
            fresh &= artifact.fresh;
            library = artifact
                .filenames
                .iter()
                .find(|f| {
                    f.file_name()
                        .is_some_and(|n| n.ends_with(std::env::consts::DLL_SUFFIX))
                })
                .map(|f| f.as_std_path().to_path_buf())
                .or(library);
        }
    }
    let status = child.wait().context("`cargo build` did not finish")?;
    if !status.success() {
        bail!(
            "`cargo build` failed for package `{}` (cargo's errors are above)",
            pkg.package.name
        );
    }
    let path = library.ok_or_else(|| {
        anyhow!(
            "`cargo build` did not report a cdylib for package `{}`",
            pkg.package.name
        )
    })?;
    Ok(BuiltLibrary { path, fresh })
}

/// The target triple: `--target` if given, else the host of the rustc cargo uses.
pub fn target_triple(args: &CargoArgs) -> Result<String> {
    if let Some(t) = &args.target {
        return Ok(t.clone());
    }
    let rustc = std::env::var_os("RUSTC").map_or_else(|| PathBuf::from("rustc"), PathBuf::from);
    let out = Command::new(&rustc)
        .arg("-vV")
        .output()
        .with_context(|| format!("cannot run `{} -vV`", rustc.display()))?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find_map(|l| l.strip_prefix("host: "))
        .map(|h| h.trim().to_string())
        .ok_or_else(|| anyhow!("`{} -vV` did not print the host triple", rustc.display()))
}
