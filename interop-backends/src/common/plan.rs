//! What goes where, decided once for every backend: methods by owner type, free functions, constants
//! and types by module, in a deterministic order.

use std::collections::BTreeMap;

use interop_core::model::{Constant, Function, Inventory, TypeDef};

/// The items of one module (`#[ffi(module = "…")]`; `None` is the crate's top level).
#[derive(Debug, Default)]
pub struct ModulePlan<'a> {
    /// Free functions, in inventory order (sorted by name).
    pub functions: Vec<&'a Function>,
    /// Constants, in inventory order (sorted by name).
    pub constants: Vec<&'a Constant>,
    /// Types declared in the module, in inventory order (sorted by id).
    pub types: Vec<&'a TypeDef>,
}

/// The inventory grouped for rendering.
#[derive(Debug)]
pub struct Plan<'a> {
    /// Functions of `#[ffi] impl` blocks, by owner type id, in inventory order.
    pub methods: BTreeMap<&'a str, Vec<&'a Function>>,
    /// Every module that has free functions, constants or types; the top level (`None`) is always
    /// present and comes first.
    pub modules: BTreeMap<Option<&'a str>, ModulePlan<'a>>,
    /// Every type, each after the types it contains by value.
    pub types_in_dependency_order: Vec<&'a TypeDef>,
}

/// A method whose owner type is not in the inventory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownOwner {
    pub function: String,
    pub owner: String,
}

impl std::fmt::Display for UnknownOwner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "invalid inventory: `{}` belongs to the unknown type `{}`",
            self.function, self.owner
        )
    }
}

impl<'a> Plan<'a> {
    pub fn new(inv: &'a Inventory) -> Result<Self, UnknownOwner> {
        let mut methods: BTreeMap<&str, Vec<&Function>> = BTreeMap::new();
        let mut modules: BTreeMap<Option<&str>, ModulePlan> = BTreeMap::new();
        modules.insert(None, ModulePlan::default());
        for f in &inv.functions {
            match &f.owner {
                Some(owner) => {
                    if inv.type_def(owner).is_none() {
                        return Err(UnknownOwner {
                            function: f.rust_path.clone(),
                            owner: owner.clone(),
                        });
                    }
                    methods.entry(owner.as_str()).or_default().push(f)
                }
                None => modules
                    .entry(f.module.as_deref())
                    .or_default()
                    .functions
                    .push(f),
            }
        }
        for c in &inv.constants {
            modules
                .entry(c.module.as_deref())
                .or_default()
                .constants
                .push(c);
        }
        for t in &inv.types {
            modules
                .entry(t.module.as_deref())
                .or_default()
                .types
                .push(t);
        }
        Ok(Plan {
            methods,
            modules,
            types_in_dependency_order: inv.types_in_dependency_order(),
        })
    }

    /// The methods of type `id` (empty when it has none).
    pub fn methods_of(&self, id: &str) -> &[&'a Function] {
        self.methods.get(id).map_or(&[], Vec::as_slice)
    }
}
