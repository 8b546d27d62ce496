//! Model types → C# families: the one place that asks what a type is ([`family`] for a type in a
//! signature, a field or behind a pointer; [`definition`] for a named type's own declaration).
//!
//! A family answers, for its types: the `[DllImport]` type of the ABI shape, the public C# type per
//! position, and the conversions both ways as one shared shape ([`Conversion`], [`ParamSpec`],
//! [`ReturnSpec`], [`ReceiverSpec`], [`FieldShape`]). The item renderers (`super::items`) consume those
//! and never look at a model type: a new construct is a new family module (and perhaps a runtime
//! template), not a change to the methods, structs and classes.

use interop_core::abi::AbiShape;
use interop_core::abi::classify::ShapeError;
use std::collections::BTreeSet;

use interop_core::model::{
    ConstValue, Function, FunctionKind, Inventory, PointerKind, Primitive, TypeDef, TypeKind,
    TypeRef,
};

use super::names::{Locals, pascal};
use super::problems::{Problem, Problems};
use super::settings::Settings;
use crate::BackendError;

pub mod array;
pub mod call;
pub mod callback;
pub mod closure_record;
pub mod data_enum;
pub mod enum_;
pub mod error;
pub mod handle;
mod helper_converted;
mod mirror;
pub mod option;
pub mod owned_record;
pub mod pointer;
pub mod primitive;
pub mod record;
pub mod result;
pub mod sequence;
pub mod service;
mod spec;
pub mod text;
pub mod tuple;

pub use mirror::mirror_ident;
pub use spec::{
    ArrayElement, Conversion, DataCodec, FieldShape, Helper, ParamSpec, ReceiverSpec, ReturnSpec,
};

/// `global::System.IntPtr`: the raw type of opaque pointers.
pub const INTPTR: &str = "global::System.IntPtr";
/// `global::System.UIntPtr`: the raw type of `usize`.
pub const UINTPTR: &str = "global::System.UIntPtr";

/// What every family and renderer reads: the inventory, the settings and the target facts.
#[derive(Clone)]
pub struct Cx<'a> {
    pub inv: &'a Inventory,
    pub s: &'a Settings,
    /// x86-64 System V (Linux, macOS, the BSDs): structs with misaligned fields (packed) are passed
    /// and returned in memory there, which P/Invoke does not do by itself.
    pub sysv_x64: bool,
    /// The ids of the types that have a destructor (`#[ffi(destructor)]`).
    destructible: BTreeSet<&'a str>,
    /// Render the array overload of a method: slices of C-compatible elements are `T[]` instead of
    /// `ReadOnlySpan<T>` / `Span<T>`.
    pub arrays: bool,
    /// Render the `ref` overload of a method: a `&T` to a C-compatible struct is `ref T` (pinned
    /// with `fixed`) instead of a copy (ADR 38).
    pub refs: bool,
    /// Some function takes or returns a closure (or a struct of closures): the callback runtime is
    /// emitted.
    pub callbacks: bool,
}

impl<'a> Cx<'a> {
    pub fn new(inv: &'a Inventory, s: &'a Settings) -> Self {
        Cx {
            inv,
            s,
            sysv_x64: inv.target.is_sysv_x86_64(),
            destructible: inv
                .functions
                .iter()
                .filter(|f| f.kind == FunctionKind::Destructor)
                .filter_map(|f| f.owner.as_deref())
                // A service's `_free` is its class's `Dispose`: no tracking of raw pointers.
                .filter(|id| !matches!(inv.type_def(id).map(|d| &d.kind), Some(TypeKind::Service)))
                .collect(),
            arrays: false,
            refs: false,
            callbacks: inv
                .functions
                .iter()
                .flat_map(|f| f.params.iter().map(|p| &p.ty).chain([&f.returns]))
                .any(|t| {
                    matches!(inv.shape_of(t), Ok(AbiShape::Callback(_)))
                        || crate::common::closures::holds_closure(inv, t)
                }),
        }
    }

    /// The same context rendering the array overloads (`T[]` for slices of C-compatible elements).
    pub fn with_arrays(&self) -> Self {
        Cx {
            arrays: true,
            ..self.clone()
        }
    }

    /// The same context rendering the `ref` overloads (`ref T` for a `&T` to a C-compatible struct).
    pub fn with_refs(&self) -> Self {
        Cx {
            refs: true,
            ..self.clone()
        }
    }

