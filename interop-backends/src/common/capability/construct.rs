//! The constructs a Rust author writes, with how the feature table and diagnostics name them.

/// A construct a Rust author writes, as the capability tables and the feature table name it.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Construct {
    /// `u8`…`u64`, `i8`…`i64`, `usize`, `isize`, `f32`, `f64`.
    Number,
    /// `bool`.
    Bool,
    /// `core::cmp::Ordering` (ADR 57).
    Ordering,
    /// `()` (returns only).
    Unit,
    /// A C-like `#[ffi]` enum.
    CLikeEnum,
    /// A `#[repr(C)]` `#[ffi]` struct.
    Record,
    /// A `#[ffi(packed)]` struct (or one embedding a packed struct).
    PackedRecord,
    /// A `#[ffi(transparent)]` struct.
    TransparentRecord,
    /// A fixed-size array `[T; N]`.
    FixedArray,
    /// `&T` / `&mut T`.
    Reference,
    /// `Option<&T>` / `Option<&mut T>`.
    NullableReference,
    /// `*const T` / `*mut T`.
    RawPointer,
    /// `*const c_void` / `*mut c_void`.
    VoidPointer,
    /// An `#[ffi(opaque)]` type behind a pointer.
    OpaqueHandle,
    /// A free `#[ffi]` function.
    Function,
    /// A function of an `#[ffi] impl` block (with or without a receiver).
    Method,
    /// An `#[ffi] pub const`.
    Constant,
    /// `#[ffi(module = "…")]`: a namespace in the bindings.
    Module,
    /// `&str`: UTF-8 text borrowed for the call.
    Str,
    /// `String`: owned UTF-8 text.
    String,
    /// `&CStr` (`&'static CStr` returned): a NUL-terminated C string.
    CStr,
    /// `&[T]`: elements borrowed for the call.
    Slice,
    /// `&mut [T]`: elements written in place.
    SliceMut,
    /// `Vec<T>`, `Box<[T]>`: owned elements.
    Vec,
    /// An `#[ffi]` struct owning data (a `String` or `Vec<T>` field, at any depth).
    OwningRecord,
    /// An `#[ffi]` struct with borrowed fields (`&'a str`, `&'a [T]`, `&'a CStr`).
    BorrowingRecord,
    /// `Option<T>` by value (`T` not a reference): a tagged value.
    Option,
    /// `Result<T, E>` as a return type: a value or a typed error.
    Result,
    /// An `#[ffi]` enum whose variants carry data (unit, tuple and struct variants).
    DataEnum,
    /// An `#[ffi(service)]` type: a Rust object owned through a handle (constructors, methods,
    /// `Drop` through `_free`).
    Service,
    /// `impl Fn(..)`, `impl FnMut(..)`, `&dyn Fn(..)`, `&mut dyn FnMut(..)` (and `Option` of the
    /// `dyn` forms): a foreign callable borrowed for the call.
    BorrowedClosure,
    /// `Box<dyn Fn(..) + Send + Sync>`, `Box<dyn FnMut(..) + Send>` (and `Option` of each): a
    /// foreign callable Rust keeps and calls later, possibly from its own threads.
    KeptClosure,
    /// A returned `Box<dyn Fn(..) -> R + Send + Sync>`: a Rust closure the foreign side calls.
    ReturnedClosure,
    /// `extern "C" fn(..)`, `Option<extern "C" fn(..)>`: a plain function pointer.
    FnPointer,
    /// `#[ffi] pub type F = dyn Fn(..) + Send + Sync;`: one named delegate / protocol / struct.
    CallbackType,
    /// A closure with borrowed parameters (`&str`, `&[T]`, `&CStr`, `&T`, `&mut T`), valid while
    /// it runs.
    ClosureBorrowedArgs,
    /// A tuple `(A, B, …)` by value (2 to 8 elements).
    Tuple,
    /// A generic `#[ffi]` struct used at concrete arguments (`Pair<u32>`): one type per
    /// instantiation.
    GenericRecord,
    /// A closure returning `Result<T, E>` (C-compatible `T` and `E`): the foreign side returns the
    /// error (a status in C, an exception in C# and Python) and Rust receives `Err(E)`.
    ClosureResult,
    /// An `#[ffi]` struct with closure fields (`Box<dyn Fn(..) + Send + Sync>`, `Option` of one, a
    /// named callback type): passed by value, it hands each closure to Rust (ADR 30).
    ClosureRecord,
}

