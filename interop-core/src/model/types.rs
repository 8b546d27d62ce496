//! Type references: how a signature, a field or a constant names a type.

use serde::{Deserialize, Serialize};

use super::TypeId;

/// A reference to a type from a signature, a field or a constant.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeRef {
    Primitive {
        primitive: Primitive,
    },
    /// A named type from [`Inventory::types`](super::Inventory::types).
    Named {
        id: TypeId,
    },
    Pointer(PointerType),
    /// A fixed-size array `[T; N]` (struct fields only).
    Array(ArrayType),
    /// `&str`: UTF-8 text borrowed for the call, a view `{ptr, len}` (not NUL-terminated).
    Str,
    /// `String`: owned UTF-8 text, an owned buffer `{ptr, len, cap}`. Returned buffers are the
    /// receiver's to free; arguments are copied by the library (the caller keeps its memory).
    String,
    /// `&CStr`: a NUL-terminated C string, `const char *` (`&'static CStr` when returned).
    CStr,
    /// `&[T]` / `&mut [T]`: elements borrowed for the call, a view `{ptr, len}`.
    Slice(SliceType),
    /// `Vec<T>` / `Box<[T]>`: owned elements, an owned buffer `{ptr, len, cap}` (see [`TypeRef::String`]).
    Vec(VecType),
    /// A closure crossing as `{call, context, drop}`: `impl Fn(..)`, `&dyn Fn(..)`, `&mut dyn FnMut(..)`
    /// (borrowed for the call), `Box<dyn Fn(..) + Send + Sync>`, `Box<dyn FnMut(..) + Send>` (kept),
    /// and `Option` of each.
    Callback(CallbackType),
    /// A plain `extern "C" fn(..) -> R` pointer (or `Option` of one): no context, nothing to drop.
    FnPointer(FnPointerType),
    /// `Option<T>` by value (`Option<&T>` is a [`PointerKind::NullableReference`] instead): a tagged
    /// `{uint8_t is_some; T value}` with `T` in its ABI form inside data, in every position.
    Option(OptionType),
    /// `Result<T, E>`, as a return type only: a by-value tagged `{status, union {ok, err}}` whose
    /// error carries the error value and its message (see `interop_core::abi::ErrorAbi`).
    Result(ResultType),
}

/// The value of a [`TypeRef::Option`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct OptionType {
    pub inner: Box<TypeRef>,
}

/// The success and error types of a [`TypeRef::Result`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ResultType {
    pub ok: Box<TypeRef>,
    pub err: Box<TypeRef>,
}

/// The signature and ownership of a [`TypeRef::Callback`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CallbackType {
    /// The closure's parameters, each crossing in its ABI form (as inside other data).
    pub params: Vec<TypeRef>,
    /// What the closure returns: `()`, a C-compatible type (returned by value), or a type owning
    /// data that `call` writes to a trailing `ret` slot ([ADR 54](../../../docs/adr/0054-closures-returning-owned-data.md)).
    pub returns: Box<TypeRef>,
    /// Borrowed for one call, or kept by its receiver (see [`CallbackOwnership`]).
    pub ownership: CallbackOwnership,
    /// `FnMut`: calls never overlap (the receiver calls it from one thread at a time).
    pub mutable: bool,
    /// `Option<…>`: `call` may be NULL (`None`).
    pub nullable: bool,
    /// The named callback type (`#[ffi] pub type OnProgress = dyn Fn(u64, u64) + Send + Sync;`, a
    /// [`TypeKind::Callback`](super::TypeKind::Callback)) with this signature, if there is one: the
    /// bindings use its name (a delegate, a protocol, a C struct). Chosen by
    /// [`callback_name`](super::callback_name) from the signature and [`alias_hint`](Self::alias_hint).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<TypeId>,
    /// The paths the Rust source spelled in the parameter, return type or field holding this
    /// callback that could name a callback type (`Box<OnEvent>`: `["OnEvent"]`; `Vec<Box<ui::OnResize>>`:
    /// `["ui::OnResize"]`), `crate::`, `self::` and `super::` made absolute. A hint only: `#[ffi]`
    /// sees tokens, not types (ADR 42). Empty for a callback spelled without an alias (`impl Fn(u32)`,
    /// `Box<dyn Fn(u32) + Send + Sync>`) and inside named types' signatures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alias_hint: Vec<String>,
}

