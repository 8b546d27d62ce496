//! Fingerprints: what lets a no-op `cargo interop build` skip loading, generation and packaging.
//!
//! After a successful build, `<target-dir>/interop/<package>-<hash of the config path>.json` records
//! everything the outputs depend on (see [`Inputs`]) and the size and modification time of every
//! output file. The next build compares: when cargo reports the library `fresh`, the inputs are the
//! same and every output is still there with the recorded size and mtime, nothing is redone.
//! `--force` regenerates regardless. Any error reading the fingerprint means "not fresh". A build that
//! skipped a package (its tool was missing) is never fresh: the tool may have been installed since.
//!
//! Next to it, `<package>-<hash>.outputs.json` (the [`Manifest`]) records every file the last
//! successful build wrote. It is replaced only after a successful write, so it survives failed runs;
//! the next build removes the files it lists that are no longer produced (see `output::write_all`).

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use anyhow::{Context as _, Result};
use interop_backends::PackageInfo;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::cli::CargoArgs;
use crate::config::LoadedConfig;

/// Bumped when the fingerprint's meaning changes (an old file then never matches).
const FORMAT: u32 = 2;

/// Size and modification time of a file (`None` when it does not exist).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub path: PathBuf,
    pub stamp: Option<(u64, u64, u32)>,
}

impl FileStamp {
    /// Stat `path` now: `(size, mtime seconds, mtime nanoseconds)`.
    pub fn of(path: &Path) -> Self {
        let stamp = std::fs::metadata(path).ok().and_then(|m| {
            let mtime = m.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
            Some((m.len(), mtime.as_secs(), mtime.subsec_nanos()))
        });
        Self {
            path: path.to_path_buf(),
            stamp,
        }
    }

    /// True when the file still exists with the recorded size and mtime.
    pub fn is_current(&self) -> bool {
        self.stamp.is_some() && Self::of(&self.path) == *self
    }
}

/// Everything the outputs depend on, except the outputs themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inputs {
    pub format: u32,
    /// cargo-interop's version, and its executable's size and mtime (a rebuilt tool regenerates).
    pub tool_version: String,
    pub tool: Option<FileStamp>,
    /// Interop.toml: path and SHA-256 of its bytes.
    pub config_path: PathBuf,
    pub config_sha256: String,
    /// Files Interop.toml names as inputs (readmes, extra NuGet runtimes).
    pub config_inputs: Vec<FileStamp>,
    /// The cargo flags (profile, features, target, …) as given.
    pub cargo_args: Vec<String>,
    /// SHA-256 of the package metadata the backends use (name, version, authors, …, readme).
    pub package_sha256: String,
    /// The native library: path, size, mtime.
    pub library: FileStamp,
}

/// The stored fingerprint: inputs plus the outputs written from them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub inputs: Inputs,
    pub outputs: Vec<FileStamp>,
    /// Packages skipped because their tool was missing (such a build is never fresh).
    pub skipped: Vec<String>,
}

/// What the last successful build wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// Every output directory of that build (empty directories are pruned up to these).
    pub out_dirs: Vec<PathBuf>,
    /// Every file written or found up to date, with its size and mtime after the build.
    pub outputs: Vec<FileStamp>,
}

