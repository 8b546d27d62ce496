//! Versions as PEP 440 says (with `pep440_rs`): the wheel's `version` (given, or converted from the
//! Cargo version) and its `requires-python`.

use std::str::FromStr;

use pep440_rs::{Version, VersionSpecifiers};

use crate::BackendError;
use crate::python::WheelConfig;

/// The oldest Python the generated package runs on.
const OLDEST_PYTHON: (u64, u64) = (3, 8);

/// The version of the wheel and of `__version__`, normalized: `[python.wheel] version` when set,
/// else the Cargo version converted.
pub fn wheel_version(config: &WheelConfig, cargo_version: &str) -> Result<String, BackendError> {
    match &config.version {
        Some(v) => Version::from_str(v.trim())
            .map(|v| v.to_string())
            .map_err(|e| {
                BackendError::Unsupported(format!(
                    "[python.wheel] version = \"{v}\" is not a PEP 440 version ({e}); write it like \
                     `1.2.3`, `1.0.0rc1`, `2.0.post1` or `1.1.dev3`"
                ))
            }),
        None => from_cargo(cargo_version),
    }
}

/// `[python.wheel] requires-python`, checked: a PEP 440 version specifier set that admits a Python
/// the package runs on.
pub fn requires_python(value: &str) -> Result<String, BackendError> {
    let fix = "write it like `>=3.8` or `>=3.9,<4`";
    let value = value.trim();
    let specifiers = VersionSpecifiers::from_str(value).map_err(|e| {
        let reason = e.to_string();
        let reason = reason
            .lines()
            .next()
            .unwrap_or_default()
            .trim_end_matches(':');
        BackendError::Unsupported(format!(
            "[python.wheel] requires-python = \"{value}\" is not a PEP 440 version specifier set \
             ({reason}); {fix}"
        ))
    })?;
    let (major, oldest) = OLDEST_PYTHON;
    let runs = (oldest..oldest + 30).any(|minor| {
        specifiers.contains(&Version::new([major, minor]))
            || specifiers.contains(&Version::new([major, minor, 99]))
    });
    if value.is_empty() || !runs {
        return Err(BackendError::Unsupported(format!(
            "[python.wheel] requires-python = \"{value}\" admits no Python the package runs on \
             ({major}.{oldest} and later); {fix}"
        )));
    }
    Ok(value.to_string())
}

/// A Cargo (SemVer) version as a PEP 440 version: `1.2.3` stays, `1.0.0-alpha.1` → `1.0.0a1`,
/// `-beta.2` → `b2`, `-rc.3` → `rc3`, `+build` → `+build` (local version). Other pre-releases are an
/// error that asks for `[python.wheel] version`.
pub fn from_cargo(v: &str) -> Result<String, BackendError> {
    let err = || {
        BackendError::Unsupported(format!(
            "Cargo version `{v}` has no PEP 440 equivalent; set [python.wheel] version"
        ))
    };
    let (main, local) = match v.split_once('+') {
        Some((m, l)) => (m, Some(l)),
        None => (v, None),
    };
    let (release, pre) = match main.split_once('-') {
        Some((r, p)) => (r, Some(p)),
        None => (main, None),
    };
    if release.is_empty()
        || !release
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(err());
    }
    let mut out = release.to_string();
    if let Some(pre) = pre {
        let (kind, num) = pre.split_once('.').unwrap_or((pre, "0"));
        let kind = match kind {
            "alpha" | "a" => "a",
            "beta" | "b" => "b",
            "rc" | "c" => "rc",
            _ => return Err(err()),
        };
        if num.is_empty() || !num.chars().all(|c| c.is_ascii_digit()) {
            return Err(err());
        }
        out.push_str(kind);
        out.push_str(num);
    }
    if let Some(local) = local {
        let local: String = local
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '.' })
            .collect();
        if local.is_empty() {
            return Err(err());
        }
        out.push('+');
        out.push_str(&local.to_ascii_lowercase());
    }
    // What the conversion made must be PEP 440 (e.g. a local version of only separators is not).
    Version::from_str(&out)
        .map(|v| v.to_string())
        .map_err(|_| err())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(v: &str) -> Result<String, BackendError> {
        let config = WheelConfig {
            version: Some(v.to_string()),
            ..WheelConfig::default()
        };
        wheel_version(&config, "0.0.0")
    }

    #[test]
    fn cargo_versions() {
        assert_eq!(from_cargo("1.2.3").unwrap(), "1.2.3");
        assert_eq!(from_cargo("1.0.0-alpha.1").unwrap(), "1.0.0a1");
        assert_eq!(from_cargo("1.0.0-rc.2").unwrap(), "1.0.0rc2");
        assert_eq!(from_cargo("1.0.0-beta").unwrap(), "1.0.0b0");
        assert_eq!(from_cargo("1.0.0+build-5").unwrap(), "1.0.0+build.5");
        assert!(from_cargo("1.0.0-nightly").is_err());
        // SemVer `-1` is a pre-release; PEP 440 would read it as a post-release.
        assert!(from_cargo("1.0.0-1").is_err());
        assert!(from_cargo("one").is_err());
    }

    #[test]
    fn given_versions_are_pep_440_and_normalized() {
        assert_eq!(given("1.0").unwrap(), "1.0");
        assert_eq!(given("1.0.0-RC1").unwrap(), "1.0.0rc1");
        assert_eq!(given("2.0.post1").unwrap(), "2.0.post1");
        assert_eq!(given(" 1!2.0.dev3 ").unwrap(), "1!2.0.dev3");
        let e = given("not a version").unwrap_err().to_string();
        assert!(
            e.starts_with("[python.wheel] version = \"not a version\" is not a PEP 440 version (")
                && e.ends_with("write it like `1.2.3`, `1.0.0rc1`, `2.0.post1` or `1.1.dev3`"),
            "{e}"
        );
        assert!(given("1.0.0-nightly").is_err());
        assert!(given("").is_err());
    }

    #[test]
    fn requires_python_specifier_sets() {
        assert_eq!(requires_python(">=3.8").unwrap(), ">=3.8");
        assert_eq!(requires_python(" >=3.9, <4 ").unwrap(), ">=3.9, <4");
        assert!(requires_python("==3.11.*").is_ok());
        assert!(requires_python(">=3.12.1").is_ok());
        let e = requires_python(">=3.8,,").unwrap_err().to_string();
        assert!(
            e.starts_with(
                "[python.wheel] requires-python = \">=3.8,,\" is not a PEP 440 version specifier set ("
            ) && e.ends_with("write it like `>=3.8` or `>=3.9,<4`"),
            "{e}"
        );
        assert!(requires_python("3.8").is_err());
        assert!(requires_python("python3").is_err());
        let e = requires_python("<3.8").unwrap_err().to_string();
        assert!(
            e.contains("admits no Python the package runs on (3.8 and later)"),
            "{e}"
        );
        assert!(requires_python("").is_err());
    }
}
