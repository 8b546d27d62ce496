//! The header's file scope: every C name the header defines, resolved once before anything is
//! rendered (type names, variant and constant macros, function symbols, the include guard), and the
//! names a field or parameter may not take.
//!
//! C has one namespace for all of them, so two items with the same C name, or a symbol C cannot
//! declare, are [`Problem`]s; every one is collected (none stops the others from being found).

use std::collections::{BTreeMap, BTreeSet};

use interop_core::model::{Constant, Inventory, TypeDef, TypeKind};

use super::items::Problem;
use super::names;
use super::types::record;
use crate::common::names::NameTable;

/// What the scope is called in messages.
const SCOPE: &str = "the C header";

pub struct Scope<'a> {
    table: NameTable,
    /// C name of every type, by id.
    type_names: BTreeMap<&'a str, String>,
    /// `PREFIX_` for variant and constant macros (empty without a prefix).
    macro_prefix: String,
    /// Names a field or parameter may not take (typedef and macro names).
    reserved_locals: BTreeSet<String>,
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
            macro_prefix,
            reserved_locals: BTreeSet::new(),
        };
        s.claim(
            problems,
            names::include_guard(header_name),
            "the include guard".into(),
            "",
        );
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

    /// The C name of the type `id` (`None` for a type the inventory does not define).
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
