//! Inventory → C# source.

use std::collections::{BTreeMap, BTreeSet};

use askama::Template;
use interop_core::model::{
    Constant, EnumDef, Function, Inventory, PointerKind, PointerType, Primitive, Receiver,
    StructDef, StructLayout, TypeDef, TypeKind, TypeRef,
};

use super::names::{self, bare, camel, doc_comment, pascal};
use super::templates::*;
use super::{Config, Naming};
use crate::{BackendError, PackageInfo};

const IND_TYPE: &str = "    ";
const IND_MEMBER: &str = "        ";
const INTPTR: &str = "global::System.IntPtr";
const UINTPTR: &str = "global::System.UIntPtr";

/// Resolved `[csharp]` settings.
#[derive(Debug, Clone)]
pub struct Settings {
    pub namespace: String,
    pub class: String,
    pub native_class: String,
    pub library: String,
    pub exception: String,
    pub access: &'static str,
    pub naming: Naming,
}

fn unsupported(msg: impl Into<String>) -> BackendError {
    BackendError::Unsupported(format!("C#: {}", msg.into()))
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
        && !names::is_keyword(s)
}

impl Settings {
    pub fn resolve(config: &Config, package: &PackageInfo) -> Result<Settings, BackendError> {
        let lib_pascal = pascal(&package.lib_name, Naming::Idiomatic);
        let namespace = config
            .namespace
            .clone()
            .unwrap_or_else(|| lib_pascal.clone());
        if namespace.is_empty() || !namespace.split('.').all(is_identifier) {
            return Err(unsupported(format!(
                "`namespace = \"{namespace}\"` in [csharp] is not a valid C# namespace \
                 (dot-separated identifiers, no keywords)"
            )));
        }
        let class = match &config.class {
            Some(c) => c.clone(),
            None => {
                let last = namespace.rsplit('.').next().unwrap_or(&namespace);
                format!("{last}Lib")
            }
        };
        let exception = config
            .exception
            .clone()
            .unwrap_or_else(|| "RustPanicException".to_string());
        for (key, value) in [("class", &class), ("exception", &exception)] {
            if !is_identifier(value) {
                return Err(unsupported(format!(
                    "`{key} = \"{value}\"` in [csharp] is not a valid C# identifier"
                )));
            }
        }
        let library = config
            .native_library
            .clone()
            .unwrap_or_else(|| package.lib_name.clone());
        if library.is_empty() || library.contains(['"', '\\', '\n']) {
            return Err(unsupported(format!(
                "`native-library = \"{library}\"` in [csharp] is not a usable library name"
            )));
        }
        Ok(Settings {
            native_class: format!("{class}Native"),
            namespace,
            class,
            library,
            exception,
            access: config.access.keyword(),
            naming: config.naming,
        })
    }
}

/// Generate the `.cs` file.
pub fn generate(
    inv: &Inventory,
    package: &PackageInfo,
    settings: &Settings,
    target: &str,
) -> Result<String, BackendError> {
    inv.validate()
        .map_err(|e| BackendError::Other(format!("invalid inventory: {e}")))?;
    let g = Gen {
        inv,
        s: settings,
        sysv_x64: target.starts_with("x86_64") && !target.contains("windows"),
    };
    g.check_type_names()?;

    let mut blocks = Vec::new();

    // Functions grouped by where they go.
    let mut by_owner: BTreeMap<&str, Vec<&Function>> = BTreeMap::new();
    let mut by_module: BTreeMap<Option<&str>, Vec<&Function>> = BTreeMap::new();
    for f in &inv.functions {
        match &f.owner {
            Some(owner) => by_owner.entry(owner.as_str()).or_default().push(f),
            None => by_module.entry(f.module.as_deref()).or_default().push(f),
        }
    }
    let mut consts_by_module: BTreeMap<Option<&str>, Vec<&Constant>> = BTreeMap::new();
    for c in &inv.constants {
        consts_by_module
            .entry(c.module.as_deref())
            .or_default()
            .push(c);
    }

    for t in &inv.types {
        let methods = by_owner.remove(t.id.as_str()).unwrap_or_default();
        blocks.push(g.type_block(t, &methods)?);
        if let TypeKind::Enum(_) = t.kind
            && !methods.is_empty()
        {
            blocks.push(g.enum_methods_class(t, &methods)?);
        }
    }
    if let Some((owner, _)) = by_owner.into_iter().next() {
        return Err(BackendError::Other(format!(
            "invalid inventory: functions belong to the unknown type `{owner}`"
        )));
    }

    let mut modules: BTreeSet<Option<&str>> = by_module.keys().copied().collect();
    modules.extend(consts_by_module.keys().copied());
    modules.insert(None);
    for m in modules {
        let fns = by_module.remove(&m).unwrap_or_default();
        let consts = consts_by_module.remove(&m).unwrap_or_default();
        blocks.push(g.static_class(m, &fns, &consts)?);
    }

    blocks.push(
        ExceptionTemplate {
            access: settings.access,
            name: &settings.exception,
            library: &settings.library,
        }
        .render()?,
    );
    blocks.push(g.native_class()?);

    let file = FileTemplate {
        crate_name: &package.name,
        crate_version: &package.version,
        namespace: &settings.namespace,
        blocks,
    };
    let mut text = file.render()?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

struct Gen<'a> {
    inv: &'a Inventory,
    s: &'a Settings,
    /// x86-64 System V (Linux, macOS, BSD): structs with misaligned fields (packed) are passed and
    /// returned in memory there, which Mono's P/Invoke does not do by itself.
    sysv_x64: bool,
}

