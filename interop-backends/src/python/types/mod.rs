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
mod callback_slots;
mod conversion;
pub mod data_enum;
mod enum_;
pub mod errors;
mod fn_pointer;
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

mod declaration;
mod family;

use interop_core::abi::AbiShape;
use interop_core::model::{Inventory, PointerKind, Primitive, TypeKind, TypeRef};

use super::naming::Names;

pub use self::conversion::{Codec, Copied, FieldAccess, FieldType, Lifting, Lowering, RAW, WHERE};
use crate::BackendError;

pub use self::declaration::Declaration;
pub use self::family::Family;

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

    /// Elements the compiled path packs itself (numbers, `bool`, C-like enums: buffers of their
    /// format borrowed, the rest through `_packed`); it leaves every other element to `_slice_in`.
    fn numbers(&self, element: &TypeRef) -> bool {
        matches!(
            self.inv.shape_of(element),
            Ok(AbiShape::Primitive(p)) if p != Primitive::CChar && p != Primitive::CVoid
        ) || matches!(self.inv.shape_of(element), Ok(AbiShape::Enum { .. }))
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
                        closures: crate::common::closures::holds_closure(self.inv, ty),
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
            AbiShape::CStr { nullable } => Box::new(text::CStr { nullable }),
            AbiShape::Slice {
                element,
                mutable,
                nullable,
            } => Box::new(sequence::Sequence {
                element: self.family(element)?,
                owned: false,
                mutable,
                nullable,
                numbers: self.numbers(element),
            }),
            AbiShape::Vec { element } => Box::new(sequence::Sequence {
                element: self.family(element)?,
                owned: true,
                mutable: false,
                nullable: false,
                numbers: self.numbers(element),
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
                        let mut sig = callback::result_signature(
                            &key,
                            &params,
                            ok.as_deref(),
                            &*err,
                            &exception,
                        );
                        // Owned data in a slot (ADR 54): written by `_own_into`.
                        sig.owned = [&r.ok, &r.err].into_iter().any(|t| {
                            !t.is_unit() && !crate::common::closures::returns_by_value(self.inv, t)
                        });
                        sig
                    }
                    returns if crate::common::closures::returns_in_slot(self.inv, returns) => {
                        let family = self.family(returns)?;
                        callback::slot_signature(&key, &params, &*family)
                    }
                    returns => {
                        let family = self.family(returns)?;
                        let mut sig =
                            callback::signature(&key, &params, &*family, returns.is_unit());
                        // A C-like enum: a value that is no variant is the callback's error.
                        if let Ok(AbiShape::Enum { def, .. }) = self.inv.shape_of(returns) {
                            sig.members = Some(self.class(&def.id)?.to_string());
                        }
                        sig.ordering = crate::common::closures::is_ordering(returns);
                        sig
                    }
                };
                // A named callback type is spelled by its alias (`OnEvent`), each twin by its own
                // (ADR 42); others by their signature.
                let named = match c.name.as_deref() {
                    Some(id) => Some(self.class(id)?.to_string()),
                    None => None,
                };
                Box::new(callback::Callback { c, sig, named })
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
                Box::new(fn_pointer::FnPointer {
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
