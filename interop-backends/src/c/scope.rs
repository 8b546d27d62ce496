//! The header's file scope: every C name the header defines, resolved once before anything is
//! rendered (type names, variant and constant macros, function symbols, the include guard), and the
//! names a field or parameter may not take.
//!
//! C has one namespace for all of them, so two items with the same C name, or a symbol C cannot
//! declare, are [`Problem`]s; every one is collected (none stops the others from being found).

use std::collections::{BTreeMap, BTreeSet};

use interop_core::model::{Constant, DataEnumDef, Inventory, Primitive, TypeDef, TypeKind};

use super::items::Problem;
use super::names;
use super::types::buffer::Carrier;
use super::types::callback::Signature;
use super::types::{Position, record};
use crate::common::names::NameTable;

/// What the scope is called in messages.
const SCOPE: &str = "the C header";

pub struct Scope<'a> {
    table: NameTable,
    /// C name of every type, by id.
    type_names: BTreeMap<&'a str, String>,
    /// C name of every view and buffer struct the header defines.
    carriers: BTreeMap<Carrier, String>,
    /// C name of every callback struct and function pointer typedef.
    callbacks: BTreeMap<Signature, String>,
    /// Ids of the records that own data (each gets a `<name>_free` helper).
    owning_records: Vec<&'a str>,
    /// `PREFIX_` for variant and constant macros (empty without a prefix).
    macro_prefix: String,
    /// Names a field or parameter may not take (typedef and macro names).
    reserved_locals: BTreeSet<String>,
    /// `<Prefix>Ordering`, when the library uses `core::cmp::Ordering` (ADR 57).
    ordering: Option<String>,
}

