//! Python backend: a typed package and a wheel.
//!
//! The package `<out>/<pkg>/` has three layers:
//! - `_types.py`: the data types: `ctypes.Structure` subclasses for structs (passed by value and by
//!   reference with zero conversion), `enum.IntEnum`s, `ctypes.c_void_p` subclasses as handles of
//!   opaque types, and the `RustPanic` exception. Methods of `#[ffi] impl` blocks live on the classes.
//! - `_raw.py`: the ctypes call layer: the native library (which sits in the package directory), one
//!   typed ctypes function object per exported function with `argtypes`/`restype` set, and the error
//!   channel. The idiomatic layer calls only these names, so a compiled layer can replace this module.
//! - `__init__.py` and one submodule per `#[ffi(module = "…")]`: typed functions and constants.
//!
//! Two call paths (`[python] release-gil`):
//! - `false` (default, "direct"): the library is loaded with `ctypes.PyDLL` (the GIL stays held
//!   during a call) and `_raw.py` registers `interop_python_error_hook` at import, so a panic sets
//!   `RustPanic` inside the call and ctypes raises it. A public function that needs no conversion in
//!   Python *is* the ctypes function object (`add_u64 = _c_add_u64`): calling it costs exactly a
//!   hand-written ctypes call. Functions that convert (enum results) and methods stay small `def`s
//!   without any check. ctypes function objects take positional arguments only, so `__init__.pyi`
//!   (and one stub per submodule) declares them with `/`, their parameter names and docstrings.
//! - `true`: today's path for long-running calls: `ctypes.CDLL` (the GIL is released during the
//!   call) and a `def` per function that loads the pending-panic counter after the call.

pub mod capabilities;
mod elf;
mod names;
mod wheel;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use askama::Template;
use interop_core::model::{
    ConstValue, Constant, Function, Inventory, PointerKind, Primitive, Receiver, StructLayout,
    TypeDef, TypeKind, TypeRef,
};
use serde::Deserialize;

use self::names::{Scope, docstring, escape, is_identifier, snake, upper_snake};
use crate::{Backend, BackendError, Context, OutputFile};

/// `[python]` in Interop.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Output directory (default `bindings/python`).
    #[serde(default = "default_out_dir")]
    pub out_dir: PathBuf,
    /// Import name of the package (default: the crate's library name, e.g. `hello_world`).
    pub package: Option<String>,
    /// Release the GIL during calls (default false). `false`: `ctypes.PyDLL`, the GIL stays held and
    /// a panic is raised by the ctypes call itself (public functions are the ctypes function objects,
    /// as cheap as a hand-written ctypes call). `true`: `ctypes.CDLL`, other Python threads run while
    /// Rust computes, and every function is a `def` that checks the pending-panic counter.
    #[serde(default)]
    pub release_gil: bool,
    /// `[python.wheel]`: the wheel and its metadata.
    #[serde(default)]
    pub wheel: WheelConfig,
}

/// `[python.wheel]` in Interop.toml. Every field defaults from Cargo.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WheelConfig {
    /// Build the wheel (default true). With `false` only the package directory is written.
    #[serde(default = "default_true")]
    pub build: bool,
    /// Distribution name (default: the Cargo package name).
    pub name: Option<String>,
    /// Version, PEP 440 (default: the Cargo version, `1.0.0-rc.1` becoming `1.0.0rc1`).
    pub version: Option<String>,
    /// One-line summary (default: the Cargo description).
    pub summary: Option<String>,
    /// License expression (default: the Cargo license).
    pub license: Option<String>,
    /// `Requires-Python` (default `>=3.8`).
    #[serde(default = "default_requires_python")]
    pub requires_python: String,
    /// `Project-URL`s, label → URL (default: Cargo's `homepage` and `repository`).
    #[serde(default)]
    pub project_urls: BTreeMap<String, String>,
    /// Readme for the long description (default: Cargo's readme). A relative path is resolved
    /// against the directory given to [`Config::resolve_paths`] (Interop.toml's directory).
    pub readme: Option<PathBuf>,
}

impl Default for WheelConfig {
    fn default() -> Self {
        Self {
            build: true,
            name: None,
            version: None,
            summary: None,
            license: None,
            requires_python: default_requires_python(),
            project_urls: BTreeMap::new(),
            readme: None,
        }
    }
}

impl Config {
    /// Make relative paths other than `out-dir` (the readme) relative to `base`, Interop.toml's directory.
    pub fn resolve_paths(&mut self, base: &Path) {
        if let Some(readme) = &mut self.wheel.readme
            && readme.is_relative()
        {
            *readme = base.join(&*readme);
        }
    }
}

fn default_out_dir() -> PathBuf {
    PathBuf::from("bindings/python")
}

fn default_true() -> bool {
    true
}

fn default_requires_python() -> String {
    ">=3.8".to_string()
}

pub struct PythonBackend {
    config: Config,
}

impl PythonBackend {
    pub fn new(config: Config) -> Self {
        Self { config }
    }

    /// The import name of the package.
    fn package_name(&self, ctx: &Context<'_>) -> Result<String, BackendError> {
        let name = self
            .config
            .package
            .clone()
            .unwrap_or_else(|| ctx.package.lib_name.clone());
        if !is_identifier(&name) || names::KEYWORDS.contains(&name.as_str()) {
            return Err(BackendError::Unsupported(format!(
                "[python] package = \"{name}\" is not a valid Python import name \
                 (letters, digits and `_`, not starting with a digit, not a keyword)"
            )));
        }
        Ok(name)
    }

    fn library_file_name(ctx: &Context<'_>) -> Result<String, BackendError> {
        ctx.native_library
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_string)
            .ok_or_else(|| {
                BackendError::Other(format!(
                    "native library path {} has no UTF-8 file name",
                    ctx.native_library.display()
                ))
            })
    }
}

impl Backend for PythonBackend {
    fn language(&self) -> &str {
        "Python"
    }

    fn out_dir(&self) -> &Path {
        &self.config.out_dir
    }

    fn capabilities(&self) -> crate::common::capability::Capabilities {
        capabilities::CAPABILITIES
    }

