//! The one place that maps a model type to its Python family.
//!
//! [`Types::family`] classifies a [`TypeRef`] (through its ABI shape, [`Inventory::shape_of`]) into a
//! family object; [`Types::declaration`] does the same for a type definition. Nothing else in the
//! Python backend looks at what a model type is: the item renderers (`items/`) ask the family.
//!
//! A family answers, for its types:
//! - the raw spelling of the ABI shape: the ctypes expression (`argtypes`, `restype`, `_fields_`) and
//!   its annotation for type checkers;
//! - the public Python type per position: parameter, return, field (and what a pointer to it
//!   accepts);
//! - the conversions between the public and the raw layer, as [`Lowering`] (argument) and
//!   [`Lifting`] (result): the function and method templates consume them unchanged;
//! - the value of a constant of the type.
//!
//! A new construct is one more family module (and perhaps a runtime helper in `_types.py`), one arm
//! in [`Types::family`], and its capability entries.

mod array;
mod c_chars;
pub mod callback;
mod conversion;
pub mod data_enum;
mod enum_;
pub mod errors;
pub mod handle;
pub mod option;
pub mod owned_record;
mod pointer;
mod primitive;
mod record;
pub mod result;
pub mod runtime;
mod sequence;
pub mod service;
mod text;
pub mod tuple;

use interop_core::abi::AbiShape;
use interop_core::model::{
    ConstValue, EnumDef, Inventory, PointerKind, StructDef, TypeDef, TypeKind, TypeRef,
};

use super::naming::Names;

pub use self::conversion::{Codec, Copied, FieldAccess, FieldType, Lifting, Lowering, RAW, WHERE};
use crate::BackendError;

/// What a family answers about one type (see the module docs).
pub trait Family {
    /// The ctypes expression of the ABI shape: `ctypes.c_uint8`, `Vec2f32`, `ctypes.POINTER(Node)`,
    /// `ctypes.c_float * 3`; `None` for `()`.
    fn ctype(&self) -> String;

    /// The ctypes type in a function's `argtypes` (a view for strings and vectors, which the library
    /// copies).
    fn arg_ctype(&self) -> String {
        self.ctype()
    }

    /// The ctypes type as an annotation (`ctypes._Pointer[Node]`, `ctypes.Array[ctypes.c_float]`).
    fn ctype_annotation(&self) -> String {
        self.ctype()
    }

    /// What a pointer to this type points at, as an annotation: the class of a record or handle, the
    /// ctypes annotation otherwise (a `&mut u32` takes a `ctypes.c_uint32`).
    fn pointee(&self) -> String {
        self.ctype_annotation()
    }

    /// The Python type a parameter of the public function accepts.
    fn param(&self) -> String;

    /// The Python type the raw (ctypes) function accepts for this parameter.
    fn raw_param(&self) -> String {
        self.param()
    }

    /// The Python type the raw (ctypes) function returns.
    fn raw_return(&self) -> String;

    /// The Python type the public function returns.
    fn returns(&self) -> String {
        self.raw_return()
    }

    /// How a struct field of this type is declared and shown.
    fn field(&self) -> FieldType;

    /// How the public parameter `value` becomes the raw function's argument: the checks of the
    /// ctypes path (the same errors as the compiled path: `TypeError` naming the parameter for a
    /// wrong type, `OverflowError` for an integer out of range), with [`WHERE`] where the text
    /// `f() argument 'a'` goes.
    fn lower(&self, value: &str) -> Lowering {
        Lowering::identity(value)
    }

    /// The parameter of a destructor: as [`Family::lower`], and a handle destroyed before is refused.
    fn destroying(&self, value: &str) -> Lowering {
        self.lower(value)
    }

    /// What a `TypeError` says an argument of this type must be (`int`, `Vec2f32 or None`), on
    /// both call paths.
    fn expected(&self) -> String {
        self.param()
    }

