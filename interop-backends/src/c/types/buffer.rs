//! Strings, slices and vectors: each crosses as a small named struct, a **view** `{const T *ptr;
//! size_t len}` (`&str`, `&[T]`, and `String` / `Vec<T>` arguments, which the library copies) or an
//! **owned buffer** `{T *ptr; size_t len; size_t cap}` (returned `String` / `Vec<T>`, and fields), with
//! the element in its ABI form (`bool`, an enum's integer typedef, a record, a nested buffer).
//!
//! Each distinct view or buffer is one [`Carrier`], named after its element (`Str`, `String`,
//! `SliceU32`, `SliceMutF32`, `VecPerson`, `VecVecU8`, with the `[c] prefix`) by the header's
//! [scope](crate::c::scope), defined once near the top of the header and, for buffers, given a
//! NULL-safe `static inline` free helper (`VecPerson_free`) that frees the elements' own buffers first.

use interop_core::model::{Inventory, Primitive, TypeRef};

use super::{Family, Ownership, Position, TypeError, named};

/// One view or buffer struct of the header.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Carrier {
    /// `{const char *ptr; size_t len}`: UTF-8 text borrowed for the call.
    Str,
    /// `{char *ptr; size_t len; size_t cap}`: owned UTF-8 text.
    String,
    /// `{const T *ptr; size_t len}` (`T *ptr` when mutable).
    Slice { element: TypeRef, mutable: bool },
    /// `{T *ptr; size_t len; size_t cap}`.
    Vec { element: TypeRef },
    /// `{uint8_t is_some; T value}` (`Option<T>` by value, in every position; see the tagged
    /// family, [`super::tagged`]).
    Option { inner: TypeRef },
    /// `{uint8_t status; union {T ok; struct {E value; String message} err} value}` (a returned
    /// `Result<T, E>`).
    Result { ok: TypeRef, err: TypeRef },
}

impl Carrier {
    /// The carrier of `ty` in `pos` (`None` for types that are not strings, slices or vectors).
    /// Arguments of owned types cross as the view of the borrowed type (the library copies them).
    pub fn of(ty: &TypeRef, pos: Position) -> Option<Carrier> {
        let param = pos == Position::Param;
        Some(match ty {
            TypeRef::Str => Carrier::Str,
            TypeRef::String if param => Carrier::Str,
            TypeRef::String => Carrier::String,
            TypeRef::Slice(s) => Carrier::Slice {
                element: (*s.element).clone(),
                mutable: s.mutable,
            },
            TypeRef::Vec(v) if param => Carrier::Slice {
                element: (*v.element).clone(),
                mutable: false,
            },
            TypeRef::Vec(v) => Carrier::Vec {
                element: (*v.element).clone(),
            },
            // `Option<&CStr>`: a nullable `const char *`, no struct.
            TypeRef::Option(o) if matches!(*o.inner, TypeRef::CStr) => return None,
            // `Option<&mut [T]>`: the view of `&mut [T]`, a NULL `ptr` for `None` (ADR 53).
            TypeRef::Option(o) if o.inner.is_slice_mut() => return Carrier::of(&o.inner, pos),
            TypeRef::Option(o) => Carrier::Option {
                inner: (*o.inner).clone(),
            },
            TypeRef::Result(r) => Carrier::Result {
                ok: (*r.ok).clone(),
                err: (*r.err).clone(),
            },
            _ => return None,
        })
    }

    /// The element (`None` for strings, whose element is a byte of UTF-8, and for options and
    /// results, which hold their values by value).
    pub fn element(&self) -> Option<&TypeRef> {
        match self {
            Carrier::Str | Carrier::String | Carrier::Option { .. } | Carrier::Result { .. } => {
                None
            }
            Carrier::Slice { element, .. } | Carrier::Vec { element } => Some(element),
        }
    }

