//! Invariants of an inventory and the order types are emitted in.

use std::collections::BTreeMap;

use super::{CallbackNaming, Inventory, TypeDef, TypeKind, TypeRef};

impl Inventory {
    /// Types ordered so that every type comes after the types it contains by value (fields and arrays).
    /// Types only reached through pointers do not impose an order (C forward-declares them).
    /// Ties are broken by id, so the order is deterministic.
    pub fn types_in_dependency_order(&self) -> Vec<&TypeDef> {
        let mut out: Vec<&TypeDef> = Vec::with_capacity(self.types.len());
        let mut state = BTreeMap::<&str, bool>::new(); // false = visiting, true = done
        for t in &self.types {
            self.visit_type(t, &mut state, &mut out);
        }
        out
    }

    fn visit_type<'a>(
        &'a self,
        t: &'a TypeDef,
        state: &mut BTreeMap<&'a str, bool>,
        out: &mut Vec<&'a TypeDef>,
    ) {
        if state.contains_key(t.id.as_str()) {
            return; // done, or a cycle (impossible by value; reported by `validate`)
        }
        state.insert(&t.id, false);
        let fields: Vec<&super::Field> = match &t.kind {
            TypeKind::Struct(s) => s.fields.iter().collect(),
            TypeKind::DataEnum(e) => e.variants.iter().flat_map(|v| &v.fields).collect(),
            _ => Vec::new(),
        };
        {
            for f in fields {
                let mut by_value = Vec::new();
                f.ty.collect_named_by_value(&mut by_value);
                for id in by_value {
                    if let Some(dep) = self.type_def(id) {
                        self.visit_type(dep, state, out);
                    }
                }
            }
        }
        state.insert(&t.id, true);
        out.push(t);
    }

    /// Check the invariants backends rely on: sorted unique type ids, every referenced type defined,
    /// no by-value cycles, enums stored as integers, unique symbols.
    pub fn validate(&self) -> Result<(), String> {
        for w in self.types.windows(2) {
            if w[0].id >= w[1].id {
                return Err(format!("types not sorted/unique at `{}`", w[1].id));
            }
        }
        let mut symbols = std::collections::BTreeSet::new();
        for f in &self.functions {
            if !symbols.insert(f.symbol.as_str()) {
                return Err(format!("symbol `{}` is exported twice", f.symbol));
            }
            for p in &f.params {
                let what = format!("parameter `{}` of `{}`", p.name, f.name);
                self.check_ref(&p.ty, &what)?;
                no_result(&p.ty, &what)?;
            }
            let what = format!("return type of `{}`", f.name);
            self.check_ref(&f.returns, &what)?;
            match &f.returns {
                TypeRef::Result(r) => {
                    no_result(&r.ok, &what)?;
                    no_result(&r.err, &what)?;
                }
                other => no_result(other, &what)?,
            }
        }
        for t in &self.types {
            match &t.kind {
                TypeKind::Struct(s) => {
                    for fl in &s.fields {
                        let what = format!("field `{}.{}`", t.name, fl.name);
                        self.check_ref(&fl.ty, &what)?;
                        no_result(&fl.ty, &what)?;
                    }
                }
                TypeKind::Enum(e) => {
                    if !e.storage.is_integer() {
                        return Err(format!("enum `{}` is not stored as an integer", t.name));
                    }
                }
                TypeKind::DataEnum(e) => {
                    if !e.tag.is_integer() {
                        return Err(format!("the tag of enum `{}` is not an integer", t.name));
                    }
                    for v in &e.variants {
                        for fl in &v.fields {
                            self.check_ref(
                                &fl.ty,
                                &format!("field `{}::{}.{}`", t.name, v.name, fl.name),
                            )?;
                        }
                    }
                }
                TypeKind::Opaque | TypeKind::Service => {}
                TypeKind::Callback(c) => {
                    for p in &c.params {
                        self.check_ref(p, &format!("a parameter of callback type `{}`", t.name))?;
                    }
                    self.check_ref(
                        &c.returns,
                        &format!("the return of callback type `{}`", t.name),
                    )?;
                }
            }
        }
        for c in &self.constants {
            self.check_ref(&c.ty, &format!("constant `{}`", c.name))?;
        }
        self.check_instance_names()?;
        self.check_callback_names()
    }

    /// A callback whose Rust source spells a callback type that several named types with its
    /// signature could be (one alias name in two modules, ADR 42): the error names the item, the
    /// types and the fix. Twins with distinct names (`OnEvent`, `OnChange`) are fine.
    fn check_callback_names(&self) -> Result<(), String> {
        let named = super::named_callbacks(&self.types);
        if named.is_empty() {
            return Ok(());
        }
        let check = |ty: &TypeRef, module: &str, what: &dyn Fn() -> String| {
            let mut result = Ok(());
            ty.visit_callbacks(&mut |c| {
                if let (Ok(()), CallbackNaming::Ambiguous { hint, ids }) =
                    (&result, super::callback_name(&named, c, module))
                {
                    let list = ids
                        .iter()
                        .map(|id| format!("`{id}`"))
                        .collect::<Vec<_>>()
                        .join(" and ");
                    result = Err(format!(
                        "{} spells the callback type `{hint}`, which could be {list} (one \
                         signature, so the inventory cannot tell them apart); write its path in \
                         the signature (`crate::…::{}`), or rename one of the aliases",
                        what(),
                        hint.rsplit("::").next().unwrap_or(&hint),
                    ));
                }
            });
            result
        };
        for f in &self.functions {
            let module = f.module_path();
            for p in &f.params {
                check(&p.ty, module, &|| {
                    format!("parameter `{}` of `{}`", p.name, f.rust_path)
                })?;
            }
            check(&f.returns, module, &|| {
                format!("the return type of `{}`", f.rust_path)
            })?;
        }
        for t in &self.types {
            if let TypeKind::Struct(s) = &t.kind {
                let module = super::module_of(&t.id);
                for fl in &s.fields {
                    check(&fl.ty, module, &|| format!("field `{}.{}`", t.id, fl.name))?;
                }
            }
        }
        Ok(())
    }

    /// Two types of one module with one bindings name, one of them a generic struct's
    /// instantiation or a tuple (whose names are derived, ADR 21): the error names both Rust types
    /// and the fix.
    fn check_instance_names(&self) -> Result<(), String> {
        let mut seen = BTreeMap::<(Option<&str>, &str), &TypeDef>::new();
        for t in &self.types {
            let key = (t.module.as_deref(), t.name.as_str());
            if let Some(first) = seen.insert(key, t) {
                let derived = |d: &TypeDef| d.is_instantiation() || d.is_tuple();
                if !derived(first) && !derived(t) {
                    continue;
                }
                let rename = if derived(t) { t } else { first };
                return Err(format!(
                    "two types are named `{}` in the bindings: `{}` and `{}`; name one of them \
                     with an alias, e.g. `#[ffi] pub type {}Other = {};`",
                    t.name, first.id, t.id, t.name, rename.id
                ));
            }
        }
        Ok(())
    }

    fn check_ref(&self, r: &TypeRef, what: &str) -> Result<(), String> {
        let mut ids = Vec::new();
        r.collect_named(&mut ids);
        for id in ids {
            if self.type_def(id).is_none() {
                return Err(format!("{what} refers to unknown type `{id}`"));
            }
        }
        Ok(())
    }
}

/// `Result<T, E>` is a return type only (not a parameter, a field, an element, or nested).
fn no_result(r: &TypeRef, what: &str) -> Result<(), String> {
    let inner = match r {
        TypeRef::Result(_) => {
            return Err(format!(
                "{what} holds a `Result`, which only a function's return type may be"
            ));
        }
        TypeRef::Option(o) => &o.inner,
        TypeRef::Vec(v) => &v.element,
        TypeRef::Slice(s) => &s.element,
        TypeRef::Array(a) => &a.element,
        TypeRef::Pointer(p) => &p.target,
        _ => return Ok(()),
    };
    no_result(inner, what)
}
