//! `cargo interop`: build a Rust library whose items are marked `#[ffi]`, read its inventory and
//! generate C, C# and Python bindings and packages.
//!
//! The binary is a thin wrapper around [`run`]; benchmarks call [`commands::build::build_with_timings`]
//! to time each phase.

pub mod cargo;
pub mod cli;
pub mod commands;
pub mod config;
pub mod fingerprint;
pub mod loader;
pub mod output;
pub mod profile;
pub mod status;

pub use commands::build::{BuildReport, Timings, build_with_timings};

use anyhow::Result;

/// Run a parsed command line. `Ok(false)`: the command ran and its answer is "no" (`check` found
/// outputs out of date), the process exits with 1.
pub fn run(cli: &cli::Cli, status: &status::Status) -> Result<bool> {
    let status = status.with_verbosity(cli.verbosity());
    let status = &status;
    match &cli.command {
        cli::Command::Build(cmd) => {
            commands::build::run_incremental(&cmd.args, cmd.force, cmd.strict, status).map(|_| true)
        }
        cli::Command::Check(cmd) => commands::check::run(cmd, status),
        cli::Command::Init(args) => commands::init::run(args, status).map(|()| true),
        cli::Command::Inspect(args) => commands::inspect::run(args, status).map(|()| true),
    }
}

/// The command-line arguments with cargo's `interop` (argv[1] when run as `cargo interop`) removed.
pub fn args_from_env() -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "interop") {
        args.remove(1);
    }
    args
}
