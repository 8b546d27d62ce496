//! Constructs × positions, and what each backend supports.
//!
//! A backend declares a [`Capabilities`] table: for every [`Construct`] in every [`Position`] where it
//! can appear, [`Support::Yes`], [`Support::Partial`] (with what is missing) or [`Support::No`] (with
//! why, and what to write instead). [`occurrences`] classifies every use of a type in an inventory into
//! these, so one pass ([`super::diagnostics`]) checks an inventory against every configured backend,
//! and the docs' support matrix ([`super::feature_table`]) is rendered from the same tables.

use interop_core::abi::AbiShape;
use interop_core::model::{
    CallbackOwnership, Inventory, PointerKind, Primitive, StructLayout, TypeRef,
};

/// A construct a Rust author writes, as the capability tables and the feature table name it.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Construct {
    /// `u8`…`u64`, `i8`…`i64`, `usize`, `isize`, `f32`, `f64`.
    Number,
    /// `bool`.
    Bool,
    /// `()` (returns only).
    Unit,
    /// A C-like `#[ffi]` enum.
    CLikeEnum,
    /// A `#[repr(C)]` `#[ffi]` struct.
    Record,
    /// A `#[ffi(packed)]` struct (or one embedding a packed struct).
    PackedRecord,
    /// A `#[ffi(transparent)]` struct.
    TransparentRecord,
    /// A fixed-size array `[T; N]`.
    FixedArray,
    /// `&T` / `&mut T`.
    Reference,
    /// `Option<&T>` / `Option<&mut T>`.
    NullableReference,
    /// `*const T` / `*mut T`.
    RawPointer,
    /// `*const c_void` / `*mut c_void`.
    VoidPointer,
    /// An `#[ffi(opaque)]` type behind a pointer.
    OpaqueHandle,
    /// A free `#[ffi]` function.
    Function,
    /// A function of an `#[ffi] impl` block (with or without a receiver).
    Method,
    /// An `#[ffi] pub const`.
    Constant,
    /// `#[ffi(module = "…")]`: a namespace in the bindings.
    Module,
    /// `&str`: UTF-8 text borrowed for the call.
    Str,
    /// `String`: owned UTF-8 text.
    String,
    /// `&CStr` (`&'static CStr` returned): a NUL-terminated C string.
    CStr,
    /// `&[T]`: elements borrowed for the call.
    Slice,
    /// `&mut [T]`: elements written in place.
    SliceMut,
    /// `Vec<T>`, `Box<[T]>`: owned elements.
    Vec,
    /// An `#[ffi]` struct owning data (a `String` or `Vec<T>` field, at any depth).
    OwningRecord,
    /// An `#[ffi]` struct with borrowed fields (`&'a str`, `&'a [T]`, `&'a CStr`).
    BorrowingRecord,
    /// `Option<T>` by value (`T` not a reference): a tagged value.
    Option,
    /// `Result<T, E>` as a return type: a value or a typed error.
    Result,
    /// An `#[ffi]` enum whose variants carry data (unit, tuple and struct variants).
    DataEnum,
    /// An `#[ffi(service)]` type: a Rust object owned through a handle (constructors, methods,
    /// `Drop` through `_free`).
    Service,
    /// `impl Fn(..)`, `impl FnMut(..)`, `&dyn Fn(..)`, `&mut dyn FnMut(..)` (and `Option` of the
    /// `dyn` forms): a foreign callable borrowed for the call.
    BorrowedClosure,
    /// `Box<dyn Fn(..) + Send + Sync>`, `Box<dyn FnMut(..) + Send>` (and `Option` of each): a
    /// foreign callable Rust keeps and calls later, possibly from its own threads.
    KeptClosure,
    /// A returned `Box<dyn Fn(..) -> R + Send + Sync>`: a Rust closure the foreign side calls.
    ReturnedClosure,
    /// `extern "C" fn(..)`, `Option<extern "C" fn(..)>`: a plain function pointer.
    FnPointer,
    /// `#[ffi] pub type F = dyn Fn(..) + Send + Sync;`: one named delegate / protocol / struct.
    CallbackType,
    /// A closure with borrowed parameters (`&str`, `&[T]`, `&CStr`, `&T`, `&mut T`), valid while
    /// it runs.
    ClosureBorrowedArgs,
    /// A tuple `(A, B, …)` by value (2 to 8 elements).
    Tuple,
    /// A generic `#[ffi]` struct used at concrete arguments (`Pair<u32>`): one type per
    /// instantiation.
    GenericRecord,
    /// A closure returning `Result<T, E>` (C-compatible `T` and `E`): the foreign side returns the
    /// error (a status in C, an exception in C# and Python) and Rust receives `Err(E)`.
    ClosureResult,
    /// An `#[ffi]` struct with closure fields (`Box<dyn Fn(..) + Send + Sync>`, `Option` of one, a
    /// named callback type): passed by value, it hands each closure to Rust (ADR 30).
    ClosureRecord,
}

