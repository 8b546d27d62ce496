//! `_types.py`: every class, then the layouts of the structs, their size checks, the enum
//! converters, and the raw functions the methods call.

use askama::Template;
use interop_core::model::{Function, TypeRef};

use super::Ctx;
use crate::BackendError;
use crate::python::naming::raw_alias;
use crate::python::types::owned_record::OwnedRecord;
use crate::python::types::{Codec, Declaration, data_enum, enum_converter, runtime};

#[derive(Template)]
#[template(path = "python/items/types.py", escape = "none")]
struct TypesModule<'a> {
    crate_name: &'a str,
    /// Import `pending`/`raise_panic` (methods check the counter).
    check: bool,
    /// The callback runtime is used: import what it needs of `_raw`.
    callbacks: bool,
    /// A closure returns owned data (ADR 54): import `_raw.buffer_alloc`.
    owned_returns: bool,
    /// Services are used: the services runtime and the guard functions of `_raw`.
    services: bool,
    classes: Vec<String>,
    /// The statements setting the structs' `_fields_` (and making the data enums' ctypes forms),
    /// in dependency order.
    layouts: Vec<String>,
    /// `(class, field, stored)`: fields with non-ASCII names, stored under an ASCII one.
    aliases: Vec<(String, String, String)>,
    /// `(class, size)`.
    sizes: Vec<(String, u64)>,
    /// Strings, slices or vectors are used: the imports of the buffer runtime.
    buffers: bool,
    /// The codecs, dependencies first.
    codecs: Vec<Codec>,
    /// `(codec, fields tuple)` of the structs that own data and the data enums.
    record_fields: Vec<(String, String)>,
    /// `(converter name, enum class, dict literal body)`.
    converters: Vec<(String, &'a str, String)>,
    /// `symbol as alias` of the raw functions used by methods.
    raw_imports: Vec<String>,
    /// The runtime helpers some conversion uses (their sources).
    helpers: Vec<&'static str>,
    /// `(class, field, read, write)` of the fields that convert on access.
    accessors: Vec<(&'a str, String, String, String)>,
}

impl<'a> Ctx<'a> {
    /// The codecs the conversions of `f`'s signature refer to, with what they need.
    fn signature_codecs(&self, f: &'a Function) -> Result<Vec<Codec>, BackendError> {
        let mut codecs = Vec::new();
        for ty in f.params.iter().map(|p| &p.ty).chain([&f.returns]) {
            let family = self.types.family(ty)?;
            let mut refs = family.lower("x").imports;
            refs.extend(family.lift().imports);
            if refs.iter().any(|name| name.starts_with("_c_")) {
                codecs.extend(family.codecs());
            }
        }
        Ok(codecs)
    }

    /// True when a closure returns owned data (ADR 54): `_raw.py` binds `interop_buffer_alloc`.
    pub(super) fn uses_owned_returns(&self) -> Result<bool, BackendError> {
        for f in &self.inv.functions {
            if self.signature_codecs(f)?.iter().any(is_owner) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// True when `_types.py` binds the buffer runtime (and so imports `_raw.buffer_free`): buffers
    /// are used, or some signature needs codecs (closures, options, results).
    pub(super) fn uses_buffer_runtime(&self) -> Result<bool, BackendError> {
        if self.types.uses_buffers() {
            return Ok(true);
        }
        for f in &self.inv.functions {
            if !self.signature_codecs(f)?.is_empty() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub(super) fn types_module(&self, crate_name: &str) -> Result<String, BackendError> {
        let mut classes = Vec::new();
        let mut converters = Vec::new();
        let mut services = false;
        // A callback alias is evaluated at import (`OnTrade = typing.Callable[[Trade], None]`):
        // one naming a class defined after it follows every class (trial6).
        let mut callback_aliases = Vec::new();
        for (index, def) in self.inv.types.iter().enumerate() {
            match self.types.declaration(def)? {
                Declaration::Record(s) => classes.push(self.record_class(def, s)?),
                Declaration::OwnedRecord(s) => classes.push(self.owned_record_class(def, s)?),
                Declaration::Tuple(_) => classes.push(format!(
                    "class {}(ctypes.Structure):\n    \"\"\"The C layout of the tuple `{}`: each element in its ABI form (the \
                     value is a `tuple`).\"\"\"",
                    self.names.class(&def.id)?,
                    def.rust_name
                )),
                Declaration::Enum { def: e, .. } => {
                    classes.push(self.enum_class(def, e)?);
                    let class = self.names.class(&def.id)?;
                    converters.push((enum_converter(class), class, self.enum_entries(def, e)?));
                }
                Declaration::Handle => classes.push(self.handle_class(def)?),
                Declaration::DataEnum(e) => classes.push(self.data_enum_classes(def, e)?),
                Declaration::Service => {
                    services = true;
                    classes.push(self.service_class(def)?);
                }
                Declaration::Callback(c) => {
                    // How a callable returns `Err` (issue 13): by raising the error's class.
                    let mut docs = def.docs.clone();
                    if let TypeRef::Result(r) = &c.returns {
                        if !docs.is_empty() {
                            docs.push(String::new());
                        }
                        docs.push(format!(
                            "Raise `{}` to return `Err` (another exception is re-raised by the \
                             waiting call).",
                            self.types.exception_name(&r.err)?
                        ));
                    }
                    let doc = crate::python::names::docstring(&docs, "")
                        .map(|d| format!("\n{d}"))
                        .unwrap_or_default();
                    let callable = self.types.callable(c)?;
                    let later = self.inv.types[index + 1..]
                        .iter()
                        .filter_map(|d| self.names.class(&d.id).ok())
                        .collect::<Vec<_>>();
                    let names_later = callable
                        .split(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
                        .any(|word| later.contains(&word));
                    let alias = format!(
                        "{} = {}{doc}",
                        self.names.class(&def.id)?,
                        runtime_alias(&callable)
                    );
                    if names_later {
                        callback_aliases.push(alias);
                    } else {
                        classes.push(alias);
                    }
                }
            }
        }
        classes.extend(callback_aliases);
        let mut layouts = Vec::new();
        let mut aliases = Vec::new();
        let mut sizes = Vec::new();
        let mut accessors = Vec::new();
        let mut helpers = Vec::new();
        let mut codecs = Vec::new();
        let mut record_fields = Vec::new();
        for def in &self.plan.types_in_dependency_order {
            match self.types.declaration(def)? {
                Declaration::Record(s) => {
                    let class = self.names.class(&def.id)?;
                    layouts.push(format!(
                        "{class}._fields_ = [{}]",
                        self.record_layout(def, s)?
                    ));
                    for (field, stored) in self.record_aliases(def)? {
                        aliases.push((class.to_string(), field, stored));
                    }
                    sizes.push((class.to_string(), def.size));
                    for (field, read, write) in self.record_accessors(def, s, &mut helpers)? {
                        accessors.push((class, field, read, write));
                    }
                }
                Declaration::OwnedRecord(s) => {
                    let class = self.names.class(&def.id)?;
                    let mirror = OwnedRecord::mirror(class);
                    layouts.push(format!(
                        "{mirror}._fields_ = [{}]",
                        self.record_layout(def, s)?
                    ));
                    for (field, stored) in self.record_aliases(def)? {
                        aliases.push((mirror.clone(), field, stored));
                    }
                    sizes.push((mirror, def.size));
                    let fields = self.owned_record_fields(def, s, &mut codecs)?;
                    record_fields.push((format!("_c_{class}"), fields));
                }
                Declaration::DataEnum(e) => {
                    let layout = self.data_enum_layout(def, e)?;
                    layouts.extend(layout.statements);
                    sizes.extend(layout.sizes);
                    record_fields.push(self.data_enum_variants(def, e, &mut codecs)?);
                    helpers.push(data_enum::ENUM_IN.to_string());
                    helpers.push(runtime::BAD.to_string());
                }
                Declaration::Tuple(s) => {
                    let class = self.names.class(&def.id)?;
                    layouts.push(format!(
                        "{class}._fields_ = [{}]",
                        self.record_layout(def, s)?
                    ));
                    sizes.push((class.to_string(), def.size));
                    let fields = self.owned_record_fields(def, s, &mut codecs)?;
                    codecs.push(Codec::new(
                        &format!("_c_{class}"),
                        &format!("_Tuple({class})"),
                    ));
                    record_fields.push((format!("_c_{class}"), fields));
                }
                _ => {}
            }
        }
        if services {
            helpers.push(runtime::SERVICE_ENTER.to_string());
        }
        if !aliases.is_empty() {
            helpers.push(runtime::ALIAS_FIELD.to_string());
        }
        if !accessors.is_empty() {
            helpers.push(runtime::CONVERT_FIELD.to_string());
        }
        for f in &self.inv.functions {
            helpers.extend(self.call(f, f.owner.is_some())?.imports);
            codecs.extend(self.signature_codecs(f)?);
        }
        if self.types.uses_results() {
            helpers.push(runtime::ERRORS.to_string());
            for e in self.types.exception_classes()? {
                classes.push(e.render());
            }
        }
        let codecs = ordered(codecs);
        if codecs.iter().any(|c| c.expr.starts_with("_Option(")) {
            helpers.push(runtime::OPTIONS.to_string());
        }
        if codecs.iter().any(|c| c.expr.starts_with("_ServiceCodec(")) {
            helpers.push(runtime::SERVICE_CODEC.to_string());
        }
        let owned_returns = codecs.iter().any(is_owner);
        if owned_returns {
            helpers.push(runtime::OWN_INTO.to_string());
            // `_own` takes over what an `_Option` holds too: `_Option` must be defined even when no
            // option is used (a closure returning a record owning data, trial5).
            helpers.push(runtime::OPTIONS.to_string());
        }
        let buffers = self.types.uses_buffers() || !codecs.is_empty();
        if buffers {
            helpers.push(runtime::BUFFERS.to_string());
        }
        let raw_imports = self
            .inv
            .functions
            .iter()
            .filter(|f| f.owner.is_some())
            .map(|f| {
                Ok(format!(
                    "{} as {}",
                    self.names.raw(f)?,
                    raw_alias(&f.symbol)
                ))
            })
            .collect::<Result<_, BackendError>>()?;
        TypesModule {
            crate_name,
            check: self.inv.functions.iter().any(|f| f.owner.is_some()),
            callbacks: self.types.uses_callbacks(),
            owned_returns,
            services,
            classes,
            layouts,
            aliases,
            sizes,
            converters,
            raw_imports,
            helpers: runtime::sources(helpers.iter().map(String::as_str)),
            accessors,
            buffers,
            codecs,
            record_fields,
        }
        .render()
        .map_err(Into::into)
    }
}

/// True for the trampoline of a closure whose result owns data (`_own_into` writes it).
fn is_owner(c: &Codec) -> bool {
    c.expr.contains(&format!("_owner={}", runtime::OWN_INTO))
}

/// The codecs without duplicates, each after the codecs it refers to (records first: their fields
/// are set once every codec exists).
fn ordered(codecs: Vec<Codec>) -> Vec<Codec> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out: Vec<Codec> = Vec::new();
    let (records, others): (Vec<Codec>, Vec<Codec>) = codecs.into_iter().partition(|c| {
        c.expr.starts_with("_Record(")
            || c.expr.starts_with("_DataEnum(")
            || c.expr.starts_with("_Tuple(")
    });
    for c in records.into_iter().chain(others) {
        if seen.insert(c.name.clone()) {
            out.push(c);
        }
    }
    out
}

/// A named callback type's `typing.Callable[…]` as evaluated when the module is imported:
/// `array.array[int]` (a `&[u32]` parameter) is not subscriptable before Python 3.12, so it is
/// written as a forward reference (`"array.array[int]"`), which type checkers read the same.
fn runtime_alias(callable: &str) -> String {
    let mut out = String::with_capacity(callable.len());
    let mut rest = callable;
    while let Some(at) = rest.find("array.array[") {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let Some(end) = from.find(']') else {
            out.push_str(from);
            return out;
        };
        out.push('"');
        out.push_str(&from[..=end]);
        out.push('"');
        rest = &from[end + 1..];
    }
    out.push_str(rest);
    out
}
