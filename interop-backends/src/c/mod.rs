//! C backend: one header plus a pkg-config file.
//!
//! The header is C99 and C++ (it has an `extern "C"` guard) and compiles warning-free with
//! `-std=c99 -Wall -Wextra -pedantic` and `-std=c++17 -Wall -Wextra`. How each construct is spelled is
//! described in docs/c.md. Layout of the output directory:
//!
//! ```text
//! <out>/include/<header>.h            Backend::generate
//! <out>/lib/lib<name>.so              Backend::package (copy of the native library)
//! <out>/lib/pkgconfig/<name>.pc       Backend::package (relocatable: prefix=${pcfiledir}/../..)
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use askama::Template;
use interop_core::model::{
    ConstValue, Constant, Function, Inventory, PointerKind, Primitive, StructDef, StructLayout,
    TypeDef, TypeKind, TypeRef,
};
use serde::Deserialize;

use crate::{Backend, BackendError, Context, OutputFile};

pub mod capabilities;
mod literals;
mod names;
mod templates;

use literals::{f32_literal, f64_literal, int_literal, pkg_config_value};
use templates::{
    ConstantTemplate, EnumTemplate, FieldView, FunctionTemplate, HeaderTemplate, OpaqueTemplate,
    PkgConfigTemplate, Section, StructTemplate, VariantView, doc_comment,
};

/// `[c]` in Interop.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Output directory (default `bindings/c`).
    #[serde(default = "default_out_dir")]
    pub out_dir: PathBuf,
    /// Header file name (default `<lib_name>.h`).
    pub header: Option<String>,
    /// Prefix for type, enum-variant and constant names in the header (default none).
    /// Types get it as written (`Cf` → `CfVec2`), macros in SCREAMING_SNAKE (`CF_COLOR_RED`).
    #[serde(default)]
    pub prefix: String,
}

fn default_out_dir() -> PathBuf {
    PathBuf::from("bindings/c")
}

impl Default for Config {
    fn default() -> Self {
        Self {
            out_dir: default_out_dir(),
            header: None,
            prefix: String::new(),
        }
    }
}

pub struct CBackend {
    config: Config,
}

impl CBackend {
    pub fn new(config: Config) -> Self {
        Self { config }
    }

    /// File name of the header (`<lib_name>.h` unless configured).
    pub fn header_name(&self, ctx: &Context<'_>) -> Result<String, BackendError> {
        let name = match &self.config.header {
            Some(h) => h.clone(),
            None => format!("{}.h", ctx.package.lib_name),
        };
        let plain = !name.is_empty()
            && name != "."
            && name != ".."
            && !name.contains(['/', '\\'])
            && !name.chars().any(char::is_control);
        if !plain {
            return Err(BackendError::Other(format!(
                "[c] header = {name:?} must be a plain file name such as `{}.h` \
                 (it is written to <out-dir>/include/)",
                ctx.package.lib_name
            )));
        }
        Ok(name)
    }

    /// Render the header for `inventory`.
    pub fn render_header(
        &self,
        inventory: &Inventory,
        header_name: &str,
        package: &crate::PackageInfo,
    ) -> Result<String, BackendError> {
        if !self.config.prefix.is_empty() && !names::is_identifier(&self.config.prefix) {
            return Err(BackendError::Other(format!(
                "[c] prefix = {:?} is not a valid start of a C identifier \
                 (letters, digits and `_`, not starting with a digit)",
                self.config.prefix
            )));
        }
        HeaderBuilder::new(inventory, &self.config.prefix, header_name)?.render(package)
    }

    /// Render the pkg-config file.
    pub fn render_pkg_config(&self, package: &crate::PackageInfo) -> Result<String, BackendError> {
        let description = package
            .description
            .clone()
            .unwrap_or_else(|| format!("C bindings for the {} library", package.name));
        let url = package.homepage.as_ref().or(package.repository.as_ref());
        Ok(PkgConfigTemplate {
            name: pkg_config_value(&package.name),
            description: pkg_config_value(&description),
            version: pkg_config_value(&package.version),
            url: url.map(|u| pkg_config_value(u)),
            lib_name: pkg_config_value(&package.lib_name),
        }
        .render()?)
    }
}

