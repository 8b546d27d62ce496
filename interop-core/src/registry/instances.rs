//! Instantiations: generic `#[ffi]` structs at concrete arguments (`Pair<u32>`) and Rust tuples
//! (`(f32, f32)`), each its own named type in the bindings (ADR 21).
//!
//! A generic struct's descriptor is a constant of its `FfiType` impl, so each instantiation has its
//! own (its field types and layout are the concrete ones); its [`TypeDesc::generics`] list the
//! arguments. The type's id is the descriptor's id with the arguments spelled as Rust with full
//! paths (`app::Pair<app::Point>`), its `rust_name` as written (`Pair<Point>`), and its bindings
//! name the struct's name followed by each argument's name in PascalCase (`PairU32`, `PairPoint`,
//! `TaggedU8N4` for `Tagged<u8, 4>`, `TupleF32F32` for `(f32, f32)`), unless an
//! `#[ffi] pub type Pixels = Pair<u8>;` renames it. Names are given when the inventory is complete,
//! so that an argument renamed by an alias is spelled with its new name.

use std::collections::BTreeMap;

use super::{DescribeFn, Registry, TypeDesc};
use crate::model::{Field, Primitive, StructDef, StructLayout, TypeDef, TypeKind, TypeRef};

/// One argument of a generic struct's instantiation, as `#[ffi]` records it.
#[derive(Clone, Copy)]
pub enum GenericArgDesc {
    /// A type parameter (its name, and the argument's describe function).
    Type(&'static str, DescribeFn),
    /// A const parameter (its name, and the argument's value).
    Const(&'static str, i128),
}

/// A resolved argument.
#[derive(Debug, Clone)]
pub(super) enum Arg {
    Type(TypeRef),
    Const(&'static str, i128),
}

/// What the name of an instantiation is made of.
#[derive(Debug, Clone)]
pub(super) struct Instance {
    /// The generic struct's bindings name (`Pair`), `Tuple` for tuples.
    base: &'static str,
    args: Vec<Arg>,
}

/// An `#[ffi] pub type Name = Generic<Args>;`.
#[derive(Debug, Clone)]
pub(super) struct Alias {
    pub(super) name: String,
    /// The Rust path of the alias.
    pub(super) path: String,
}

impl Registry {
    /// Register an instantiation of a generic struct (see [`Registry::described`]).
    pub(super) fn instantiated(&mut self, desc: &'static TypeDesc) -> TypeRef {
        let args: Vec<Arg> = desc
            .generics
            .iter()
            .map(|g| match *g {
                GenericArgDesc::Type(_, describe) => Arg::Type(describe(self)),
                GenericArgDesc::Const(name, value) => Arg::Const(name, value),
            })
            .collect();
        let ids: Vec<String> = args.iter().map(|a| self.arg_spelling(a, true)).collect();
        let names: Vec<String> = args.iter().map(|a| self.arg_spelling(a, false)).collect();
        let id = format!("{}<{}>", desc.id, ids.join(", "));
        let rust_name = format!("{}<{}>", desc.rust_name, names.join(", "));
        self.instances.insert(
            id.clone(),
            Instance {
                base: desc.name,
                args,
            },
        );
        self.named(&id.clone(), |reg| {
            let mut def = desc.to_model(reg);
            def.id = id;
            def.rust_name = rust_name;
            def
        })
    }

    /// Register the tuple whose elements `elements` describe, with the layout of its ABI form
    /// (a `#[repr(C)]` struct of the elements' ABI forms, measured by the caller).
    pub fn tuple(
        &mut self,
        elements: &[DescribeFn],
        size: u64,
        align: u64,
        offsets: &[u64],
    ) -> TypeRef {
        let elements: Vec<TypeRef> = elements.iter().map(|d| d(self)).collect();
        let args: Vec<Arg> = elements.iter().cloned().map(Arg::Type).collect();
        let spell = |reg: &Registry, full: bool| {
            let parts: Vec<String> = args.iter().map(|a| reg.arg_spelling(a, full)).collect();
            format!("({})", parts.join(", "))
        };
        let id = spell(self, true);
        let rust_name = spell(self, false);
        self.instances.insert(
            id.clone(),
            Instance {
                base: "Tuple",
                args,
            },
        );
        let fields = elements
            .into_iter()
            .zip(offsets)
            .enumerate()
            .map(|(i, (ty, offset))| Field::new(format!("_{i}"), ty, *offset))
            .collect();
        self.named(&id.clone(), |_| TypeDef {
            id,
            name: String::new(),
            rust_name,
            module: None,
            docs: Vec::new(),
            size,
            align,
            kind: TypeKind::Struct(StructDef {
                layout: StructLayout::C,
                tuple: true,
                fields,
            }),
        })
    }

    /// Record `#[ffi] pub type <name> = <ty>;` (the Rust path `path`): the instantiation `ty` is
    /// named `name` in the bindings (when several aliases name one instantiation, the first by path).
    pub fn alias(&mut self, ty: TypeRef, name: &str, path: &str) -> TypeRef {
        if let TypeRef::Named { id } = &ty {
            self.aliases.entry(id.clone()).or_default().push(Alias {
                name: name.to_string(),
                path: path.to_string(),
            });
        }
        ty
    }

    /// Names every instantiation (after its arguments, which may be instantiations themselves) and
    /// every aliased type.
    pub(super) fn name_instances(&mut self) {
        let mut ids: Vec<String> = self.instances.keys().cloned().collect();
        ids.extend(self.aliases.keys().cloned());
        let mut memo = BTreeMap::new();
        let names: Vec<(String, String)> = ids
            .into_iter()
            .map(|id| {
                let name = self.instance_name(&id, &mut memo, 0);
                (id, name)
            })
            .collect();
        for (id, name) in names {
            if let Some(Some(def)) = self.types.get_mut(&id) {
                def.name = name;
            }
        }
    }

    fn instance_name(&self, id: &str, memo: &mut BTreeMap<String, String>, depth: usize) -> String {
        let first_alias = self
            .aliases
            .get(id)
            .and_then(|a| a.iter().min_by(|x, y| x.path.cmp(&y.path)));
        if let Some(alias) = first_alias {
            return alias.name.clone();
        }
        if let Some(name) = memo.get(id) {
            return name.clone();
        }
        let Some(instance) = self.instances.get(id) else {
            return match self.types.get(id) {
                Some(Some(def)) => def.name.clone(),
                _ => id.rsplit("::").next().unwrap_or(id).to_string(),
            };
        };
        let mut name = instance.base.to_string();
        for arg in &instance.args {
            match arg {
                Arg::Type(ty) => name.push_str(&self.ref_name(ty, memo, depth + 1)),
                Arg::Const(param, value) if *value < 0 => {
                    name.push_str(&format!("{param}Minus{}", value.unsigned_abs()));
                }
                Arg::Const(param, value) => name.push_str(&format!("{param}{value}")),
            }
        }
        memo.insert(id.to_string(), name.clone());
        name
    }

    /// The PascalCase part a type contributes to an instantiation's name.
    fn ref_name(&self, ty: &TypeRef, memo: &mut BTreeMap<String, String>, depth: usize) -> String {
        if depth > 16 {
            return String::new();
        }
        let mut inner = |t: &TypeRef| self.ref_name(t, memo, depth + 1);
        match ty {
            TypeRef::Primitive { primitive } => match primitive {
                Primitive::Unit => "Unit".to_string(),
                Primitive::CVoid => "Void".to_string(),
                Primitive::CChar => "CChar".to_string(),
                p => pascal(p.rust_name()),
            },
            TypeRef::Named { id } => self.instance_name(id, memo, depth),
            TypeRef::Pointer(p) => {
                let kind = if p.mutable { "PtrMut" } else { "Ptr" };
                format!("{kind}{}", inner(&p.target))
            }
            TypeRef::Array(a) => format!("{}Array{}", inner(&a.element), a.len),
            TypeRef::Str => "Str".to_string(),
            TypeRef::String => "String".to_string(),
            TypeRef::CStr => "CStr".to_string(),
            TypeRef::Slice(s) => format!("Slice{}", inner(&s.element)),
            TypeRef::Vec(v) => format!("Vec{}", inner(&v.element)),
            TypeRef::Option(o) => format!("Option{}", inner(&o.inner)),
            TypeRef::Result(r) => format!("Result{}{}", inner(&r.ok), inner(&r.err)),
            TypeRef::Callback(_) | TypeRef::FnPointer(_) => "Fn".to_string(),
        }
    }

    /// An argument as Rust spells it: with full paths for named types (`full`, the id), or as
    /// written (`rust_name`).
    fn arg_spelling(&self, arg: &Arg, full: bool) -> String {
        match arg {
            Arg::Const(_, value) => value.to_string(),
            Arg::Type(ty) => self.spelling(ty, full),
        }
    }

    fn spelling(&self, ty: &TypeRef, full: bool) -> String {
        let inner = |t: &TypeRef| self.spelling(t, full);
        match ty {
            TypeRef::Named { id } if full => id.clone(),
            TypeRef::Named { id } => match self.types.get(id) {
                Some(Some(def)) => def.rust_name.clone(),
                _ => short_name(id),
            },
            TypeRef::Primitive { primitive } => primitive.rust_name().to_string(),
            TypeRef::Pointer(p) => {
                let m = if p.mutable { "mut " } else { "" };
                match p.kind {
                    crate::model::PointerKind::Reference => format!("&{m}{}", inner(&p.target)),
                    crate::model::PointerKind::NullableReference => {
                        format!("Option<&{m}{}>", inner(&p.target))
                    }
                    _ => {
                        let m = if p.mutable { "mut" } else { "const" };
                        format!("*{m} {}", inner(&p.target))
                    }
                }
            }
            TypeRef::Array(a) => format!("[{}; {}]", inner(&a.element), a.len),
            TypeRef::Str => "&str".to_string(),
            TypeRef::String => "String".to_string(),
            TypeRef::CStr => "&CStr".to_string(),
            TypeRef::Slice(s) => {
                let m = if s.mutable { "mut " } else { "" };
                format!("&{m}[{}]", inner(&s.element))
            }
            TypeRef::Vec(v) => format!("Vec<{}>", inner(&v.element)),
            TypeRef::Option(o) => format!("Option<{}>", inner(&o.inner)),
            TypeRef::Result(r) => format!("Result<{}, {}>", inner(&r.ok), inner(&r.err)),
            TypeRef::Callback(_) | TypeRef::FnPointer(_) => "fn".to_string(),
        }
    }
}

/// `a::b::Pair<a::Point>` → `Pair<a::Point>` (the last segment before the arguments).
fn short_name(id: &str) -> String {
    let head = id.split('<').next().unwrap_or(id);
    let start = head.rfind("::").map_or(0, |i| i + 2);
    id[start..].to_string()
}

/// `u32` → `U32`, `f32` → `F32`, `bool` → `Bool`.
fn pascal(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