    fn generate(&self, ctx: &Context<'_>) -> Result<Vec<OutputFile>, BackendError> {
        let package = self.package_name(ctx)?;
        let library = Self::library_file_name(ctx)?;
        let version = match &self.config.wheel.version {
            Some(v) => v.clone(),
            None => wheel::pep440_version(&ctx.package.version)?,
        };
        let generator =
            Generator::new(ctx.inventory, ctx.target)?.release_gil(self.config.release_gil);
        let files = generator.render(&package, &library, &version, ctx.package)?;
        Ok(files
            .into_iter()
            .map(|(rel, text)| OutputFile::new(Path::new(&package).join(rel), text))
            .collect())
    }

    fn package(
        &self,
        ctx: &Context<'_>,
        generated: &[OutputFile],
    ) -> Result<Vec<OutputFile>, BackendError> {
        let package = self.package_name(ctx)?;
        let library = Self::library_file_name(ctx)?;
        let lib_file = OutputFile::native_library(ctx, Path::new(&package).join(&library))?;
        let mut out = Vec::new();
        if self.config.wheel.build {
            let mut contents: Vec<&OutputFile> = generated.iter().collect();
            contents.push(&lib_file);
            let meta = wheel::Metadata::from_config(&self.config.wheel, ctx.package)?;
            let tag = wheel::platform_tag_of_file(ctx.target, ctx.native_library)?;
            // The wheel goes to a scratch file (copied into place by the writer): the library is
            // streamed into it, never held in memory.
            let dir = ctx.scratch_dir.join("python-wheel");
            std::fs::create_dir_all(&dir)?;
            let archive = dir.join("wheel.tmp");
            let file = std::fs::File::create(&archive).map_err(|e| {
                BackendError::Other(format!("cannot create `{}`: {e}", archive.display()))
            })?;
            let (name, mut file) =
                wheel::build(&meta, &tag, &contents, std::io::BufWriter::new(file))?;
            std::io::Write::flush(&mut file)?;
            drop(file);
            let named = dir.join(&name);
            std::fs::rename(&archive, &named)?;
            out.push(OutputFile::copy_of(name, named));
        }
        out.insert(0, lib_file);
        Ok(out)
    }
}

// ---------------------------------------------------------------------------------------------
// Templates (templates/python/, one per concept)
// ---------------------------------------------------------------------------------------------

/// `_types.py`: every class, then layouts, size checks and enum converters.
#[derive(Template)]
#[template(path = "python/types.py", escape = "none")]
struct TypesModule<'a> {
    crate_name: &'a str,
    /// Import `pending`/`raise_panic` (methods check the counter).
    check: bool,
    classes: Vec<String>,
    /// `(class, ctypes fields list)` in dependency order.
    layouts: Vec<(String, String)>,
    /// `(class, size)`.
    sizes: Vec<(String, u64)>,
    /// `(converter name, enum class, dict literal body)`.
    converters: Vec<(String, String, String)>,
    /// `symbol as alias` of the raw functions used by methods.
    raw_imports: Vec<String>,
}

/// A struct class.
#[derive(Template)]
#[template(path = "python/struct.py", escape = "none")]
struct StructClass {
    name: String,
    doc: Option<String>,
    packed: bool,
    /// `(name, annotation, docstring)`.
    fields: Vec<(String, String, Option<String>)>,
    /// `name: type = default` parameters of the typed `__init__` signature.
    init_params: String,
    /// The body of the f-string of `__repr__` after the class name.
    repr: String,
    /// Tuple of the values compared by `__eq__`, for `self` and `other`.
    eq_self: String,
    eq_other: String,
    methods: Vec<String>,
}

/// An enum class.
#[derive(Template)]
#[template(path = "python/enum.py", escape = "none")]
struct EnumClass {
    name: String,
    doc: Option<String>,
    storage: String,
    /// `(name, value, docs as comment lines)`.
    members: Vec<(String, String, Vec<String>)>,
}

/// A handle class of an opaque type.
#[derive(Template)]
#[template(path = "python/opaque.py", escape = "none")]
struct OpaqueClass {
    name: String,
    doc: Option<String>,
    methods: Vec<String>,
}

/// One idiomatic function (module level or a method).
#[derive(Template)]
#[template(path = "python/function.py", escape = "none")]
struct FunctionDef {
    decorator: Option<&'static str>,
    name: String,
    params: String,
    returns: String,
    doc: Option<String>,
    raw: String,
    args: String,
    unit: bool,
    convert: Option<String>,
    /// Load the pending-panic counter after the call (`release-gil = true`).
    check: bool,
}

/// A public function that is the raw (ctypes) function itself (`release-gil = false`).
#[derive(Template)]
#[template(path = "python/binding.py", escape = "none")]
struct DirectBinding {
    name: String,
    raw: String,
    doc: Option<String>,
}

/// The stub of one public function in a `.pyi` file.
struct FunctionStub {
    name: String,
    /// Parameters, ending with `, /` when the function takes positional arguments only.
    params: String,
    returns: String,
    doc: Option<String>,
}

/// One constant.
#[derive(Template)]
#[template(path = "python/constant.py", escape = "none")]
struct ConstantDef {
    name: String,
    ty: String,
    value: String,
    doc: Option<String>,
}

/// `__init__.py` or a submodule.
#[derive(Template)]
#[template(path = "python/module.py", escape = "none")]
struct ModuleFile {
    doc: String,
    is_root: bool,
    version: String,
    type_imports: Vec<String>,
    /// Import `pending`/`raise_panic` (some wrapper checks the counter).
    check: bool,
    raw_imports: Vec<String>,
    submodules: Vec<String>,
    all: Vec<String>,
    constants: Vec<String>,
    /// `(blank lines before it, text)`: two around a `def`, one between two direct bindings.
    functions: Vec<(&'static str, String)>,
}

/// `__init__.pyi` or a submodule's stub (`release-gil = false`).
#[derive(Template)]
#[template(path = "python/module.pyi", escape = "none")]
struct ModuleStub {
    doc: String,
    is_root: bool,
    version: String,
    type_imports: Vec<String>,
    submodules: Vec<String>,
    all: Vec<String>,
    constants: Vec<String>,
    functions: Vec<FunctionStub>,
}

/// `_raw.py`.
#[derive(Template)]
#[template(path = "python/raw.py", escape = "none")]
struct RawModule<'a> {
    crate_name: &'a str,
    library: &'a str,
    release_gil: bool,
    type_imports: Vec<String>,
    /// `(enum, storage)`.
    storages: Vec<(String, String)>,
    functions: Vec<RawFunction>,
}