impl Manifest {
    /// A manifest of `outputs` (stamped now) under `out_dirs`.
    pub fn of(out_dirs: Vec<PathBuf>, outputs: &[PathBuf]) -> Self {
        Self {
            format: FORMAT,
            out_dirs,
            outputs: outputs.iter().map(|p| FileStamp::of(p)).collect(),
        }
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where the fingerprint of `package` built with `config_path` lives.
pub fn path(target_dir: &Path, package: &str, config_path: &Path) -> PathBuf {
    let config = std::path::absolute(config_path).unwrap_or_else(|_| config_path.to_path_buf());
    let hash = sha256_hex(config.as_os_str().as_encoded_bytes());
    target_dir
        .join("interop")
        .join(format!("{package}-{}.json", &hash[..16]))
}

/// Where the record of the outputs of `package` built with `config_path` lives.
pub fn manifest_path(target_dir: &Path, package: &str, config_path: &Path) -> PathBuf {
    path(target_dir, package, config_path).with_extension("outputs.json")
}

/// The cargo flags that change what is built, in a fixed order.
fn cargo_args(args: &CargoArgs) -> Vec<String> {
    let mut out = Vec::new();
    if args.release {
        out.push("--release".to_string());
    }
    if let Some(p) = &args.profile {
        out.push(format!("--profile={p}"));
    }
    if !args.features.is_empty() {
        out.push(format!("--features={}", args.features.join(",")));
    }
    if args.all_features {
        out.push("--all-features".to_string());
    }
    if args.no_default_features {
        out.push("--no-default-features".to_string());
    }
    if let Some(t) = &args.target {
        out.push(format!("--target={t}"));
    }
    out
}

fn package_sha256(info: &PackageInfo) -> String {
    let mut h = Sha256::new();
    let mut field = |s: &str| {
        h.update((s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    field(&info.name);
    field(&info.lib_name);
    field(&info.version);
    field(&info.authors.join("\n"));
    for opt in [
        &info.description,
        &info.license,
        &info.repository,
        &info.homepage,
    ] {
        field(opt.as_deref().unwrap_or("\u{0}none"));
    }
    match &info.readme {
        Some((p, text)) => {
            field(&p.to_string_lossy());
            field(text);
        }
        None => field("\u{0}none"),
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Files named in Interop.toml that go into the outputs.
fn config_inputs(config: &LoadedConfig) -> Vec<FileStamp> {
    config
        .backends
        .iter()
        .flat_map(|b| &b.inputs)
        .map(|f| FileStamp::of(&config.resolve(f)))
        .collect()
}

impl Inputs {
    /// Collect the inputs of a build of `library`.
    pub fn collect(
        config: &LoadedConfig,
        args: &CargoArgs,
        info: &PackageInfo,
        library: &Path,
    ) -> Result<Self> {
        let config_bytes = std::fs::read(&config.path)
            .with_context(|| format!("cannot read `{}`", config.path.display()))?;
        Ok(Self {
            format: FORMAT,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            tool: std::env::current_exe().ok().map(|p| FileStamp::of(&p)),
            config_path: std::path::absolute(&config.path).unwrap_or_else(|_| config.path.clone()),
            config_sha256: sha256_hex(&config_bytes),
            config_inputs: config_inputs(config),
            cargo_args: cargo_args(args),
            package_sha256: package_sha256(info),
            library: FileStamp::of(library),
        })
    }
}

/// Read a stored fingerprint (`None` if missing or unreadable).
pub fn load(path: &Path) -> Option<Fingerprint> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// True when `stored` was made from exactly `inputs` and all its outputs are unchanged.
pub fn is_fresh(stored: &Fingerprint, inputs: &Inputs) -> bool {
    why_not_fresh(stored, inputs).is_none()
}

/// Why `stored` is not fresh for `inputs` (for `-v`), or `None` when it is.
pub fn why_not_fresh(stored: &Fingerprint, inputs: &Inputs) -> Option<String> {
    let s = &stored.inputs;
    let changed = |what: &str| Some(format!("{what} changed"));
    if s.format != inputs.format || s.tool_version != inputs.tool_version || s.tool != inputs.tool {
        return changed("cargo-interop");
    }
    if s.config_path != inputs.config_path || s.config_sha256 != inputs.config_sha256 {
        return changed(&format!("`{}`", inputs.config_path.display()));
    }
    if s.config_inputs != inputs.config_inputs {
        return changed("a file named in Interop.toml");
    }
    if s.cargo_args != inputs.cargo_args {
        return Some("other cargo flags".to_string());
    }
    if s.package_sha256 != inputs.package_sha256 {
        return changed("the package metadata");
    }
    if s.library != inputs.library {
        return changed("the native library");
    }
    if let Some(p) = stored.skipped.first() {
        return Some(format!("the last build skipped {p}"));
    }
    if stored.outputs.is_empty() {
        return Some("no outputs recorded".to_string());
    }
    stored
        .outputs
        .iter()
        .find(|o| !o.is_current())
        .map(|o| format!("`{}` was changed or removed", o.path.display()))
}

/// Read a stored manifest (`None` if missing or unreadable).
pub fn load_manifest(path: &Path) -> Option<Manifest> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice::<Manifest>(&bytes)
        .ok()
        .filter(|m| m.format == FORMAT)
}

/// Write the manifest (temporary file + rename).
pub fn store_manifest(path: &Path, manifest: &Manifest) -> Result<()> {
    store_json(path, manifest)
}

/// Write the fingerprint (temporary file + rename).
pub fn store(path: &Path, fingerprint: &Fingerprint) -> Result<()> {
    store_json(path, fingerprint)
}

fn store_json(path: &Path, value: &impl Serialize) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create directory `{}`", dir.display()))?;
    let json = serde_json::to_vec_pretty(value)
        .with_context(|| format!("cannot serialize `{}`", path.display()))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".interop-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
    std::io::Write::write_all(&mut tmp, &json)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(())
}

/// Remove a stored fingerprint (before outputs are rewritten, so a failed run is never "fresh").
pub fn invalidate(path: &Path) {
    let _ = std::fs::remove_file(path);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_follow_size_and_mtime() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a");
        assert_eq!(FileStamp::of(&f).stamp, None);
        assert!(!FileStamp::of(&f).is_current());
        std::fs::write(&f, "one").unwrap();
        let s = FileStamp::of(&f);
        assert!(s.is_current());
        std::fs::write(&f, "three").unwrap();
        assert!(!s.is_current());
        std::fs::remove_file(&f).unwrap();
        assert!(!FileStamp::of(&f).is_current());
    }

    #[test]
    fn fingerprint_path_depends_on_the_config_path() {
        let t = Path::new("/t");
        let a = path(t, "p", Path::new("/x/Interop.toml"));
        let b = path(t, "p", Path::new("/y/Interop.toml"));
        assert_ne!(a, b);
        assert!(a.starts_with("/t/interop"));
        assert!(a.file_name().unwrap().to_str().unwrap().starts_with("p-"));
    }

    #[test]
    fn cargo_flags_are_part_of_the_inputs() {
        let plain = cargo_args(&CargoArgs::default());
        let release = cargo_args(&CargoArgs {
            release: true,
            ..CargoArgs::default()
        });
        assert!(plain.is_empty());
        assert_eq!(release, ["--release"]);
    }
}