impl Backend for CBackend {
    fn language(&self) -> &str {
        "C"
    }

    fn out_dir(&self) -> &Path {
        &self.config.out_dir
    }

    fn capabilities(&self) -> crate::common::capability::Capabilities {
        capabilities::CAPABILITIES
    }

    fn generate(&self, ctx: &Context<'_>) -> Result<Vec<OutputFile>, BackendError> {
        let header_name = self.header_name(ctx)?;
        let header = self.render_header(ctx.inventory, &header_name, ctx.package)?;
        Ok(vec![OutputFile::new(
            Path::new("include").join(&header_name),
            header,
        )])
    }

    fn package(
        &self,
        ctx: &Context<'_>,
        _generated: &[OutputFile],
    ) -> Result<Vec<OutputFile>, BackendError> {
        let file_name = ctx.native_library.file_name().ok_or_else(|| {
            BackendError::Other(format!(
                "the native library path {} has no file name",
                ctx.native_library.display()
            ))
        })?;
        let pc = self.render_pkg_config(ctx.package)?;
        Ok(vec![
            OutputFile::native_library(ctx, Path::new("lib").join(file_name))?,
            OutputFile::new(
                Path::new("lib/pkgconfig").join(format!("{}.pc", ctx.package.lib_name)),
                pc,
            ),
        ])
    }

    fn check_config(&self, package: &crate::PackageInfo) -> Result<(), BackendError> {
        // The header name and the prefix, checked by the code that uses them (an empty header).
        crate::with_package_context(package, |ctx| {
            let header_name = self.header_name(ctx)?;
            self.render_header(ctx.inventory, &header_name, package)
                .map(drop)
        })
    }
}

/// Where a type appears; decides what C can express there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Position {
    Field,
    Param,
    Return,
    Pointee,
}

/// Builds the header: resolves every C name once, then renders each item with its template.
struct HeaderBuilder<'a> {
    inventory: &'a Inventory,
    header_name: &'a str,
    /// C name of every type, by id.
    type_names: BTreeMap<&'a str, String>,
    /// Every file-scope name the header defines (types, macros, functions), with what defines it.
    globals: BTreeMap<String, String>,
    /// Names a field or parameter may not take (typedef and macro names).
    reserved_locals: BTreeSet<String>,
    macro_prefix: String,
    needs_math: bool,
}

impl<'a> HeaderBuilder<'a> {
    fn new(
        inventory: &'a Inventory,
        prefix: &str,
        header_name: &'a str,
    ) -> Result<Self, BackendError> {
        let macro_prefix = if prefix.is_empty() {
            String::new()
        } else {
            format!("{}_", names::shouty(prefix))
        };
        let mut b = Self {
            inventory,
            header_name,
            type_names: BTreeMap::new(),
            globals: BTreeMap::new(),
            reserved_locals: BTreeSet::new(),
            macro_prefix,
            needs_math: false,
        };
        let guard = names::include_guard(header_name);
        b.claim(guard, "the include guard".into())?;
        for f in interop_core::model::RESERVED_SYMBOLS {
            b.claim(f.to_string(), "interop-core's own exports".into())?;
        }
        if inventory.types.iter().any(is_packed) {
            b.claim("INTEROP_PACKED".into(), "the packed-struct macro".into())?;
        }
        for t in &inventory.types {
            let name = names::escape(&format!("{prefix}{}", t.name), &BTreeSet::new());
            b.claim(name.clone(), format!("type `{}`", t.id))?;
            b.type_names.insert(&t.id, name);
        }
        for t in &inventory.types {
            if let TypeKind::Enum(e) = &t.kind {
                for v in &e.variants {
                    let name = b.variant_name(t, &v.name);
                    b.claim(name, format!("variant `{}::{}`", t.id, v.rust_name))?;
                }
            }
        }
        for c in &inventory.constants {
            b.claim(b.constant_name(c), format!("constant `{}`", c.rust_name))?;
        }
        for f in &inventory.functions {
            if !names::is_identifier(&f.symbol) || names::is_reserved(&f.symbol) {
                return Err(BackendError::Unsupported(format!(
                    "function `{}` is exported as `{}`, which cannot be declared in C; \
                     choose another symbol with #[ffi(export = \"…\")]",
                    f.rust_name, f.symbol
                )));
            }
            b.claim(f.symbol.clone(), format!("function `{}`", f.rust_name))?;
        }
        b.reserved_locals = b.globals.keys().cloned().collect();
        // Functions may be shadowed by parameters; types and macros may not.
        for f in &inventory.functions {
            b.reserved_locals.remove(&f.symbol);
        }
        Ok(b)
    }

