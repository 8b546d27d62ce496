//! Named type definitions: structs, C-like enums and opaque types.

use serde::{Deserialize, Serialize};

use super::{Docs, Primitive, TypeId, TypeRef, wide_int};

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

#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeKind {
    /// A struct laid out as `repr(C)`, `repr(C, packed)` or `repr(transparent)`.
    Struct(StructDef),
    /// A C-like enum with an explicit integer storage type.
    Enum(EnumDef),
    /// A type whose contents are hidden; it only crosses the boundary behind a pointer.
    Opaque,
    /// A named callback type (`#[ffi] pub type OnProgress = dyn Fn(u64, u64) + Send + Sync;`): every
    /// [`TypeRef::Callback`](super::TypeRef::Callback) with its signature is named after it (one
    /// delegate type in C#, one protocol in Python, one struct in C).
    Callback(CallbackDef),
    /// An enum whose variants carry data (unit, tuple and struct variants): a tag followed by a
    /// union of one `#[repr(C)]` struct per variant with fields (the RFC 2195 layout, see ADR 13).
    DataEnum(DataEnumDef),
    /// `#[ffi(service)]`: a Rust object owned through a handle (a pointer to a cell holding the
    /// value behind a lock). By value (`TypeRef::Named`) it is an owned handle (returned by a
    /// constructor, or moved into a call); `&T` / `&mut T` borrow it for the call. Its functions'
    /// owner; its `_free` is its [`FunctionKind::Destructor`](super::FunctionKind::Destructor).
    Service,
}

/// A data enum: `struct { tag; union { V0 v0; V1 v1; … } body; }` in C terms. The type's `size` and
/// `align` are those of that whole struct (each field in its ABI form).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataEnumDef {
    /// The integer type of the tag (`u8` unless the enum has another integer repr).
    pub tag: Primitive,
    /// Byte offset of the union of variant bodies.
    pub body_offset: u64,
    pub variants: Vec<DataVariant>,
}

/// One variant of a [`DataEnumDef`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataVariant {
    /// Name in the bindings.
    pub name: String,
    pub rust_name: String,
    /// The tag value of this variant (its index: data enums take no explicit discriminants).
    #[serde(deserialize_with = "wide_int::deserialize")]
    pub value: i128,
    pub docs: Docs,
    /// A tuple variant (`Circle(f32)`): its fields are named `_0`, `_1`, …
    pub tuple: bool,
    /// The payload, each field at its offset inside the variant's body struct; empty for a unit
    /// variant (which has no member in the union).
    pub fields: Vec<Field>,
    /// `size_of` / `align_of` of the body struct (0 and 1 for a unit variant).
    pub size: u64,
    pub align: u64,
}

/// The signature of a named callback type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallbackDef {
    pub params: Vec<TypeRef>,
    pub returns: TypeRef,
}

#[non_exhaustive]
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

impl TypeDef {
    /// True for a Rust tuple `(A, B, …)`: described as a `#[repr(C)]` struct with fields `_0`, `_1`,
    /// … whose id and `rust_name` are the tuple as Rust writes it (no Rust item's name starts with
    /// `(`), named `Tuple` + its elements' names in the bindings (ADR 21).
    pub fn is_tuple(&self) -> bool {
        self.rust_name.starts_with('(') && matches!(&self.kind, TypeKind::Struct(s) if s.tuple)
    }

    /// True for an instantiation of a generic `#[ffi]` struct (`Pair<u32>`, ADR 21).
    pub fn is_instantiation(&self) -> bool {
        self.rust_name.ends_with('>')
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