impl<'a> Scope<'a> {
    /// Resolve every file-scope name of the header for `inv`; name problems go to `problems`.
    pub fn new(
        inv: &'a Inventory,
        prefix: &str,
        header_name: &str,
        problems: &mut Vec<Problem>,
    ) -> Self {
        let macro_prefix = if prefix.is_empty() {
            String::new()
        } else {
            format!("{}_", names::shouty(prefix))
        };
        let mut s = Scope {
            table: NameTable::new(SCOPE),
            type_names: BTreeMap::new(),
            carriers: BTreeMap::new(),
            callbacks: BTreeMap::new(),
            owning_records: Vec::new(),
            macro_prefix,
            reserved_locals: BTreeSet::new(),
            ordering: None,
        };
        s.claim(
            problems,
            names::include_guard(header_name),
            "the include guard".into(),
            "",
        );
        let (hash_macro, matches, assert_macro) = super::items::guard::guard_names(header_name);
        for (name, what) in [
            (hash_macro, "the inventory hash macro"),
            (matches, "the version guard function"),
            (assert_macro, "the layout assertion macro"),
        ] {
            s.claim(problems, name, what.into(), "");
        }
        for f in interop_core::model::RESERVED_SYMBOLS {
            s.claim(
                problems,
                f.to_string(),
                "interop-core's own exports".into(),
                "",
            );
        }
        if inv.types.iter().any(record::is_packed) {
            s.claim(
                problems,
                "INTEROP_PACKED".into(),
                "the packed-struct macro".into(),
                "",
            );
        }
        for t in &inv.types {
            let name = names::global_name(&format!("{prefix}{}", t.name));
            s.claim(problems, name.clone(), format!("type `{}`", t.id), &t.id);
            s.type_names.insert(&t.id, name);
        }
        if inv.mentions(Primitive::Ordering) {
            let name = names::global_name(&format!("{prefix}Ordering"));
            s.claim(
                problems,
                name.clone(),
                "the typedef of `core::cmp::Ordering`".into(),
                "",
            );
            s.ordering = Some(name);
        }
        spelling_problems(inv, problems);
        let mut carriers = Vec::new();
        for f in &inv.functions {
            for p in &f.params {
                Carrier::collect(&p.ty, Position::Param, &mut carriers);
            }
            Carrier::collect(&f.returns, Position::Return, &mut carriers);
        }
        for t in &inv.types {
            match &t.kind {
                TypeKind::Struct(st) => {
                    for f in &st.fields {
                        Carrier::collect(&f.ty, Position::Field, &mut carriers);
                    }
                }
                TypeKind::DataEnum(e) => {
                    for f in e.variants.iter().flat_map(|v| &v.fields) {
                        Carrier::collect(&f.ty, Position::Field, &mut carriers);
                    }
                }
                _ => {}
            }
        }
        carriers.sort();
        carriers.dedup();
        for c in carriers {
            let name = names::global_name(&format!("{prefix}{}", c.base_name(inv)));
            let what = format!("the struct of `{}`", c.base_name(inv));
            s.claim(problems, name.clone(), what.clone(), "");
            if c.needs_free(inv) {
                s.claim(
                    problems,
                    format!("{name}_free"),
                    format!("the free helper of {what}"),
                    "",
                );
            }
            s.carriers.insert(c, name);
        }
        let mut signatures = Vec::new();
        for f in &inv.functions {
            for p in &f.params {
                Signature::collect(&p.ty, &mut signatures);
            }
            Signature::collect(&f.returns, &mut signatures);
        }
        for t in &inv.types {
            match &t.kind {
                TypeKind::Struct(st) => {
                    for f in &st.fields {
                        Signature::collect(&f.ty, &mut signatures);
                    }
                }
                TypeKind::Callback(c) => signatures.push(Signature {
                    closure: true,
                    params: c.params.clone(),
                    returns: c.returns.clone(),
                    name: Some(t.id.clone()),
                }),
                _ => {}
            }
        }
        signatures.sort();
        signatures.dedup();
        for sig in signatures {
            let name = names::global_name(&format!("{prefix}{}", sig.base_name(inv)));
            let what = format!("the callback type `{}`", sig.base_name(inv));
            // A named callback type's name was claimed with the types.
            if sig.name.is_none() || !s.type_names.values().any(|n| *n == name) {
                s.claim(problems, name.clone(), what, "");
            }
            s.callbacks.insert(sig, name);
        }
        for t in &inv.types {
            if owns_data(inv, t)
                && let Some(name) = s.type_names.get(t.id.as_str())
            {
                let free = format!("{name}_free");
                s.claim(
                    problems,
                    free,
                    format!("the free helper of `{}`", t.id),
                    &t.id,
                );
                s.owning_records.push(&t.id);
            }
        }
        for t in &inv.types {
            if let TypeKind::DataEnum(e) = &t.kind {
                s.claim_data_enum(problems, t, e);
            }
        }
        for t in &inv.types {
            if let TypeKind::Enum(e) = &t.kind {
                for v in &e.variants {
                    let name = s.variant_name(t, &v.name);
                    let what = format!("variant `{}::{}`", t.id, v.rust_name);
                    s.claim(problems, name, what, &t.id);
                }
            }
        }
        for c in &inv.constants {
            let name = s.constant_name(c);
            s.claim(
                problems,
                name,
                format!("constant `{}`", c.rust_path),
                &c.rust_path,
            );
        }
        for f in &inv.functions {
            if let Some(why) = names::symbol_problem(&f.symbol) {
                problems.push(Problem::unsupported(
                    &f.rust_path,
                    why,
                    Some("choose another symbol with #[ffi(export = \"…\")]".into()),
                ));
                continue;
            }
            let what = format!("function `{}`", f.rust_path);
            s.claim(problems, f.symbol.clone(), what, &f.rust_path);
        }
        s.reserved_locals = s.table.names().map(str::to_string).collect();
        // Functions may be shadowed by parameters; types and macros may not.
        for f in &inv.functions {
            s.reserved_locals.remove(&f.symbol);
        }
        s
    }

    /// Define `name` for `what` (an item with Rust path `item`); a name defined twice is a problem.
    fn claim(&mut self, problems: &mut Vec<Problem>, name: String, what: String, item: &str) {
        if let Err(c) = self.table.claim(name, what) {
            problems.push(Problem::unsupported(
                item,
                format!(
                    "{} and {} would both be named `{}` in {}",
                    c.second, c.first, c.name, c.scope
                ),
                Some("rename one with #[ffi(name = \"…\")]".into()),
            ));
        }
    }

    /// The names a data enum adds: its tag typedef, one macro per variant, one body struct per
    /// variant with fields.
    fn claim_data_enum(&mut self, problems: &mut Vec<Problem>, t: &TypeDef, e: &DataEnumDef) {
        let Some(name) = self.type_names.get(t.id.as_str()).cloned() else {
            return;
        };
        self.claim(
            problems,
            Self::tag_name(&name),
            format!("the tag of `{}`", t.id),
            &t.id,
        );
        for v in &e.variants {
            let what = format!("variant `{}::{}`", t.id, v.rust_name);
            self.claim(problems, self.variant_name(t, &v.name), what.clone(), &t.id);
            if !v.fields.is_empty() {
                let body = Self::body_name(&name, &v.name);
                self.claim(problems, body, format!("the body of {what}"), &t.id);
            }
        }
    }