impl Construct {
    /// Every construct, in the order of the feature table.
    pub const ALL: &'static [Construct] = &[
        Construct::Number,
        Construct::Bool,
        Construct::Ordering,
        Construct::Unit,
        Construct::CLikeEnum,
        Construct::Record,
        Construct::PackedRecord,
        Construct::TransparentRecord,
        Construct::FixedArray,
        Construct::Reference,
        Construct::NullableReference,
        Construct::RawPointer,
        Construct::VoidPointer,
        Construct::OpaqueHandle,
        Construct::Function,
        Construct::Method,
        Construct::Constant,
        Construct::Module,
        Construct::Str,
        Construct::String,
        Construct::CStr,
        Construct::Slice,
        Construct::SliceMut,
        Construct::Vec,
        Construct::OwningRecord,
        Construct::BorrowingRecord,
        Construct::Option,
        Construct::Result,
        Construct::DataEnum,
        Construct::Service,
        Construct::BorrowedClosure,
        Construct::KeptClosure,
        Construct::ReturnedClosure,
        Construct::FnPointer,
        Construct::CallbackType,
        Construct::ClosureBorrowedArgs,
        Construct::Tuple,
        Construct::GenericRecord,
        Construct::ClosureResult,
        Construct::ClosureRecord,
    ];

    /// How the feature table and diagnostics name it.
    pub fn title(self) -> &'static str {
        match self {
            Construct::Number => "integers and floats",
            Construct::Bool => "`bool`",
            Construct::Ordering => "comparison result",
            Construct::Unit => "`()`",
            Construct::CLikeEnum => "C-like enum",
            Construct::Record => "`#[repr(C)]` struct",
            Construct::PackedRecord => "packed struct",
            Construct::TransparentRecord => "transparent struct",
            Construct::FixedArray => "`[T; N]`",
            Construct::Reference => "`&T`, `&mut T`",
            Construct::NullableReference => "`Option<&T>`, `Option<&mut T>`",
            Construct::RawPointer => "`*const T`, `*mut T`",
            Construct::VoidPointer => "`*const c_void`, `*mut c_void`",
            Construct::OpaqueHandle => "opaque type (handle)",
            Construct::Function => "function",
            Construct::Method => "method",
            Construct::Constant => "constant",
            Construct::Module => "module",
            Construct::Str => "borrowed string",
            Construct::String => "owned string",
            Construct::CStr => "C string",
            Construct::Slice => "slice",
            Construct::SliceMut => "mutable slice",
            Construct::Vec => "vector",
            Construct::OwningRecord => "struct owning data",
            Construct::BorrowingRecord => "struct with borrowed fields",
            Construct::Option => "option by value",
            Construct::Result => "result (typed errors)",
            Construct::DataEnum => "enum with data",
            Construct::Service => "service (object with lifecycle)",
            Construct::BorrowedClosure => "closure borrowed for the call",
            Construct::KeptClosure => "closure kept by Rust",
            Construct::ReturnedClosure => "returned closure",
            Construct::FnPointer => "function pointer",
            Construct::CallbackType => "named callback type",
            Construct::ClosureBorrowedArgs => "closure with borrowed parameters",
            Construct::ClosureRecord => "struct of closures",
            Construct::Tuple => "tuple",
            Construct::GenericRecord => "generic struct (instantiation)",
            Construct::ClosureResult => "closure returning a result",
        }
    }

    /// How a Rust author writes it.
    pub fn rust(self) -> &'static str {
        match self {
            Construct::Number => "`u8`–`u64`, `i8`–`i64`, `usize`, `isize`, `f32`, `f64`",
            Construct::Bool => "`bool`",
            Construct::Ordering => "`core::cmp::Ordering`",
            Construct::Unit => "`()`, no return type",
            Construct::CLikeEnum => "`#[ffi] #[repr(u8)] enum E { A = 1, … }`",
            Construct::Record => "`#[ffi] struct S { … }` (named or tuple)",
            Construct::PackedRecord => "`#[ffi(packed)] struct`",
            Construct::TransparentRecord => "`#[ffi(transparent)] struct`",
            Construct::FixedArray => "`[T; N]`, `[[T; N]; M]`",
            Construct::Reference => "`&T`, `&mut T`",
            Construct::NullableReference => "`Option<&T>`, `Option<&mut T>`",
            Construct::RawPointer => "`*const T`, `*mut T`",
            Construct::VoidPointer => "`*const c_void`, `*mut c_void`",
            Construct::OpaqueHandle => "`#[ffi(opaque)] struct` behind a pointer",
            Construct::Function => "`#[ffi] pub fn`",
            Construct::Method => "`#[ffi] impl T { pub fn … }`",
            Construct::Constant => "`#[ffi] pub const` (computed values too)",
            Construct::Module => "`#[ffi(module = \"…\")]`",
            Construct::Str => "`&str`",
            Construct::String => "`String`",
            Construct::CStr => "`&CStr`, `Option<&CStr>` parameters (returned: `&'static CStr`)",
            Construct::Slice => "`&[T]`",
            Construct::SliceMut => "`&mut [T]`, `Option<&mut [T]>` parameters",
            Construct::Vec => "`Vec<T>`, `Box<[T]>`",
            Construct::OwningRecord => "`#[ffi] struct` with `String` / `Vec<T>` fields",
            Construct::BorrowingRecord => "`#[ffi] struct S<'a>` with `&'a str` / `&'a [T]` fields",
            Construct::Option => {
                "`Option<T>` (`T`: a number, `bool`, enum, struct, `String`, `Vec<T>`, `Option<T>`); \
                 `Option<&str>`, `Option<&[T]>` parameters (borrowed)"
            }
            Construct::Result => "`Result<T, E>` (`E`: an `#[ffi]` enum or struct, or `String`)",
            Construct::DataEnum => "`#[ffi] enum E { A, B(f32, String), C { x: Vec<u8> } }`",
            Construct::Service => "`#[ffi(service)] struct` + `#[ffi] impl` (`T`, `&T`, `&mut T`)",
            Construct::BorrowedClosure => {
                "`impl Fn(..)`, `impl FnMut(..)`, `&dyn Fn(..)`, `&mut dyn FnMut(..)`, `Option` of those"
            }
            Construct::KeptClosure => {
                "`Box<dyn Fn(..) + Send + Sync>`, `Box<dyn FnMut(..) + Send>`, `Option` of those"
            }
            Construct::ReturnedClosure => "`-> Box<dyn Fn(..) -> R + Send + Sync>`",
            Construct::FnPointer => "`extern \"C\" fn(..)`, `Option<extern \"C\" fn(..)>`",
            Construct::CallbackType => {
                "`#[ffi] pub type OnEvent = dyn Fn(u32) + Send + Sync;` (parameters may borrow: \
                 `dyn Fn(&str) + Send + Sync` as `Box<OnEvent>`, `&OnEvent`, a field, a return, ADR 60)"
            }
            Construct::ClosureBorrowedArgs => {
                "`&dyn Fn(&str)`, `impl FnMut(&[T]) -> R` (`&[String]` too), `Box<dyn Fn(&T) + \
                 Send + Sync>` (`T: Clone` when it owns data), `impl Fn(u32, Option<&str>)`, \
                 `Option<&[T]>`, `&[&str]` (ADR 66)"
            }
            Construct::Tuple => "`(A, B, …)` (2 to 8 elements, owning data too)",
            Construct::GenericRecord => {
                "`#[ffi] struct Pair<T>`, `Tagged<T, const N: usize>` at concrete types; \
                 `#[ffi] pub type Pixels = Pair<u8>;`"
            }
            Construct::ClosureResult => {
                "`&dyn Fn(A) -> Result<T, E>` (`T`: what a closure returns; `E`: an enum or a data \
                 enum, ADR 63)"
            }
            Construct::ClosureRecord => {
                "`#[ffi] struct Handlers { on_progress: Box<dyn Fn(u64, u64) + Send + Sync> }`"
            }
        }
    }
}