/// How one parameter crosses from the public layer to the raw layer.
#[derive(Default)]
struct Lowered {
    decl: String,
    setup: Vec<String>,
    fixed: Vec<String>,
    arg: String,
    after: Vec<String>,
}

fn prim_storage(p: Primitive) -> Result<&'static str, BackendError> {
    Ok(match p {
        Primitive::Bool | Primitive::U8 => "byte",
        Primitive::U16 => "ushort",
        Primitive::U32 => "uint",
        Primitive::U64 => "ulong",
        Primitive::Usize => UINTPTR,
        Primitive::I8 => "sbyte",
        Primitive::I16 => "short",
        Primitive::I32 => "int",
        Primitive::I64 => "long",
        Primitive::Isize => INTPTR,
        Primitive::F32 => "float",
        Primitive::F64 => "double",
        Primitive::CVoid => "void",
        Primitive::Unit => return Err(unsupported("`()` is only allowed as a return type")),
        other => {
            return Err(unsupported(format!(
                "`{}` is not supported",
                other.rust_name()
            )));
        }
    })
}

fn prim_public(p: Primitive) -> Result<&'static str, BackendError> {
    Ok(match p {
        Primitive::Bool => "bool",
        Primitive::Usize => "ulong",
        Primitive::Isize => "long",
        other => prim_storage(other)?,
    })
}

/// Converts a public value expression to its stored form (`bool` → `byte` …).
fn prim_to_storage(p: Primitive, expr: &str) -> String {
    match p {
        Primitive::Bool => format!("({expr} ? (byte)1 : (byte)0)"),
        Primitive::Usize => format!("({UINTPTR})({expr})"),
        Primitive::Isize => format!("({INTPTR})({expr})"),
        _ => expr.to_string(),
    }
}

/// Converts a stored value expression to its public form.
fn prim_from_storage(p: Primitive, expr: &str) -> String {
    match p {
        Primitive::Bool => format!("{expr} != 0"),
        Primitive::Usize => format!("(ulong){expr}"),
        Primitive::Isize => format!("(long){expr}"),
        _ => expr.to_string(),
    }
}

fn prim_converts(p: Primitive) -> bool {
    matches!(p, Primitive::Bool | Primitive::Usize | Primitive::Isize)
}

/// The element type and dimensions of a (possibly nested) array.
fn flatten_array(ty: &TypeRef) -> (&TypeRef, Vec<u64>) {
    let mut dims = Vec::new();
    let mut cur = ty;
    while let TypeRef::Array(a) = cur {
        dims.push(a.len);
        cur = &a.element;
    }
    (cur, dims)
}