/// Who keeps a callback.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallbackOwnership {
    /// Borrowed for the call (`impl Fn`, `&dyn Fn`, `&mut dyn FnMut`): the receiver calls `drop` when
    /// the call returns.
    Borrowed,
    /// Kept by the receiver (`Box<dyn Fn + Send + Sync>`, `Box<dyn FnMut + Send>`), possibly called
    /// later from other threads; `drop` is called when the last owner drops it. Returned closures are
    /// of this kind (the foreign side owns them and calls `drop`).
    Owned,
}

/// The signature of a [`TypeRef::FnPointer`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FnPointerType {
    pub params: Vec<TypeRef>,
    pub returns: Box<TypeRef>,
    /// `Option<extern "C" fn(..)>`: may be NULL.
    pub nullable: bool,
}

impl CallbackType {
    /// True when `self` and `other` have the same parameters and return type (ownership, mutability,
    /// nullability and name aside): one delegate type fits both.
    pub fn same_signature(&self, params: &[TypeRef], returns: &TypeRef) -> bool {
        self.params == params && *self.returns == *returns
    }
}

/// The elements of a [`TypeRef::Slice`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SliceType {
    pub element: Box<TypeRef>,
    /// `&mut [T]`: the callee may write the elements (in place, through the caller's memory).
    pub mutable: bool,
}

/// The elements of a [`TypeRef::Vec`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct VecType {
    pub element: Box<TypeRef>,
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

#[non_exhaustive]
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

#[non_exhaustive]
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
    /// `core::ffi::c_char` as the target of `*const c_char` / `*mut c_char`: a C `char` (a NUL-terminated
    /// string, usually), `const char *` in C. One byte; its signedness is the target's (`c_char` is
    /// `i8` or `u8` in Rust, an alias the inventory keeps apart from `i8`/`u8`).
    CChar,
    /// `core::cmp::Ordering`: an `int32_t` with the sign convention of `qsort`/`strcmp` (ADR 57):
    /// negative = Less, 0 = Equal, positive = Greater. Rust sends -1, 0 or 1; any value coming
    /// in is read by its sign (never an error).
    Ordering,
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
            Primitive::CChar => "c_char",
            Primitive::Ordering => "Ordering",
        }
    }
}

impl TypeRef {
    /// `&mut [T]`: inside an `Option`, the nullable writable view of ADR 53.
    pub fn is_slice_mut(&self) -> bool {
        matches!(self, TypeRef::Slice(s) if s.mutable)
    }

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

    pub fn slice(element: TypeRef, mutable: bool) -> TypeRef {
        TypeRef::Slice(SliceType {
            element: Box::new(element),
            mutable,
        })
    }

    pub fn vec(element: TypeRef) -> TypeRef {
        TypeRef::Vec(VecType {
            element: Box::new(element),
        })
    }

    pub fn option(inner: TypeRef) -> TypeRef {
        TypeRef::Option(OptionType {
            inner: Box::new(inner),
        })
    }