/// One function of `_raw.py`.
struct RawFunction {
    name: String,
    /// `Callable[[…], …]` type of the raw function.
    callable: String,
    symbol: String,
    argtypes: String,
    restype: String,
    how: RawCall,
}

enum RawCall {
    /// The ctypes function object itself.
    Direct,
    /// The function returns a struct with unaligned fields, which the x86-64 System V ABI returns
    /// through a hidden pointer in the first argument register; libffi would expect it in registers.
    /// `argtypes` already has that pointer first; a small function passes it.
    HiddenReturnPointer {
        struct_name: String,
        params: String,
        args: String,
    },
    /// ctypes cannot make this call correctly: a function that raises `NotImplementedError`.
    Unsupported { params: String, reason: String },
}

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

/// What the Python side calls a named type.
#[derive(Debug, Clone)]
struct PyType<'a> {
    name: String,
    def: &'a TypeDef,
}

struct Generator<'a> {
    inv: &'a Inventory,
    types: BTreeMap<&'a str, PyType<'a>>,
    /// x86-64 System V (Linux, macOS, BSD): hidden-pointer returns can be spelled out in ctypes.
    sysv_x86_64: bool,
    pointer_size: u64,
    /// `[python] release-gil`: CDLL and checking wrappers instead of PyDLL and direct bindings.
    release_gil: bool,
}

fn unsupported(msg: String) -> BackendError {
    BackendError::Unsupported(msg)
}

fn indent(text: &str, by: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            out.push_str(by);
        }
        out.push_str(line);
    }
    out
}

/// The ctypes type of a primitive.
fn ctype_primitive(p: Primitive) -> Result<&'static str, BackendError> {
    Ok(match p {
        Primitive::Unit => "None",
        Primitive::Bool => "ctypes.c_bool",
        Primitive::U8 => "ctypes.c_uint8",
        Primitive::U16 => "ctypes.c_uint16",
        Primitive::U32 => "ctypes.c_uint32",
        Primitive::U64 => "ctypes.c_uint64",
        Primitive::Usize => "ctypes.c_size_t",
        Primitive::I8 => "ctypes.c_int8",
        Primitive::I16 => "ctypes.c_int16",
        Primitive::I32 => "ctypes.c_int32",
        Primitive::I64 => "ctypes.c_int64",
        Primitive::Isize => "ctypes.c_ssize_t",
        Primitive::F32 => "ctypes.c_float",
        Primitive::F64 => "ctypes.c_double",
        Primitive::CVoid => {
            return Err(unsupported(
                "`c_void` can only be used behind a pointer".to_string(),
            ));
        }
        other => {
            return Err(unsupported(format!(
                "`{}` is not supported",
                other.rust_name()
            )));
        }
    })
}

/// The Python value type of a primitive.
fn py_primitive(p: Primitive) -> &'static str {
    match p {
        Primitive::Unit => "None",
        Primitive::Bool => "bool",
        Primitive::F32 | Primitive::F64 => "float",
        _ => "int",
    }
}

/// What a `void*` parameter accepts (everything `ctypes.c_void_p.from_param` does).
const VOID_PTR_PARAM: &str = "Union[int, bytes, None, ctypes.c_void_p, ctypes._Pointer[Any], ctypes.Array[Any], ctypes._CArgObject]";

/// Exact f64 as a Python expression.
fn py_float(v: f64) -> String {
    if v.is_nan() {
        "float(\"nan\")".to_string()
    } else if v.is_infinite() {
        if v > 0.0 {
            "float(\"inf\")".to_string()
        } else {
            "float(\"-inf\")".to_string()
        }
    } else {
        // `{:?}` is the shortest representation that reads back to the same f64, as Python's repr.
        let s = format!("{v:?}");
        if s.contains(['.', 'e', 'E']) {
            s
        } else {
            format!("{s}.0")
        }
    }
}

impl<'a> Generator<'a> {
    fn new(inv: &'a Inventory, target: &str) -> Result<Self, BackendError> {
        inv.validate()
            .map_err(|e| BackendError::Other(format!("invalid inventory: {e}")))?;
        let mut types = BTreeMap::new();
        let mut taken = BTreeSet::new();
        for def in &inv.types {
            if !is_identifier(&def.name) {
                return Err(unsupported(format!(
                    "type name `{}` is not a valid Python identifier",
                    def.name
                )));
            }
            let name = escape(&def.name, Scope::Module);
            if !taken.insert(name.clone()) {
                return Err(unsupported(format!(
                    "two types are called `{name}` in Python; rename one with #[ffi(name = \"…\")]"
                )));
            }
            types.insert(def.id.as_str(), PyType { name, def });
        }
        let arch = target.split('-').next().unwrap_or("");
        Ok(Self {
            inv,
            types,
            sysv_x86_64: arch == "x86_64" && !target.contains("windows"),
            pointer_size: if target.starts_with("i686")
                || target.starts_with("i586")
                || target.starts_with("arm")
                || target.contains("32")
            {
                4
            } else {
                8
            },
            release_gil: false,
        })
    }

    /// Generate the `release-gil = true` call path.
    fn release_gil(mut self, release_gil: bool) -> Self {
        self.release_gil = release_gil;
        self
    }

    /// Whether the public free function is the raw function itself: a direct call path and no
    /// conversion of the result (enum results go through a converter).
    fn is_direct(&self, f: &Function) -> bool {
        !self.release_gil
            && f.owner.is_none()
            && !self.is_kind(&f.returns, |k| matches!(k, TypeKind::Enum(_)))
    }

