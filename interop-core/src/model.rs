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

use serde::{Deserialize, Serialize};

/// Version of the serialized inventory schema. Bump on every incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// Name of the symbol every cdylib using interop-core exports. Its signature never changes across schema
/// versions: `extern "C" fn(len: *mut usize) -> *const u8`, returning UTF-8 JSON owned by the library.
pub const INVENTORY_SYMBOL: &str = "interop_inventory";

/// Every symbol interop-core itself exports from a library: the inventory and the error channel.
/// Backends must not give these names to anything else, and `#[ffi]` items cannot use them.
pub const RESERVED_SYMBOLS: &[&str] = &[
    INVENTORY_SYMBOL,
    "interop_panic_pending",
    "interop_take_panic",
    "interop_string_free",
    "interop_python_error_hook",
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
    /// Every named type, sorted by id.
    pub types: Vec<TypeDef>,
    /// Every exported function, sorted by (module, name).
    pub functions: Vec<Function>,
    /// Every exported constant, sorted by (module, name).
    pub constants: Vec<Constant>,
}

/// Doc comment lines, without the leading `///` and with one leading space removed.
pub type Docs = Vec<String>;

/// A named type: a struct, an enum or an opaque type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeDef {
    /// Stable id (Rust path).
    pub id: TypeId,
    /// Name in the bindings (the Rust name unless renamed with `#[ffi(name = "…")]`).
    pub name: String,
    /// Name of the Rust item.
    pub rust_name: String,
    /// Namespace from `#[ffi(module = "…")]`, if any.
    pub module: Option<String>,
    pub docs: Docs,
    /// `size_of` in bytes on the target the library was built for (0 for opaque types).
    pub size: u64,
    /// `align_of` in bytes on the target the library was built for (1 for opaque types).
    pub align: u64,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeKind {
    /// A struct laid out as `repr(C)`, `repr(C, packed)` or `repr(transparent)`.
    Struct(StructDef),
    /// A C-like enum with an explicit integer storage type.
    Enum(EnumDef),
    /// A type whose contents are hidden; it only crosses the boundary behind a pointer.
    Opaque,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StructLayout {
    /// `#[repr(C)]`.
    C,
    /// `#[repr(C, packed)]`: no padding, alignment 1.
    Packed,
    /// `#[repr(transparent)]`: exactly one non-zero-sized field, same ABI as that field.
    Transparent,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StructDef {
    pub layout: StructLayout,
    /// True for tuple structs; their fields are named `_0`, `_1`, … in `rust_name`.
    pub tuple: bool,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// Name in the bindings.
    pub name: String,
    /// Rust field name (`_0`, `_1` … for tuple structs).
    pub rust_name: String,
    pub ty: TypeRef,
    /// Byte offset inside the struct.
    pub offset: u64,
    pub docs: Docs,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumDef {
    /// The integer type the enum is stored as (`#[repr(u8)]` …; `repr(C)` is recorded as `i32`).
    pub storage: Primitive,
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    pub name: String,
    pub rust_name: String,
    /// The discriminant. Stored as i128 so that every u64 and i64 value fits.
    #[serde(deserialize_with = "wide_int::deserialize")]
    pub value: i128,
    pub docs: Docs,
}

/// A reference to a type from a signature, a field or a constant.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeRef {
    Primitive {
        primitive: Primitive,
    },
    /// A named type from [`Inventory::types`].
    Named {
        id: TypeId,
    },
    Pointer(PointerType),
    /// A fixed-size array `[T; N]` (struct fields only).
    Array(ArrayType),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PointerType {
    pub target: Box<TypeRef>,
    /// `&mut T`, `Option<&mut T>`, `*mut T`.
    pub mutable: bool,
    /// Serialized as `pointer_kind`: `TypeRef` is tagged by a `kind` field already, and a second
    /// `kind` key in the same JSON object would make the inventory unreadable.
    #[serde(rename = "pointer_kind")]
    pub kind: PointerKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PointerKind {
    /// `&T` / `&mut T`: never null. The shim rejects a null argument with an error, not UB.
    Reference,
    /// `Option<&T>` / `Option<&mut T>`: may be null.
    NullableReference,
    /// `*const T` / `*mut T`: passed through untouched.
    Raw,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ArrayType {
    pub element: Box<TypeRef>,
    pub len: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Primitive {
    /// `()`: only as a return type.
    Unit,
    /// Rust `bool`: one byte, 0 or 1.
    Bool,
    U8,
    U16,
    U32,
    U64,
    Usize,
    I8,
    I16,
    I32,
    I64,
    Isize,
    F32,
    F64,
    /// `core::ffi::c_void`: only as a pointer target.
    CVoid,
}

impl Primitive {
    /// True for the integer primitives (the ones an enum may be stored as).
    pub fn is_integer(self) -> bool {
        matches!(
            self,
            Primitive::U8
                | Primitive::U16
                | Primitive::U32
                | Primitive::U64
                | Primitive::Usize
                | Primitive::I8
                | Primitive::I16
                | Primitive::I32
                | Primitive::I64
                | Primitive::Isize
        )
    }

    /// True for signed integers and floats.
    pub fn is_signed(self) -> bool {
        matches!(
            self,
            Primitive::I8
                | Primitive::I16
                | Primitive::I32
                | Primitive::I64
                | Primitive::Isize
                | Primitive::F32
                | Primitive::F64
        )
    }

    /// The Rust spelling (`u32`, `bool`, `()` …).
    pub fn rust_name(self) -> &'static str {
        match self {
            Primitive::Unit => "()",
            Primitive::Bool => "bool",
            Primitive::U8 => "u8",
            Primitive::U16 => "u16",
            Primitive::U32 => "u32",
            Primitive::U64 => "u64",
            Primitive::Usize => "usize",
            Primitive::I8 => "i8",
            Primitive::I16 => "i16",
            Primitive::I32 => "i32",
            Primitive::I64 => "i64",
            Primitive::Isize => "isize",
            Primitive::F32 => "f32",
            Primitive::F64 => "f64",
            Primitive::CVoid => "c_void",
        }
    }
}

/// An exported function (a free function or an associated function / method of an `#[ffi] impl`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Function {
    /// Name in the bindings (before each language applies its own casing).
    pub name: String,
    /// Name of the Rust function.
    pub rust_name: String,
    /// The exported symbol of the `extern "C"` shim.
    pub symbol: String,
    /// Namespace from `#[ffi(module = "…")]`, if any.
    pub module: Option<String>,
    /// For functions of an `#[ffi] impl T` block: the id of `T`.
    pub owner: Option<TypeId>,
    /// For methods: how `self` is taken. The receiver is also the first entry of `params`
    /// (named `self`), so backends that do not care about methods can ignore this field.
    pub receiver: Option<Receiver>,
    pub docs: Docs,
    pub params: Vec<Param>,
    pub returns: TypeRef,
}

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
    pub module: Option<String>,
    pub docs: Docs,
    pub ty: TypeRef,
    pub value: ConstValue,
}

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

impl Inventory {
    /// Look up a type definition by id.
    pub fn type_def(&self, id: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.types[i])
    }

    /// Types ordered so that every type comes after the types it contains by value (fields and arrays).
    /// Types only reached through pointers do not impose an order (C forward-declares them).
    /// Ties are broken by id, so the order is deterministic.
    pub fn types_in_dependency_order(&self) -> Vec<&TypeDef> {
        let mut out: Vec<&TypeDef> = Vec::with_capacity(self.types.len());
        let mut state = std::collections::BTreeMap::<&str, bool>::new(); // false = visiting, true = done
        for t in &self.types {
            self.visit_type(t, &mut state, &mut out);
        }
        out
    }

    fn visit_type<'a>(
        &'a self,
        t: &'a TypeDef,
        state: &mut std::collections::BTreeMap<&'a str, bool>,
        out: &mut Vec<&'a TypeDef>,
    ) {
        if state.contains_key(t.id.as_str()) {
            return; // done, or a cycle (impossible by value; reported by `validate`)
        }
        state.insert(&t.id, false);
        if let TypeKind::Struct(s) = &t.kind {
            for f in &s.fields {
                let mut by_value = Vec::new();
                f.ty.collect_named_by_value(&mut by_value);
                for id in by_value {
                    if let Some(dep) = self.type_def(id) {
                        self.visit_type(dep, state, out);
                    }
                }
            }
        }
        state.insert(&t.id, true);
        out.push(t);
    }

    /// Check the invariants backends rely on: sorted unique type ids, every referenced type defined,
    /// no by-value cycles, enums stored as integers, unique symbols.
    pub fn validate(&self) -> Result<(), String> {
        for w in self.types.windows(2) {
            if w[0].id >= w[1].id {
                return Err(format!("types not sorted/unique at `{}`", w[1].id));
            }
        }
        let mut symbols = std::collections::BTreeSet::new();
        for f in &self.functions {
            if !symbols.insert(f.symbol.as_str()) {
                return Err(format!("symbol `{}` is exported twice", f.symbol));
            }
            for p in &f.params {
                self.check_ref(&p.ty, &format!("parameter `{}` of `{}`", p.name, f.name))?;
            }
            self.check_ref(&f.returns, &format!("return type of `{}`", f.name))?;
        }
        for t in &self.types {
            match &t.kind {
                TypeKind::Struct(s) => {
                    for fl in &s.fields {
                        self.check_ref(&fl.ty, &format!("field `{}.{}`", t.name, fl.name))?;
                    }
                }
                TypeKind::Enum(e) => {
                    if !e.storage.is_integer() {
                        return Err(format!("enum `{}` is not stored as an integer", t.name));
                    }
                }
                TypeKind::Opaque => {}
            }
        }
        for c in &self.constants {
            self.check_ref(&c.ty, &format!("constant `{}`", c.name))?;
        }
        Ok(())
    }

    fn check_ref(&self, r: &TypeRef, what: &str) -> Result<(), String> {
        let mut ids = Vec::new();
        r.collect_named(&mut ids);
        for id in ids {
            if self.type_def(id).is_none() {
                return Err(format!("{what} refers to unknown type `{id}`"));
            }
        }
        Ok(())
    }
}

/// Plain constructors: a name used as both bindings and Rust name, no docs, no module. A starting point
/// for tests and tools that build inventories by hand (set the other fields afterwards).
impl Function {
    /// A free function whose symbol is its name.
    pub fn new(name: impl Into<String>, params: Vec<Param>, returns: TypeRef) -> Self {
        let name = name.into();
        Function {
            rust_name: name.clone(),
            symbol: name.clone(),
            name,
            module: None,
            owner: None,
            receiver: None,
            docs: Vec::new(),
            params,
            returns,
        }
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

impl Field {
    pub fn new(name: impl Into<String>, ty: TypeRef, offset: u64) -> Self {
        let name = name.into();
        Field {
            rust_name: name.clone(),
            name,
            ty,
            offset,
            docs: Vec::new(),
        }
    }
}

impl Constant {
    pub fn new(name: impl Into<String>, ty: TypeRef, value: ConstValue) -> Self {
        let name = name.into();
        Constant {
            rust_name: name.clone(),
            name,
            module: None,
            docs: Vec::new(),
            ty,
            value,
        }
    }
}

impl TypeRef {
    pub fn primitive(p: Primitive) -> TypeRef {
        TypeRef::Primitive { primitive: p }
    }

    pub fn named(id: impl Into<TypeId>) -> TypeRef {
        TypeRef::Named { id: id.into() }
    }

    pub fn pointer(target: TypeRef, mutable: bool, kind: PointerKind) -> TypeRef {
        TypeRef::Pointer(PointerType {
            target: Box::new(target),
            mutable,
            kind,
        })
    }

    pub fn array(element: TypeRef, len: u64) -> TypeRef {
        TypeRef::Array(ArrayType {
            element: Box::new(element),
            len,
        })
    }

    /// True for `()`.
    pub fn is_unit(&self) -> bool {
        matches!(
            self,
            TypeRef::Primitive {
                primitive: Primitive::Unit
            }
        )
    }

    /// Every type id this reference mentions, behind pointers too.
    pub fn collect_named<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            TypeRef::Primitive { .. } => {}
            TypeRef::Named { id } => out.push(id),
            TypeRef::Pointer(p) => p.target.collect_named(out),
            TypeRef::Array(a) => a.element.collect_named(out),
        }
    }

    /// The type ids this reference contains by value (not behind a pointer).
    pub fn collect_named_by_value<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            TypeRef::Named { id } => out.push(id),
            TypeRef::Array(a) => a.element.collect_named_by_value(out),
            TypeRef::Primitive { .. } | TypeRef::Pointer(_) => {}
        }
    }
}

