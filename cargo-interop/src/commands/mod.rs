//! The subcommands.

pub mod build;
pub mod check;
pub mod diagnose;
pub mod generate;
pub mod init;
pub mod inspect;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;
use interop_core::model::Inventory;

use crate::cargo::{self, SelectedPackage};
use crate::cli::CargoArgs;
use crate::loader;
use crate::status::{Status, display_path};

/// A built library and what it exports.
pub struct Loaded {
    pub library: PathBuf,
    pub inventory: Inventory,
    pub cargo_build: Duration,
    pub inventory_load: Duration,
}

/// `cargo build` the package's cdylib, then load its inventory.
///
/// An empty inventory is a warning, not an error: the library may be meant to grow, and the bindings
/// of an empty library (the error channel only) are still valid. `generating` adds that to the warning.
pub fn build_and_load(
    pkg: &SelectedPackage,
    args: &CargoArgs,
    status: &Status,
    generating: bool,
) -> Result<Loaded> {
    pkg.require_cdylib()?;
    let started = Instant::now();
    let library = cargo::build_cdylib(pkg, args, status.verbosity())?;
    let cargo_build = started.elapsed();
    let (inventory, inventory_load) = load(pkg, &library, status, generating)?;
    Ok(Loaded {
        library,
        inventory,
        cargo_build,
        inventory_load,
    })
}

/// Load the inventory of the built `library` (status line, empty-inventory warning); also returns
/// how long it took.
pub fn load(
    pkg: &SelectedPackage,
    library: &Path,
    status: &Status,
    generating: bool,
) -> Result<(Inventory, Duration)> {
    let started = Instant::now();
    let inventory = loader::load_inventory(library)?;
    let inventory_load = started.elapsed();
    status.status(
        "Loaded",
        &format!(
            "inventory of `{}` from {} ({})",
            pkg.package.name,
            display_path(library),
            summary(&inventory)
        ),
    );
    if is_empty(&inventory) {
        warn_empty(library, status, generating);
    }
    Ok((inventory, inventory_load))
}

/// True when the library exports no `#[ffi]` item at all.
pub fn is_empty(inventory: &Inventory) -> bool {
    inventory.types.is_empty() && inventory.functions.is_empty() && inventory.constants.is_empty()
}

fn warn_empty(library: &Path, status: &Status, generating: bool) {
    let consequence = if generating {
        "; the bindings will contain only the error-channel functions"
    } else {
        ""
    };
    status.warning(&format!(
        "`{}` exports no #[ffi] items (its inventory is empty){consequence}\n  = help: mark functions, \
         types or constants with #[ffi]; #[ffi] items of a dependency are only linked when the crate \
         names it (`use that_crate as _;`)",
        display_path(library)
    ));
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `3 types, 10 functions, 2 constants`.
pub fn summary(inventory: &Inventory) -> String {
    format!(
        "{}, {}, {}",
        plural(inventory.types.len(), "type", "types"),
        plural(inventory.functions.len(), "function", "functions"),
        plural(inventory.constants.len(), "constant", "constants")
    )
}