    pub fn result(ok: TypeRef, err: TypeRef) -> TypeRef {
        TypeRef::Result(ResultType {
            ok: Box::new(ok),
            err: Box::new(err),
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

    /// Calls `f` on every callback this reference holds (itself, or through pointers, arrays,
    /// slices, vectors and options; not inside other callbacks' signatures).
    pub fn visit_callbacks<'a>(&'a self, f: &mut dyn FnMut(&'a CallbackType)) {
        match self {
            TypeRef::Callback(c) => f(c),
            TypeRef::Pointer(p) => p.target.visit_callbacks(f),
            TypeRef::Array(a) => a.element.visit_callbacks(f),
            TypeRef::Slice(s) => s.element.visit_callbacks(f),
            TypeRef::Vec(v) => v.element.visit_callbacks(f),
            TypeRef::Option(o) => o.inner.visit_callbacks(f),
            _ => {}
        }
    }

    /// [`visit_callbacks`](Self::visit_callbacks), mutably.
    pub fn visit_callbacks_mut(&mut self, f: &mut dyn FnMut(&mut CallbackType)) {
        match self {
            TypeRef::Callback(c) => f(c),
            TypeRef::Pointer(p) => p.target.visit_callbacks_mut(f),
            TypeRef::Array(a) => a.element.visit_callbacks_mut(f),
            TypeRef::Slice(s) => s.element.visit_callbacks_mut(f),
            TypeRef::Vec(v) => v.element.visit_callbacks_mut(f),
            TypeRef::Option(o) => o.inner.visit_callbacks_mut(f),
            _ => {}
        }
    }

    /// Every type id this reference mentions, behind pointers too.
    pub fn collect_named<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            TypeRef::Primitive { .. } => {}
            TypeRef::Named { id } => out.push(id),
            TypeRef::Pointer(p) => p.target.collect_named(out),
            TypeRef::Array(a) => a.element.collect_named(out),
            TypeRef::Slice(s) => s.element.collect_named(out),
            TypeRef::Vec(v) => v.element.collect_named(out),
            TypeRef::Option(o) => o.inner.collect_named(out),
            TypeRef::Result(r) => {
                r.ok.collect_named(out);
                r.err.collect_named(out);
            }
            TypeRef::Str | TypeRef::String | TypeRef::CStr => {}
            TypeRef::Callback(c) => {
                c.params.iter().for_each(|p| p.collect_named(out));
                c.returns.collect_named(out);
                if let Some(name) = &c.name {
                    out.push(name);
                }
            }
            TypeRef::FnPointer(f) => {
                f.params.iter().for_each(|p| p.collect_named(out));
                f.returns.collect_named(out);
            }
        }
    }

    /// True when this reference mentions the primitive `p` anywhere (inside pointers, containers
    /// and callback signatures too).
    pub fn mentions(&self, p: Primitive) -> bool {
        match self {
            TypeRef::Primitive { primitive } => *primitive == p,
            TypeRef::Pointer(t) => t.target.mentions(p),
            TypeRef::Array(a) => a.element.mentions(p),
            TypeRef::Slice(s) => s.element.mentions(p),
            TypeRef::Vec(v) => v.element.mentions(p),
            TypeRef::Option(o) => o.inner.mentions(p),
            TypeRef::Result(r) => r.ok.mentions(p) || r.err.mentions(p),
            TypeRef::Callback(c) => c.params.iter().any(|t| t.mentions(p)) || c.returns.mentions(p),
            TypeRef::FnPointer(f) => {
                f.params.iter().any(|t| t.mentions(p)) || f.returns.mentions(p)
            }
            TypeRef::Named { .. } | TypeRef::Str | TypeRef::String | TypeRef::CStr => false,
        }
    }

    /// The type ids this reference contains by value (not behind a pointer: the elements of views
    /// and buffers are behind one).
    pub fn collect_named_by_value<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            TypeRef::Named { id } => out.push(id),
            TypeRef::Array(a) => a.element.collect_named_by_value(out),
            TypeRef::Option(o) => o.inner.collect_named_by_value(out),
            TypeRef::Result(r) => {
                r.ok.collect_named_by_value(out);
                r.err.collect_named_by_value(out);
            }
            TypeRef::Primitive { .. }
            | TypeRef::Pointer(_)
            | TypeRef::Str
            | TypeRef::String
            | TypeRef::CStr
            | TypeRef::Slice(_)
            | TypeRef::Vec(_)
            | TypeRef::Callback(_)
            | TypeRef::FnPointer(_) => {}
        }
    }
}