    /// True when type `id` has a destructor: its handles are tracked so that a second destroy is
    /// refused (see the handle family).
    pub fn has_destructor(&self, id: &str) -> bool {
        self.destructible.contains(id)
    }

    /// True when some type has a destructor (the raw layer then carries the tracking helpers).
    pub fn any_destructor(&self) -> bool {
        !self.destructible.is_empty()
    }

    /// The C# name of a named type.
    pub fn type_name(&self, def: &TypeDef) -> String {
        pascal(&def.name, self.s.naming)
    }
}

/// The answers one family gives for one type. Defaults fit by-value types whose public, stored and raw
/// forms are the same C# type.
pub trait Family {
    /// The C# type of a value in memory: a struct field, a pointer's target.
    fn storage(&self, cx: &Cx) -> Result<String, Problem>;

    /// The `[DllImport]` type of a value passed or returned directly.
    fn raw(&self, cx: &Cx) -> Result<String, Problem> {
        self.storage(cx)
    }

    /// The public C# type of a by-value parameter or return value.
    fn public(&self, cx: &Cx) -> Result<String, Problem> {
        self.storage(cx)
    }

    /// Converts a public value expression to its stored form (`bool` → `byte`).
    fn store(&self, expr: &str) -> String {
        expr.to_string()
    }

    /// Converts a stored value expression to its public form.
    fn load(&self, expr: &str) -> String {
        expr.to_string()
    }

    /// True when the public and stored forms differ (a reference to it goes through a local).
    fn converts(&self) -> bool {
        false
    }

    /// What a pointer to this type points to in C# (`T` of `T*`): its stored type; the element for
    /// an array (a pointer to an array is a pointer to its first element).
    fn pointee(&self, cx: &Cx) -> Result<String, Problem> {
        self.storage(cx)
    }

    /// The parameter conversion of a pointer of `kind` to this type when the type has its own (arrays:
    /// a C# array for `&[T; N]`; `c_char`: a `string` for `*const c_char`), `None` otherwise.
    fn pointer_param(
        &self,
        _cx: &Cx,
        _name: &str,
        _kind: PointerKind,
        _mutable: bool,
        _locals: &mut Locals,
    ) -> Result<Option<Conversion>, Problem> {
        Ok(None)
    }

    /// True when the public C# type is a reference type (`string`, arrays, classes): `null` is its
    /// `None` in an option, and a non-optional parameter refuses it (`ArgumentNullException`). False
    /// for value types, whose option is `T?`.
    fn reference_type(&self) -> bool {
        false
    }

    /// True when a `&T` / `&mut T` / `Option<&T>` to this type is exposed by value / `ref` / nullable
    /// (values); false when it stays a pointer.
    fn by_reference(&self) -> bool {
        false
    }

    /// A parameter named `name` in the public signature.
    fn param(&self, cx: &Cx, name: &str, _locals: &mut Locals) -> Result<ParamSpec, Problem> {
        Ok(ParamSpec {
            raw: self.raw(cx)?,
            conv: Conversion {
                decls: vec![format!("{} {name}", self.public(cx)?)],
                args: vec![self.store(name)],
                ..Conversion::default()
            },
        })
    }

    /// The return value.
    fn ret(&self, cx: &Cx) -> Result<ReturnSpec, Problem> {
        Ok(ReturnSpec::direct(
            self.public(cx)?,
            self.raw(cx)?,
            self.load("__ret"),
        ))
    }

    /// A struct field.
    fn field(&self, cx: &Cx) -> Result<FieldShape, Problem> {
        Ok(FieldShape::Plain {
            ty: self.storage(cx)?,
        })
    }

    /// Statements run before the call of a destructor taking this type (`name` is its parameter): the
    /// handle family refuses a handle destroyed before.
    fn destroying(&self, _cx: &Cx, _name: &str) -> Result<Vec<String>, Problem> {
        Err(Problem::new(
            "a destructor takes the handle of its type (`*mut Self`)",
        ))
    }

    /// The parameter of a destructor taking this type when it differs from [`Family::param`] (a
    /// service's `_free` takes the raw pointer); `None`: the usual parameter.
    fn destructor_param(&self, _cx: &Cx, _name: &str) -> Option<ParamSpec> {
        None
    }

    /// The receiver of a method whose `self` has this type.
    fn receiver(&self, _cx: &Cx, _locals: &mut Locals) -> Result<ReceiverSpec, Problem> {
        Err(Problem::new(
            "a method whose receiver is of a kind of type the C# backend does not know",
        ))
    }