impl Construct {
    /// Every construct, in the order of the feature table.
    pub const ALL: &'static [Construct] = &[
        Construct::Number,
        Construct::Bool,
        Construct::Unit,
        Construct::CLikeEnum,
        Construct::Record,
        Construct::PackedRecord,
        Construct::TransparentRecord,
        Construct::FixedArray,
        Construct::Reference,
        Construct::NullableReference,
        Construct::RawPointer,
        Construct::VoidPointer,
        Construct::OpaqueHandle,
        Construct::Function,
        Construct::Method,
        Construct::Constant,
        Construct::Module,
        Construct::Str,
        Construct::String,
        Construct::CStr,
        Construct::Slice,
        Construct::SliceMut,
        Construct::Vec,
        Construct::OwningRecord,
        Construct::BorrowingRecord,
        Construct::Option,
        Construct::Result,
        Construct::DataEnum,
        Construct::Service,
        Construct::BorrowedClosure,
        Construct::KeptClosure,
        Construct::ReturnedClosure,
        Construct::FnPointer,
        Construct::CallbackType,
        Construct::ClosureBorrowedArgs,
        Construct::Tuple,
        Construct::GenericRecord,
        Construct::ClosureResult,
        Construct::ClosureRecord,
    ];

    /// How the feature table and diagnostics name it.
    pub fn title(self) -> &'static str {
        match self {
            Construct::Number => "integers and floats",
            Construct::Bool => "`bool`",
            Construct::Unit => "`()`",
            Construct::CLikeEnum => "C-like enum",
            Construct::Record => "`#[repr(C)]` struct",
            Construct::PackedRecord => "packed struct",
            Construct::TransparentRecord => "transparent struct",
            Construct::FixedArray => "`[T; N]`",
            Construct::Reference => "`&T`, `&mut T`",
            Construct::NullableReference => "`Option<&T>`, `Option<&mut T>`",
            Construct::RawPointer => "`*const T`, `*mut T`",
            Construct::VoidPointer => "`*const c_void`, `*mut c_void`",
            Construct::OpaqueHandle => "opaque type (handle)",
            Construct::Function => "function",
            Construct::Method => "method",
            Construct::Constant => "constant",
            Construct::Module => "module",
            Construct::Str => "borrowed string",
            Construct::String => "owned string",
            Construct::CStr => "C string",
            Construct::Slice => "slice",
            Construct::SliceMut => "mutable slice",
            Construct::Vec => "vector",
            Construct::OwningRecord => "struct owning data",
            Construct::BorrowingRecord => "struct with borrowed fields",
            Construct::Option => "option by value",
            Construct::Result => "result (typed errors)",
            Construct::DataEnum => "enum with data",
            Construct::Service => "service (object with lifecycle)",
            Construct::BorrowedClosure => "closure borrowed for the call",
            Construct::KeptClosure => "closure kept by Rust",
            Construct::ReturnedClosure => "returned closure",
            Construct::FnPointer => "function pointer",
            Construct::CallbackType => "named callback type",
            Construct::ClosureBorrowedArgs => "closure with borrowed parameters",
            Construct::ClosureRecord => "struct of closures",
            Construct::Tuple => "tuple",
            Construct::GenericRecord => "generic struct (instantiation)",
            Construct::ClosureResult => "closure returning a result",
        }
    }

    /// How a Rust author writes it.
    pub fn rust(self) -> &'static str {
        match self {
            Construct::Number => "`u8`–`u64`, `i8`–`i64`, `usize`, `isize`, `f32`, `f64`",
            Construct::Bool => "`bool`",
            Construct::Unit => "`()`, no return type",
            Construct::CLikeEnum => "`#[ffi] #[repr(u8)] enum E { A = 1, … }`",
            Construct::Record => "`#[ffi] struct S { … }` (named or tuple)",
            Construct::PackedRecord => "`#[ffi(packed)] struct`",
            Construct::TransparentRecord => "`#[ffi(transparent)] struct`",
            Construct::FixedArray => "`[T; N]`, `[[T; N]; M]`",
            Construct::Reference => "`&T`, `&mut T`",
            Construct::NullableReference => "`Option<&T>`, `Option<&mut T>`",
            Construct::RawPointer => "`*const T`, `*mut T`",
            Construct::VoidPointer => "`*const c_void`, `*mut c_void`",
            Construct::OpaqueHandle => "`#[ffi(opaque)] struct` behind a pointer",
            Construct::Function => "`#[ffi] pub fn`",
            Construct::Method => "`#[ffi] impl T { pub fn … }`",
            Construct::Constant => "`#[ffi] pub const` (computed values too)",
            Construct::Module => "`#[ffi(module = \"…\")]`",
            Construct::Str => "`&str`",
            Construct::String => "`String`",
            Construct::CStr => "`&CStr` (returned: `&'static CStr`)",
            Construct::Slice => "`&[T]`",
            Construct::SliceMut => "`&mut [T]`",
            Construct::Vec => "`Vec<T>`, `Box<[T]>`",
            Construct::OwningRecord => "`#[ffi] struct` with `String` / `Vec<T>` fields",
            Construct::BorrowingRecord => "`#[ffi] struct S<'a>` with `&'a str` / `&'a [T]` fields",
            Construct::Option => {
                "`Option<T>` (`T`: a number, `bool`, enum, struct, `String`, `Vec<T>`, `Option<T>`)"
            }
            Construct::Result => "`Result<T, E>` (`E`: an `#[ffi]` enum or struct, or `String`)",
            Construct::DataEnum => "`#[ffi] enum E { A, B(f32, String), C { x: Vec<u8> } }`",
            Construct::Service => "`#[ffi(service)] struct` + `#[ffi] impl` (`T`, `&T`, `&mut T`)",
            Construct::BorrowedClosure => {
                "`impl Fn(..)`, `impl FnMut(..)`, `&dyn Fn(..)`, `&mut dyn FnMut(..)`, `Option` of those"
            }
            Construct::KeptClosure => {
                "`Box<dyn Fn(..) + Send + Sync>`, `Box<dyn FnMut(..) + Send>`, `Option` of those"
            }
            Construct::ReturnedClosure => "`-> Box<dyn Fn(..) -> R + Send + Sync>`",
            Construct::FnPointer => "`extern \"C\" fn(..)`, `Option<extern \"C\" fn(..)>`",
            Construct::CallbackType => "`#[ffi] pub type OnEvent = dyn Fn(u32) + Send + Sync;`",
            Construct::ClosureBorrowedArgs => {
                "`&dyn Fn(&str)`, `impl FnMut(&[T]) -> R`, `Box<dyn Fn(&T) + Send + Sync>`"
            }
            Construct::Tuple => "`(A, B, …)` (2 to 8 elements, owning data too)",
            Construct::GenericRecord => {
                "`#[ffi] struct Pair<T>`, `Tagged<T, const N: usize>` at concrete types; \
                 `#[ffi] pub type Pixels = Pair<u8>;`"
            }
            Construct::ClosureResult => "`&dyn Fn(A) -> Result<T, E>` (`T`, `E`: C-compatible)",
            Construct::ClosureRecord => {
                "`#[ffi] struct Handlers { on_progress: Box<dyn Fn(u64, u64) + Send + Sync> }`"
            }
        }
    }

    /// The positions the construct can occupy at all (Rust or the C ABI rule out the others; `#[ffi]`
    /// rejects them at compile time).
    pub fn positions(self) -> &'static [Position] {
        use Position::*;
        match self {
            Construct::Number | Construct::Bool => {
                &[Param, Return, Field, Pointee, Constant, Element]
            }
            Construct::Unit => &[Return],
            Construct::CLikeEnum => &[Param, Return, Field, Pointee, Constant, Element],
            Construct::Record | Construct::PackedRecord | Construct::TransparentRecord => {
                &[Param, Return, Field, Pointee, Element]
            }
            Construct::FixedArray => &[Field, Pointee, Element],
            Construct::Reference => &[Param, Field, Element],
            Construct::NullableReference
            | Construct::RawPointer
            | Construct::VoidPointer
            | Construct::OpaqueHandle => &[Param, Return, Field, Pointee, Element],
            Construct::Function | Construct::Method | Construct::Constant | Construct::Module => {
                &[Item]
            }
            Construct::Str | Construct::Slice => &[Param, Return, Field, Element],
            Construct::SliceMut => &[Param],
            Construct::String
            | Construct::CStr
            | Construct::Vec
            | Construct::OwningRecord
            | Construct::BorrowingRecord => &[Param, Return, Field, Element],
            Construct::DataEnum => &[Param, Return, Field, Pointee, Element],
            Construct::Option => &[Param, Return, Field, Element],
            Construct::Result => &[Return],
            Construct::Service => &[Param, Return],
            Construct::BorrowedClosure => &[Param],
            Construct::KeptClosure => &[Param, Field],
            Construct::ReturnedClosure => &[Return],
            Construct::FnPointer => &[Param, Return],
            Construct::CallbackType => &[Item],
            Construct::ClosureBorrowedArgs => &[Param],
            Construct::Tuple => &[Param, Return, Field, Element],
            Construct::GenericRecord => &[Param, Return, Field, Pointee, Element],
            Construct::ClosureResult => &[Param],
            Construct::ClosureRecord => &[Param, Return, Field, Element],
        }
    }
}

