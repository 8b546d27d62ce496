//! The askama templates of the C# items (`templates/csharp/items/`, one per concept) and their data
//! (the package's templates are in `nuget.rs`).
//!
//! Everything here is pre-computed text (types, expressions, escaped doc comments); the templates
//! only lay it out. Members sit at a fixed depth (namespace → type → member), so indentation is
//! written in the templates.

use askama::Template;

/// The whole `.cs` file.
#[derive(Template)]
#[template(path = "csharp/items/file.cs", escape = "none")]
pub struct FileTemplate<'a> {
    pub crate_name: &'a str,
    pub crate_version: &'a str,
    pub namespace: &'a str,
    /// Rendered top-level blocks (types, classes), each ending in a newline.
    pub blocks: Vec<String>,
    /// Whether the bindings pass closures: then the file also declares `UnmanagedCallersOnly` for
    /// the trampolines (ADR 39).
    pub callbacks: bool,
}

/// A C# enum with an explicit underlying type.
#[derive(Template)]
#[template(path = "csharp/items/enum.cs", escape = "none")]
pub struct EnumTemplate {
    pub doc: String,
    pub access: &'static str,
    pub name: String,
    pub underlying: &'static str,
    pub variants: Vec<VariantView>,
}

pub struct VariantView {
    pub doc: String,
    pub name: String,
    pub value: String,
}

/// A value struct (`[StructLayout(Sequential)]`), with its fields, constructor and methods.
#[derive(Template)]
#[template(path = "csharp/items/struct.cs", escape = "none")]
pub struct StructTemplate {
    pub doc: String,
    pub access: &'static str,
    pub name: String,
    pub packed: bool,
    pub fields: Vec<FieldView>,
    pub ctor: Option<CtorView>,
    /// Rendered methods.
    pub methods: Vec<String>,
}

/// One field of a struct.
pub struct FieldView {
    pub doc: String,
    pub name: String,
    /// The public type (`bool`, `ulong`, `float` …); for fixed buffers, the element's public type.
    pub ty: String,
    /// Backing field for fields whose stored type differs from the public one (`bool` → `byte`).
    pub backing: Option<BackingView>,
    /// A fixed-size array stored as a `fixed` buffer.
    pub fixed: Option<FixedView>,
}

pub struct BackingView {
    pub name: String,
    pub storage: String,
    /// Expression converting the backing field to the public type.
    pub get: String,
    /// Expression converting `value` to the stored type.
    pub set: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedView {
    /// Element type of the buffer (`float`, `byte`).
    pub storage: String,
    /// Public element type (`float`, `bool`).
    pub public: String,
    /// Total element count (nested arrays are flattened, row-major).
    pub len: u64,
    /// `int i0, int i1`
    pub index_params: String,
    /// `i0, i1`
    pub index_names: String,
    /// `(uint)i0 >= 3u || (uint)i1 >= 3u`
    pub bounds_check: String,
    /// `i0 * 3 + i1`
    pub flat_index: String,
    /// The element as an lvalue in terms of the pinned buffer `__p` (`__p[i0]`, `((Cell*)__p)[i0]`).
    pub slot: String,
    /// True when the buffer is the public field itself (primitive elements); false for a private
    /// buffer named `buffer` behind the accessors.
    pub public_buffer: bool,
    /// The buffer field's name.
    pub buffer: String,
    /// The element read from `slot`, converted to the public type.
    pub get: String,
    /// `value` converted to the stored element type.
    pub set: String,
    pub getter: String,
    pub setter: String,
}

pub struct CtorView {
    pub doc: String,
    /// `float x, float y`
    pub params: String,
    /// `(field, param)` pairs.
    pub assigns: Vec<(String, String)>,
}

/// An opaque type: a handle struct wrapping the native pointer.
#[derive(Template)]
#[template(path = "csharp/items/handle.cs", escape = "none")]
pub struct HandleTemplate {
    pub doc: String,
    pub access: &'static str,
    pub name: String,
    pub methods: Vec<String>,
}

/// A service: a sealed disposable class owning its handle, its constructors and methods (ADR 40).
#[derive(Template)]
#[template(path = "csharp/items/service.cs", escape = "none")]
pub struct ServiceTemplate<'a> {
    pub doc: String,
    pub access: &'static str,
    pub name: String,
    pub native: &'a str,
    /// The exported `_free` and the name of its raw import.
    pub free_symbol: String,
    pub free_import: String,
    /// The exported `_dispose` (ADR 40) and the name of its raw import.
    pub dispose_symbol: String,
    pub dispose_import: String,
    /// The package's panic exception (`RustPanicException`).
    pub exception: &'a str,
    /// Rendered C# constructors (for a Rust `new`).
    pub ctors: Vec<String>,
    /// Rendered methods (static factories first, in the order of the inventory).
    pub methods: Vec<String>,
    /// The C# name of the lifecycle close (a consuming Rust `close(self)`, ADR 34) that
    /// `Dispose()` calls; `None`: `Dispose()` disposes (`_dispose`).
    pub close: Option<String>,
}

