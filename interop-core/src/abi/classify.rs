//! Model type → ABI shape, and the layout facts backends need (language-neutral).
//!
//! Backends spell each [`AbiShape`] once (a C declarator, a `[DllImport]` type, a ctypes type) and
//! never re-derive the C ABI: sizes and alignments come from the inventory (named types are measured
//! by the library, primitives and fixed shapes are in its [`TargetFacts`](crate::model::TargetFacts)).

mod contents;

use crate::model::{
    CallbackType, DataEnumDef, FixedShape, FnPointerType, Inventory, Layout, PointerKind,
    Primitive, StructLayout, TypeDef, TypeKind, TypeRef,
};

/// How a value of a model type crosses the C ABI.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AbiShape<'a> {
    /// `()` as a return type: nothing crosses.
    Unit,
    /// A primitive by value (`bool` is one byte, 0 or 1).
    Primitive(Primitive),
    /// A C-like enum by value: its storage integer.
    Enum {
        def: &'a TypeDef,
        storage: Primitive,
    },
    /// A `#[repr(C)]` or `#[repr(C, packed)]` record by value.
    Record { def: &'a TypeDef },
    /// A data enum by value: its tag, then the union of its variants' bodies (ADR 13).
    DataEnum {
        def: &'a TypeDef,
        data: &'a DataEnumDef,
    },
    /// A `#[repr(transparent)]` record: crosses exactly as its one non-zero-sized field.
    Transparent {
        def: &'a TypeDef,
        inner: &'a TypeRef,
    },
    /// A fixed-size array, flattened to its element and dimensions (`[[f32; 3]; 2]` → `f32`, `[2, 3]`).
    /// Only inside records and behind pointers.
    Array {
        element: &'a TypeRef,
        dims: [u64; 4],
        rank: usize,
    },
    /// A thin pointer to a non-opaque target: `&T`, `&mut T`, `Option<&T>`, `*const T`, `*mut T`.
    Pointer {
        target: &'a TypeRef,
        mutable: bool,
        kind: PointerKind,
    },
    /// A pointer to an opaque type: a handle.
    Handle {
        def: &'a TypeDef,
        mutable: bool,
        kind: PointerKind,
    },
    /// A service handle: owned (`T` returned or moved in), or borrowed for the call (`&T` shared,
    /// `&mut T` exclusive). Always a `T *` in C.
    Service { def: &'a TypeDef, pass: ServicePass },
    /// UTF-8 text: `&str` is a borrowed view `{const uint8_t *ptr; size_t len}` (`owned: false`),
    /// `String` an owned buffer `{uint8_t *ptr; size_t len; size_t cap}` (`owned: true`). Not
    /// NUL-terminated.
    Str { owned: bool },
    /// `&CStr`: a NUL-terminated `const char *`; `Option<&CStr>` (a parameter only, ADR 46) is the
    /// same pointer, NULL for `None` (`nullable`).
    CStr { nullable: bool },
    /// `&[T]` / `&mut [T]`: a borrowed view `{T *ptr; size_t len}` of elements in their ABI form.
    /// `Option<&mut [T]>` (a parameter, ADR 53): the writable view, NULL `ptr` for `None` (`nullable`).
    Slice {
        element: &'a TypeRef,
        mutable: bool,
        nullable: bool,
    },
    /// `Vec<T>` / `Box<[T]>`: an owned buffer `{T *ptr; size_t len; size_t cap}` of elements in their
    /// ABI form, freed with `interop_buffer_free` (after the elements' own buffers).
    Vec { element: &'a TypeRef },
    /// A closure `{call, context, drop}` (see [`crate::abi::CallbackAbi`]): `call(context, args…)`
    /// with each argument in its ABI form, `drop(context)` once when the receiver is done.
    Callback(&'a CallbackType),
    /// A plain C function pointer (`extern "C" fn`).
    FnPointer(&'a FnPointerType),
    /// `Option<T>` by value: `{uint8_t is_some; T value}`, the value in its ABI form inside data, in
    /// every position (see [`Inventory::option_layout`]).
    Option { inner: &'a TypeRef },
    /// `Result<T, E>` (returns only): `{uint8_t status; union {T ok; {E value; String message} err}}`
    /// (see [`Inventory::result_layout`]).
    Result { ok: &'a TypeRef, err: &'a TypeRef },
}

/// The layout of a returned `Result<T, E>`: the whole, the offset of its union, and the error
/// (`{E value; String message}`) with the offset of its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResultLayout {
    pub layout: Layout,
    pub value_offset: u64,
    pub error: Layout,
    pub message_offset: u64,
}

fn round_up(n: u64, align: u64) -> u64 {
    n.div_ceil(align.max(1)) * align.max(1)
}

/// How a service handle is passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServicePass {
    /// `&T`: the call holds a shared lock (exclusive when `T` is not `Sync`).
    Shared,
    /// `&mut T`: the call holds the exclusive lock.
    Exclusive,
    /// `T`: returned (the caller owns the new handle) or taken (the value moves into Rust; the
    /// handle stays, empty, until it is freed).
    Owned,
}

/// Why a type has no shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShapeError {
    /// The inventory refers to a type it does not define.
    UnknownType(String),
    /// The type cannot cross by value at all (`c_void`, an opaque type by value, a transparent struct
    /// without exactly one non-zero-sized field, an array of rank over 4).
    NotByValue(String),
}

impl std::fmt::Display for ShapeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShapeError::UnknownType(id) => write!(f, "the inventory refers to unknown type `{id}`"),
            ShapeError::NotByValue(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for ShapeError {}

impl Inventory {
    fn def_or_err(&self, id: &str) -> Result<&TypeDef, ShapeError> {
        self.type_def(id)
            .ok_or_else(|| ShapeError::UnknownType(id.to_string()))
    }

    /// The ABI shape of `ty`.
    pub fn shape_of<'a>(&'a self, ty: &'a TypeRef) -> Result<AbiShape<'a>, ShapeError> {
        Ok(match ty {
            TypeRef::Primitive {
                primitive: Primitive::Unit,
            } => AbiShape::Unit,
            TypeRef::Primitive {
                primitive: Primitive::CVoid,
            } => {
                return Err(ShapeError::NotByValue(
                    "`c_void` can only be used behind a pointer".into(),
                ));
            }
            TypeRef::Primitive { primitive } => AbiShape::Primitive(*primitive),
            TypeRef::Named { id } => {
                let def = self.def_or_err(id)?;
                match &def.kind {
                    TypeKind::Enum(e) => AbiShape::Enum {
                        def,
                        storage: e.storage,
                    },
                    TypeKind::Struct(_) => match self.transparent_inner(def)? {
                        Some(inner) => AbiShape::Transparent { def, inner },
                        None => AbiShape::Record { def },
                    },
                    TypeKind::DataEnum(data) => AbiShape::DataEnum { def, data },
                    TypeKind::Service => AbiShape::Service {
                        def,
                        pass: ServicePass::Owned,
                    },
                    TypeKind::Opaque => {
                        return Err(ShapeError::NotByValue(format!(
                            "opaque type `{}` can only be used behind a pointer",
                            def.name
                        )));
                    }
                    _ => {
                        return Err(ShapeError::NotByValue(format!(
                            "`{}` names a callback signature, not a value (use `Box<{}>` or `&{}`)",
                            def.name, def.name, def.name
                        )));
                    }
                }
            }
            TypeRef::Pointer(p) => match &*p.target {
                TypeRef::Named { id }
                    if matches!(self.def_or_err(id)?.kind, TypeKind::Service)
                        && p.kind == PointerKind::Reference =>
                {
                    AbiShape::Service {
                        def: self.def_or_err(id)?,
                        pass: if p.mutable {
                            ServicePass::Exclusive
                        } else {
                            ServicePass::Shared
                        },
                    }
                }
                TypeRef::Named { id } if matches!(self.def_or_err(id)?.kind, TypeKind::Opaque) => {
                    AbiShape::Handle {
                        def: self.def_or_err(id)?,
                        mutable: p.mutable,
                        kind: p.kind,
                    }
                }
                target => AbiShape::Pointer {
                    target,
                    mutable: p.mutable,
                    kind: p.kind,
                },
            },
            TypeRef::Str => AbiShape::Str { owned: false },
            TypeRef::String => AbiShape::Str { owned: true },
            TypeRef::CStr => AbiShape::CStr { nullable: false },
            TypeRef::Option(o) if matches!(*o.inner, TypeRef::CStr) => {
                AbiShape::CStr { nullable: true }
            }
            TypeRef::Slice(s) => AbiShape::Slice {
                element: &s.element,
                mutable: s.mutable,
                nullable: false,
            },
            TypeRef::Option(o) if o.inner.is_slice_mut() => match &*o.inner {
                TypeRef::Slice(s) => AbiShape::Slice {
                    element: &s.element,
                    mutable: true,
                    nullable: true,
                },
                inner => AbiShape::Option { inner },
            },
            TypeRef::Vec(v) => AbiShape::Vec {
                element: &v.element,
            },
            TypeRef::Callback(c) => AbiShape::Callback(c),
            TypeRef::FnPointer(f) => AbiShape::FnPointer(f),
            TypeRef::Option(o) => AbiShape::Option { inner: &o.inner },
            TypeRef::Result(r) => AbiShape::Result {
                ok: &r.ok,
                err: &r.err,
            },
            TypeRef::Array(_) => {
                let mut dims = [0u64; 4];
                let mut rank = 0;
                let mut cur = ty;
                while let TypeRef::Array(a) = cur {
                    if rank == dims.len() {
                        return Err(ShapeError::NotByValue(
                            "arrays of more than 4 dimensions are not supported".into(),
                        ));
                    }
                    dims[rank] = a.len;
                    rank += 1;
                    cur = &a.element;
                }
                AbiShape::Array {
                    element: cur,
                    dims,
                    rank,
                }
            }
        })
    }

    /// The one non-zero-sized field of a `#[repr(transparent)]` struct (`None` for other types).
    pub fn transparent_inner<'a>(
        &'a self,
        def: &'a TypeDef,
    ) -> Result<Option<&'a TypeRef>, ShapeError> {
        let TypeKind::Struct(s) = &def.kind else {
            return Ok(None);
        };
        if s.layout != StructLayout::Transparent {
            return Ok(None);
        }
        if let [only] = s.fields.as_slice() {
            return Ok(Some(&only.ty));
        }
        let mut non_zst = Vec::new();
        for f in &s.fields {
            if self.layout_of(&f.ty)?.size != 0 {
                non_zst.push(&f.ty);
            }
        }
        match non_zst.as_slice() {
            [one] => Ok(Some(one)),
            _ => Err(ShapeError::NotByValue(format!(
                "transparent struct `{}` must have exactly one non-zero-sized field",
                def.name
            ))),
        }
    }

    /// Size and alignment of a value of `ty` as the library measured them (`()` and `c_void`: size
    /// 0, alignment 1; opaque types: what the library reports, size 0).
    pub fn layout_of(&self, ty: &TypeRef) -> Result<Layout, ShapeError> {
        let zero = Layout { size: 0, align: 1 };
        Ok(match ty {
            TypeRef::Primitive { primitive } => self.target.primitive(*primitive).unwrap_or(zero),
            TypeRef::Named { id } => {
                let def = self.def_or_err(id)?;
                Layout {
                    size: def.size,
                    align: def.align.max(1),
                }
            }
            TypeRef::Pointer(_) | TypeRef::CStr | TypeRef::FnPointer(_) => self.pointer_layout(),
            TypeRef::Callback(_) => self.target.shape(FixedShape::Callback).unwrap_or(Layout {
                size: 3 * self.target.pointer_size,
                align: self.target.pointer_align,
            }),
            TypeRef::Option(o) if o.inner.is_slice_mut() => self.layout_of(&o.inner)?,
            TypeRef::Str | TypeRef::Slice(_) => {
                self.target.shape(FixedShape::View).unwrap_or(Layout {
                    size: 2 * self.target.pointer_size,
                    align: self.target.pointer_align,
                })
            }
            TypeRef::String | TypeRef::Vec(_) => self
                .target
                .shape(FixedShape::OwnedBuffer)
                .unwrap_or(Layout {
                    size: 3 * self.target.pointer_size,
                    align: self.target.pointer_align,
                }),
            TypeRef::Array(a) => {
                let element = self.layout_of(&a.element)?;
                Layout {
                    size: element.size.saturating_mul(a.len),
                    align: element.align,
                }
            }
            TypeRef::Option(o) if matches!(*o.inner, TypeRef::CStr) => self.pointer_layout(),
            TypeRef::Option(o) => self.option_layout(&o.inner)?.0,
            TypeRef::Result(r) => self.result_layout(&r.ok, &r.err)?.layout,
        })
    }

    fn pointer_layout(&self) -> Layout {
        self.target.shape(FixedShape::Pointer).unwrap_or(Layout {
            size: self.target.pointer_size,
            align: self.target.pointer_align,
        })
    }

    /// The layout of `Option<inner>` (`{uint8_t is_some; T value}`) and the offset of `value`.
    pub fn option_layout(&self, inner: &TypeRef) -> Result<(Layout, u64), ShapeError> {
        let value = self.layout_of(inner)?;
        let align = value.align.max(1);
        let offset = round_up(1, align);
        let size = round_up(offset + value.size, align);
        Ok((Layout { size, align }, offset))
    }

    /// The layout of `Result<ok, err>` as it is returned, and of the error in it.
    pub fn result_layout(&self, ok: &TypeRef, err: &TypeRef) -> Result<ResultLayout, ShapeError> {
        let ok = self.layout_of(ok)?;
        let value = self.layout_of(err)?;
        let message = self.layout_of(&TypeRef::String)?;
        let error_align = value.align.max(message.align).max(1);
        let message_offset = round_up(value.size, message.align.max(1));
        let error = Layout {
            size: round_up(message_offset + message.size, error_align),
            align: error_align,
        };
        let union_align = ok.align.max(error.align).max(1);
        let value_offset = round_up(1, union_align);
        let union_size = round_up(ok.size.max(error.size), union_align);
        Ok(ResultLayout {
            layout: Layout {
                size: round_up(value_offset + union_size, union_align),
                align: union_align,
            },
            value_offset,
            error,
            message_offset,
        })
    }
}
