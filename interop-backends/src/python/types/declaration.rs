//! What a type definition becomes in `_types.py`, and which structs are classes with a ctypes
//! mirror.

use interop_core::abi::AbiShape;
use interop_core::model::{EnumDef, StructDef, TypeDef, TypeKind, TypeRef};

use super::{Types, primitive};
use crate::BackendError;

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

impl<'a> Types<'a> {
    /// True for a struct that owns data, holds views, options or tuples: a Python class with a
    /// ctypes mirror. A struct holding a data enum (a dataclass in Python) is one too.
    pub fn is_owned_record(&self, ty: &TypeRef) -> Result<bool, BackendError> {
        let converts = self
            .inv
            .converts(ty)
            .map_err(|e| BackendError::Unsupported(e.to_string()))?;
        Ok(converts
            || self.holds_data_enum(ty)
            || self.holds_tuples(ty)
            || crate::common::closures::holds_closure(self.inv, ty))
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
        // A dataclass holding closures crosses through the record codecs of the buffer runtime.
        if types
            .iter()
            .any(|t| crate::common::closures::holds_closure(self.inv, t))
        {
            return true;
        }
        types.into_iter().any(|t| {
            matches!(
                self.inv.shape_of(t),
                Ok(AbiShape::Str { .. }
                    | AbiShape::CStr { .. }
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