    /// For the compiled path (`_native.py`): the class a parameter of this type is checked
    /// against (records, handles, the targets of references, raw pointer types); `None` where
    /// the conversion needs none.
    fn native_param_class(&self) -> Option<String> {
        None
    }

    /// For the compiled path: the class a result of this type is made of (records, handles, enum
    /// members, raw pointer types, the copied targets of references); `None` where the
    /// conversion needs none.
    fn native_return_class(&self) -> Option<String> {
        None
    }

    /// How the raw function's result becomes the public result.
    fn lift(&self) -> Lifting {
        Lifting::identity()
    }

    /// How a foreign closure's argument of this type becomes what the callable gets, when it is
    /// not [`Family::lift`]: a borrowed `&str` / `&[T]` / `&T` is copied out of the memory Rust
    /// lends for the call (never freed: Rust owns it), with the codec named in the expression.
    fn callback_lift(&self) -> Option<String> {
        None
    }

    /// The codecs [`Family::callback_lift`] refers to.
    fn callback_codecs(&self) -> Vec<Codec> {
        self.codecs()
    }

    /// A copy of the value a non-NULL pointer to this type points at (`pointer` is an expression):
    /// its public type and the expression reading it. Records, arrays and handles are copied with
    /// `_copy`; families whose ctypes values are plain Python values read `pointer[0]`.
    fn copy_from(&self, pointer: &str) -> Copied {
        Copied {
            annotation: self.pointee(),
            expr: format!("{}({pointer})", runtime::COPY),
            imports: vec![runtime::COPY.to_string()],
        }
    }

    /// The codec of this type inside other data (a field of a struct that owns data, an element of
    /// a slice or vector): a module-level object of `_types.py` (`None` when it cannot be there).
    fn codec(&self) -> Option<Codec> {
        None
    }

    /// Every codec this type's codec needs, its elements' first.
    fn codecs(&self) -> Vec<Codec> {
        self.codec().into_iter().collect()
    }

    /// What an element of a sequence argument accepts (`int`, `str`, `Point`).
    fn item(&self) -> String {
        self.param()
    }

    /// What a returned vector of this element is (`typing.List[Point]`; `bytes`, `array.array[int]`
    /// for numbers).
    fn many(&self) -> String {
        format!("typing.List[{}]", self.returns())
    }

    /// True when a buffer of this element's format is borrowed as it is (numbers, `bool`, enums,
    /// C-compatible structs).
    fn borrows_buffers(&self) -> bool {
        false
    }

    /// A constant of this type: its annotation and its value as a Python expression.
    fn constant(&self, value: &ConstValue) -> Result<(String, String), BackendError> {
        Err(BackendError::Unsupported(format!(
            "a constant `{value}` of type `{}` cannot be written in Python",
            self.ctype()
        )))
    }
}