/// Reading an `i128` that sits inside an internally tagged enum (`TypeKind`): serde buffers such
/// content and its buffer rejects `deserialize_i128`, so accept whatever integer the buffer holds.
/// Every value the model stores fits `i64` or `u64` (enum reprs and constants are at most 64-bit).
mod wide_int {
    use serde::de::{self, Deserializer, Visitor};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i128, D::Error> {
        struct Wide;
        impl Visitor<'_> for Wide {
            type Value = i128;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an integer")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<i128, E> {
                Ok(i128::from(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<i128, E> {
                Ok(i128::from(v))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<i128, E> {
                Ok(v)
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<i128, E> {
                i128::try_from(v).map_err(|_| E::custom("integer out of range for i128"))
            }
        }
        d.deserialize_any(Wide)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(inv: &Inventory) -> Inventory {
        let json = serde_json::to_string(inv).expect("serialize");
        serde_json::from_str(&json).expect("deserialize")
    }

    #[test]
    fn extreme_integers_survive_json() {
        let inv = Inventory {
            schema_version: SCHEMA_VERSION,
            core_version: "0.0.0".into(),
            types: vec![TypeDef {
                id: "c::Wide".into(),
                name: "Wide".into(),
                rust_name: "Wide".into(),
                module: None,
                docs: vec![],
                size: 8,
                align: 8,
                kind: TypeKind::Enum(EnumDef {
                    storage: Primitive::U64,
                    variants: [u64::MAX as i128, i64::MIN as i128, 0, -1]
                        .into_iter()
                        .map(|value| Variant {
                            name: format!("V{value}"),
                            rust_name: format!("V{value}"),
                            value,
                            docs: vec![],
                        })
                        .collect(),
                }),
            }],
            functions: vec![Function {
                name: "f".into(),
                rust_name: "f".into(),
                symbol: "f".into(),
                module: None,
                owner: None,
                receiver: None,
                docs: vec![],
                params: vec![Param {
                    name: "p".into(),
                    ty: TypeRef::pointer(
                        TypeRef::pointer(TypeRef::named("c::Wide"), true, PointerKind::Reference),
                        false,
                        PointerKind::NullableReference,
                    ),
                }],
                returns: TypeRef::pointer(
                    TypeRef::primitive(Primitive::CVoid),
                    false,
                    PointerKind::Raw,
                ),
            }],
            constants: [u64::MAX as i128, i64::MIN as i128]
                .into_iter()
                .map(|v| Constant {
                    name: format!("C{v}"),
                    rust_name: format!("C{v}"),
                    module: None,
                    docs: vec![],
                    ty: TypeRef::primitive(Primitive::I64),
                    value: ConstValue::Int(v),
                })
                .collect(),
        };
        assert_eq!(roundtrip(&inv), inv);
        assert!(inv.validate().is_ok());
    }

    #[test]
    fn validate_reports_unknown_types_and_duplicate_symbols() {
        let f = |symbol: &str, ret: TypeRef| Function {
            name: symbol.into(),
            rust_name: symbol.into(),
            symbol: symbol.into(),
            module: None,
            owner: None,
            receiver: None,
            docs: vec![],
            params: vec![],
            returns: ret,
        };
        let mut inv = Inventory {
            schema_version: SCHEMA_VERSION,
            core_version: "0.0.0".into(),
            types: vec![],
            functions: vec![f("a", TypeRef::named("x::Missing"))],
            constants: vec![],
        };
        let err = inv.validate().unwrap_err();
        assert!(err.contains("x::Missing"), "{err}");
        inv.functions = vec![
            f("a", TypeRef::primitive(Primitive::Unit)),
            f("a", TypeRef::primitive(Primitive::Unit)),
        ];
        assert!(inv.validate().unwrap_err().contains("exported twice"));
    }
}
