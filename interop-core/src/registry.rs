//! Collects descriptors from the `linkme` slices into an [`Inventory`].
//!
//! `#[ffi]` registers one static descriptor per item in [`FUNCTIONS`] or [`CONSTANTS`], and one
//! describe function per type in [`TYPES`]. Descriptors are plain static data (`&'static str`s,
//! slices, and `fn` pointers for the types); the non-generic functions here turn them into the owned
//! [model](crate::model) once, when the inventory is collected. That keeps the code `#[ffi]` generates
//! per item small (it is compiled for every item of every user crate).
//! Types are described through the [`FfiType`](crate::FfiType) traits, which register each named type
//! once in a [`Registry`] and hand back a [`TypeRef`].

use std::collections::BTreeMap;

mod instances;

pub use instances::GenericArgDesc;

use crate::model::{
    CallbackDef, CallbackNaming, ConstValue, Constant, DataEnumDef, DataVariant, Docs, EnumDef,
    Field, Function, FunctionKind, Inventory, Param, Primitive, Receiver, SCHEMA_VERSION,
    StructDef, StructLayout, TypeDef, TypeId, TypeKind, TypeRef, Variant, anchor_hint,
    callback_name, module_of, named_callbacks,
};

/// Describes a type to the registry (`<T as FfiType>::describe` or an equivalent).
pub type DescribeFn = fn(&mut Registry) -> TypeRef;

/// One entry per `#[ffi]` function (free or in an `impl` block).
#[linkme::distributed_slice]
pub static FUNCTIONS: [FunctionDesc];

/// One entry per `#[ffi]` struct / enum / opaque type, so that types no function uses are exported too.
#[linkme::distributed_slice]
pub static TYPES: [DescribeFn];

/// One entry per `#[ffi]` constant.
#[linkme::distributed_slice]
pub static CONSTANTS: [ConstantDesc];

/// A function as `#[ffi]` records it: static data, see [`Function`] for the meaning of each field.
/// `docs` are the raw `#[doc]` values (split into lines when converted).
pub struct FunctionDesc {
    pub name: &'static str,
    pub rust_name: &'static str,
    /// `module_path!()` where the function is defined.
    pub module_path: &'static str,
    pub symbol: &'static str,
    /// `""` for none.
    pub module: &'static str,
    /// For methods: describes the owning type (its id becomes [`Function::owner`]).
    pub owner: Option<DescribeFn>,
    pub receiver: ReceiverDesc,
    pub kind: FunctionKind,
    pub shim: ShimAddr,
    /// The shim the compiled Python path calls: [`FunctionDesc::shim`], or for a function taking
    /// `&str` or `String` a second one of the same signature, not exported, that does not validate
    /// CPython's UTF-8 form of a `str` again (ADR 52).
    pub python_shim: ShimAddr,
    /// How the compiled Python path calls the shim (the entry of its ABI signature).
    pub python: &'static crate::python::PyCall,
    pub docs: &'static [&'static str],
    pub params: &'static [ParamDesc],
    pub returns: DescribeFn,
    /// The paths spelled in the return type that could name a callback type (see
    /// [`CallbackType::alias_hint`](crate::model::CallbackType::alias_hint)).
    pub returns_hint: &'static [&'static str],
}

/// The address of a function's `extern "C"` shim (for the panic hook, which recognises a panic the
/// shim will catch by finding the shim on the stack).
#[derive(Debug, Clone, Copy)]
pub struct ShimAddr(pub *const ());

// SAFETY: a code address, never dereferenced.
unsafe impl Sync for ShimAddr {}
// SAFETY: as above.
unsafe impl Send for ShimAddr {}

impl ShimAddr {
    pub fn address(self) -> usize {
        self.0 as usize
    }
}

/// How a method takes `self` (see [`Receiver`]); `None` for free and associated functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReceiverDesc {
    None,
    Ref,
    RefMut,
    Value,
}