    /// Record a file-scope name; two items with the same C name are an error.
    fn claim(&mut self, name: String, what: String) -> Result<(), BackendError> {
        if let Some(previous) = self.globals.get(&name) {
            return Err(BackendError::Unsupported(format!(
                "{what} and {previous} both become `{name}` in the C header; \
                 rename one with #[ffi(name = \"…\")]"
            )));
        }
        self.globals.insert(name, what);
        Ok(())
    }

    fn variant_name(&self, t: &TypeDef, variant: &str) -> String {
        names::escape(
            &format!(
                "{}{}_{}",
                self.macro_prefix,
                names::shouty(&t.name),
                names::shouty(variant)
            ),
            &BTreeSet::new(),
        )
    }

    fn constant_name(&self, c: &Constant) -> String {
        names::escape(
            &format!("{}{}", self.macro_prefix, c.name),
            &BTreeSet::new(),
        )
    }

    fn type_name(&self, id: &str) -> Result<&str, BackendError> {
        self.type_names.get(id).map(String::as_str).ok_or_else(|| {
            BackendError::Other(format!("the inventory refers to unknown type `{id}`"))
        })
    }

    fn type_def(&self, id: &str) -> Result<&'a TypeDef, BackendError> {
        self.inventory.type_def(id).ok_or_else(|| {
            BackendError::Other(format!("the inventory refers to unknown type `{id}`"))
        })
    }

    /// A C declaration of `declarator` with type `ty`: `const Vec2f32 *v`, `float m[3][3]`,
    /// `T *const *p`. An empty declarator gives an abstract type (`Counter *`). `const_` qualifies the
    /// innermost type (set for the target of a `*const`).
    fn declare(
        &self,
        ty: &TypeRef,
        const_: bool,
        declarator: &str,
        pos: Position,
        what: &str,
    ) -> Result<String, BackendError> {
        let unsupported = |msg: &str| Err(BackendError::Unsupported(format!("{what}: {msg}")));
        let base = match ty {
            TypeRef::Pointer(p) => {
                let star = if const_ {
                    format!("*const {declarator}")
                } else {
                    format!("*{declarator}")
                };
                let inner = if matches!(*p.target, TypeRef::Array(_)) {
                    format!("({})", star.trim_end())
                } else {
                    star
                };
                return self.declare(&p.target, !p.mutable, &inner, Position::Pointee, what);
            }
            TypeRef::Array(a) => {
                if pos != Position::Field && pos != Position::Pointee {
                    return unsupported(
                        "C cannot pass or return arrays by value; wrap the array in a struct",
                    );
                }
                if a.len == 0 {
                    return unsupported("C has no zero-length arrays");
                }
                let inner = format!("{declarator}[{}]", a.len);
                return self.declare(&a.element, const_, &inner, Position::Field, what);
            }
            TypeRef::Primitive { primitive } => match primitive {
                Primitive::Unit | Primitive::CVoid => match pos {
                    Position::Pointee => "void",
                    Position::Return if *primitive == Primitive::Unit => "void",
                    _ => {
                        return unsupported(&format!(
                            "`{}` can only be returned or pointed to",
                            primitive.rust_name()
                        ));
                    }
                },
                p => primitive_c(*p),
            },
            TypeRef::Named { id } => {
                let def = self.type_def(id)?;
                if matches!(def.kind, TypeKind::Opaque) && pos != Position::Pointee {
                    return unsupported(&format!(
                        "opaque type `{}` can only be used behind a pointer",
                        def.name
                    ));
                }
                self.type_name(id)?
            }
            _ => return unsupported("a type the C backend does not know"),
        };
        let base = if const_ {
            format!("const {base}")
        } else {
            base.to_string()
        };
        Ok(if declarator.is_empty() {
            base
        } else {
            format!("{base} {}", declarator.trim_end())
        })
    }

    /// A field or parameter name, escaped against keywords, type/macro names and earlier names.
    fn local(&self, name: &str, used: &mut BTreeSet<String>) -> String {
        let local = names::local_name_with(name, |n| {
            self.reserved_locals.contains(n) || used.contains(n)
        });
        used.insert(local.clone());
        local
    }

    fn render(mut self, package: &crate::PackageInfo) -> Result<String, BackendError> {
        let ordered = self.inventory.types_in_dependency_order();
        let mut opaques = Vec::new();
        let mut enums = Vec::new();
        let mut structs = Vec::new();
        for t in &self.inventory.types {
            match &t.kind {
                TypeKind::Opaque => opaques.push(self.render_opaque(t)?),
                TypeKind::Enum(_) => enums.push(self.render_enum(t)?),
                TypeKind::Struct(_) => {}
                _ => {
                    return Err(BackendError::Unsupported(format!(
                        "type `{}` is of a kind the C backend does not know",
                        t.id
                    )));
                }
            }
        }
        // Structs in dependency order; a struct pointed to before (or while) it is defined is
        // forward-declared (`typedef struct Node Node;`) and then defined as `struct Node { … };`.
        let mut defined = BTreeSet::new();
        let mut forward = BTreeSet::new();
        for t in &ordered {
            if let TypeKind::Struct(s) = &t.kind {
                for f in &s.fields {
                    let mut behind = Vec::new();
                    collect_behind_pointer(&f.ty, false, &mut behind);
                    for id in behind {
                        let is_struct = matches!(self.type_def(id)?.kind, TypeKind::Struct(_));
                        if is_struct && !defined.contains(id) {
                            forward.insert(id);
                        }
                    }
                }
                defined.insert(t.id.as_str());
            }
        }
        let mut forward_decls = Vec::new();
        for t in &ordered {
            if let TypeKind::Struct(s) = &t.kind {
                let is_forward = forward.contains(t.id.as_str());
                if is_forward {
                    forward_decls.push(self.type_name(&t.id)?.to_string());
                }
                structs.push(self.render_struct(t, s, is_forward)?);
            }
        }

        let constants = self.sections(
            &self.inventory.constants,
            |c| c.module.as_deref(),
            |b, c| b.render_constant(c),
        )?;
        let mut functions: Vec<&Function> = self.inventory.functions.iter().collect();
        functions.sort_by(|a, b| (&a.module, &a.symbol).cmp(&(&b.module, &b.symbol)));
        let functions = self.sections(
            &functions,
            |f| f.module.as_deref(),
            |b, f| b.render_function(f),
        )?;

        let packed = self.inventory.types.iter().any(is_packed);
        Ok(HeaderTemplate {
            file_name: self.header_name.to_string(),
            guard: names::include_guard(self.header_name),
            package: package.name.clone(),
            lib_name: package.lib_name.clone(),
            version: package.version.clone(),
            needs_math: self.needs_math,
            packed,
            opaques,
            enums,
            forward_decls,
            structs,
            constants,
            functions,
        }
        .render()?)
    }

    /// Render items grouped by module (items without a module first), keeping their order.
    fn sections<T>(
        &mut self,
        items: &[T],
        module: impl Fn(&T) -> Option<&str>,
        mut render: impl FnMut(&mut Self, &T) -> Result<String, BackendError>,
    ) -> Result<Vec<Section>, BackendError> {
        let mut groups: BTreeMap<Option<String>, Vec<String>> = BTreeMap::new();
        for item in items {
            let text = render(self, item)?;
            groups
                .entry(module(item).map(str::to_string))
                .or_default()
                .push(text);
        }
        Ok(groups
            .into_iter()
            .map(|(module, items)| Section { module, items })
            .collect())
    }

    fn render_opaque(&self, t: &TypeDef) -> Result<String, BackendError> {
        Ok(OpaqueTemplate {
            docs: doc_comment(&t.docs, "")?,
            name: self.type_name(&t.id)?.to_string(),
        }
        .render()?)
    }

    fn render_enum(&self, t: &TypeDef) -> Result<String, BackendError> {
        let TypeKind::Enum(e) = &t.kind else {
            return Err(BackendError::Other(format!("`{}` is not an enum", t.id)));
        };
        if !e.storage.is_integer() {
            return Err(BackendError::Unsupported(format!(
                "enum `{}` is stored as `{}`, not an integer",
                t.name,
                e.storage.rust_name()
            )));
        }
        let name = self.type_name(&t.id)?.to_string();
        let mut variants = Vec::new();
        for v in &e.variants {
            let literal = int_literal(e.storage, v.value).ok_or_else(|| {
                BackendError::Unsupported(format!(
                    "variant `{}::{}` = {} does not fit the enum's storage `{}`",
                    t.name,
                    v.name,
                    v.value,
                    e.storage.rust_name()
                ))
            })?;
            // Small values read best as plain numbers; the cast gives them the enum's type.
            let value = if (-(1i128 << 31) < v.value) && v.value < (1i128 << 31) {
                v.value.to_string()
            } else {
                literal
            };
            variants.push(VariantView {
                docs: doc_comment(&v.docs, "")?,
                name: self.variant_name(t, &v.name),
                value,
            });
        }
        Ok(EnumTemplate {
            docs: doc_comment(&t.docs, "")?,
            name,
            storage: primitive_c(e.storage).to_string(),
            variants,
        }
        .render()?)
    }

    fn render_struct(
        &self,
        t: &TypeDef,
        s: &StructDef,
        forward_declared: bool,
    ) -> Result<String, BackendError> {
        if s.fields.is_empty() {
            return Err(BackendError::Unsupported(format!(
                "struct `{}` has no fields; C has no empty structs (use an opaque type instead)",
                t.name
            )));
        }
        let mut used = BTreeSet::new();
        let mut fields = Vec::new();
        for (i, f) in s.fields.iter().enumerate() {
            let raw = if s.tuple {
                format!("_{i}")
            } else {
                f.name.clone()
            };
            let name = self.local(&raw, &mut used);
            let what = format!("field `{}.{}`", t.name, f.name);
            fields.push(FieldView {
                docs: doc_comment(&f.docs, "    ")?,
                decl: self.declare(&f.ty, false, &name, Position::Field, &what)?,
            });
        }
        Ok(StructTemplate {
            docs: doc_comment(&t.docs, "")?,
            name: self.type_name(&t.id)?.to_string(),
            packed: s.layout == StructLayout::Packed,
            forward_declared,
            fields,
        }
        .render()?)
    }

    fn render_constant(&mut self, c: &Constant) -> Result<String, BackendError> {
        let bad = || {
            BackendError::Unsupported(format!(
                "constant `{}` has a value ({:?}) that does not match its type",
                c.name, c.value
            ))
        };
        let value = match (&c.ty, c.value) {
            (
                TypeRef::Primitive {
                    primitive: Primitive::Bool,
                },
                ConstValue::Bool(b),
            ) => if b { "true" } else { "false" }.to_string(),
            (
                TypeRef::Primitive {
                    primitive: Primitive::F32,
                },
                ConstValue::F32Bits(bits),
            ) => {
                let (text, math) = f32_literal(f32::from_bits(bits));
                self.needs_math |= math;
                text
            }
            (
                TypeRef::Primitive {
                    primitive: Primitive::F64,
                },
                ConstValue::F64Bits(bits),
            ) => {
                let (text, math) = f64_literal(f64::from_bits(bits));
                self.needs_math |= math;
                text
            }
            (TypeRef::Primitive { primitive }, ConstValue::Int(v)) => {
                int_literal(*primitive, v).ok_or_else(bad)?
            }
            (TypeRef::Named { id }, ConstValue::Int(v)) => {
                let def = self.type_def(id)?;
                let TypeKind::Enum(e) = &def.kind else {
                    return Err(bad());
                };
                let literal = int_literal(e.storage, v).ok_or_else(bad)?;
                format!("(({}){literal})", self.type_name(id)?)
            }
            _ => return Err(bad()),
        };
        Ok(ConstantTemplate {
            docs: doc_comment(&c.docs, "")?,
            name: self.constant_name(c),
            value,
        }
        .render()?)
    }

    fn render_function(&mut self, f: &Function) -> Result<String, BackendError> {
        let what = |part: String| format!("{part} of function `{}`", f.rust_name);
        let ret = self.declare(
            &f.returns,
            false,
            "",
            Position::Return,
            &what("the return type".into()),
        )?;
        let head = if ret.ends_with('*') {
            format!("{ret}{}", f.symbol)
        } else {
            format!("{ret} {}", f.symbol)
        };
        let mut used = BTreeSet::new();
        let mut params = Vec::new();
        for p in &f.params {
            let name = self.local(&p.name, &mut used);
            params.push(self.declare(
                &p.ty,
                false,
                &name,
                Position::Param,
                &what(format!("parameter `{}`", p.name)),
            )?);
        }
        if params.is_empty() {
            params.push("void".to_string());
        }
        let one_line = head.len() + 2 + params.iter().map(|p| p.len() + 2).sum::<usize>();
        let mut docs = f.docs.clone();
        let non_null: Vec<String> = f
            .params
            .iter()
            .filter(
                |p| matches!(&p.ty, TypeRef::Pointer(ptr) if ptr.kind == PointerKind::Reference),
            )
            .map(|p| format!("`{}`", p.name))
            .collect();
        if !non_null.is_empty() {
            if !docs.is_empty() {
                docs.push(String::new());
            }
            docs.push(format!(
                "{} must not be NULL (NULL is reported through the panic channel).",
                non_null.join(", ")
            ));
        }
        Ok(FunctionTemplate {
            docs: doc_comment(&docs, "")?,
            align: " ".repeat(head.len() + 1),
            head,
            params,
            wrap: one_line > 100,
        }
        .render()?)
    }
}

