//! Command-line interface (clap derive).

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand};

use crate::status::Verbosity;

/// Generate C, C# and Python bindings and packages from a Rust library whose items are marked `#[ffi]`.
#[derive(Debug, Parser)]
#[command(name = "cargo-interop", bin_name = "cargo interop", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Use verbose output (-vv very verbose: passed on to cargo).
    #[arg(short, long, global = true, action = ArgAction::Count, conflicts_with = "quiet")]
    pub verbose: u8,
    /// Do not print status lines or warnings (errors only).
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

impl Cli {
    /// The verbosity `-q` / `-v` ask for.
    pub fn verbosity(&self) -> Verbosity {
        Verbosity::from_flags(self.quiet, self.verbose)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the library, read its inventory and write every configured language's bindings and packages.
    Build(BuildCommand),
    /// Regenerate everything in memory and compare it with the files on disk (never writes): exit 0
    /// when they are up to date, 1 when a file differs, is missing or would be removed.
    Check(CheckCommand),
    /// Write a commented Interop.toml for the crate (never overwrites an existing one).
    Init(InitArgs),
    /// Build the library and print what it exports through `#[ffi]`.
    Inspect(InspectArgs),
}

/// Which package to use and how to build it (passed through to `cargo build`).
#[derive(Debug, Clone, Default, Args)]
pub struct CargoArgs {
    /// Path to Cargo.toml (default: the nearest one from the current directory up).
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,
    /// Package to bind (needed in a workspace with several cdylib packages).
    #[arg(short, long, value_name = "SPEC")]
    pub package: Option<String>,
    /// Build the library in release mode.
    #[arg(short, long)]
    pub release: bool,
    /// Build the library with the given cargo profile.
    #[arg(long, value_name = "PROFILE-NAME", conflicts_with = "release")]
    pub profile: Option<String>,
    /// Space or comma separated list of features to activate.
    #[arg(short = 'F', long, value_name = "FEATURES")]
    pub features: Vec<String>,
    /// Activate all available features.
    #[arg(long)]
    pub all_features: bool,
    /// Do not activate the `default` feature.
    #[arg(long)]
    pub no_default_features: bool,
    /// Directory for all generated artifacts of cargo.
    #[arg(long, value_name = "DIRECTORY")]
    pub target_dir: Option<PathBuf>,
    /// Build for the target triple (the library must still be loadable on this machine).
    #[arg(long, value_name = "TRIPLE")]
    pub target: Option<String>,
}

/// `cargo interop build`: the build arguments plus the flags only the command line has.
#[derive(Debug, Clone, Default, Args)]
pub struct BuildCommand {
    #[command(flatten)]
    pub args: BuildArgs,
    /// Regenerate and repackage even when the fingerprint says the outputs are up to date.
    #[arg(long)]
    pub force: bool,
    /// Fail when a package cannot be built because its tool is missing (default: warn, and write
    /// everything else).
    #[arg(long)]
    pub strict: bool,
}

/// `cargo interop check`.
#[derive(Debug, Clone, Default, Args)]
pub struct CheckCommand {
    #[command(flatten)]
    pub args: BuildArgs,
    /// Also print a unified diff of each text file that differs.
    #[arg(long)]
    pub diff: bool,
    /// Fail when a package cannot be regenerated because its tool is missing (default: warn, and
    /// leave that package's file unchecked).
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Clone, Default, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub cargo: CargoArgs,
    /// Path to Interop.toml (default: next to the package's Cargo.toml).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Default, Args)]
pub struct InitArgs {
    /// Path to Cargo.toml (default: the nearest one from the current directory up).
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,
    /// Package to write the configuration for.
    #[arg(short, long, value_name = "SPEC")]
    pub package: Option<String>,
    /// Where to write the file (default: Interop.toml next to the package's Cargo.toml).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Default, Args)]
pub struct InspectArgs {
    #[command(flatten)]
    pub cargo: CargoArgs,
    /// Print the inventory as pretty JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}
