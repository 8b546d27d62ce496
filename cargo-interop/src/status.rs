//! Cargo-style status lines on stderr: a right-aligned verb in a 12-column field, bold green on a
//! terminal (`  Generating C → bindings/c/include/x.h`).

use std::io::{IsTerminal, Write};
use std::path::Path;

/// How much to print, as cargo's `-q` / `-v` / `-vv` choose it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Verbosity {
    /// `-q`: errors only (cargo's quiet: no status lines, no warnings).
    Quiet,
    #[default]
    Normal,
    /// `-v`: also what is done to each file and why a build is not fresh.
    Verbose,
    /// `-vv`: cargo's very verbose (cargo-interop prints the same as `-v`).
    VeryVerbose,
}

impl Verbosity {
    /// From the counts of `-q` and `-v` on the command line.
    pub fn from_flags(quiet: bool, verbose: u8) -> Self {
        match (quiet, verbose) {
            (true, _) => Verbosity::Quiet,
            (false, 0) => Verbosity::Normal,
            (false, 1) => Verbosity::Verbose,
            (false, _) => Verbosity::VeryVerbose,
        }
    }

    /// The same verbosity for `cargo` (`-q`, `-v`, `-vv`), if not the default.
    pub fn cargo_flag(self) -> Option<&'static str> {
        match self {
            Verbosity::Quiet => Some("--quiet"),
            Verbosity::Normal => None,
            Verbosity::Verbose => Some("-v"),
            Verbosity::VeryVerbose => Some("-vv"),
        }
    }
}

/// Prints status, warning and error lines to stderr.
#[derive(Debug, Clone, Copy)]
pub struct Status {
    color: bool,
    verbosity: Verbosity,
}

const GREEN: &str = "\x1b[1;32m";
const YELLOW: &str = "\x1b[1;33m";
const RED: &str = "\x1b[1;31m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

impl Status {
    /// Colors follow `CARGO_TERM_COLOR` (`always`, `never`, `auto`), else whether stderr is a terminal.
    pub fn from_env() -> Self {
        let color = match std::env::var("CARGO_TERM_COLOR").as_deref() {
            Ok("always") => true,
            Ok("never") => false,
            _ => std::io::stderr().is_terminal(),
        };
        Self {
            color,
            verbosity: Verbosity::Normal,
        }
    }

    /// A printer that prints nothing but errors (for library callers such as benchmarks).
    pub fn silent() -> Self {
        Self {
            color: false,
            verbosity: Verbosity::Quiet,
        }
    }

    /// The same printer with another verbosity.
    pub fn with_verbosity(self, verbosity: Verbosity) -> Self {
        Self { verbosity, ..self }
    }

    pub fn verbosity(&self) -> Verbosity {
        self.verbosity
    }

    /// `{verb:>12} {message}`.
    pub fn status(&self, verb: &str, message: &str) {
        if self.verbosity == Verbosity::Quiet {
            return;
        }
        let line = if self.color {
            format!("{GREEN}{verb:>12}{RESET} {message}\n")
        } else {
            format!("{verb:>12} {message}\n")
        };
        let _ = std::io::stderr().write_all(line.as_bytes());
    }

    /// A status line printed only with `-v`.
    pub fn verbose(&self, verb: &str, message: &str) {
        if self.verbosity >= Verbosity::Verbose {
            self.status(verb, message);
        }
    }

    /// `warning: {message}` (not printed with `-q`, like cargo's warnings).
    pub fn warning(&self, message: &str) {
        if self.verbosity == Verbosity::Quiet {
            return;
        }
        let line = if self.color {
            format!("{YELLOW}warning{RESET}{BOLD}:{RESET} {message}\n")
        } else {
            format!("warning: {message}\n")
        };
        let _ = std::io::stderr().write_all(line.as_bytes());
    }

    /// `error: {message}` (printed even when quiet).
    pub fn error(&self, message: &str) {
        let line = if self.color {
            format!("{RED}error{RESET}{BOLD}:{RESET} {message}\n")
        } else {
            format!("error: {message}\n")
        };
        let _ = std::io::stderr().write_all(line.as_bytes());
    }
}

/// A path for humans: relative to the current directory when it is below it.
pub fn display_path(path: &Path) -> String {
    if let Ok(cwd) = std::env::current_dir()
        && let Ok(rel) = path.strip_prefix(&cwd)
        && !rel.as_os_str().is_empty()
    {
        return rel.display().to_string();
    }
    path.display().to_string()
}