impl ReceiverDesc {
    fn to_model(self) -> Option<Receiver> {
        match self {
            ReceiverDesc::None => None,
            ReceiverDesc::Ref => Some(Receiver::Ref),
            ReceiverDesc::RefMut => Some(Receiver::RefMut),
            ReceiverDesc::Value => Some(Receiver::Value),
        }
    }
}

/// A parameter of a [`FunctionDesc`].
pub struct ParamDesc {
    pub name: &'static str,
    pub ty: DescribeFn,
    /// The paths spelled in its type that could name a callback type (ADR 42).
    pub hint: &'static [&'static str],
}

/// A named type as `#[ffi]` records it (see [`TypeDef`]).
pub struct TypeDesc {
    pub id: &'static str,
    pub name: &'static str,
    pub rust_name: &'static str,
    pub module: Option<&'static str>,
    pub docs: &'static [&'static str],
    pub size: u64,
    pub align: u64,
    pub kind: TypeKindDesc,
    /// The arguments of a generic `#[ffi]` struct's instantiation (`Pair<u32>`: `[Type("T", u32)]`),
    /// empty for other types. Each instantiation is its own type in the bindings (see
    /// [`instances`]).
    pub generics: &'static [GenericArgDesc],
}

/// The kind of a [`TypeDesc`] (see [`TypeKind`]).
pub enum TypeKindDesc {
    Struct {
        layout: StructLayout,
        tuple: bool,
        fields: &'static [FieldDesc],
    },
    Enum {
        storage: Primitive,
        variants: &'static [VariantDesc],
    },
    Opaque,
    /// A named callback type: its signature (parameters, return type).
    Callback {
        signature: fn(&mut Registry) -> (Vec<TypeRef>, TypeRef),
    },
    /// A data enum (see [`DataEnumDef`]).
    DataEnum {
        tag: Primitive,
        body_offset: u64,
        variants: &'static [DataVariantDesc],
    },
    Service,
}

/// A variant of a data enum (its bindings name and Rust name are the same).
pub struct DataVariantDesc {
    pub name: &'static str,
    pub value: i128,
    pub docs: &'static [&'static str],
    pub tuple: bool,
    pub fields: &'static [FieldDesc],
    pub size: u64,
    pub align: u64,
}

/// A struct field (its bindings name and Rust name are the same).
pub struct FieldDesc {
    pub name: &'static str,
    pub ty: DescribeFn,
    /// The paths spelled in its type that could name a callback type (ADR 42).
    pub hint: &'static [&'static str],
    pub offset: u64,
    pub docs: &'static [&'static str],
}

/// An enum variant (its bindings name and Rust name are the same).
pub struct VariantDesc {
    pub name: &'static str,
    pub value: i128,
    pub docs: &'static [&'static str],
}

/// A constant as `#[ffi]` records it (see [`Constant`]); `describe` gives its type and value.
pub struct ConstantDesc {
    pub name: &'static str,
    pub rust_name: &'static str,
    /// `module_path!()` where the constant is defined.
    pub module_path: &'static str,
    pub module: Option<&'static str>,
    pub docs: &'static [&'static str],
    pub describe: fn(&mut Registry) -> (TypeRef, ConstValue),
}

/// Doc attribute values to model docs: split into lines, one leading space removed per line.
pub fn docs(values: &[&str]) -> Docs {
    values
        .iter()
        .flat_map(|v| v.split('\n'))
        .map(|line| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            line.strip_prefix(' ').unwrap_or(line).to_string()
        })
        .collect()
}

fn opt_string(s: Option<&str>) -> Option<String> {
    s.map(str::to_string)
}