impl<'a> Gen<'a> {
    fn def(&self, id: &str) -> Result<&'a TypeDef, BackendError> {
        self.inv
            .type_def(id)
            .ok_or_else(|| BackendError::Other(format!("invalid inventory: unknown type `{id}`")))
    }

    fn type_name(&self, t: &TypeDef) -> String {
        pascal(&t.name, self.s.naming)
    }

    fn named(&self, id: &str) -> Result<String, BackendError> {
        Ok(self.type_name(self.def(id)?))
    }

    fn is_opaque(&self, ty: &TypeRef) -> bool {
        matches!(ty, TypeRef::Named { id } if matches!(self.inv.type_def(id), Some(TypeDef { kind: TypeKind::Opaque, .. })))
    }

    /// The inner field of a `repr(transparent)` struct.
    fn transparent_inner(&self, t: &'a TypeDef) -> Result<Option<&'a TypeRef>, BackendError> {
        let TypeKind::Struct(s) = &t.kind else {
            return Ok(None);
        };
        if s.layout != StructLayout::Transparent {
            return Ok(None);
        }
        if s.fields.len() == 1 {
            return Ok(Some(&s.fields[0].ty));
        }
        let mut non_zst = Vec::new();
        for f in &s.fields {
            if self.size_of(&f.ty)? != 0 {
                non_zst.push(&f.ty);
            }
        }
        match non_zst.as_slice() {
            [one] => Ok(Some(one)),
            _ => Err(unsupported(format!(
                "transparent struct `{}` must have exactly one non-zero-sized field",
                t.name
            ))),
        }
    }

    fn size_of(&self, ty: &TypeRef) -> Result<u64, BackendError> {
        Ok(match ty {
            TypeRef::Primitive { primitive } => match primitive {
                Primitive::Unit | Primitive::CVoid => 0,
                Primitive::Bool | Primitive::U8 | Primitive::I8 => 1,
                Primitive::U16 | Primitive::I16 => 2,
                Primitive::U32 | Primitive::I32 | Primitive::F32 => 4,
                _ => 8,
            },
            TypeRef::Named { id } => self.def(id)?.size,
            TypeRef::Pointer(_) => 8,
            TypeRef::Array(a) => a.len * self.size_of(&a.element)?,
            _ => return Err(unsupported("a type the C# backend does not know")),
        })
    }

    /// True when `ty` (by value) holds a field at an offset that is not a multiple of the field's
    /// alignment: the System V x86-64 ABI passes and returns such aggregates in memory.
    fn has_misaligned_field(&self, ty: &TypeRef, offset: u64) -> Result<bool, BackendError> {
        match ty {
            TypeRef::Named { id } => {
                let t = self.def(id)?;
                let TypeKind::Struct(s) = &t.kind else {
                    return Ok(false);
                };
                for f in &s.fields {
                    let at = offset + f.offset;
                    if !at.is_multiple_of(self.align_of(&f.ty)?)
                        || self.has_misaligned_field(&f.ty, at)?
                    {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            TypeRef::Array(a) => {
                let size = self.size_of(&a.element)?;
                let align = self.align_of(&a.element)?;
                for i in 0..a.len.min(64) {
                    let at = offset + i * size;
                    if !at.is_multiple_of(align) || self.has_misaligned_field(&a.element, at)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Ok(false),
        }
    }

    fn align_of(&self, ty: &TypeRef) -> Result<u64, BackendError> {
        Ok(match ty {
            TypeRef::Named { id } => self.def(id)?.align.max(1),
            TypeRef::Array(a) => self.align_of(&a.element)?,
            other => self.size_of(other)?.max(1),
        })
    }

    /// True when the raw import must return `ty` through a hidden pointer (first argument), as the
    /// C ABI does and Mono would not.
    fn returns_in_memory(&self, ty: &TypeRef) -> Result<bool, BackendError> {
        Ok(self.sysv_x64 && self.has_misaligned_field(ty, 0)?)
    }

    /// Parameters of such types cannot be passed by value from C#.
    fn check_param_by_value(&self, f: &Function, ty: &TypeRef) -> Result<(), BackendError> {
        if self.sysv_x64 && self.has_misaligned_field(ty, 0)? {
            return Err(unsupported(format!(
                "`{}` takes a packed struct with misaligned fields by value; the x86-64 C ABI \
                 passes it on the stack, which C# P/Invoke cannot do. Take it by reference \
                 (`&T`) instead",
                f.name
            )));
        }
        Ok(())
    }

    /// The C# type of a value of `ty` in memory: struct fields and pointer targets.
    fn storage_ty(&self, ty: &TypeRef) -> Result<String, BackendError> {
        match ty {
            TypeRef::Primitive { primitive } => Ok(prim_storage(*primitive)?.to_string()),
            TypeRef::Named { id } => {
                let t = self.def(id)?;
                if matches!(t.kind, TypeKind::Opaque) {
                    return Err(unsupported(format!(
                        "opaque type `{}` can only be used behind a pointer",
                        t.name
                    )));
                }
                Ok(self.type_name(t))
            }
            TypeRef::Pointer(p) => {
                if self.is_opaque(&p.target) {
                    // A pointer to an opaque type is its handle struct (one IntPtr, same layout).
                    let TypeRef::Named { id } = &*p.target else {
                        unreachable!("is_opaque matched a named type")
                    };
                    self.named(id)
                } else {
                    Ok(format!("{}*", self.storage_ty(&p.target)?))
                }
            }
            TypeRef::Array(_) => Err(unsupported(
                "fixed-size arrays are only supported as struct fields",
            )),
            _ => Err(unsupported("a type the C# backend does not know")),
        }
    }

    /// The C# type in a `[DllImport]` signature.
    fn raw_ty(&self, ty: &TypeRef) -> Result<String, BackendError> {
        match ty {
            TypeRef::Primitive {
                primitive: Primitive::Unit,
            } => Ok("void".into()),
            TypeRef::Primitive {
                primitive: Primitive::CVoid,
            } => Err(unsupported("`c_void` is only allowed behind a pointer")),
            TypeRef::Named { id } => {
                let t = self.def(id)?;
                match self.transparent_inner(t)? {
                    Some(inner) => self.raw_ty(inner),
                    None => self.storage_ty(ty),
                }
            }
            TypeRef::Pointer(p) if self.is_opaque(&p.target) => Ok(INTPTR.into()),
            _ => self.storage_ty(ty),
        }
    }

    /// The public C# type of a by-value parameter or return value.
    fn public_ty(&self, ty: &TypeRef) -> Result<String, BackendError> {
        match ty {
            TypeRef::Primitive {
                primitive: Primitive::Unit,
            } => Ok("void".into()),
            TypeRef::Primitive { primitive } => Ok(prim_public(*primitive)?.to_string()),
            _ => self.storage_ty(ty),
        }
    }

    /// Converts a raw value expression (an addressable local) to the public type.
    fn raw_to_public(&self, ty: &TypeRef, expr: &str) -> Result<String, BackendError> {
        Ok(match ty {
            TypeRef::Primitive { primitive } => prim_from_storage(*primitive, expr),
            TypeRef::Named { id } => {
                let t = self.def(id)?;
                if self.transparent_inner(t)?.is_some() {
                    format!("*({}*)&{expr}", self.type_name(t))
                } else {
                    expr.to_string()
                }
            }
            TypeRef::Pointer(p) if self.is_opaque(&p.target) => {
                format!("new {}({expr})", self.storage_ty(ty)?)
            }
            _ => expr.to_string(),
        })
    }

    /// Converts a public value expression (an addressable parameter or local) to the raw type.
    fn public_to_raw(&self, ty: &TypeRef, expr: &str) -> Result<String, BackendError> {
        Ok(match ty {
            TypeRef::Primitive { primitive } => prim_to_storage(*primitive, expr),
            TypeRef::Named { id } => {
                let t = self.def(id)?;
                match self.transparent_inner(t)? {
                    Some(inner) => format!("*({}*)&{expr}", self.raw_ty(inner)?),
                    None => expr.to_string(),
                }
            }
            TypeRef::Pointer(p) if self.is_opaque(&p.target) => format!("{expr}.Handle"),
            _ => expr.to_string(),
        })
    }

    /// Lower one parameter of the public signature.
    fn lower_param(&self, name: &str, ty: &TypeRef) -> Result<Lowered, BackendError> {
        let local = format!("__{}", bare(name));
        let mut l = Lowered::default();
        match ty {
            TypeRef::Pointer(p) if self.is_opaque(&p.target) => {
                l.decl = format!("{} {name}", self.storage_ty(ty)?);
                l.arg = format!("{name}.Handle");
            }
            TypeRef::Pointer(PointerType {
                target,
                mutable,
                kind,
            }) if *kind != PointerKind::Raw && self.by_reference_target(target) => {
                let public = self.public_ty(target)?;
                let storage = self.storage_ty(target)?;
                let converts = matches!(&**target, TypeRef::Primitive { primitive } if prim_converts(*primitive));
                let to_storage = |e: &str| match &**target {
                    TypeRef::Primitive { primitive } => prim_to_storage(*primitive, e),
                    _ => e.to_string(),
                };
                let from_storage = |e: &str| match &**target {
                    TypeRef::Primitive { primitive } => prim_from_storage(*primitive, e),
                    _ => e.to_string(),
                };
                match (kind, mutable) {
                    (PointerKind::Reference, false) => {
                        // Copied: the callee cannot change it, and a value parameter is already fixed.
                        l.decl = format!("{public} {name}");
                        if converts {
                            l.setup
                                .push(format!("{storage} {local} = {};", to_storage(name)));
                            l.arg = format!("&{local}");
                        } else {
                            l.arg = format!("&{name}");
                        }
                    }
                    (PointerKind::Reference, true) => {
                        l.decl = format!("ref {public} {name}");
                        if converts {
                            l.setup
                                .push(format!("{storage} {local} = {};", to_storage(name)));
                            l.arg = format!("&{local}");
                            l.after.push(format!("{name} = {};", from_storage(&local)));
                        } else {
                            l.fixed.push(format!("{storage}* {local} = &{name}"));
                            l.arg = local;
                        }
                    }
                    (_, mutable) => {
                        l.decl = format!("{}{public}? {name}", if *mutable { "ref " } else { "" });
                        l.setup.push(format!(
                            "{storage} {local} = {name}.HasValue ? {} : default({storage});",
                            to_storage(&format!("{name}.GetValueOrDefault()"))
                        ));
                        l.arg = format!("{name}.HasValue ? &{local} : null");
                        if *mutable {
                            l.after.push(format!(
                                "if ({name}.HasValue) {name} = {};",
                                from_storage(&local)
                            ));
                        }
                    }
                }
            }
            TypeRef::Pointer(_) => {
                l.decl = format!("{} {name}", self.storage_ty(ty)?);
                l.arg = name.to_string();
            }
            _ => {
                l.decl = format!("{} {name}", self.public_ty(ty)?);
                l.arg = self.public_to_raw(ty, name)?;
            }
        }
        Ok(l)
    }

    /// True when a reference to `target` is exposed as by-value / `ref` / nullable in the public
    /// layer (structs, enums and primitives); pointers to pointers and to `c_void` stay pointers.
    fn by_reference_target(&self, target: &TypeRef) -> bool {
        match target {
            TypeRef::Primitive { primitive } => {
                !matches!(primitive, Primitive::CVoid | Primitive::Unit)
            }
            TypeRef::Named { .. } => !self.is_opaque(target),
            _ => false,
        }
    }

    fn method_doc(&self, f: &Function) -> String {
        let mut docs = f.docs.clone();
        if docs.is_empty() {
            docs.push(format!("Calls `{}`.", f.symbol));
        }
        let mut out = doc_comment(&docs, "", IND_MEMBER);
        out.push_str(&format!(
            "{IND_MEMBER}/// <exception cref=\"{}\">The Rust function panicked.</exception>\n",
            self.s.exception
        ));
        out
    }

    fn raw_name(f: &Function) -> String {
        names::escape(&f.symbol)
    }

    /// Render one public method. `owner`: the type the method is on (for receivers).
    fn method(&self, f: &Function, owner: Option<&'a TypeDef>) -> Result<String, BackendError> {
        let name = pascal(&f.name, self.s.naming);
        let mut setup = Vec::new();
        let mut fixed = Vec::new();
        let mut args = Vec::new();
        let mut after = Vec::new();
        let mut decls = Vec::new();
        let mut is_static = true;
        let mut params = f.params.iter();

        if let (Some(receiver), Some(owner)) = (f.receiver, owner) {
            let self_param = params.next().ok_or_else(|| {
                BackendError::Other(format!(
                    "invalid inventory: method `{}` has a receiver but no parameters",
                    f.name
                ))
            })?;
            let owner_name = self.type_name(owner);
            match (&owner.kind, receiver) {
                (TypeKind::Opaque, Receiver::Value) => {
                    return Err(unsupported(format!(
                        "`{}` takes the opaque `{}` by value",
                        f.name, owner.name
                    )));
                }
                (TypeKind::Opaque, _) => {
                    is_static = false;
                    args.push("Handle".to_string());
                }
                (TypeKind::Struct(_), Receiver::Value) => {
                    is_static = false;
                    if let Some(inner) = self.transparent_inner(owner)? {
                        setup.push(format!("{owner_name} __self = this;"));
                        args.push(format!("*({}*)&__self", self.raw_ty(inner)?));
                    } else {
                        args.push("this".into());
                    }
                }
                (TypeKind::Struct(_), _) => {
                    is_static = false;
                    fixed.push(format!("{owner_name}* __self = &this"));
                    args.push("__self".into());
                }
                (TypeKind::Enum(_), receiver) => {
                    // Enums cannot have methods: these become extension methods (`ref` receivers
                    // are static methods taking `ref`, as C# 7.2 on Mono has no `ref this`).
                    let l = self.lower_param("self", &self_param.ty)?;
                    decls.push(if receiver == Receiver::RefMut {
                        l.decl
                    } else {
                        format!("this {}", l.decl)
                    });
                    setup.extend(l.setup);
                    fixed.extend(l.fixed);
                    args.push(l.arg);
                    after.extend(l.after);
                }
                _ => {
                    return Err(unsupported(format!(
                        "`{}` is a method of `{}`, a kind of type the C# backend does not know",
                        f.name, owner.name
                    )));
                }
            }
        }
        for p in params {
            let pname = camel(&p.name, self.s.naming);
            let l = self.lower_param(&pname, &p.ty)?;
            decls.push(l.decl);
            setup.extend(l.setup);
            fixed.extend(l.fixed);
            args.push(l.arg);
            after.extend(l.after);
        }
        for p in &f.params {
            self.check_param_by_value(f, &p.ty)?;
        }
        let (raw_return, result) = if f.returns.is_unit() {
            (None, None)
        } else if self.returns_in_memory(&f.returns)? {
            let ty = self.storage_ty(&f.returns)?;
            setup.insert(0, format!("{ty} __ret = default({ty});"));
            args.insert(0, "&__ret".to_string());
            (None, Some("__ret".to_string()))
        } else {
            (
                Some(self.raw_ty(&f.returns)?),
                Some(self.raw_to_public(&f.returns, "__ret")?),
            )
        };
        let signature = format!(
            "public {}{} {name}({})",
            if is_static { "static " } else { "" },
            self.public_ty(&f.returns)?,
            decls.join(", ")
        );
        let call = format!(
            "{}.{}({})",
            self.s.native_class,
            Self::raw_name(f),
            args.join(", ")
        );
        Ok(MethodTemplate {
            doc: self.method_doc(f),
            signature,
            setup,
            fixed,
            raw_return,
            call,
            after,
            result,
            native: &self.s.native_class,
        }
        .render()?)
    }

    fn type_block(&self, t: &'a TypeDef, methods: &[&Function]) -> Result<String, BackendError> {
        let name = self.type_name(t);
        let access = self.s.access;
        match &t.kind {
            TypeKind::Enum(e) => self.enum_block(t, e),
            TypeKind::Opaque => {
                let mut rendered = Vec::new();
                let mut members: BTreeSet<String> = [
                    "Handle",
                    "IsNull",
                    "Equals",
                    "GetHashCode",
                    "ToString",
                    "GetType",
                ]
                .iter()
                .map(|s| s.to_string())
                .collect();
                for f in methods {
                    self.claim(&mut members, &name, &pascal(&f.name, self.s.naming))?;
                    rendered.push(self.method(f, Some(t))?);
                }
                Ok(HandleTemplate {
                    doc: doc_comment(
                        &t.docs,
                        &format!("A handle to the opaque Rust type `{}`.", t.rust_name),
                        IND_TYPE,
                    ),
                    access,
                    name,
                    methods: rendered,
                }
                .render()?)
            }
            TypeKind::Struct(s) => self.struct_block(t, s, methods),
            _ => Err(unsupported(format!(
                "type `{}` is of a kind the C# backend does not know",
                t.id
            ))),
        }
    }

    /// Record a member name; error on duplicates and on a member named like its type.
    fn claim(
        &self,
        members: &mut BTreeSet<String>,
        owner: &str,
        member: &str,
    ) -> Result<(), BackendError> {
        let member = bare(member);
        if member == bare(owner) {
            return Err(unsupported(format!(
                "`{owner}` would have a member named `{member}` like the type itself; \
                 rename one of them with #[ffi(name = \"…\")]"
            )));
        }
        if !members.insert(member.to_string()) {
            return Err(unsupported(format!(
                "`{owner}` would have two members named `{member}`; \
                 rename one of them with #[ffi(name = \"…\")]"
            )));
        }
        Ok(())
    }

    fn enum_block(&self, t: &TypeDef, e: &EnumDef) -> Result<String, BackendError> {
        let underlying = match e.storage {
            Primitive::U8 => "byte",
            Primitive::U16 => "ushort",
            Primitive::U32 => "uint",
            Primitive::U64 => "ulong",
            Primitive::I8 => "sbyte",
            Primitive::I16 => "short",
            Primitive::I32 => "int",
            Primitive::I64 => "long",
            other => {
                return Err(unsupported(format!(
                    "enum `{}` is stored as `{}`, which a C# enum cannot express; \
                     use a fixed-width #[repr(..)]",
                    t.name,
                    other.rust_name()
                )));
            }
        };
        let name = self.type_name(t);
        let mut members = BTreeSet::new();
        let mut variants = Vec::new();
        for v in &e.variants {
            let vname = pascal(&v.name, self.s.naming);
            self.claim(&mut members, &name, &vname)?;
            variants.push(VariantView {
                doc: doc_comment(
                    &v.docs,
                    &format!("The Rust variant `{}`.", v.rust_name),
                    IND_MEMBER,
                ),
                name: vname,
                value: names::int_literal(v.value, e.storage),
            });
        }
        Ok(EnumTemplate {
            doc: doc_comment(
                &t.docs,
                &format!("The Rust enum `{}`.", t.rust_name),
                IND_TYPE,
            ),
            access: self.s.access,
            name,
            underlying,
            variants,
        }
        .render()?)
    }

    fn enum_methods_class(
        &self,
        t: &'a TypeDef,
        methods: &[&Function],
    ) -> Result<String, BackendError> {
        let name = format!("{}Extensions", self.type_name(t));
        let mut members = BTreeSet::new();
        let mut rendered = Vec::new();
        for f in methods {
            self.claim(&mut members, &name, &pascal(&f.name, self.s.naming))?;
            rendered.push(self.method(f, Some(t))?);
        }
        Ok(ClassTemplate {
            doc: doc_comment(
                &[format!(
                    "Methods of the enum <see cref=\"{}\"/>.",
                    self.type_name(t)
                )],
                "",
                IND_TYPE,
            )
            .replace("&lt;see cref=", "<see cref=")
            .replace("\"/&gt;", "\"/>"),
            access: self.s.access,
            name,
            constants: Vec::new(),
            methods: rendered,
        }
        .render()?)
    }

    fn struct_block(
        &self,
        t: &'a TypeDef,
        s: &StructDef,
        methods: &[&Function],
    ) -> Result<String, BackendError> {
        let name = self.type_name(t);
        if t.size == 0 {
            return Err(unsupported(format!(
                "struct `{}` has size 0, which C# cannot express",
                t.name
            )));
        }
        let mut members = BTreeSet::new();
        let mut fields = Vec::new();
        let mut ctor_params = Vec::new();
        let mut assigns = Vec::new();
        let mut has_array = false;
        for f in &s.fields {
            let fname = pascal(&f.name, self.s.naming);
            self.claim(&mut members, &name, &fname)?;
            let doc = doc_comment(
                &f.docs,
                &format!("The Rust field `{}`.", f.rust_name),
                IND_MEMBER,
            );
            let mut view = FieldView {
                doc,
                name: fname.clone(),
                ty: String::new(),
                backing: None,
                fixed: None,
            };
            match &f.ty {
                TypeRef::Array(_) => {
                    has_array = true;
                    let (elem, dims) = flatten_array(&f.ty);
                    let TypeRef::Primitive { primitive } = elem else {
                        return Err(unsupported(format!(
                            "field `{}.{}`: arrays of non-primitive elements are not supported",
                            t.name, f.name
                        )));
                    };
                    if matches!(
                        primitive,
                        Primitive::Usize | Primitive::Isize | Primitive::CVoid | Primitive::Unit
                    ) {
                        return Err(unsupported(format!(
                            "field `{}.{}`: arrays of `{}` are not supported",
                            t.name,
                            f.name,
                            primitive.rust_name()
                        )));
                    }
                    let len: u64 = dims.iter().product();
                    if len == 0 || len > i32::MAX as u64 {
                        return Err(unsupported(format!(
                            "field `{}.{}`: array length {len} is not supported",
                            t.name, f.name
                        )));
                    }
                    let index_names = (0..dims.len())
                        .map(|i| format!("i{i}"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let index_params = (0..dims.len())
                        .map(|i| format!("int i{i}"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let bounds_check = dims
                        .iter()
                        .enumerate()
                        .map(|(i, d)| format!("(uint)i{i} >= {d}u"))
                        .collect::<Vec<_>>()
                        .join(" || ");
                    // Row-major: `i0 * 3 + i1`; `(i0 * 3 + i1) * 4 + i2` for three dimensions.
                    let mut flat_index = "i0".to_string();
                    for (i, d) in dims.iter().enumerate().skip(1) {
                        if i > 1 {
                            flat_index = format!("({flat_index})");
                        }
                        flat_index = format!("{flat_index} * {d} + i{i}");
                    }
                    let getter = format!("Get{}", bare(&fname));
                    let setter = format!("Set{}", bare(&fname));
                    self.claim(&mut members, &name, &getter)?;
                    self.claim(&mut members, &name, &setter)?;
                    view.ty = prim_public(*primitive)?.to_string();
                    view.fixed = Some(FixedView {
                        storage: prim_storage(*primitive)?.to_string(),
                        len,
                        get: prim_from_storage(*primitive, &format!("__p[{flat_index}]")),
                        set: prim_to_storage(*primitive, "value"),
                        index_params,
                        index_names,
                        bounds_check,
                        flat_index,
                        getter,
                        setter,
                    });
                }
                TypeRef::Primitive { primitive } if prim_converts(*primitive) => {
                    view.ty = prim_public(*primitive)?.to_string();
                    let backing = match self.s.naming {
                        Naming::Idiomatic => format!("_{}", bare(&camel(&f.name, self.s.naming))),
                        Naming::Rust => format!("__{}", f.name),
                    };
                    self.claim(&mut members, &name, &backing)?;
                    view.backing = Some(BackingView {
                        storage: prim_storage(*primitive)?.to_string(),
                        get: prim_from_storage(*primitive, &backing),
                        set: prim_to_storage(*primitive, "value"),
                        name: backing,
                    });
                }
                TypeRef::Primitive {
                    primitive: Primitive::Unit | Primitive::CVoid,
                } => {
                    return Err(unsupported(format!(
                        "field `{}.{}` has no size",
                        t.name, f.name
                    )));
                }
                other => view.ty = self.storage_ty(other)?,
            }
            if !has_array {
                let p = camel(&f.name, self.s.naming);
                ctor_params.push(format!("{} {p}", view.ty));
                assigns.push((format!("this.{fname}"), p));
            }
            fields.push(view);
        }
        let mut rendered = Vec::new();
        for f in methods {
            self.claim(&mut members, &name, &pascal(&f.name, self.s.naming))?;
            rendered.push(self.method(f, Some(t))?);
        }
        let ctor = if has_array || s.fields.is_empty() {
            None
        } else {
            Some(CtorView {
                doc: doc_comment(
                    &[format!("Creates a `{name}` from the values of its fields.")],
                    "",
                    IND_MEMBER,
                ),
                params: ctor_params.join(", "),
                assigns,
            })
        };
        Ok(StructTemplate {
            doc: doc_comment(
                &t.docs,
                &format!("The Rust struct `{}`.", t.rust_name),
                IND_TYPE,
            ),
            access: self.s.access,
            name,
            packed: s.layout == StructLayout::Packed,
            fields,
            ctor,
            methods: rendered,
        }
        .render()?)
    }

    fn static_class(
        &self,
        module: Option<&str>,
        fns: &[&Function],
        consts: &[&Constant],
    ) -> Result<String, BackendError> {
        let (name, doc) = match module {
            None => (
                self.s.class.clone(),
                format!(
                    "Free functions and constants of the Rust library `{}`.",
                    self.s.library
                ),
            ),
            Some(m) => (
                self.module_class(m),
                format!("Functions and constants of the Rust module `{m}`."),
            ),
        };
        let mut members = BTreeSet::new();
        let mut methods = Vec::new();
        for f in fns {
            self.claim(&mut members, &name, &pascal(&f.name, self.s.naming))?;
            methods.push(self.method(f, None)?);
        }
        let mut constants = Vec::new();
        for c in consts {
            // A constant whose PascalCase name is taken by a function (`MIN_I64` and `min_i64`
            // are both `MinI64`) keeps its Rust name.
            let mut cname = pascal(&c.name, self.s.naming);
            if members.contains(bare(&cname)) {
                cname = names::escape(&c.name);
            }
            self.claim(&mut members, &name, &cname)?;
            constants.push(self.constant(c, cname)?);
        }
        Ok(ClassTemplate {
            doc: doc_comment(&[doc], "", IND_TYPE),
            access: self.s.access,
            name,
            constants,
            methods,
        }
        .render()?)
    }

    fn module_class(&self, module: &str) -> String {
        let cleaned: String = module
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '_' })
            .collect();
        pascal(&cleaned, self.s.naming)
    }

    fn constant(&self, c: &Constant, name: String) -> Result<ConstantView, BackendError> {
        let bad = || {
            unsupported(format!(
                "constant `{}` has a value that does not match its type",
                c.name
            ))
        };
        let (ty, value) = match &c.ty {
            TypeRef::Primitive { primitive } => (
                prim_public(*primitive)?.to_string(),
                names::const_literal(c.value, *primitive).ok_or_else(bad)?,
            ),
            TypeRef::Named { id } => {
                let t = self.def(id)?;
                let TypeKind::Enum(e) = &t.kind else {
                    return Err(unsupported(format!(
                        "constant `{}`: only primitive and enum constants are supported",
                        c.name
                    )));
                };
                let interop_core::model::ConstValue::Int(v) = c.value else {
                    return Err(bad());
                };
                let tname = self.type_name(t);
                let value = match e.variants.iter().find(|x| x.value == v) {
                    Some(variant) => format!("{tname}.{}", pascal(&variant.name, self.s.naming)),
                    None => format!("({tname})({})", names::int_literal(v, e.storage)),
                };
                (tname, value)
            }
            _ => {
                return Err(unsupported(format!(
                    "constant `{}`: only primitive and enum constants are supported",
                    c.name
                )));
            }
        };
        Ok(ConstantView {
            doc: doc_comment(
                &c.docs,
                &format!("The Rust constant `{}`.", c.rust_name),
                IND_MEMBER,
            ),
            ty,
            name,
            value,
        })
    }

    fn native_class(&self) -> Result<String, BackendError> {
        let mut imports = Vec::new();
        for f in &self.inv.functions {
            let mut params = f
                .params
                .iter()
                .map(|p| {
                    Ok(format!(
                        "{} {}",
                        self.raw_ty(&p.ty)?,
                        names::escape(&p.name)
                    ))
                })
                .collect::<Result<Vec<_>, BackendError>>()?;
            let mut ret = self.raw_ty(&f.returns)?;
            if !f.returns.is_unit() && self.returns_in_memory(&f.returns)? {
                // The C ABI returns it through a hidden pointer passed first.
                params.insert(0, format!("{ret}* __return"));
                ret = "void".into();
            }
            imports.push(ImportView {
                symbol: f.symbol.clone(),
                name: Self::raw_name(f),
                ret,
                params: params.join(", "),
            });
        }
        let reserved = interop_core::model::RESERVED_SYMBOLS;
        let mut seen = BTreeSet::new();
        for i in &imports {
            if reserved.contains(&i.symbol.as_str())
                || ["LibraryName", "PanicPending", "ThrowPendingPanic"].contains(&bare(&i.name))
                || !seen.insert(i.name.clone())
            {
                return Err(unsupported(format!(
                    "the exported symbol `{}` clashes with another symbol or a name the bindings \
                     reserve",
                    i.symbol
                )));
            }
        }
        Ok(NativeTemplate {
            name: &self.s.native_class,
            library: &self.s.library,
            exception: &self.s.exception,
            imports,
        }
        .render()?)
    }

    /// Every top-level name in the namespace must be unique.
    fn check_type_names(&self) -> Result<(), BackendError> {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut add = |name: String, what: String| -> Result<(), BackendError> {
            if let Some(prev) = seen.insert(bare(&name).to_string(), what.clone()) {
                return Err(unsupported(format!(
                    "{what} and {prev} would both be named `{name}` in namespace `{}`; rename one \
                     (#[ffi(name = \"…\")], or `class`/`exception` in [csharp])",
                    self.s.namespace
                )));
            }
            Ok(())
        };
        add(self.s.class.clone(), "the main class".into())?;
        add(self.s.native_class.clone(), "the raw layer class".into())?;
        add(self.s.exception.clone(), "the exception".into())?;
        for t in &self.inv.types {
            add(self.type_name(t), format!("type `{}`", t.id))?;
            if matches!(t.kind, TypeKind::Enum(_))
                && self
                    .inv
                    .functions
                    .iter()
                    .any(|f| f.owner.as_deref() == Some(t.id.as_str()))
            {
                add(
                    format!("{}Extensions", self.type_name(t)),
                    format!("the methods class of `{}`", t.id),
                )?;
            }
        }
        let modules: BTreeSet<&str> = self
            .inv
            .functions
            .iter()
            .filter(|f| f.owner.is_none())
            .filter_map(|f| f.module.as_deref())
            .chain(
                self.inv
                    .constants
                    .iter()
                    .filter_map(|c| c.module.as_deref()),
            )
            .collect();
        for m in modules {
            add(self.module_class(m), format!("the class of module `{m}`"))?;
        }
        Ok(())
    }
}
