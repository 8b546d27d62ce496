//! Collects descriptors from the `linkme` slices into an [`Inventory`].
//!
//! `#[ffi]` registers one constructor function per item in [`FUNCTIONS`], [`TYPES`] or [`CONSTANTS`].
//! Types are described through the [`FfiType`](crate::FfiType) traits, which register each named type
//! once in a [`Registry`] and hand back a [`TypeRef`].

use std::collections::BTreeMap;

use crate::model::{Constant, Function, Inventory, SCHEMA_VERSION, TypeDef, TypeId, TypeRef};

/// One entry per `#[ffi]` function (free or in an `impl` block).
#[linkme::distributed_slice]
pub static FUNCTIONS: [fn(&mut Registry) -> Function];

/// One entry per `#[ffi]` struct / enum / opaque type, so that types no function uses are exported too.
#[linkme::distributed_slice]
pub static TYPES: [fn(&mut Registry) -> TypeRef];

/// One entry per `#[ffi]` constant.
#[linkme::distributed_slice]
pub static CONSTANTS: [fn(&mut Registry) -> Constant];

/// Named types seen so far, by id.
#[derive(Default)]
pub struct Registry {
    types: BTreeMap<TypeId, Option<TypeDef>>,
}

impl Registry {
    pub fn new() -> Self {
        Self::default()
    }

    /// Register the named type `id`, building its definition with `build` the first time it is seen.
    /// Recursion through pointers (`struct Node { next: *const Node }`) is fine: while `build` runs,
    /// the id is already reserved and nested requests return the reference without rebuilding.
    pub fn named(&mut self, id: &str, build: impl FnOnce(&mut Registry) -> TypeDef) -> TypeRef {
        if !self.types.contains_key(id) {
            self.types.insert(id.to_string(), None);
            let def = build(self);
            debug_assert_eq!(def.id, id);
            self.types.insert(id.to_string(), Some(def));
        }
        TypeRef::named(id)
    }

    /// Finish: every type must have been built.
    pub fn into_types(self) -> Vec<TypeDef> {
        self.types.into_values().flatten().collect()
    }
}

/// Build the inventory of everything `#[ffi]` registered in the final binary.
pub fn collect() -> Inventory {
    let mut reg = Registry::new();
    for register in TYPES.iter() {
        register(&mut reg);
    }
    let mut functions: Vec<Function> = FUNCTIONS.iter().map(|f| f(&mut reg)).collect();
    let mut constants: Vec<Constant> = CONSTANTS.iter().map(|c| c(&mut reg)).collect();
    functions.sort_by(|a, b| (&a.module, &a.name, &a.symbol).cmp(&(&b.module, &b.name, &b.symbol)));
    constants.sort_by(|a, b| (&a.module, &a.name).cmp(&(&b.module, &b.name)));
    Inventory {
        schema_version: SCHEMA_VERSION,
        core_version: env!("CARGO_PKG_VERSION").to_string(),
        types: reg.into_types(),
        functions,
        constants,
    }
}
