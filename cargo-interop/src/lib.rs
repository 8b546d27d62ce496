//! `cargo interop`: build a Rust library whose items are marked `#[ffi]`, read its inventory and
//! generate C, C# and Python bindings and packages.
//!
//! The binary is a thin wrapper around [`main_with`] and the built-in backends
//! ([`interop_backends::registry::builtin`]); benchmarks call [`commands::build::build_with_timings`]
//! to time each phase.
//!
//! A third-party backend is plugged in without forking: a binary of its own registers its
//! [`BackendFactory`](interop_backends::registry::BackendFactory) next to the built-in ones and hands
//! the registry to [`main_with`]; its `[key]` section in Interop.toml then configures it, and it takes
//! part in the diagnostics pass like the others.
//!
//! ```no_run
//! # use interop_backends::registry::{self, BackendFactory};
//! # fn my_factory() -> impl BackendFactory + 'static { struct F; impl BackendFactory for F {
//! #     fn key(&self) -> &str { "lua" }
//! #     fn capabilities(&self) -> interop_backends::common::capability::Capabilities {
//! #         interop_backends::c::capabilities::CAPABILITIES }
//! #     fn create(&self, _: &registry::Section<'_>)
//! #         -> Result<registry::Configured, registry::ConfigError> { unimplemented!() } } F }
//! fn main() -> std::process::ExitCode {
//!     let mut backends = registry::builtin();
//!     backends.register(my_factory());
//!     cargo_interop::main_with(&backends)
//! }
//! ```

pub mod cargo;
pub mod cli;
pub mod commands;
pub mod config;
pub mod fingerprint;
pub mod loader;
pub mod output;
pub mod profile;
pub mod status;

pub use commands::build::{BuildReport, Timings, build_with, build_with_timings};

use std::process::ExitCode;

use anyhow::Result;
use clap::Parser as _;
use interop_backends::registry::{self, Registry};

/// Run a parsed command line with the built-in backends. `Ok(false)`: the command ran and its answer
/// is "no" (`check` found outputs out of date), the process exits with 1.
pub fn run(cli: &cli::Cli, status: &status::Status) -> Result<bool> {
    run_with(cli, &registry::builtin(), status)
}

/// [`run`] with the backends of `registry`.
pub fn run_with(cli: &cli::Cli, registry: &Registry, status: &status::Status) -> Result<bool> {
    let status = status.with_verbosity(cli.verbosity());
    let status = &status;
    match &cli.command {
        cli::Command::Build(cmd) => {
            commands::build::run_incremental(&cmd.args, registry, cmd.force, cmd.strict, status)
                .map(|_| true)
        }
        cli::Command::Check(cmd) => commands::check::run(cmd, registry, status),
        cli::Command::Init(args) => commands::init::run(args, registry, status).map(|()| true),
        cli::Command::Inspect(args) => commands::inspect::run(args, status).map(|()| true),
    }
}

/// The whole `cargo-interop` program with the backends of `registry`: parse the command line, run
/// it, print the error if any, and return the exit code (0; 1 for an error or a `check` that found
/// differences; 2 for a usage error).
pub fn main_with(registry: &Registry) -> ExitCode {
    let cli = match cli::Cli::try_parse_from(args_from_env()) {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with success; usage errors to stderr with exit code 2.
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let status = status::Status::from_env();
    match run_with(&cli, registry, &status) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            status.error(&format!("{e:#}"));
            ExitCode::FAILURE
        }
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