    /// The receiver of a method taking `&self` (`mutable`: `&mut self`) of this type; `pointer` makes
    /// the parameter conversion of that reference (named `self`), for families that use it.
    fn receiver_by_reference(
        &self,
        _cx: &Cx,
        _mutable: bool,
        _locals: &mut Locals,
        _pointer: &dyn Fn(&mut Locals) -> Result<Conversion, Problem>,
    ) -> Result<ReceiverSpec, Problem> {
        Err(Problem::new(
            "a method whose receiver is of a kind of type the C# backend does not know",
        ))
    }

    /// The C# type and literal of a constant of this type.
    fn constant(&self, _cx: &Cx, _value: ConstValue) -> Result<(String, String), Problem> {
        Err(Problem::new(
            "only primitive and enum constants are supported",
        ))
    }

    /// How a value of this type sits inside other data: a field of a struct that owns data, an element
    /// of a vector or slice (see [`DataCodec`]).
    fn data(&self, _cx: &Cx) -> Result<DataCodec, Problem> {
        Err(Problem::new(
            "this type cannot be an element of a vector or a field of a struct that owns data in C#",
        ))
    }

    /// The C# element type of a span or array whose memory is the ABI's as it is (numbers, `bool`,
    /// enums, C-compatible structs): such slices are pinned, not copied. `None`: elements convert.
    fn span_element(&self, _cx: &Cx) -> Result<Option<String>, Problem> {
        Ok(None)
    }

    /// The part of a generated helper's name that stands for this type (`U32`, `String`, `VecPerson`).
    fn tag(&self, _cx: &Cx) -> String {
        "Unknown".to_string()
    }

    /// Adds the helper methods (and mirror structs) of the raw layer this type's conversions use,
    /// by name (a type already present is not visited again: recursive types end).
    fn collect_codecs(
        &self,
        _cx: &Cx,
        _out: &mut std::collections::BTreeMap<String, String>,
    ) -> Result<(), Problem> {
        Ok(())
    }

    /// Adds the public namespace-level declarations this type's conversions use (a delegate type, the
    /// class of a returned closure), by name; `returned`: for a return value.
    fn collect_public(
        &self,
        _cx: &Cx,
        _returned: bool,
        _out: &mut std::collections::BTreeMap<String, String>,
    ) -> Result<(), Problem> {
        Ok(())
    }

    /// How the type is stored as the element of a fixed-size array field (its element type and
    /// conversions are then [`Family::storage`], [`Family::public`], [`Family::load`] and
    /// [`Family::store`]).
    fn array_element(&self) -> Result<ArrayElement, Problem> {
        Err(Problem::new("arrays of this type are not supported"))
    }
}

/// A family object.
pub type Fam<'a> = Box<dyn Family + 'a>;

