use std::process::ExitCode;

use clap::Parser;

use cargo_interop::cli::Cli;
use cargo_interop::status::Status;

fn main() -> ExitCode {
    let cli = match Cli::try_parse_from(cargo_interop::args_from_env()) {
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
    let status = Status::from_env();
    match cargo_interop::run(&cli, &status) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            status.error(&format!("{e:#}"));
            ExitCode::FAILURE
        }
    }
}