impl FunctionDesc {
    /// The name error messages use: the bindings name of a free function, the symbol of a method.
    pub fn display(&self) -> &'static str {
        match self.owner {
            Some(_) => self.symbol,
            None => self.name,
        }
    }

    /// The model of this function (registering the types it uses).
    pub fn to_model(&self, reg: &mut Registry) -> Function {
        let owner = self.owner.and_then(|describe| match describe(reg) {
            TypeRef::Named { id } => Some(id),
            _ => None,
        });
        let params = self
            .params
            .iter()
            .map(|p| Param {
                name: p.name.to_string(),
                ty: hinted((p.ty)(reg), p.hint, self.module_path),
            })
            .collect();
        let rust_path = match &owner {
            Some(owner) => format!("{owner}::{}", self.rust_name),
            None => format!("{}::{}", self.module_path, self.rust_name),
        };
        Function {
            name: self.name.to_string(),
            rust_name: self.rust_name.to_string(),
            rust_path,
            symbol: self.symbol.to_string(),
            module: opt_string(Some(self.module).filter(|m| !m.is_empty())),
            owner,
            receiver: self.receiver.to_model(),
            kind: self.kind,
            docs: docs(self.docs),
            params,
            returns: hinted((self.returns)(reg), self.returns_hint, self.module_path),
        }
    }
}

impl TypeDesc {
    /// The model of this type (registering the types of its fields).
    pub fn to_model(&self, reg: &mut Registry) -> TypeDef {
        let kind = match &self.kind {
            TypeKindDesc::Struct {
                layout,
                tuple,
                fields,
            } => TypeKind::Struct(StructDef {
                layout: *layout,
                tuple: *tuple,
                fields: fields_model(fields, reg, module_of(self.id)),
            }),
            TypeKindDesc::Enum { storage, variants } => TypeKind::Enum(EnumDef {
                storage: *storage,
                variants: variants
                    .iter()
                    .map(|v| Variant {
                        name: v.name.to_string(),
                        rust_name: v.name.to_string(),
                        value: v.value,
                        docs: docs(v.docs),
                    })
                    .collect(),
            }),
            TypeKindDesc::Opaque => TypeKind::Opaque,
            TypeKindDesc::Callback { signature } => {
                let (params, returns) = signature(reg);
                TypeKind::Callback(CallbackDef { params, returns })
            }
            TypeKindDesc::DataEnum {
                tag,
                body_offset,
                variants,
            } => TypeKind::DataEnum(DataEnumDef {
                tag: *tag,
                body_offset: *body_offset,
                variants: variants
                    .iter()
                    .map(|v| DataVariant {
                        name: v.name.to_string(),
                        rust_name: v.name.to_string(),
                        value: v.value,
                        docs: docs(v.docs),
                        tuple: v.tuple,
                        fields: fields_model(v.fields, reg, module_of(self.id)),
                        size: v.size,
                        align: v.align,
                    })
                    .collect(),
            }),
            TypeKindDesc::Service => TypeKind::Service,
        };
        TypeDef {
            id: self.id.to_string(),
            name: self.name.to_string(),
            rust_name: self.rust_name.to_string(),
            module: opt_string(self.module),
            docs: docs(self.docs),
            size: self.size,
            align: self.align,
            kind,
        }
    }
}

/// The model of the fields `fields` describe (registering their types).
fn fields_model(fields: &[FieldDesc], reg: &mut Registry, module: &str) -> Vec<Field> {
    fields
        .iter()
        .map(|f| Field {
            name: f.name.to_string(),
            rust_name: f.name.to_string(),
            ty: hinted((f.ty)(reg), f.hint, module),
            offset: f.offset,
            docs: docs(f.docs),
        })
        .collect()
}

/// `ty` with `hint` (spelled in `module`) recorded on every callback it holds (ADR 42).
fn hinted(mut ty: TypeRef, hint: &[&str], module: &str) -> TypeRef {
    if !hint.is_empty() {
        let hint: Vec<String> = hint.iter().map(|h| anchor_hint(h, module)).collect();
        ty.visit_callbacks_mut(&mut |c| c.alias_hint.clone_from(&hint));
    }
    ty
}

impl ConstantDesc {
    /// The model of this constant (registering its type).
    pub fn to_model(&self, reg: &mut Registry) -> Constant {
        let (ty, value) = (self.describe)(reg);
        Constant {
            name: self.name.to_string(),
            rust_name: self.rust_name.to_string(),
            rust_path: format!("{}::{}", self.module_path, self.rust_name),
            module: opt_string(self.module),
            docs: docs(self.docs),
            ty,
            value,
        }
    }
}

