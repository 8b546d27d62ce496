//! The package's metadata: id, version, authors, … resolved from `[csharp.nuget]` and Cargo.toml, and
//! the runtime identifier of the library being packaged.

use crate::csharp::NugetConfig;
use crate::csharp::settings::Settings;
use crate::{BackendError, Context};

/// Resolved package metadata.
#[derive(Debug, Clone)]
pub(super) struct Metadata {
    pub(super) id: String,
    pub(super) version: String,
    pub(super) assembly_version: String,
    pub(super) authors: String,
    pub(super) description: String,
    pub(super) license: Option<String>,
    pub(super) project_url: Option<String>,
    pub(super) repository_url: Option<String>,
    pub(super) assembly: String,
    pub(super) rid: String,
}

/// NuGet runtime identifier for a Rust target triple.
fn rid_for_target(target: &str) -> Option<&'static str> {
    let arch = target.split('-').next()?;
    let arch = match arch {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        "i686" | "i586" => "x86",
        "armv7" | "arm" => "arm",
        _ => return None,
    };
    let os = if target.contains("windows") {
        "win"
    } else if target.contains("apple-darwin") {
        "osx"
    } else if target.contains("linux-musl") {
        "linux-musl"
    } else if target.contains("linux") {
        "linux"
    } else {
        return None;
    };
    Some(match (os, arch) {
        ("linux", "x64") => "linux-x64",
        ("linux", "arm64") => "linux-arm64",
        ("linux", "x86") => "linux-x86",
        ("linux", "arm") => "linux-arm",
        ("linux-musl", "x64") => "linux-musl-x64",
        ("linux-musl", "arm64") => "linux-musl-arm64",
        ("win", "x64") => "win-x64",
        ("win", "arm64") => "win-arm64",
        ("win", "x86") => "win-x86",
        ("osx", "x64") => "osx-x64",
        ("osx", "arm64") => "osx-arm64",
        _ => return None,
    })
}

/// Checks a SemVer version (`1.2.3`, `1.2.3-beta.1`, `1.2.3+build`) and returns the numeric
/// `major.minor.patch.0` assembly version.
fn check_version(version: &str) -> Result<String, BackendError> {
    let bad = || {
        BackendError::Other(format!(
            "NuGet version `{version}` is not SemVer (`MAJOR.MINOR.PATCH[-prerelease][+build]`)"
        ))
    };
    let core_and_pre = version.split('+').next().unwrap_or(version);
    let (core, pre) = match core_and_pre.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (core_and_pre, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.len() != 3 {
        return Err(bad());
    }
    let mut nums = Vec::new();
    for p in parts {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        nums.push(p.parse::<u64>().map_err(|_| bad())?);
    }
    if let Some(pre) = pre
        && (pre.is_empty()
            || !pre.split('.').all(|s| {
                !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            }))
    {
        return Err(bad());
    }
    if nums.iter().any(|n| *n > 65534) {
        return Err(BackendError::Other(format!(
            "NuGet version `{version}`: each of MAJOR, MINOR, PATCH must be at most 65534 \
             (an assembly version limit)"
        )));
    }
    Ok(format!("{}.{}.{}.0", nums[0], nums[1], nums[2]))
}

fn strip_email(author: &str) -> String {
    match author.find('<') {
        Some(i) => author[..i].trim().to_string(),
        None => author.trim().to_string(),
    }
}

pub(super) fn resolve(
    ctx: &Context<'_>,
    settings: &Settings,
    config: &NugetConfig,
) -> Result<Metadata, BackendError> {
    let pkg = ctx.package;
    let id = config
        .id
        .clone()
        .unwrap_or_else(|| settings.namespace.clone());
    if id.is_empty()
        || id.len() > 100
        || !id.split('.').all(|s| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
    {
        return Err(BackendError::Other(format!(
            "NuGet package id `{id}` is invalid (letters, digits, `_`, `-`, separated by dots; at \
             most 100 characters)"
        )));
    }
    let version = config
        .version
        .clone()
        .unwrap_or_else(|| pkg.version.clone());
    let assembly_version = check_version(&version)?;
    let authors: Vec<String> = config
        .authors
        .clone()
        .unwrap_or_else(|| pkg.authors.clone())
        .iter()
        .map(|a| strip_email(a))
        .filter(|a| !a.is_empty())
        .collect();
    let authors = if authors.is_empty() {
        pkg.name.clone()
    } else {
        authors.join(", ")
    };
    let description = config
        .description
        .clone()
        .or_else(|| pkg.description.clone())
        .unwrap_or_else(|| format!("C# bindings for the Rust library `{}`.", pkg.name));
    let license = config
        .license
        .clone()
        .or_else(|| pkg.license.clone())
        .map(|l| l.replace('/', " OR "));
    let assembly = config.assembly.clone().unwrap_or_else(|| id.clone());
    if assembly.is_empty() || assembly.contains(['/', '\\', '"', '<', '>', ':']) {
        return Err(BackendError::Other(format!(
            "assembly name `{assembly}` in [csharp.nuget] is not a valid file name"
        )));
    }
    let rid = match &config.rid {
        Some(r) => r.clone(),
        None => rid_for_target(ctx.target)
            .ok_or_else(|| {
                BackendError::Other(format!(
                    "no NuGet runtime identifier is known for the target `{}`; set `rid` in \
                     [csharp.nuget]",
                    ctx.target
                ))
            })?
            .to_string(),
    };
    Ok(Metadata {
        id,
        version,
        assembly_version,
        authors,
        description,
        license,
        project_url: config.project_url.clone().or_else(|| pkg.homepage.clone()),
        repository_url: config
            .repository_url
            .clone()
            .or_else(|| pkg.repository.clone()),
        assembly,
        rid,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(check_version("1.2.3").unwrap(), "1.2.3.0");
        assert_eq!(check_version("0.1.0-beta.1+git.abc").unwrap(), "0.1.0.0");
        assert!(check_version("1.2").is_err());
        assert!(check_version("1.2.x").is_err());
        assert!(check_version("1.2.3-").is_err());
        assert!(check_version("70000.0.0").is_err());
    }

    #[test]
    fn rids() {
        assert_eq!(
            rid_for_target("x86_64-unknown-linux-gnu"),
            Some("linux-x64")
        );
        assert_eq!(rid_for_target("aarch64-apple-darwin"), Some("osx-arm64"));
        assert_eq!(rid_for_target("x86_64-pc-windows-msvc"), Some("win-x64"));
        assert_eq!(
            rid_for_target("x86_64-unknown-linux-musl"),
            Some("linux-musl-x64")
        );
        assert_eq!(rid_for_target("wasm32-unknown-unknown"), None);
    }
}