/// A static class: the main class (free functions and constants), a module's class, or the
/// extension-method class of an enum with an `#[ffi] impl`.
#[derive(Template)]
#[template(path = "csharp/items/class.cs", escape = "none")]
pub struct ClassTemplate {
    pub doc: String,
    pub access: &'static str,
    pub name: String,
    pub constants: Vec<ConstantView>,
    pub methods: Vec<String>,
    /// Members rendered first (the main class's `UnhandledCallbackException`).
    pub members: Vec<String>,
}

pub struct ConstantView {
    pub doc: String,
    pub ty: String,
    pub name: String,
    pub value: String,
}

/// One idiomatic method: converts arguments, calls the raw import, checks for a panic, converts the
/// result.
#[derive(Template)]
#[template(path = "csharp/items/method.cs", escape = "none")]
pub struct MethodTemplate<'a> {
    pub doc: String,
    /// `public static uint PanicIf(bool should)`
    pub signature: String,
    /// Statements before the call.
    pub setup: Vec<String>,
    /// `fixed (...)` declarations wrapping the call.
    pub fixed: Vec<String>,
    /// Statements just before the call, inside the pinned region.
    pub pinned: Vec<String>,
    /// Raw return type, `None` for `void`.
    pub raw_return: Option<String>,
    /// `ConformanceNative.panic_if(should ? (byte)1 : (byte)0)`
    pub call: String,
    /// Statements after the call (write-backs).
    pub after: Vec<String>,
    /// Statements of a `finally` around the call, the write-backs and the panic check (freeing what
    /// the setup allocated); none: no `try`.
    pub cleanup: Vec<String>,
    /// Statements after the panic check (a `Result`'s status).
    pub checks: Vec<String>,
    /// Returned expression (in terms of `__ret`), `None` for `void`.
    pub result: Option<String>,
    pub native: &'a str,
    /// What the C# caller called (`OrderBook.Submit`, `new OrderBook`): a refused argument's
    /// message names it (issue 13).
    pub function: &'a str,
}

/// The raw P/Invoke layer, the panic check, and the UTF-8 decoding of panic messages.
#[derive(Template)]
#[template(path = "csharp/items/native.cs", escape = "none")]
pub struct NativeTemplate<'a> {
    pub name: &'a str,
    pub library: &'a str,
    pub exception: &'a str,
    pub imports: Vec<ImportView>,
    /// The stack blocks some calls pass: (type name, 8-byte slots).
    pub stack_blocks: Vec<(String, u64)>,
    /// Some type has a destructor: the helpers that refuse a second destroy are emitted.
    pub track_handles: bool,
    /// Some call passes a C string: `Utf8z` is emitted.
    pub utf8z: bool,
    /// Strings, slices or vectors are used: the buffer runtime is emitted.
    pub buffers: bool,
    /// The helpers (and mirror structs) of the types inside data.
    pub codecs: Vec<String>,
    /// The version guard and layout checks (`items::guard`).
    pub guard: String,
    /// Closures are used: the callback runtime is emitted.
    pub callbacks: bool,
    /// Services are used: their lock and spent errors become `InvalidOperationException` /
    /// `ObjectDisposedException`.
    pub services: bool,
    /// The main class (it exposes `UnhandledCallbackException`).
    pub class: &'a str,
    /// Idiomatic naming: a refused argument's `ParamName` is the camelCase of its Rust name.
    pub idiomatic: bool,
}

pub struct ImportView {
    pub symbol: String,
    pub name: String,
    pub ret: String,
    pub params: String,
}

/// The exception thrown when a Rust function panics.
#[derive(Template)]
#[template(path = "csharp/items/exception.cs", escape = "none")]
pub struct ExceptionTemplate<'a> {
    pub access: &'static str,
    pub name: &'a str,
    pub library: &'a str,
}