    /// True for owned buffers (freed by the receiver), false for views (and options and results,
    /// see [`Carrier::needs_free`]).
    pub fn owned(&self) -> bool {
        matches!(self, Carrier::String | Carrier::Vec { .. })
    }

    /// True for options and results (by-value tagged structs, defined among the records).
    pub fn tagged(&self) -> bool {
        matches!(self, Carrier::Option { .. } | Carrier::Result { .. })
    }

    /// True when a value the library returned holds allocations: owned buffers, options of types
    /// that own data, and results (an error owns its message).
    pub fn needs_free(&self, inv: &Inventory) -> bool {
        match self {
            Carrier::Option { inner } => inv.owns_data(inner).unwrap_or(false),
            Carrier::Result { .. } => true,
            other => other.owned(),
        }
    }

    /// True when the elements may be written through `ptr`.
    pub fn writable(&self) -> bool {
        matches!(
            self,
            Carrier::String | Carrier::Vec { .. } | Carrier::Slice { mutable: true, .. }
        )
    }

    /// The name before the `[c] prefix`: `Str`, `String`, `SliceU8`, `SliceMutF32`, `VecPerson`.
    pub fn base_name(&self, inv: &Inventory) -> String {
        match self {
            Carrier::Str => "Str".into(),
            Carrier::String => "String".into(),
            Carrier::Slice { element, mutable } => {
                let m = if *mutable { "Mut" } else { "" };
                format!("Slice{m}{}", tag(inv, element))
            }
            Carrier::Vec { element } => format!("Vec{}", tag(inv, element)),
            Carrier::Option { inner } => format!("Option{}", tag(inv, inner)),
            Carrier::Result { ok, err } => format!("Result{}{}", tag(inv, ok), tag(inv, err)),
        }
    }

    /// Every carrier `ty` needs in `pos`: its own and its elements' (which sit inside data, so
    /// owned types there are buffers), outermost first.
    pub fn collect(ty: &TypeRef, pos: Position, out: &mut Vec<Carrier>) {
        match ty {
            TypeRef::Array(a) => Carrier::collect(&a.element, Position::Field, out),
            // A closure's arguments cross as inside data (owned ones pass to the callee).
            TypeRef::Callback(c) => {
                for p in &c.params {
                    Carrier::collect(p, Position::Field, out);
                }
                // What it returns: by value, in a slot (ADR 54), or in a `Result`'s two slots.
                match &*c.returns {
                    TypeRef::Result(r) => {
                        Carrier::collect(&r.ok, Position::Field, out);
                        Carrier::collect(&r.err, Position::Field, out);
                    }
                    other => Carrier::collect(other, Position::Field, out),
                }
            }
            TypeRef::Option(o) if o.inner.is_slice_mut() => Carrier::collect(&o.inner, pos, out),
            TypeRef::Option(o) => {
                out.extend(Carrier::of(ty, pos));
                Carrier::collect(&o.inner, Position::Field, out);
            }
            TypeRef::Result(r) => {
                out.extend(Carrier::of(ty, pos));
                Carrier::collect(&r.ok, Position::Return, out);
                Carrier::collect(&r.err, Position::Field, out);
                // The error's message.
                out.push(Carrier::String);
            }
            _ => {
                if let Some(c) = Carrier::of(ty, pos) {
                    if let Some(e) = c.element() {
                        let element = e.clone();
                        out.push(c);
                        Carrier::collect(&element, Position::Field, out);
                    } else {
                        out.push(c);
                    }
                }
            }
        }
    }
}

