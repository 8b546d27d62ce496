//! The inventory model: what a cdylib built with `#[ffi]` tells `cargo interop` about itself.
//!
//! The model is plain data (serde). It is produced inside the user's library at run time (see
//! [`crate::registry`]), serialized to JSON by the exported inventory symbol, and read back by the CLI,
//! which hands it to the backends. Everything a backend needs is here; backends never look at Rust code.
//!
//! Types are stored once, in [`Inventory::types`], and referenced from signatures and fields by a
//! stable [`TypeId`] (the Rust path of the type), so a struct used by fifty functions is described once.
//!
//! The schema is versioned by [`SCHEMA_VERSION`]; any change that an older reader could misread bumps it.
//! (2: the inventory carries the [target facts](TargetFacts) measured in the library. 3: strings,
//! slices and vectors (`TypeRef::{Str, String, CStr, Slice, Vec}`); records holding them are
//! described with the layout of their ABI mirror. 4: callbacks and function pointers
//! (`TypeRef::{Callback, FnPointer}`, `TypeKind::Callback`).)
//! Optional fields that a reader of the same version may ignore do not bump it: they are
//! `#[serde(default)]` and left out when empty (`Function::kind`; a callback's
//! [`alias_hint`](CallbackType::alias_hint), ADR 42, which the library already used to set
//! `CallbackType::name`).
//!
//! The public enums are `#[non_exhaustive]`: constructs are added over time, and a backend written
//! against this model (a third-party one too) keeps compiling and reports what it does not know.

use serde::{Deserialize, Serialize};

mod callback_names;
mod defs;
mod display;
mod functions;
mod identity;
mod target;
mod types;
mod validate;
mod wide_int;

#[cfg(test)]
mod tests;

pub use callback_names::{
    CallbackNaming, NamedCallback, anchor_hint, callback_name, module_of, named_callbacks,
};
pub use defs::{
    CallbackDef, DataEnumDef, DataVariant, EnumDef, Field, StructDef, StructLayout, TypeDef,
    TypeKind, Variant,
};
pub use functions::{ConstValue, Constant, Function, FunctionKind, Param, Receiver};
pub use target::{Endianness, FixedShape, Layout, TargetFacts};
pub use types::{
    ArrayType, CallbackOwnership, CallbackType, FnPointerType, PointerKind, PointerType, Primitive,
    ResultType, SliceType, TypeRef, VecType,
};

/// Version of the serialized inventory schema. Bump on every incompatible change.
pub const SCHEMA_VERSION: u32 = 4;

/// Name of the symbol every cdylib using interop-core exports. Its signature never changes across schema
/// versions: `extern "C" fn(len: *mut usize) -> *const u8`, returning UTF-8 JSON owned by the library.
pub const INVENTORY_SYMBOL: &str = "interop_inventory";

/// Name of the symbol returning the [hash](Inventory::hash) of the library's inventory:
/// `extern "C" fn() -> *const c_char`, a NUL-terminated string of 16 hex digits owned by the library
/// (NULL only if computing it failed). The bindings compare it with the hash they were generated from.
pub const INVENTORY_HASH_SYMBOL: &str = "interop_inventory_hash";

/// Every symbol interop-core itself exports from a library: the inventory and the error channel.
/// Backends must not give these names to anything else, and `#[ffi]` items cannot use them.
pub const RESERVED_SYMBOLS: &[&str] = &[
    INVENTORY_SYMBOL,
    INVENTORY_HASH_SYMBOL,
    "interop_panic_pending",
    "interop_take_panic",
    "interop_take_error",
    "interop_string_free",
    "interop_buffer_free",
    "interop_buffer_alloc",
    "interop_python_error_hook",
    "interop_callback_failed",
    "interop_callback_unhandled_hook",
    "interop_python_api_names",
    "interop_python_init",
    "interop_guard_mode",
    "interop_guard_enter",
    "interop_guard_take",
    "interop_guard_leave",
    "interop_guard_close",
];

/// A stable identifier of a named type: the Rust path of its definition, e.g. `my_crate::geometry::Vec2`.
pub type TypeId = String;

/// Everything a library exports through `#[ffi]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inventory {
    /// Always [`SCHEMA_VERSION`] of the interop-core that produced it.
    pub schema_version: u32,
    /// Version of the interop-core crate compiled into the library.
    pub core_version: String,
    /// Facts about the target the library was built for (pointer size, endianness, the layout of
    /// each fixed ABI shape), measured inside the library: backends never guess them from a triple.
    pub target: TargetFacts,
    /// Every named type, sorted by id.
    pub types: Vec<TypeDef>,
    /// Every exported function, sorted by (module, name).
    pub functions: Vec<Function>,
    /// Every exported constant, sorted by (module, name).
    pub constants: Vec<Constant>,
    /// Set on a backend's view of the library's inventory ([`Inventory::for_bindings`]): the hash
    /// of the whole inventory, which [`Inventory::hash`] returns (the library's
    /// `interop_inventory_hash` is of the whole one). Never serialized.
    #[serde(skip)]
    pub library_hash: Option<String>,
}

/// Doc comment lines, without the leading `///` and with one leading space removed.
pub type Docs = Vec<String>;

impl Inventory {
    /// An empty inventory of this schema for the host target (a starting point for tools and tests
    /// that build inventories by hand).
    pub fn empty() -> Self {
        Inventory {
            schema_version: SCHEMA_VERSION,
            core_version: env!("CARGO_PKG_VERSION").to_string(),
            target: TargetFacts::host(),
            types: Vec::new(),
            functions: Vec::new(),
            constants: Vec::new(),
            library_hash: None,
        }
    }

    /// True when a function, a field or a named callback type mentions the primitive `p` (C
    /// declares `<Prefix>Ordering` only then).
    pub fn mentions(&self, p: Primitive) -> bool {
        self.functions
            .iter()
            .any(|f| f.returns.mentions(p) || f.params.iter().any(|a| a.ty.mentions(p)))
            || self.types.iter().any(|t| match &t.kind {
                TypeKind::Struct(s) => s.fields.iter().any(|f| f.ty.mentions(p)),
                TypeKind::DataEnum(e) => e
                    .variants
                    .iter()
                    .any(|v| v.fields.iter().any(|f| f.ty.mentions(p))),
                TypeKind::Callback(c) => {
                    c.params.iter().any(|t| t.mentions(p)) || c.returns.mentions(p)
                }
                _ => false,
            })
    }

    /// What a backend binds: without the functions of the other variant of a method returning data
    /// borrowed from its object (ADR 31): C binds the [`FunctionKind::BorrowedView`], C# and
    /// Python the [`FunctionKind::OwnedCopy`]. Borrowed when there are none (the common case); the
    /// view keeps the whole inventory's hash.
    pub fn for_bindings(&self, views: bool) -> std::borrow::Cow<'_, Inventory> {
        let other = if views {
            FunctionKind::OwnedCopy
        } else {
            FunctionKind::BorrowedView
        };
        self.without(other)
    }

    /// This inventory without the functions of `kind` (Python binds no
    /// [`FunctionKind::Dispose`], ADR 40), keeping the whole inventory's hash. Borrowed when there
    /// are none.
    pub fn without(&self, kind: FunctionKind) -> std::borrow::Cow<'_, Inventory> {
        if !self.functions.iter().any(|f| f.kind == kind) {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut view = self.clone();
        view.library_hash = Some(self.hash());
        view.functions.retain(|f| f.kind != kind);
        std::borrow::Cow::Owned(view)
    }

    /// Look up a type definition by id.
    pub fn type_def(&self, id: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.types[i])
    }
}