/// The family of `ty`.
pub fn family<'a>(cx: &Cx<'a>, ty: &'a TypeRef) -> Result<Fam<'a>, Problem> {
    Ok(match cx.inv.shape_of(ty) {
        Ok(AbiShape::Unit) => Box::new(primitive::Unit),
        Ok(AbiShape::Primitive(p)) => Box::new(primitive::Prim(p)),
        Ok(AbiShape::Enum { def, storage }) => Box::new(enum_::Enum {
            def,
            storage,
            variants: match &def.kind {
                TypeKind::Enum(e) => &e.variants,
                _ => &[],
            },
        }),
        Ok(AbiShape::Record { def }) if def.is_tuple() => match &def.kind {
            TypeKind::Struct(s) => Box::new(tuple::Tuple { def, s }),
            _ => {
                return Err(Problem::new(format!(
                    "invalid inventory: `{}` is not a struct",
                    def.id
                )));
            }
        },
        Ok(AbiShape::Record { def }) if closure_record::holds_closures(cx, def) => {
            Box::new(closure_record::ClosureRecord { def })
        }
        Ok(AbiShape::Record { def })
            if cx.inv.owns_data(ty).unwrap_or(false) || cx.inv.holds_views(ty).unwrap_or(false) =>
        {
            Box::new(owned_record::OwnedRecord { def })
        }
        Ok(AbiShape::Record { def }) => Box::new(record::Record { def, ty }),
        Ok(AbiShape::DataEnum { def, data }) => Box::new(data_enum::DataEnum { def, data }),
        Ok(AbiShape::Str { owned }) => Box::new(text::Text { owned }),
        Ok(AbiShape::CStr { nullable }) => Box::new(text::CStr { nullable }),
        Ok(AbiShape::Slice {
            element,
            mutable,
            nullable,
        }) => Box::new(sequence::Sequence {
            element: family(cx, element)?,
            element_ty: element,
            owned: false,
            mutable,
            nullable,
        }),
        Ok(AbiShape::Vec { element }) => Box::new(sequence::Sequence {
            element: family(cx, element)?,
            element_ty: element,
            owned: true,
            mutable: false,
            nullable: false,
        }),
        Ok(AbiShape::Transparent { def, inner }) => Box::new(record::Transparent {
            def,
            ty,
            inner: family(cx, inner)?,
        }),
        Ok(AbiShape::Array {
            element,
            dims,
            rank,
        }) => Box::new(array::Array {
            element: family(cx, element)?,
            element_ty: element,
            dims: dims[..rank].to_vec(),
        }),
        Ok(AbiShape::Pointer {
            target,
            mutable,
            kind,
        }) => Box::new(pointer::Pointer {
            target: family(cx, target)?,
            record: matches!(cx.inv.shape_of(target), Ok(AbiShape::Record { .. })),
            mutable,
            kind,
        }),
        Ok(AbiShape::Handle { def, .. }) => Box::new(handle::Handle { def }),
        Ok(AbiShape::Service { def, pass }) => Box::new(service::Service { def, pass }),
        Ok(AbiShape::Callback(c)) => Box::new(callback::Callback { c }),
        Ok(AbiShape::FnPointer(f)) => Box::new(callback::FnPointer { f }),
        Ok(AbiShape::Option { inner }) => {
            option::refuse_nested(cx, ty, inner)?;
            Box::new(option::Opt {
                inner: family(cx, inner)?,
                inner_ty: inner,
            })
        }
        Ok(AbiShape::Result { ok, err }) => Box::new(result::ResultFam {
            ok: family(cx, ok)?,
            err: error::ErrorType::new(cx, err)?,
            ty,
        }),
        Ok(_) => {
            return Err(Problem::new(format!(
                "`{}` is a construct the C# backend does not know",
                cx.inv.rust_spelling(ty)
            )));
        }
        Err(_)
            if matches!(
                ty,
                TypeRef::Primitive {
                    primitive: Primitive::CVoid
                }
            ) =>
        {
            Box::new(primitive::Void)
        }
        Err(e @ ShapeError::UnknownType(_)) => {
            return Err(Problem::new(format!("invalid inventory: {e}")));
        }
        Err(e) => return Err(Problem::new(e.to_string())),
    })
}

/// How a named type is declared: the blocks it renders and the top-level names it takes.
pub trait Definition {
    /// The namespace-level names the type defines (itself, companion classes), each with what it is.
    fn top_level_names(&self, cx: &Cx, methods: &[&Function]) -> Vec<(String, String)>;

    /// The rendered blocks (the type, then any companion class), with its methods.
    fn render(
        &self,
        cx: &Cx,
        sink: &mut Problems,
        methods: &[&Function],
    ) -> Result<Vec<String>, BackendError>;

    /// The C# struct that carries this type's values across the boundary (its layout is checked
    /// against the library's at load), if it is a struct.
    fn marshalled_type(&self, _cx: &Cx) -> Option<String> {
        None
    }
}

/// The declaration of `def`.
pub fn definition<'a>(cx: &Cx, def: &'a TypeDef) -> Result<Box<dyn Definition + 'a>, Problem> {
    Ok(match &def.kind {
        TypeKind::Struct(s) if def.is_tuple() => Box::new(tuple::TupleDef { def, s }),
        TypeKind::Struct(s) if closure_record::holds_closures(cx, def) => {
            Box::new(closure_record::ClosureRecordDef { def, s })
        }
        TypeKind::Struct(s) if owned_record::owns_or_views(cx, def) => {
            Box::new(owned_record::OwnedRecordDef { def, s })
        }
        TypeKind::Struct(s) => Box::new(record::RecordDef { def, s }),
        TypeKind::Enum(e) => Box::new(enum_::EnumDef { def, e }),
        TypeKind::Opaque => Box::new(handle::HandleDef { def }),
        TypeKind::Service => Box::new(service::ServiceDef { def }),
        TypeKind::DataEnum(data) => Box::new(data_enum::DataEnumDefinition { def, data }),
        TypeKind::Callback(c) => Box::new(callback::CallbackDefn { def, c }),
        _ => {
            return Err(Problem::new(format!(
                "type `{}` is of a kind the C# backend does not know",
                def.id
            )));
        }
    })
}