    /// The stub of a public free function.
    fn function_stub(&self, f: &Function, name: String) -> Result<FunctionStub, BackendError> {
        let (params, _, _) = self.signature(f, false)?;
        let (returns, _) = self.return_type(&f.returns)?;
        let params = if self.is_direct(f) && !params.is_empty() {
            format!("{params}, /")
        } else {
            params
        };
        Ok(FunctionStub {
            name,
            params,
            returns,
            doc: docstring(&f.docs, "    "),
        })
    }

    /// A public free function: a direct binding or a wrapper.
    fn public_function(&self, f: &Function, name: String) -> Result<String, BackendError> {
        if self.is_direct(f) {
            // Validates the parameter names like a wrapper would (the stub uses them).
            self.signature(f, false)?;
            Ok(DirectBinding {
                name,
                raw: raw_alias(&f.symbol),
                doc: docstring(&f.docs, ""),
            }
            .render()?)
        } else {
            self.function_def(f, name, false)
        }
    }

    /// The natural alignment of a type (what a C compiler would align a field of it to).
    fn natural_align(&self, r: &TypeRef) -> u64 {
        match r {
            TypeRef::Primitive { primitive } => match primitive {
                Primitive::Unit
                | Primitive::CVoid
                | Primitive::Bool
                | Primitive::U8
                | Primitive::I8 => 1,
                Primitive::U16 | Primitive::I16 => 2,
                Primitive::U32 | Primitive::I32 | Primitive::F32 => 4,
                Primitive::U64 | Primitive::I64 | Primitive::F64 => 8,
                Primitive::Usize | Primitive::Isize => self.pointer_size,
                _ => 1,
            },
            TypeRef::Named { id } => match self.types.get(id.as_str()).map(|t| &t.def.kind) {
                Some(TypeKind::Enum(e)) => self.natural_align(&TypeRef::primitive(e.storage)),
                Some(_) => self
                    .types
                    .get(id.as_str())
                    .map_or(1, |t| t.def.align.max(1)),
                None => 1,
            },
            TypeRef::Pointer(_) => self.pointer_size,
            TypeRef::Array(a) => self.natural_align(&a.element),
            _ => 1,
        }
    }

    /// True when a by-value type contains a misaligned field (a `packed` struct, or one embedding
    /// it). The C ABI passes such a struct in memory, which libffi (so ctypes) gets wrong.
    fn has_unaligned_fields(&self, r: &TypeRef) -> bool {
        let def = match r {
            TypeRef::Named { id } => match self.types.get(id.as_str()) {
                Some(t) => t.def,
                None => return false,
            },
            TypeRef::Array(a) => return self.has_unaligned_fields(&a.element),
            _ => return false,
        };
        let TypeKind::Struct(s) = &def.kind else {
            return false;
        };
        s.fields
            .iter()
            .any(|f| f.offset % self.natural_align(&f.ty) != 0 || self.has_unaligned_fields(&f.ty))
    }