/// Where a type appears.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Position {
    /// A function parameter (the receiver included).
    Param,
    /// A function's return type.
    Return,
    /// A struct field (or an array element inside one).
    Field,
    /// The target of a pointer or reference.
    Pointee,
    /// The type of a constant.
    Constant,
    /// An item itself (a function, a method, a constant, a module).
    Item,
    /// An element of a slice or vector (`&[T]`, `Vec<T>`).
    Element,
}

impl Position {
    pub const ALL: &'static [Position] = &[
        Position::Param,
        Position::Return,
        Position::Field,
        Position::Pointee,
        Position::Constant,
        Position::Item,
        Position::Element,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Position::Param => "parameter",
            Position::Return => "return",
            Position::Field => "field",
            Position::Pointee => "pointee",
            Position::Constant => "constant",
            Position::Item => "item",
            Position::Element => "element",
        }
    }
}

/// What a backend does with a construct in a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    Yes,
    /// Supported with a limitation (the text says which).
    Partial(&'static str),
    /// Not supported (the text says why, and what to write instead).
    No(&'static str),
}

/// A backend's declared support: a function from construct and position to [`Support`], and what
/// each construct becomes in the language (the feature table's cell).
/// Combinations a construct cannot occupy ([`Construct::positions`]) are never asked.
#[derive(Clone, Copy)]
pub struct Capabilities {
    /// The language, as the feature table's column and diagnostics name it.
    pub language: &'static str,
    pub support: fn(Construct, Position) -> Support,
    /// What the construct becomes in the language (markdown, one line).
    pub spelling: fn(Construct) -> &'static str,
}

impl Capabilities {
    pub fn support(&self, construct: Construct, position: Position) -> Support {
        (self.support)(construct, position)
    }
}

impl std::fmt::Debug for Capabilities {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Capabilities")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

/// One use of a construct in an inventory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// The Rust path of the item (function, constant or type) the use belongs to.
    pub item: String,
    /// Which part of the item: `parameter `p``, `return type`, `field `x``.
    pub part: String,
    pub construct: Construct,
    pub position: Position,
    /// The type as written in Rust (bindings names for named types).
    pub rust_type: String,
}

/// The construct a type is in a position, `None` for types that cannot occur there (the inventory is
/// invalid, or from a newer interop-core: [`super::diagnostics`] reports those separately).
pub fn construct_of(inv: &Inventory, ty: &TypeRef) -> Option<Construct> {
    Some(match inv.shape_of(ty).ok()? {
        AbiShape::Unit => Construct::Unit,
        AbiShape::Primitive(Primitive::Bool) => Construct::Bool,
        AbiShape::Primitive(_) => Construct::Number,
        AbiShape::Enum { .. } => Construct::CLikeEnum,
        AbiShape::Record { def } if def.is_tuple() => Construct::Tuple,
        AbiShape::Record { def } if def.is_instantiation() => Construct::GenericRecord,
        AbiShape::Record { .. } if super::closures::holds_closure(inv, ty) => {
            Construct::ClosureRecord
        }
        AbiShape::Record { def } => {
            let packed = matches!(&def.kind, interop_core::model::TypeKind::Struct(s) if s.layout == StructLayout::Packed);
            if inv.owns_data(ty).ok()? {
                Construct::OwningRecord
            } else if inv.holds_views(ty).ok()? {
                Construct::BorrowingRecord
            } else if packed || inv.has_misaligned_fields(ty).ok()? {
                Construct::PackedRecord
            } else {
                Construct::Record
            }
        }
        AbiShape::DataEnum { .. } => Construct::DataEnum,
        AbiShape::Transparent { .. } => Construct::TransparentRecord,
        AbiShape::Array { .. } => Construct::FixedArray,
        AbiShape::Handle { .. } => Construct::OpaqueHandle,
        AbiShape::Service { .. } => Construct::Service,
        AbiShape::Pointer { target, kind, .. } => match (kind, target) {
            (
                _,
                TypeRef::Primitive {
                    primitive: Primitive::CVoid,
                },
            ) => Construct::VoidPointer,
            (PointerKind::Reference, _) => Construct::Reference,
            (PointerKind::NullableReference, _) => Construct::NullableReference,
            _ => Construct::RawPointer,
        },
        AbiShape::Str { owned: false } => Construct::Str,
        AbiShape::Str { owned: true } => Construct::String,
        AbiShape::CStr => Construct::CStr,
        AbiShape::Slice { mutable: false, .. } => Construct::Slice,
        AbiShape::Slice { mutable: true, .. } => Construct::SliceMut,
        AbiShape::Vec { .. } => Construct::Vec,
        AbiShape::Option { .. } => Construct::Option,
        AbiShape::Result { .. } => Construct::Result,
        AbiShape::Callback(c) => match c.ownership {
            CallbackOwnership::Borrowed => Construct::BorrowedClosure,
            _ => Construct::KeptClosure,
        },
        AbiShape::FnPointer(_) => Construct::FnPointer,
        _ => return None,
    })
}

/// Every use of every construct in `inv`: parameters, returns, fields, pointees (recursively), array
/// elements and constants, each with the Rust path of its item.
pub fn occurrences(inv: &Inventory) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for f in &inv.functions {
        for p in &f.params {
            let part = if p.name == "self" {
                "receiver".to_string()
            } else {
                format!("parameter `{}`", p.name)
            };
            visit(inv, &f.rust_path, &part, &p.ty, Position::Param, &mut out);
        }
        visit(
            inv,
            &f.rust_path,
            "return type",
            &f.returns,
            Position::Return,
            &mut out,
        );
    }
    for t in &inv.types {
        match &t.kind {
            interop_core::model::TypeKind::Struct(s) => {
                for f in &s.fields {
                    let part = format!("field `{}`", f.rust_name);
                    visit(inv, &t.id, &part, &f.ty, Position::Field, &mut out);
                }
            }
            interop_core::model::TypeKind::DataEnum(e) => {
                for v in &e.variants {
                    for f in &v.fields {
                        let part = format!("field `{}.{}`", v.rust_name, f.rust_name);
                        visit(inv, &t.id, &part, &f.ty, Position::Field, &mut out);
                    }
                }
            }
            _ => {}
        }
    }
    for c in &inv.constants {
        visit(
            inv,
            &c.rust_path,
            "type",
            &c.ty,
            Position::Constant,
            &mut out,
        );
    }
    let item = |path: &str, construct: Construct, rust: &str| Occurrence {
        item: path.to_string(),
        part: "item".to_string(),
        construct,
        position: Position::Item,
        rust_type: rust.to_string(),
    };
    for f in &inv.functions {
        let construct = if f.owner.is_some() {
            Construct::Method
        } else {
            Construct::Function
        };
        out.push(item(&f.rust_path, construct, "fn"));
        if let Some(m) = &f.module {
            out.push(item(&f.rust_path, Construct::Module, m));
        }
    }
    for c in &inv.constants {
        out.push(item(&c.rust_path, Construct::Constant, "const"));
        if let Some(m) = &c.module {
            out.push(item(&c.rust_path, Construct::Module, m));
        }
    }
    for t in &inv.types {
        if let Some(m) = &t.module {
            out.push(item(&t.id, Construct::Module, m));
        }
        if let interop_core::model::TypeKind::Callback(_) = &t.kind {
            out.push(item(&t.id, Construct::CallbackType, "type"));
        }
    }
    out
}