/// What a type definition becomes in `_types.py`.
#[derive(Debug, Clone, Copy)]
pub enum Declaration<'a> {
    /// A `ctypes.Structure` subclass.
    Record(&'a StructDef),
    /// A struct that owns data or holds views: a dataclass and its `ctypes.Structure` mirror.
    OwnedRecord(&'a StructDef),
    /// A tuple: only its private ABI struct (`_TupleF32F32`), the value is a Python `tuple`.
    Tuple(&'a StructDef),
    /// An `enum.IntEnum`, passed as its storage integer (`storage`: its ctypes type).
    Enum {
        def: &'a EnumDef,
        storage: &'static str,
    },
    /// A `ctypes.c_void_p` subclass: the handle of an opaque type.
    Handle,
    /// A named callback type: an alias of its `Callable[…]`.
    Callback(&'a interop_core::model::CallbackDef),
    /// A service: a `_Service` subclass owning a Rust object.
    Service,
    /// An enum with data: a frozen dataclass per variant and a `Union` alias.
    DataEnum(&'a interop_core::model::DataEnumDef),
}

/// The family dispatch over an inventory's types, with their Python names.
pub struct Types<'a> {
    inv: &'a Inventory,
    names: &'a Names,
}

impl<'a> Types<'a> {
    pub fn new(inv: &'a Inventory, names: &'a Names) -> Self {
        Types { inv, names }
    }

    fn class(&self, id: &str) -> Result<&'a str, BackendError> {
        self.names.class(id)
    }

    /// The family of `ty`: the one match from a model type to what Python makes of it.
    pub fn family(&self, ty: &'a TypeRef) -> Result<Box<dyn Family + 'a>, BackendError> {
        let shape = self
            .inv
            .shape_of(ty)
            .map_err(|e| BackendError::Unsupported(e.to_string()))?;
        Ok(match shape {
            AbiShape::Unit => Box::new(primitive::Unit),
            AbiShape::Primitive(p) => {
                Box::new(primitive::Primitive::new(p)?.on_target(self.inv.target.pointer_size))
            }
            AbiShape::Enum { def, storage } => {
                let TypeKind::Enum(e) = &def.kind else {
                    return Err(BackendError::Other(format!(
                        "invalid inventory: `{}` is not an enum",
                        def.id
                    )));
                };
                Box::new(enum_::Enum::new(
                    self.class(&def.id)?,
                    e,
                    self.names.members(&def.id)?,
                    primitive::Primitive::new(storage)?.on_target(self.inv.target.pointer_size),
                ))
            }
            AbiShape::Record { def } if def.is_tuple() => {
                let TypeKind::Struct(s) = &def.kind else {
                    return Err(BackendError::Other(format!(
                        "invalid inventory: `{}` is not a struct",
                        def.id
                    )));
                };
                Box::new(tuple::Tuple {
                    class: self.class(&def.id)?,
                    elements: s
                        .fields
                        .iter()
                        .map(|f| self.family(&f.ty))
                        .collect::<Result<_, _>>()?,
                })
            }
            AbiShape::Record { def } | AbiShape::Transparent { def, .. } => {
                if self.is_owned_record(ty)? {
                    Box::new(owned_record::OwnedRecord {
                        class: self.class(&def.id)?,
                    })
                } else {
                    Box::new(record::Record::new(self.class(&def.id)?))
                }
            }
            AbiShape::DataEnum { def, .. } => Box::new(data_enum::DataEnum {
                class: self.class(&def.id)?,
            }),
            AbiShape::Option { inner } => {
                if matches!(self.inv.shape_of(inner), Ok(AbiShape::Option { .. })) {
                    return Err(BackendError::Unsupported(format!(
                        "`{}` has no Python spelling: `None` cannot stand for both `None` and \
                         `Some(None)`; use one `Option` level, or an #[ffi] enum with data that \
                         names the cases (`enum Lookup {{ Missing, Empty, Found(String) }}`)",
                        self.inv.rust_spelling(ty)
                    )));
                }
                Box::new(option::Optional {
                    inner: self.family(inner)?,
                })
            }
            AbiShape::Result { ok, err } => {
                let (raiser, exception, variants) = self.error_of(err)?;
                Box::new(result::Outcome {
                    ok: if ok.is_unit() {
                        None
                    } else {
                        Some(self.family(ok)?)
                    },
                    err: self.family(err)?,
                    raiser,
                    exception,
                    variants,
                })
            }
            AbiShape::Service { def, pass } => Box::new(service::Service {
                class: self.class(&def.id)?,
                pass,
            }),
            AbiShape::Str { owned } => Box::new(text::Text { owned }),
            AbiShape::CStr => Box::new(text::CStr),
            AbiShape::Slice { element, mutable } => Box::new(sequence::Sequence {
                element: self.family(element)?,
                owned: false,
                mutable,
            }),
            AbiShape::Vec { element } => Box::new(sequence::Sequence {
                element: self.family(element)?,
                owned: true,
                mutable: false,
            }),
            AbiShape::Array {
                element,
                dims,
                rank,
            } => Box::new(array::Array::new(self.family(element)?, &dims[..rank])),
            AbiShape::Handle { def, kind, .. } => {
                let tracked = handle::has_destructor(self.inv, &def.id);
                Box::new(handle::Handle::new(self.class(&def.id)?, kind, tracked)?)
            }
            AbiShape::Pointer {
                target,
                kind,
                mutable,
            } => {
                if let Ok(AbiShape::DataEnum { def, .. }) = self.inv.shape_of(target) {
                    Box::new(data_enum::borrowed(self.class(&def.id)?, kind, mutable)?)
                } else if pointer::is_void(target) {
                    Box::new(pointer::VoidPointer)
                } else if pointer::is_c_string(target, kind) {
                    Box::new(c_chars::CChars { mutable })
                } else {
                    Box::new(pointer::Pointer::new(self.family(target)?, kind)?)
                }
            }
            AbiShape::Callback(c) => {
                if let Some(p) = c.params.iter().find(|p| {
                    matches!(p, TypeRef::Pointer(pt) if pt.mutable && pt.kind == PointerKind::Reference)
                }) {
                    return Err(BackendError::Unsupported(format!(
                        "a closure parameter `{}`: Python cannot hand out a mutable reference that \
                         stays valid only while the callable runs; take `&T` and return the new value",
                        self.inv.rust_spelling(p)
                    )));
                }
                let params = c
                    .params
                    .iter()
                    .map(|p| self.family(p))
                    .collect::<Result<Vec<_>, _>>()?;
                let key = self.signature_key(&c.params, &c.returns);
                let sig = match &*c.returns {
                    TypeRef::Result(r) => {
                        let ok = if r.ok.is_unit() {
                            None
                        } else {
                            Some(self.family(&r.ok)?)
                        };
                        let err = self.family(&r.err)?;
                        let exception = self.exception_name(&r.err)?;
                        callback::result_signature(&key, &params, ok.as_deref(), &*err, &exception)
                    }
                    returns => {
                        let family = self.family(returns)?;
                        callback::signature(&key, &params, &*family, returns.is_unit())
                    }
                };
                Box::new(callback::Callback { c, sig })
            }
            AbiShape::FnPointer(f) => {
                let mut argtypes = Vec::new();
                let mut publics = Vec::new();
                for p in &f.params {
                    let fam = self.family(p)?;
                    argtypes.push(fam.ctype());
                    publics.push(fam.raw_return());
                }
                let unit = f.returns.is_unit();
                let ret = self.family(&f.returns)?;
                let restype = if unit {
                    "None".to_string()
                } else {
                    ret.ctype()
                };
                let key = self.signature_key(&f.params, &f.returns);
                Box::new(callback::FnPointer {
                    f,
                    proto: format!("_c_fnptr_{key}"),
                    annotation: format!(
                        "typing.Callable[[{}], {}]",
                        publics.join(", "),
                        if unit {
                            "None".to_string()
                        } else {
                            ret.raw_return()
                        }
                    ),
                    proto_expr: format!(
                        "ctypes.CFUNCTYPE({restype}{})",
                        argtypes
                            .iter()
                            .map(|a| format!(", {a}"))
                            .collect::<String>()
                    ),
                })
            }
            _ => {
                return Err(BackendError::Unsupported(format!(
                    "`{}` is a construct the Python backend does not know",
                    self.inv.rust_spelling(ty)
                )));
            }
        })
    }

    /// True for a struct that owns data, holds views, options or tuples: a Python class with a
    /// ctypes mirror. A struct holding a data enum (a dataclass in Python) is one too.
    pub fn is_owned_record(&self, ty: &TypeRef) -> Result<bool, BackendError> {
        let converts = self
            .inv
            .converts(ty)
            .map_err(|e| BackendError::Unsupported(e.to_string()))?;
        Ok(converts || self.holds_data_enum(ty) || self.holds_tuples(ty))
    }

    /// True when a value of `ty` holds a data enum by value (fields, arrays, options, at any
    /// depth).
    fn holds_data_enum(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Array(a) => self.holds_data_enum(&a.element),
            TypeRef::Option(o) => self.holds_data_enum(&o.inner),
            TypeRef::Named { id } => match self.inv.type_def(id).map(|d| &d.kind) {
                Some(TypeKind::DataEnum(_)) => true,
                Some(TypeKind::Struct(s)) => s.fields.iter().any(|f| self.holds_data_enum(&f.ty)),
                _ => false,
            },
            _ => false,
        }
    }

    /// True when a struct `ty` has a tuple field, at any depth of C-compatible structs.
    fn holds_tuples(&self, ty: &TypeRef) -> bool {
        let TypeRef::Named { id } = ty else {
            return false;
        };
        let Some(TypeDef {
            kind: TypeKind::Struct(s),
            ..
        }) = self.inv.type_def(id)
        else {
            return false;
        };
        s.fields.iter().any(|f| match &f.ty {
            TypeRef::Named { id } => {
                self.inv.type_def(id).is_some_and(TypeDef::is_tuple) || self.holds_tuples(&f.ty)
            }
            _ => false,
        })
    }

    /// True when the package uses strings, slices or vectors (the runtime of `_types.py` and the
    /// typing imports of the modules).
    pub fn uses_buffers(&self) -> bool {
        let mut types: Vec<&TypeRef> = Vec::new();
        for f in &self.inv.functions {
            types.extend(f.params.iter().map(|p| &p.ty));
            types.push(&f.returns);
        }
        for def in &self.inv.types {
            if let TypeKind::Struct(s) = &def.kind {
                types.extend(s.fields.iter().map(|f| &f.ty));
            }
        }
        // What closures take and return crosses in the trampolines (a `String` argument is a
        // buffer the callable frees).
        let closures: Vec<&TypeRef> = types
            .iter()
            .filter_map(|t| match t {
                TypeRef::Callback(c) => Some(c),
                _ => None,
            })
            .flat_map(|c| c.params.iter().chain([&*c.returns]))
            .collect();
        types.extend(closures);
        types.into_iter().any(|t| {
            matches!(
                self.inv.shape_of(t),
                Ok(AbiShape::Str { .. }
                    | AbiShape::CStr
                    | AbiShape::Slice { .. }
                    | AbiShape::Vec { .. }
                    | AbiShape::Option { .. }
                    | AbiShape::Result { .. })
            )
        })
    }

    /// What the definition `def` becomes in `_types.py`.
    pub fn declaration(&self, def: &'a TypeDef) -> Result<Declaration<'a>, BackendError> {
        Ok(match &def.kind {
            TypeKind::Struct(s) if def.is_tuple() => Declaration::Tuple(s),
            TypeKind::Struct(s) if self.is_owned_record(&TypeRef::named(def.id.clone()))? => {
                Declaration::OwnedRecord(s)
            }
            TypeKind::Struct(s) => Declaration::Record(s),
            TypeKind::Enum(e) => Declaration::Enum {
                def: e,
                storage: primitive::Primitive::new(e.storage)?.ctype(),
            },
            TypeKind::Opaque => Declaration::Handle,
            TypeKind::Callback(c) => Declaration::Callback(c),
            TypeKind::Service => Declaration::Service,
            TypeKind::DataEnum(e) => Declaration::DataEnum(e),
            _ => {
                return Err(BackendError::Unsupported(format!(
                    "type `{}` is of a kind the Python backend does not know",
                    def.id
                )));
            }
        })
    }
}

/// The ctypes type of the primitive `p` (a data enum's tag).
pub fn primitive_ctype(p: interop_core::model::Primitive) -> Result<&'static str, BackendError> {
    Ok(primitive::Primitive::new(p)?.ctype())
}

impl Types<'_> {
    /// The codec of the data enum `class`.
    pub fn data_enum_codec(&self, class: &str) -> Vec<Codec> {
        data_enum::DataEnum { class }.codecs()
    }
}

/// Name of the module-level converter from a raw integer to a member of the enum `class`.
pub fn enum_converter(class: &str) -> String {
    format!("_{class}_from")
}