/// The part of a carrier's name that stands for its element: `U8`, `Bool`, `Person`, `String`,
/// `VecU8`, `Array3F32`, `PtrPoint`.
pub fn tag(inv: &Inventory, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive { primitive } => match primitive {
            Primitive::Bool => "Bool".into(),
            Primitive::CVoid => "Void".into(),
            Primitive::Unit => "Unit".into(),
            p => {
                let mut name = p.rust_name().to_string();
                name[..1].make_ascii_uppercase();
                name
            }
        },
        TypeRef::Named { id } => inv
            .type_def(id)
            .map_or_else(|| id.clone(), |d| d.name.clone()),
        TypeRef::Pointer(p) => {
            let m = if p.mutable { "Mut" } else { "" };
            format!("{m}Ptr{}", tag(inv, &p.target))
        }
        TypeRef::Array(a) => format!("Array{}{}", a.len, tag(inv, &a.element)),
        TypeRef::Str => "Str".into(),
        TypeRef::String => "String".into(),
        TypeRef::CStr => "CStr".into(),
        TypeRef::Slice(s) => {
            let m = if s.mutable { "Mut" } else { "" };
            format!("Slice{m}{}", tag(inv, &s.element))
        }
        TypeRef::Vec(v) => format!("Vec{}", tag(inv, &v.element)),
        TypeRef::Option(o) => format!("Option{}", tag(inv, &o.inner)),
        TypeRef::Result(r) => format!("Result{}{}", tag(inv, &r.ok), tag(inv, &r.err)),
        _ => "Unknown".into(),
    }
}

/// A string, slice or vector: its view's name, and its owned buffer's name for owned types.
pub struct Buffer<'a> {
    /// The view (arguments; every position for borrowed types).
    pub view: Result<String, TypeError>,
    /// The owned buffer (returns and fields of `String` / `Vec<T>`).
    pub owned: Option<Result<String, TypeError>>,
    /// The element's family (records behind the pointer need forward declarations).
    pub element: Option<Box<dyn Family<'a> + 'a>>,
    /// `&mut [T]`.
    pub mutable: bool,
    /// `Option<&mut [T]>`: a NULL `ptr` is `None` (ADR 53).
    pub nullable: bool,
}

impl<'a> Family<'a> for Buffer<'a> {
    fn declare(&self, const_: bool, declarator: &str, pos: Position) -> Result<String, TypeError> {
        let name = match (&self.owned, pos) {
            (Some(owned), Position::Return | Position::Field) => owned,
            _ => &self.view,
        };
        Ok(named(
            name.as_ref().map_err(Clone::clone)?,
            const_,
            declarator,
        ))
    }

    fn param_doc(&self) -> Option<super::ParamDoc> {
        self.nullable.then_some(super::ParamDoc::NullViewIsNone)
    }

    fn records_behind_pointer(&self, _behind: bool, out: &mut Vec<&'a str>) {
        if let Some(e) = &self.element {
            e.records_behind_pointer(true, out);
        }
    }

    fn ownership(&self, pos: Position) -> Option<Ownership> {
        match (&self.owned, pos) {
            (Some(Ok(owned)), Position::Return) => Some(Ownership::Owned(format!("{owned}_free"))),
            (Some(_), Position::Param) => Some(Ownership::Copied),
            (None, Position::Param) if self.mutable => Some(Ownership::WrittenInPlace),
            (None, Position::Param) => Some(Ownership::Borrowed),
            _ => None,
        }
    }
}

/// `&CStr`: a NUL-terminated `const char *` (arguments must not be NULL; a returned one is static).
/// `Option<&CStr>` (a parameter only, ADR 46) is the same pointer, NULL for `None`.
pub struct CStr {
    pub nullable: bool,
}

impl<'a> Family<'a> for CStr {
    fn declare(&self, const_: bool, declarator: &str, _pos: Position) -> Result<String, TypeError> {
        let _ = const_;
        Ok(named("char", true, &format!("*{declarator}")))
    }

    fn param_doc(&self) -> Option<super::ParamDoc> {
        Some(if self.nullable {
            super::ParamDoc::NullIsNone
        } else {
            super::ParamDoc::NotNull
        })
    }

    fn ownership(&self, pos: Position) -> Option<Ownership> {
        match pos {
            Position::Param => Some(Ownership::Borrowed),
            Position::Return => Some(Ownership::Static),
            _ => None,
        }
    }
}