/// Named types seen so far, by id.
#[derive(Default)]
pub struct Registry {
    types: BTreeMap<TypeId, Option<TypeDef>>,
    /// Generic structs' instantiations and tuples (see [`instances`]).
    instances: BTreeMap<TypeId, instances::Instance>,
    aliases: BTreeMap<TypeId, Vec<instances::Alias>>,
}

impl Registry {
    pub fn new() -> Self {
        Self::default()
    }

    /// Register the named type `id`, building its definition with `build` the first time it is seen.
    /// Recursion through pointers (`struct Node { next: *const Node }`) is fine: while `build` runs,
    /// the id is already reserved and nested requests return the reference without rebuilding.
    pub fn named(&mut self, id: &str, build: impl FnOnce(&mut Registry) -> TypeDef) -> TypeRef {
        if !self.types.contains_key(id) {
            self.types.insert(id.to_string(), None);
            let def = build(self);
            debug_assert_eq!(def.id, id);
            self.types.insert(id.to_string(), Some(def));
        }
        TypeRef::named(id)
    }

    /// Register the type `desc` describes (see [`Registry::named`]).
    pub fn described(&mut self, desc: &'static TypeDesc) -> TypeRef {
        if !desc.generics.is_empty() {
            return self.instantiated(desc);
        }
        self.named(desc.id, |reg| desc.to_model(reg))
    }

    /// Finish: every type must have been built.
    pub fn into_types(mut self) -> Vec<TypeDef> {
        self.name_instances();
        self.types.into_values().flatten().collect()
    }
}

/// Build the inventory of everything `#[ffi]` registered in the final binary.
pub fn collect() -> Inventory {
    let mut reg = Registry::new();
    for register in TYPES.iter() {
        register(&mut reg);
    }
    let mut functions: Vec<Function> = FUNCTIONS.iter().map(|f| f.to_model(&mut reg)).collect();
    let mut constants: Vec<Constant> = CONSTANTS.iter().map(|c| c.to_model(&mut reg)).collect();
    functions.sort_by(|a, b| (&a.module, &a.name, &a.symbol).cmp(&(&b.module, &b.name, &b.symbol)));
    constants.sort_by(|a, b| (&a.module, &a.name).cmp(&(&b.module, &b.name)));
    let mut types = reg.into_types();
    name_callbacks(&mut types, &mut functions);
    Inventory {
        schema_version: SCHEMA_VERSION,
        core_version: env!("CARGO_PKG_VERSION").to_string(),
        target: crate::abi::layout::target_facts(),
        types,
        functions,
        constants,
        library_hash: None,
    }
}

/// Names every callback of a function or record after the named callback type its Rust source
/// spelled, or the only one with its signature ([`callback_name`], ADR 42). An ambiguous spelling
/// leaves it unnamed here; [`Inventory::validate`] refuses it with the fix.
fn name_callbacks(types: &mut [TypeDef], functions: &mut [Function]) {
    let snapshot: Vec<TypeDef> = types
        .iter()
        .filter(|t| matches!(t.kind, TypeKind::Callback(_)))
        .cloned()
        .collect();
    if snapshot.is_empty() {
        return;
    }
    let named = named_callbacks(&snapshot);
    let visit = |ty: &mut TypeRef, module: &str| {
        ty.visit_callbacks_mut(&mut |c| {
            c.name = match callback_name(&named, c, module) {
                CallbackNaming::Named(id) => Some(id),
                CallbackNaming::Unnamed | CallbackNaming::Ambiguous { .. } => None,
            };
        });
    };
    for f in functions.iter_mut() {
        let module = f.module_path().to_string();
        f.params.iter_mut().for_each(|p| visit(&mut p.ty, &module));
        visit(&mut f.returns, &module);
    }
    for t in types.iter_mut() {
        let module = module_of(&t.id).to_string();
        if let TypeKind::Struct(s) = &mut t.kind {
            s.fields.iter_mut().for_each(|f| visit(&mut f.ty, &module));
        }
    }
}
