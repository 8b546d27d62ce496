//! The `panic` strategy of the cargo profile a build uses, found the way cargo finds it, so that
//! `panic = "abort"` (which turns every promised panic exception into a process abort) is warned about
//! before building.
//!
//! Sources, highest precedence first: the `CARGO_PROFILE_<NAME>_PANIC` environment variable, cargo
//! config files (`.cargo/config.toml` from the current directory up, then `$CARGO_HOME/config.toml`),
//! the workspace root's Cargo.toml. A profile that does not set `panic` inherits it (`inherits = …`;
//! `test` from `dev`, `bench` from `release`); the built-in default is `unwind`. `-C panic=abort` in
//! `RUSTFLAGS` / `CARGO_ENCODED_RUSTFLAGS` aborts too.

use std::path::{Path, PathBuf};

use crate::cli::CargoArgs;

/// Where a `panic = "abort"` comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AbortSetting {
    /// The profile the build uses (`dev`, `release`, a custom one).
    pub profile: String,
    /// The profile that sets it (the same one, or one it inherits from).
    pub set_in_profile: String,
    /// Human description of the source (`/ws/Cargo.toml`, `CARGO_PROFILE_DEV_PANIC`, `RUSTFLAGS`).
    pub source: String,
}

/// The profile name a build with these flags uses.
pub fn profile_name(args: &CargoArgs) -> String {
    match (&args.profile, args.release) {
        (Some(p), _) => p.clone(),
        (None, true) => "release".to_string(),
        (None, false) => "dev".to_string(),
    }
}

/// One source of profile settings: a parsed TOML document and its description.
struct Source {
    name: String,
    doc: toml::Table,
}

impl Source {
    fn key(&self, profile: &str, key: &str) -> Option<String> {
        self.doc
            .get("profile")?
            .get(profile)?
            .get(key)?
            .as_str()
            .map(str::to_string)
    }
}

fn read_toml(path: &Path) -> Option<Source> {
    let text = std::fs::read_to_string(path).ok()?;
    let doc = text.parse::<toml::Table>().ok()?;
    Some(Source {
        name: crate::status::display_path(path),
        doc,
    })
}

/// Cargo config files, highest precedence first: `.cargo/config.toml` (or `.cargo/config`) in `cwd`
/// and each parent, then `$CARGO_HOME/config.toml`.
fn config_files(cwd: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut push = |dir: &Path| {
        for name in ["config.toml", "config"] {
            let p = dir.join(name);
            if p.is_file() {
                out.push(p);
                break;
            }
        }
    };
    for dir in cwd.ancestors() {
        push(&dir.join(".cargo"));
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    if let Some(home) = cargo_home
        && !cwd.ancestors().any(|d| d.join(".cargo") == home)
    {
        push(&home);
    }
    out
}

fn env_key(profile: &str, key: &str) -> String {
    format!(
        "CARGO_PROFILE_{}_{}",
        profile.to_uppercase().replace('-', "_"),
        key.to_uppercase()
    )
}

/// Look `key` up for `profile` in every source, highest precedence first.
fn lookup(sources: &[Source], profile: &str, key: &str) -> Option<(String, String)> {
    let var = env_key(profile, key);
    if let Ok(v) = std::env::var(&var) {
        return Some((v, var));
    }
    sources
        .iter()
        .find_map(|s| s.key(profile, key).map(|v| (v, s.name.clone())))
}

/// `Some` when the build these flags describe aborts on panic.
pub fn panic_abort(args: &CargoArgs, workspace_root: &Path) -> Option<AbortSetting> {
    let profile = profile_name(args);
    for var in ["CARGO_ENCODED_RUSTFLAGS", "RUSTFLAGS"] {
        if let Ok(flags) = std::env::var(var) {
            let flags = flags.replace('\u{1f}', " ");
            let compact = flags.replace(' ', "");
            if compact.contains("-Cpanic=abort") || compact.contains("--codegenpanic=abort") {
                return Some(AbortSetting {
                    set_in_profile: profile.clone(),
                    profile,
                    source: var.to_string(),
                });
            }
        }
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| workspace_root.to_path_buf());
    let mut sources: Vec<Source> = config_files(&cwd)
        .iter()
        .filter_map(|p| read_toml(p))
        .collect();
    sources.extend(read_toml(&workspace_root.join("Cargo.toml")));
    let mut current = profile.clone();
    // Follow `inherits` (bounded: a cycle is cargo's error to report, not ours).
    for _ in 0..16 {
        if let Some((value, source)) = lookup(&sources, &current, "panic") {
            return (value == "abort").then(|| AbortSetting {
                profile: profile.clone(),
                set_in_profile: current.clone(),
                source,
            });
        }
        current = match current.as_str() {
            "dev" | "release" => return None,
            "test" => "dev".to_string(),
            "bench" => "release".to_string(),
            _ => lookup(&sources, &current, "inherits")?.0,
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        Source {
            name: "Cargo.toml".to_string(),
            doc: text.parse().unwrap(),
        }
    }

    #[test]
    fn keys_are_read_per_profile() {
        let s = source(
            "[profile.release]\npanic = \"abort\"\n[profile.dist]\ninherits = \"release\"\n",
        );
        assert_eq!(s.key("release", "panic").as_deref(), Some("abort"));
        assert_eq!(s.key("dist", "inherits").as_deref(), Some("release"));
        assert_eq!(s.key("dev", "panic"), None);
    }

    #[test]
    fn env_names_follow_cargo() {
        assert_eq!(
            env_key("release-lto", "panic"),
            "CARGO_PROFILE_RELEASE_LTO_PANIC"
        );
    }

    #[test]
    fn profile_names() {
        assert_eq!(profile_name(&CargoArgs::default()), "dev");
        let release = CargoArgs {
            release: true,
            ..CargoArgs::default()
        };
        assert_eq!(profile_name(&release), "release");
    }
}