    fn ty(&self, id: &str) -> Result<&PyType<'a>, BackendError> {
        self.types
            .get(id)
            .ok_or_else(|| BackendError::Other(format!("unknown type `{id}`")))
    }

    /// The ctypes type expression (argtypes, restype, `_fields_`).
    fn ctype(&self, r: &TypeRef) -> Result<String, BackendError> {
        Ok(match r {
            TypeRef::Primitive { primitive } => ctype_primitive(*primitive)?.to_string(),
            TypeRef::Named { id } => {
                let t = self.ty(id)?;
                match &t.def.kind {
                    TypeKind::Struct(_) => t.name.clone(),
                    TypeKind::Enum(e) => ctype_primitive(e.storage)?.to_string(),
                    TypeKind::Opaque => {
                        return Err(unsupported(format!(
                            "opaque type `{}` used by value",
                            t.def.name
                        )));
                    }
                    _ => {
                        return Err(unsupported(format!(
                            "type `{}` is of a kind the Python backend does not know",
                            t.def.name
                        )));
                    }
                }
            }
            TypeRef::Pointer(p) => match &*p.target {
                TypeRef::Primitive {
                    primitive: Primitive::CVoid,
                } => "ctypes.c_void_p".to_string(),
                TypeRef::Named { id } if matches!(self.ty(id)?.def.kind, TypeKind::Opaque) => {
                    self.ty(id)?.name.clone()
                }
                target => format!("ctypes.POINTER({})", self.ctype(target)?),
            },
            TypeRef::Array(a) => format!("{} * {}", self.ctype(&a.element)?, a.len),
            _ => {
                return Err(unsupported(
                    "a type the Python backend does not know".to_string(),
                ));
            }
        })
    }

    /// The ctypes type as a mypy annotation (`ctypes._Pointer[Node]`, `ctypes.Array[ctypes.c_float]`).
    fn ctype_annotation(&self, r: &TypeRef) -> Result<String, BackendError> {
        Ok(match r {
            TypeRef::Pointer(p) => match &*p.target {
                TypeRef::Primitive {
                    primitive: Primitive::CVoid,
                } => "ctypes.c_void_p".to_string(),
                TypeRef::Named { id } if matches!(self.ty(id)?.def.kind, TypeKind::Opaque) => {
                    self.ty(id)?.name.clone()
                }
                target => format!("ctypes._Pointer[{}]", self.ctype_annotation(target)?),
            },
            TypeRef::Array(a) => format!("ctypes.Array[{}]", self.ctype_annotation(&a.element)?),
            other => self.ctype(other)?,
        })
    }

    fn is_kind(&self, r: &TypeRef, f: impl Fn(&TypeKind) -> bool) -> bool {
        match r {
            TypeRef::Named { id } => self.types.get(id.as_str()).is_some_and(|t| f(&t.def.kind)),
            _ => false,
        }
    }

    /// The Python type a parameter accepts.
    fn param_type(&self, r: &TypeRef) -> Result<String, BackendError> {
        Ok(match r {
            TypeRef::Primitive { primitive } => py_primitive(*primitive).to_string(),
            TypeRef::Named { id } => self.ty(id)?.name.clone(),
            TypeRef::Array(_) => self.ctype_annotation(r)?,
            TypeRef::Pointer(p) => {
                let target = &*p.target;
                if matches!(
                    target,
                    TypeRef::Primitive {
                        primitive: Primitive::CVoid
                    }
                ) {
                    return Ok(VOID_PTR_PARAM.to_string());
                }
                let is_handle = self.is_kind(target, |k| matches!(k, TypeKind::Opaque));
                let pointee =
                    if self.is_kind(target, |k| matches!(k, TypeKind::Struct(_))) || is_handle {
                        self.ty_name(target)?
                    } else {
                        self.ctype_annotation(target)?
                    };
                match p.kind {
                    PointerKind::Reference => pointee,
                    PointerKind::NullableReference => format!("Optional[{pointee}]"),
                    PointerKind::Raw if is_handle => format!("Optional[{pointee}]"),
                    PointerKind::Raw => format!(
                        "Union[{pointee}, ctypes._Pointer[{pointee}], ctypes.Array[{pointee}], ctypes._CArgObject, None]"
                    ),
                    _ => {
                        return Err(unsupported(
                            "a pointer kind the Python backend does not know".to_string(),
                        ));
                    }
                }
            }
            _ => {
                return Err(unsupported(
                    "a type the Python backend does not know".to_string(),
                ));
            }
        })
    }

    fn ty_name(&self, r: &TypeRef) -> Result<String, BackendError> {
        match r {
            TypeRef::Named { id } => Ok(self.ty(id)?.name.clone()),
            other => self.ctype_annotation(other),
        }
    }

    /// The Python type the raw layer returns.
    fn raw_return_type(&self, r: &TypeRef) -> Result<String, BackendError> {
        Ok(match r {
            TypeRef::Named { id } if self.is_kind(r, |k| matches!(k, TypeKind::Enum(_))) => {
                let _ = id;
                "int".to_string()
            }
            TypeRef::Pointer(p)
                if matches!(
                    &*p.target,
                    TypeRef::Primitive {
                        primitive: Primitive::CVoid
                    }
                ) =>
            {
                "Optional[int]".to_string()
            }
            TypeRef::Pointer(_) | TypeRef::Array(_) => self.ctype_annotation(r)?,
            other => self.param_type(other)?,
        })
    }

    /// The Python type the idiomatic layer returns, and the converter applied to the raw result.
    fn return_type(&self, r: &TypeRef) -> Result<(String, Option<String>), BackendError> {
        if let TypeRef::Named { id } = r
            && self.is_kind(r, |k| matches!(k, TypeKind::Enum(_)))
        {
            let t = self.ty(id)?;
            return Ok((t.name.clone(), Some(converter_name(&t.name))));
        }
        Ok((self.raw_return_type(r)?, None))
    }

    /// The annotation of a struct field (what reading it gives).
    fn field_type(&self, r: &TypeRef) -> Result<String, BackendError> {
        Ok(match r {
            TypeRef::Named { .. } if self.is_kind(r, |k| matches!(k, TypeKind::Enum(_))) => {
                "int".to_string()
            }
            other => self.raw_return_type(other)?,
        })
    }

    /// Signature pieces of a function: (python params, call args, raw callable type).
    fn signature(
        &self,
        f: &Function,
        method: bool,
    ) -> Result<(String, String, String), BackendError> {
        let mut params = Vec::new();
        let mut args = Vec::new();
        let mut raw_params = Vec::new();
        let mut seen = BTreeSet::new();
        for (i, p) in f.params.iter().enumerate() {
            let py_ty = self.param_type(&p.ty)?;
            raw_params.push(py_ty.clone());
            if method && i == 0 && f.receiver.is_some() {
                params.push("self".to_string());
                args.push("self".to_string());
                continue;
            }
            let name = param_name(&p.name);
            if !is_identifier(&name) {
                return Err(unsupported(format!(
                    "parameter `{}` of `{}` is not a valid Python identifier",
                    p.name, f.name
                )));
            }
            if !seen.insert(name.clone()) {
                return Err(unsupported(format!(
                    "two parameters of `{}` are called `{name}` in Python",
                    f.name
                )));
            }
            params.push(format!("{name}: {py_ty}"));
            args.push(name);
        }
        let raw_ty = format!(
            "Callable[[{}], {}]",
            raw_params.join(", "),
            self.raw_return_type(&f.returns)?
        );
        Ok((params.join(", "), args.join(", "), raw_ty))
    }

    fn function_def(
        &self,
        f: &Function,
        name: String,
        method: bool,
    ) -> Result<String, BackendError> {
        let (params, args, _) = self.signature(f, method)?;
        let (returns, convert) = self.return_type(&f.returns)?;
        let decorator = (method && f.receiver.is_none()).then_some("@staticmethod");
        Ok(FunctionDef {
            decorator,
            name,
            params,
            returns,
            doc: docstring(&f.docs, if method { "        " } else { "    " }),
            raw: raw_alias(&f.symbol),
            args,
            unit: f.returns.is_unit(),
            convert,
            check: self.release_gil,
        }
        .render()?)
    }

    fn methods_of(
        &self,
        t: &PyType<'_>,
        reserved: &BTreeSet<String>,
    ) -> Result<Vec<String>, BackendError> {
        let mut out = Vec::new();
        let mut taken = reserved.clone();
        for f in self
            .inv
            .functions
            .iter()
            .filter(|f| f.owner.as_deref() == Some(t.def.id.as_str()))
        {
            if f.receiver == Some(Receiver::Value) && matches!(t.def.kind, TypeKind::Opaque) {
                return Err(unsupported(format!(
                    "method `{}` of opaque type `{}` takes self by value",
                    f.name, t.def.name
                )));
            }
            let name = escape(&snake(&f.name), Scope::Class);
            if !is_identifier(&name) || !taken.insert(name.clone()) {
                return Err(unsupported(format!(
                    "method `{}` of `{}` clashes with another member `{name}` in Python",
                    f.name, t.def.name
                )));
            }
            out.push(indent(&self.function_def(f, name, true)?, "    "));
        }
        Ok(out)
    }

    fn struct_class(
        &self,
        t: &PyType<'_>,
        s: &interop_core::model::StructDef,
    ) -> Result<String, BackendError> {
        let mut fields = Vec::new();
        let mut init = Vec::new();
        let mut repr = Vec::new();
        let mut eq_self = Vec::new();
        let mut eq_other = Vec::new();
        let mut taken: BTreeSet<String> = ["_fields_", "_pack_", "_layout_", "_anonymous_"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for fl in &s.fields {
            let name = field_name(&fl.name);
            if !is_identifier(&name) || !taken.insert(name.clone()) {
                return Err(unsupported(format!(
                    "field `{}` of `{}` has no usable Python name (`{name}`)",
                    fl.name, t.def.name
                )));
            }
            let ann = self.field_type(&fl.ty)?;
            let init_ty = match &fl.ty {
                TypeRef::Pointer(_) if !ann.starts_with("Optional[") => format!("Optional[{ann}]"),
                _ => ann.clone(),
            };
            let default = match &fl.ty {
                TypeRef::Primitive { primitive } => match primitive {
                    Primitive::Bool => "False",
                    Primitive::F32 | Primitive::F64 => "0.0",
                    _ => "0",
                },
                TypeRef::Named { .. } if ann == "int" => "0",
                TypeRef::Pointer(_) => "None",
                _ => "...",
            };
            init.push(format!("{name}: {init_ty} = {default}"));
            let shown = match &fl.ty {
                TypeRef::Array(_) | TypeRef::Pointer(_) => format!("_plain(self.{name})"),
                _ => format!("self.{name}"),
            };
            if s.tuple {
                repr.push(format!("{{{shown}!r}}"));
            } else {
                repr.push(format!("{name}={{{shown}!r}}"));
            }
            eq_other.push(shown.replace("self.", "other."));
            eq_self.push(shown);
            fields.push((name, ann, docstring(&fl.docs, "    ")));
        }
        let tuple = |v: &[String]| match v.len() {
            1 => format!("({},)", v[0]),
            _ => format!("({})", v.join(", ")),
        };
        Ok(StructClass {
            name: t.name.clone(),
            doc: docstring(&t.def.docs, "    "),
            packed: s.layout == StructLayout::Packed,
            init_params: if init.is_empty() {
                String::new()
            } else {
                format!(", {}", init.join(", "))
            },
            repr: repr.join(", "),
            eq_self: tuple(&eq_self),
            eq_other: tuple(&eq_other),
            methods: self.methods_of(t, &taken)?,
            fields,
        }
        .render()?)
    }

    fn enum_class(
        &self,
        t: &PyType<'_>,
        e: &interop_core::model::EnumDef,
    ) -> Result<String, BackendError> {
        let mut members = Vec::new();
        let mut taken = BTreeSet::new();
        for v in &e.variants {
            let name = escape(&upper_snake(&v.name), Scope::Class);
            if !is_identifier(&name) || name.starts_with('_') || !taken.insert(name.clone()) {
                return Err(unsupported(format!(
                    "variant `{}` of `{}` has no usable Python name (`{name}`)",
                    v.name, t.def.name
                )));
            }
            let comments = v
                .docs
                .iter()
                .map(|l| format!("#: {l}").trim_end().to_string())
                .collect();
            members.push((name, v.value.to_string(), comments));
        }
        Ok(EnumClass {
            name: t.name.clone(),
            doc: docstring(&t.def.docs, "    "),
            storage: e.storage.rust_name().to_string(),
            members,
        }
        .render()?)
    }

    fn constant_def(&self, c: &Constant) -> Result<(String, String), BackendError> {
        let name = escape(&upper_snake(&c.name), Scope::Module);
        let (ty, value) = match (&c.ty, c.value) {
            (_, ConstValue::Bool(b)) => (
                "bool".to_string(),
                if b { "True" } else { "False" }.to_string(),
            ),
            (TypeRef::Named { id }, ConstValue::Int(v)) => {
                let t = self.ty(id)?;
                let TypeKind::Enum(e) = &t.def.kind else {
                    return Err(unsupported(format!(
                        "constant `{}` has an integer value but type `{}`",
                        c.name, t.def.name
                    )));
                };
                let value = match e.variants.iter().find(|var| var.value == v) {
                    Some(var) => format!(
                        "{}.{}",
                        t.name,
                        escape(&upper_snake(&var.name), Scope::Class)
                    ),
                    None => format!("{}({v})", t.name),
                };
                (t.name.clone(), value)
            }
            (_, ConstValue::Int(v)) => ("int".to_string(), v.to_string()),
            (_, ConstValue::F32Bits(b)) => {
                ("float".to_string(), py_float(f64::from(f32::from_bits(b))))
            }
            (_, ConstValue::F64Bits(b)) => ("float".to_string(), py_float(f64::from_bits(b))),
            _ => {
                return Err(unsupported(format!(
                    "constant `{}` has a kind of value the Python backend does not know",
                    c.name
                )));
            }
        };
        let text = ConstantDef {
            name: name.clone(),
            ty,
            value,
            doc: docstring(&c.docs, ""),
        }
        .render()?;
        Ok((name, text))
    }

    /// Every file of the package, relative to the package directory.
    fn render(
        &self,
        package: &str,
        library: &str,
        version: &str,
        info: &crate::PackageInfo,
    ) -> Result<Vec<(String, String)>, BackendError> {
        let crate_name = if info.name.is_empty() {
            package
        } else {
            info.name.as_str()
        };
        let mut files = Vec::new();

        // --- _types.py
        let mut classes = Vec::new();
        let mut converters = Vec::new();
        let mut storages = Vec::new();
        for t in self.types.values() {
            match &t.def.kind {
                TypeKind::Struct(s) => classes.push(self.struct_class(t, s)?),
                TypeKind::Enum(e) => {
                    classes.push(self.enum_class(t, e)?);
                    let entries: Vec<String> = e
                        .variants
                        .iter()
                        .map(|v| {
                            format!(
                                "{}: {}.{}",
                                v.value,
                                t.name,
                                escape(&upper_snake(&v.name), Scope::Class)
                            )
                        })
                        .collect();
                    converters.push((converter_name(&t.name), t.name.clone(), entries.join(", ")));
                    storages.push((t.name.clone(), ctype_primitive(e.storage)?.to_string()));
                }
                TypeKind::Opaque => {
                    classes.push(
                        OpaqueClass {
                            name: t.name.clone(),
                            doc: docstring(&t.def.docs, "    "),
                            methods: self.methods_of(
                                t,
                                &names::HANDLE_RESERVED
                                    .iter()
                                    .map(|s| s.to_string())
                                    .collect(),
                            )?,
                        }
                        .render()?,
                    );
                }
                _ => {
                    return Err(unsupported(format!(
                        "type `{}` is of a kind the Python backend does not know",
                        t.def.id
                    )));
                }
            }
        }
        let mut layouts = Vec::new();
        let mut sizes = Vec::new();
        for def in self.inv.types_in_dependency_order() {
            let TypeKind::Struct(s) = &def.kind else {
                continue;
            };
            let t = self.ty(&def.id)?;
            let mut entries = Vec::new();
            for fl in &s.fields {
                entries.push(format!(
                    "(\"{}\", {})",
                    field_name(&fl.name),
                    self.ctype(&fl.ty)?
                ));
            }
            layouts.push((t.name.clone(), entries.join(", ")));
            sizes.push((t.name.clone(), def.size));
        }
        let method_symbols: Vec<String> = self
            .inv
            .functions
            .iter()
            .filter(|f| f.owner.is_some())
            .map(|f| format!("{} as {}", raw_name(&f.symbol), raw_alias(&f.symbol)))
            .collect();
        files.push((
            "_types.py".to_string(),
            TypesModule {
                crate_name,
                check: self.release_gil,
                classes,
                layouts,
                sizes,
                converters,
                raw_imports: method_symbols,
            }
            .render()?,
        ));

        // --- _raw.py
        let mut raw_functions = Vec::new();
        let mut raw_taken: BTreeSet<String> = storages
            .iter()
            .map(|(n, _)| format!("{n}_storage"))
            .collect();
        for f in &self.inv.functions {
            let name = raw_name(&f.symbol);
            if !raw_taken.insert(name.clone()) {
                return Err(unsupported(format!(
                    "symbol `{}` clashes in the raw layer",
                    f.symbol
                )));
            }
            let (_, _, callable) = self.signature(f, false)?;
            let mut argtypes: Vec<String> = f
                .params
                .iter()
                .map(|p| self.ctype(&p.ty))
                .collect::<Result<_, _>>()?;
            let mut restype = self.ctype(&f.returns)?;
            let positional: Vec<String> = (0..f.params.len()).map(|i| format!("a{i}")).collect();
            let typed: Vec<String> = f
                .params
                .iter()
                .zip(&positional)
                .map(|(p, a)| Ok(format!("{a}: {}", self.param_type(&p.ty)?)))
                .collect::<Result<_, BackendError>>()?;
            let how = if let Some(p) = f.params.iter().find(|p| self.has_unaligned_fields(&p.ty)) {
                RawCall::Unsupported {
                    params: typed.join(", "),
                    reason: format!(
                        "`{}` takes `{}` by value, a struct with unaligned (packed) fields: ctypes cannot \
                         pass it correctly. Take it by reference in Rust.",
                        f.symbol, p.name
                    ),
                }
            } else if self.has_unaligned_fields(&f.returns) {
                if self.sysv_x86_64 {
                    argtypes.insert(0, format!("ctypes.POINTER({restype})"));
                    let struct_name = restype.clone();
                    restype = "None".to_string();
                    RawCall::HiddenReturnPointer {
                        struct_name,
                        params: typed.join(", "),
                        args: positional.join(", "),
                    }
                } else {
                    RawCall::Unsupported {
                        params: typed.join(", "),
                        reason: format!(
                            "`{}` returns a struct with unaligned (packed) fields by value: ctypes cannot \
                             receive it correctly on this platform. Return it through a pointer.",
                            f.symbol
                        ),
                    }
                }
            } else {
                RawCall::Direct
            };
            let argtypes = match argtypes.len() {
                0 => "()".to_string(),
                1 => format!("({},)", argtypes[0]),
                _ => format!("({})", argtypes.join(", ")),
            };
            raw_functions.push(RawFunction {
                name,
                callable,
                symbol: f.symbol.clone(),
                argtypes,
                restype,
                how,
            });
        }
        let class_imports: Vec<String> = self.types.values().map(|t| t.name.clone()).collect();
        files.push((
            "_raw.py".to_string(),
            RawModule {
                crate_name,
                library,
                release_gil: self.release_gil,
                type_imports: class_imports,
                storages,
                functions: raw_functions,
            }
            .render()?,
        ));

        // --- __init__.py and submodules
        let mut modules: BTreeSet<Option<&str>> = BTreeSet::new();
        modules.insert(None);
        for f in self.inv.functions.iter().filter(|f| f.owner.is_none()) {
            modules.insert(f.module.as_deref());
        }
        for c in &self.inv.constants {
            modules.insert(c.module.as_deref());
        }
        for t in &self.inv.types {
            modules.insert(t.module.as_deref());
        }
        let mut submodules = Vec::new();
        let mut sub_files = BTreeSet::new();
        for m in modules.iter().flatten() {
            let name = escape(&snake(m), Scope::Module);
            if !is_identifier(&name) || name.starts_with('_') || !sub_files.insert(name.clone()) {
                return Err(unsupported(format!(
                    "module `{m}` has no usable Python module name (`{name}`)"
                )));
            }
            submodules.push(name);
        }
        for module in &modules {
            let mut all = Vec::new();
            let mut taken: BTreeSet<String> = BTreeSet::new();
            let mut type_imports = BTreeSet::new();
            let mut claim = |name: &str, what: &str| -> Result<(), BackendError> {
                if taken.insert(name.to_string()) {
                    Ok(())
                } else {
                    Err(unsupported(format!(
                        "{what} `{name}` clashes with another name in the Python module"
                    )))
                }
            };
            if module.is_none() {
                claim("RustPanic", "name")?;
                all.push("RustPanic".to_string());
                type_imports.insert("RustPanic".to_string());
                for s in &submodules {
                    claim(s, "submodule")?;
                }
            }
            for t in self
                .types
                .values()
                .filter(|t| t.def.module.as_deref() == *module)
            {
                claim(&t.name, "type")?;
                all.push(t.name.clone());
                type_imports.insert(t.name.clone());
            }
            let mut constants = Vec::new();
            for c in self
                .inv
                .constants
                .iter()
                .filter(|c| c.module.as_deref() == *module)
            {
                let (name, text) = self.constant_def(c)?;
                claim(&name, "constant")?;
                all.push(name);
                constants.push(text);
                let mut ids = Vec::new();
                c.ty.collect_named(&mut ids);
                for id in ids {
                    type_imports.insert(self.ty(id)?.name.clone());
                }
            }
            let mut functions = Vec::new();
            let mut stubs = Vec::new();
            let mut check = false;
            // After the constants, the first function gets two blank lines.
            let mut previous_direct = false;
            let mut raw_imports = Vec::new();
            for f in self
                .inv
                .functions
                .iter()
                .filter(|f| f.owner.is_none() && f.module.as_deref() == *module)
            {
                let name = escape(&snake(&f.name), Scope::Module);
                if !is_identifier(&name) {
                    return Err(unsupported(format!(
                        "function `{}` has no usable Python name (`{name}`)",
                        f.name
                    )));
                }
                claim(&name, "function")?;
                all.push(name.clone());
                check |= self.release_gil;
                let direct = self.is_direct(f);
                let blank_lines = if direct && previous_direct { "" } else { "\n" };
                previous_direct = direct;
                functions.push((blank_lines, self.public_function(f, name.clone())?));
                stubs.push(self.function_stub(f, name)?);
                raw_imports.push(format!(
                    "{} as {}",
                    raw_name(&f.symbol),
                    raw_alias(&f.symbol)
                ));
                let mut ids = Vec::new();
                for p in &f.params {
                    p.ty.collect_named(&mut ids);
                }
                f.returns.collect_named(&mut ids);
                for id in ids {
                    let t = self.ty(id)?;
                    type_imports.insert(t.name.clone());
                    if matches!(t.def.kind, TypeKind::Enum(_))
                        && matches!(f.returns, TypeRef::Named { ref id } if id == &t.def.id)
                    {
                        type_imports.insert(converter_name(&t.name));
                    }
                }
            }
            let doc = match module {
                None => {
                    let mut doc = vec![format!(
                        "Python bindings of the Rust library `{crate_name}` {version}."
                    )];
                    if let Some(d) = &info.description {
                        doc.push(String::new());
                        doc.push(d.clone());
                    }
                    doc.push(String::new());
                    doc.push("Calls that panic in Rust raise `RustPanic`. Generated by cargo-interop; do not edit.".to_string());
                    doc
                }
                Some(m) => vec![
                    format!("The `{m}` module of the Rust library `{crate_name}`."),
                    String::new(),
                    "Generated by cargo-interop; do not edit.".to_string(),
                ],
            };
            let doc = docstring(&doc, "").unwrap_or_default();
            let module_submodules = if module.is_none() {
                submodules.clone()
            } else {
                Vec::new()
            };
            let stem = match module {
                None => "__init__".to_string(),
                Some(m) => escape(&snake(m), Scope::Module),
            };
            if !self.release_gil {
                // Stub type imports: only the classes (the converters are private to the .py).
                let stub_types = type_imports
                    .iter()
                    .filter(|t| !t.starts_with('_'))
                    .cloned()
                    .collect();
                let stub = ModuleStub {
                    doc: doc.clone(),
                    is_root: module.is_none(),
                    version: version.to_string(),
                    type_imports: stub_types,
                    submodules: module_submodules.clone(),
                    all: all.clone(),
                    constants: constants.clone(),
                    functions: stubs,
                }
                .render()?;
                files.push((format!("{stem}.pyi"), stub));
            }
            let file = ModuleFile {
                doc,
                is_root: module.is_none(),
                version: version.to_string(),
                type_imports: type_imports.into_iter().collect(),
                check,
                raw_imports,
                submodules: module_submodules,
                all,
                constants,
                functions,
            }
            .render()?;
            files.push((format!("{stem}.py"), file));
        }
        for (_, text) in &mut files {
            if !text.ends_with('\n') {
                text.push('\n');
            }
        }
        files.push(("py.typed".to_string(), String::new()));
        files.sort();
        Ok(files)
    }
}

/// A parameter's Python name: snake_case, keywords escaped, a leading underscore replaced so that no
/// parameter can shadow the private names the wrapper bodies use.
fn param_name(name: &str) -> String {
    let n = snake(name);
    let n = if n.starts_with('_') {
        format!("arg{n}")
    } else {
        n
    };
    match n.as_str() {
        "self" | "cls" | "result" => format!("{n}_"),
        _ => escape(&n, Scope::Param),
    }
}

/// A field's Python name: tuple fields `0`/`_0` become `_0`; keywords and class-scope names escaped.
fn field_name(name: &str) -> String {
    if name.chars().all(|c| c.is_ascii_digit()) {
        return format!("_{name}");
    }
    escape(&snake(name), Scope::Class)
}

/// Name of a function in `_raw.py`: its C symbol (keywords escaped).
fn raw_name(symbol: &str) -> String {
    escape(symbol, Scope::Param)
}

/// Private alias under which the idiomatic layer imports a raw function.
fn raw_alias(symbol: &str) -> String {
    format!("_c_{symbol}")
}

/// Module-level converter from a raw integer to an enum member.
fn converter_name(enum_name: &str) -> String {
    format!("_{enum_name}_from")
}

#[cfg(test)]
mod tests;
