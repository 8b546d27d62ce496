//! `cargo interop init`: write a commented Interop.toml.

use std::io::Write as _;

use anyhow::{Context as _, Result, bail};
use interop_backends::registry::Registry;

use crate::cargo;
use crate::cli::InitArgs;
use crate::config;
use crate::status::{Status, display_path};

/// Run `cargo interop init` (the template has the built-in sections; `registry` creates their
/// backends to find which packages this machine cannot build).
pub fn run(args: &InitArgs, registry: &Registry, status: &Status) -> Result<()> {
    let pkg = cargo::select_package(args.manifest_path.as_deref(), args.package.as_deref())?;
    let path = args
        .config
        .clone()
        .unwrap_or_else(|| pkg.dir.join("Interop.toml"));
    let info = pkg.package_info()?;
    // Every package the template enables must build here: a NuGet package needs a C# compiler.
    let full = config::init_template(&info.name, &info.lib_name, &info.version, None);
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    let missing = config::parse(&full, &path, dir, registry)
        .ok()
        .and_then(|backends| backends.into_iter().find(|b| b.key == "csharp"))
        .map(|b| b.backend.missing_tools())
        .unwrap_or_default();
    let text = match missing.first() {
        None => full,
        Some(m) => {
            config::init_template(&info.name, &info.lib_name, &info.version, Some(&m.reason))
        }
    };
    // `create_new` refuses to replace an existing file, atomically.
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => bail!(
            "{} already exists; not overwriting it\n  = help: edit it, or delete it and run `cargo interop init` again",
            display_path(&path)
        ),
        Err(e) => {
            return Err(e).with_context(|| format!("cannot create {}", display_path(&path)));
        }
    };
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", display_path(&path)))?;
    status.status(
        "Created",
        &format!("{} for `{}`", display_path(&path), info.name),
    );
    for m in &missing {
        status.warning(&format!(
            "left {} off (commented out in {}): {}\n  = help: {}",
            m.package,
            display_path(&path),
            m.reason,
            m.help
        ));
    }
    if let Err(e) = pkg.require_cdylib() {
        status.warning(&format!("{e:#}"));
    }
    Ok(())
}