    /// The typedef of a data enum's tag: `ShapeTag`.
    pub fn tag_name(type_name: &str) -> String {
        names::global_name(&format!("{type_name}Tag"))
    }

    /// The struct of a data enum variant's fields: `ShapeCircle`.
    pub fn body_name(type_name: &str, variant: &str) -> String {
        names::global_name(&format!("{type_name}{variant}"))
    }

    /// The C name of a view or buffer struct.
    pub fn carrier_name(&self, c: &Carrier) -> Option<&str> {
        self.carriers.get(c).map(String::as_str)
    }

    /// The C name of a callback struct or function pointer typedef.
    pub fn callback_name(&self, s: &Signature) -> Option<&str> {
        self.callbacks.get(s).map(String::as_str)
    }

    /// Every callback struct and function pointer typedef with its C name, sorted.
    pub fn callbacks(&self) -> impl Iterator<Item = (&Signature, &str)> {
        self.callbacks.iter().map(|(c, n)| (c, n.as_str()))
    }

    /// Every view and buffer struct with its C name, sorted.
    pub fn carriers(&self) -> impl Iterator<Item = (&Carrier, &str)> {
        self.carriers.iter().map(|(c, n)| (c, n.as_str()))
    }

    /// Ids of the records that own data, in the inventory's order.
    pub fn owning_records(&self) -> &[&'a str] {
        &self.owning_records
    }

    /// The C name of the type `id` (`None` for a type the inventory does not define).
    /// `<Prefix>Ordering` (ADR 57), when the library uses `Ordering`.
    pub fn ordering_name(&self) -> Option<&str> {
        self.ordering.as_deref()
    }

    pub fn type_name(&self, id: &str) -> Option<&str> {
        self.type_names.get(id).map(String::as_str)
    }

    /// The macro of an enum variant: `PREFIX_ENUM_VARIANT`.
    pub fn variant_name(&self, t: &TypeDef, variant: &str) -> String {
        names::global_name(&format!(
            "{}{}_{}",
            self.macro_prefix,
            names::shouty(&t.name),
            names::shouty(variant)
        ))
    }

    /// The macro of a constant: `PREFIX_NAME`.
    pub fn constant_name(&self, c: &Constant) -> String {
        names::global_name(&format!("{}{}", self.macro_prefix, c.name))
    }

    /// A field or parameter name, escaped against keywords, type/macro names and the names already
    /// `used` in its scope (and added to them).
    pub fn local(&self, name: &str, used: &mut BTreeSet<String>) -> String {
        let local = names::local_name_with(name, |n| {
            self.reserved_locals.contains(n) || used.contains(n)
        });
        used.insert(local.clone());
        local
    }
}

/// The names the header cannot spell (see [`names::spelling_problem`]): of types, fields, variants,
/// constants and parameters, as the header would write them. (Function names are their symbols,
/// which the macro keeps ASCII.)
fn spelling_problems(inv: &Inventory, problems: &mut Vec<Problem>) {
    const FIX: &str = "rename it to ASCII, Latin, Greek or Cyrillic letters (in Rust, or with \
                       #[ffi(name = \"…\")] on a type or function)";
    let mut check = |item: &str, what: String, name: &str| {
        if let Some(why) = names::spelling_problem(&what, name) {
            problems.push(Problem::unsupported(item, why, Some(FIX.into())));
        }
    };
    for t in &inv.types {
        check(&t.id, format!("type `{}`", t.id), &t.name);
        match &t.kind {
            TypeKind::Struct(st) => {
                for f in &st.fields {
                    check(&t.id, format!("field `{}`", f.name), &f.name);
                }
            }
            TypeKind::Enum(e) => {
                for v in &e.variants {
                    let name = names::shouty(&v.name);
                    check(&t.id, format!("variant `{}`", v.rust_name), &name);
                }
            }
            _ => {}
        }
    }
    for c in &inv.constants {
        check(&c.rust_path, format!("constant `{}`", c.rust_path), &c.name);
    }
    for f in &inv.functions {
        for p in &f.params {
            check(&f.rust_path, format!("parameter `{}`", p.name), &p.name);
        }
    }
}

/// True for a struct that owns data (a `String` or `Vec<T>` at any depth).
fn owns_data(inv: &Inventory, t: &TypeDef) -> bool {
    matches!(t.kind, TypeKind::Struct(_) | TypeKind::DataEnum(_))
        && inv
            .owns_data(&interop_core::model::TypeRef::named(t.id.clone()))
            .unwrap_or(false)
}