fn is_packed(t: &TypeDef) -> bool {
    matches!(&t.kind, TypeKind::Struct(s) if s.layout == StructLayout::Packed)
}

/// The C spelling of a primitive (not `()` / `c_void`, which depend on the position).
fn primitive_c(p: Primitive) -> &'static str {
    match p {
        Primitive::Bool => "bool",
        Primitive::U8 => "uint8_t",
        Primitive::U16 => "uint16_t",
        Primitive::U32 => "uint32_t",
        Primitive::U64 => "uint64_t",
        Primitive::Usize => "size_t",
        Primitive::I8 => "int8_t",
        Primitive::I16 => "int16_t",
        Primitive::I32 => "int32_t",
        Primitive::I64 => "int64_t",
        Primitive::Isize => "ptrdiff_t",
        Primitive::F32 => "float",
        Primitive::F64 => "double",
        Primitive::Unit | Primitive::CVoid => "void",
        _ => "void",
    }
}

/// Ids of named types `ty` reaches through at least one pointer.
fn collect_behind_pointer<'t>(ty: &'t TypeRef, behind: bool, out: &mut Vec<&'t str>) {
    match ty {
        TypeRef::Primitive { .. } => {}
        TypeRef::Named { id } if behind => out.push(id),
        TypeRef::Pointer(p) => collect_behind_pointer(&p.target, true, out),
        TypeRef::Array(a) => collect_behind_pointer(&a.element, behind, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests;
