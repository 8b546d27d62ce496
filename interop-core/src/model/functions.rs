//! Exported functions and constants.

use serde::{Deserialize, Serialize};

use super::{Docs, TypeId, TypeRef, wide_int};

/// An exported function (a free function or an associated function / method of an `#[ffi] impl`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Function {
    /// Name in the bindings (before each language applies its own casing).
    pub name: String,
    /// Name of the Rust function.
    pub rust_name: String,
    /// The Rust path of the function (`my_crate::geometry::area`, `my_crate::Counter::get` for a
    /// method): what diagnostics name.
    pub rust_path: String,
    /// The exported symbol of the `extern "C"` shim.
    pub symbol: String,
    /// Namespace from `#[ffi(module = "…")]`, if any.
    pub module: Option<String>,
    /// For functions of an `#[ffi] impl T` block: the id of `T`.
    pub owner: Option<TypeId>,
    /// For methods: how `self` is taken. The receiver is also the first entry of `params`
    /// (named `self`), so backends that do not care about methods can ignore this field.
    pub receiver: Option<Receiver>,
    /// What the function is for, beyond its signature (absent in older inventories: a plain function).
    #[serde(default)]
    pub kind: FunctionKind,
    pub docs: Docs,
    pub params: Vec<Param>,
    pub returns: TypeRef,
}

/// What a function is for. Bindings may give each kind its own idiom (a destructor becomes
/// `Dispose`/`close`, and a second call is refused before it reaches the library).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunctionKind {
    /// An ordinary function or method.
    #[default]
    Function,
    /// `#[ffi(destructor)]` in an `#[ffi] impl T`: frees the handle it takes (its only parameter,
    /// `*mut T`; it returns nothing). Its shim ignores NULL (no call, no error); a handle must still
    /// be destroyed at most once.
    Destructor,
    /// A method returning `&[T]`, `&str` or `&CStr` borrowed from its object: the view, valid until
    /// the next `&mut self` call on the object or its free (ADR 31). Only C binds it; the other
    /// languages bind its [`FunctionKind::OwnedCopy`] twin.
    BorrowedView,
    /// The twin of a [`FunctionKind::BorrowedView`] method (same name, symbol `<symbol>_copy`):
    /// returns an owned copy (`Vec<T>`, `String`) made while the object is locked. C# and Python
    /// bind it under the method's name; C does not.
    OwnedCopy,
    /// A service's `<prefix><type>_dispose` (ADR 40): closes the object without freeing its
    /// handle. It waits for the calls in progress, drops the value if it is still there, and
    /// leaves the cell empty: later calls fail ("closed"), a second dispose does nothing, the
    /// type's [`FunctionKind::Destructor`] still frees the handle. Its shim ignores NULL. C and C#
    /// bind it; Python does not (its bindings free with `_free` only).
    Dispose,
}

#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Receiver {
    /// `&self`
    Ref,
    /// `&mut self`
    RefMut,
    /// `self` (by value; not allowed for opaque types)
    Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Param {
    /// Parameter name in the bindings (`self` for receivers).
    pub name: String,
    pub ty: TypeRef,
}

/// An exported constant. Its value is computed in the library at inventory time, so
/// `const X: u32 = 1 << 4;` is recorded as 16.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Constant {
    pub name: String,
    pub rust_name: String,
    /// The Rust path of the constant (`my_crate::limits::MAX`).
    pub rust_path: String,
    pub module: Option<String>,
    pub docs: Docs,
    pub ty: TypeRef,
    pub value: ConstValue,
}

#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum ConstValue {
    Bool(bool),
    /// Any integer constant, and the value of an enum-typed constant.
    Int(#[serde(deserialize_with = "wide_int::deserialize")] i128),
    /// The IEEE-754 bits of an `f32` constant (exact, NaN and infinities included).
    F32Bits(u32),
    /// The IEEE-754 bits of an `f64` constant.
    F64Bits(u64),
}

/// Plain constructors: a name used as both bindings and Rust name, no docs, no module. A starting point
/// for tests and tools that build inventories by hand (set the other fields afterwards).
impl Function {
    /// A free function whose symbol is its name.
    pub fn new(name: impl Into<String>, params: Vec<Param>, returns: TypeRef) -> Self {
        let name = name.into();
        Function {
            rust_name: name.clone(),
            rust_path: format!("crate::{name}"),
            symbol: name.clone(),
            name,
            module: None,
            owner: None,
            receiver: None,
            kind: FunctionKind::Function,
            docs: Vec::new(),
            params,
            returns,
        }
    }

    /// The Rust module the function's signature is written in, as far as the inventory knows: the
    /// module of a free function, the module of its type for a method (ADR 42 resolves the callback
    /// types a signature spells relative to it).
    pub fn module_path(&self) -> &str {
        super::module_of(self.owner.as_deref().unwrap_or(&self.rust_path))
    }
}

impl Param {
    pub fn new(name: impl Into<String>, ty: TypeRef) -> Self {
        Param {
            name: name.into(),
            ty,
        }
    }
}

impl Constant {
    pub fn new(name: impl Into<String>, ty: TypeRef, value: ConstValue) -> Self {
        let name = name.into();
        Constant {
            rust_name: name.clone(),
            rust_path: format!("crate::{name}"),
            name,
            module: None,
            docs: Vec::new(),
            ty,
            value,
        }
    }
}