fn visit(
    inv: &Inventory,
    item: &str,
    part: &str,
    ty: &TypeRef,
    position: Position,
    out: &mut Vec<Occurrence>,
) {
    if let Some(mut construct) = construct_of(inv, ty) {
        // A kept closure in a return is a Rust closure handed out.
        if construct == Construct::KeptClosure && position == Position::Return {
            construct = Construct::ReturnedClosure;
        }
        out.push(Occurrence {
            item: item.to_string(),
            part: part.to_string(),
            construct,
            position,
            rust_type: inv.rust_spelling(ty),
        });
    }
    match ty {
        TypeRef::Pointer(p) => {
            let is_void = matches!(
                *p.target,
                TypeRef::Primitive {
                    primitive: Primitive::CVoid
                }
            );
            let is_opaque = matches!(inv.shape_of(ty), Ok(AbiShape::Handle { .. }));
            if !is_void && !is_opaque {
                visit(inv, item, part, &p.target, Position::Pointee, out);
            }
        }
        TypeRef::Array(a) => visit(inv, item, part, &a.element, Position::Field, out),
        TypeRef::Slice(s) => visit(inv, item, part, &s.element, Position::Element, out),
        TypeRef::Vec(v) => visit(inv, item, part, &v.element, Position::Element, out),
        // What an option or result holds sits where it does.
        TypeRef::Option(o) => visit(inv, item, part, &o.inner, position, out),
        TypeRef::Result(r) => {
            visit(inv, item, part, &r.ok, position, out);
            visit(inv, item, part, &r.err, position, out);
        }
        TypeRef::Callback(c) => {
            let mut push = |construct| {
                out.push(Occurrence {
                    item: item.to_string(),
                    part: part.to_string(),
                    construct,
                    position,
                    rust_type: inv.rust_spelling(ty),
                })
            };
            if c.params.iter().any(borrowed) {
                push(Construct::ClosureBorrowedArgs);
            }
            if matches!(*c.returns, TypeRef::Result(_)) {
                push(Construct::ClosureResult);
            }
        }
        _ => {}
    }
}

/// A closure parameter borrowed for the closure's call.
fn borrowed(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Str | TypeRef::CStr | TypeRef::Slice(_) => true,
        TypeRef::Pointer(p) => p.kind != PointerKind::Raw,
        _ => false,
    }
}
