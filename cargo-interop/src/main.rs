use std::process::ExitCode;

use interop_backends::registry;

fn main() -> ExitCode {
    cargo_interop::main_with(&registry::builtin())
}
