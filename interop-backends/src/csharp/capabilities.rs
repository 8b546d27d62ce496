//! What the C# backend supports (see [`crate::common::capability`]).

use crate::common::capability::{Capabilities, Construct, Position, Support};

/// The C# backend's table.
pub const CAPABILITIES: Capabilities = Capabilities {
    language: "C#",
    support,
    spelling,
};

fn support(construct: Construct, position: Position) -> Support {
    match (construct, position) {
        (Construct::ClosureBorrowedArgs, _) => Support::Partial(
            "a `&mut T` parameter is refused (the callable would get memory valid only while it \
             runs); take `&T` and return the new value",
        ),
        (Construct::KeptClosure, Position::Field) => Support::Partial(
            "the struct is passed by value as a parameter, which hands each delegate to Rust \
             (ADR 30); not returned, not in a vector or slice, not nested in another struct",
        ),
        (Construct::ClosureRecord, Position::Param) => Support::Yes,
        (Construct::ClosureRecord, _) => Support::No(
            "a parameter only (ADR 30): returned, Rust would hand out its own closures inside \
             data; in a vector or slice, an element failing to lift would leave the closures \
             after it undropped; nested in another struct: not yet (put the closures in the \
             outer struct)",
        ),
        (Construct::Option, _) => Support::Partial(
            "`Option<Option<T>>` is refused (`null` cannot stand for both `None` and `Some(None)`)",
        ),
        (Construct::Tuple, _) => Support::Partial(
            "elements are what may sit inside data (no pointers, handles or fixed-size arrays); \
             mcs has no literal for 8 elements: `new ValueTuple<T1, …, T7, ValueTuple<T8>>(…)`",
        ),
        (Construct::DataEnum, _) => Support::Partial(
            "no methods on the enum (`#[ffi] impl`), no raw pointers to it (`&T` / `&mut T` are \
             passed as the object / `ref`)",
        ),
        (
            Construct::Reference
            | Construct::NullableReference
            | Construct::RawPointer
            | Construct::VoidPointer
            | Construct::OpaqueHandle
            | Construct::FixedArray,
            Position::Element,
        ) => Support::No(
            "pointers, handles and fixed-size arrays cannot be elements of slices or vectors in C#; \
             use a vector of structs",
        ),
        (Construct::OwningRecord | Construct::BorrowingRecord, _) => Support::Partial(
            "no fixed-size array, pointer or handle fields in a struct that owns data or holds views",
        ),
        (Construct::CLikeEnum, _) => Support::Partial(
            "`#[repr(usize)]` / `#[repr(isize)]` enums are refused: a C# enum needs a fixed-width \
             integer",
        ),
        (
            Construct::Reference | Construct::NullableReference,
            Position::Field | Position::Pointee,
        ) => Support::Partial("stored as an unsafe pointer `T*`"),
        (Construct::FixedArray, Position::Field) => {
            Support::Partial("elements of type `usize`/`isize` are refused")
        }
        _ => Support::Yes,
    }
}

fn spelling(construct: Construct) -> &'static str {
    match construct {
        Construct::Number => "`byte`…`ulong`, `float`, `double` (`usize` as `ulong`)",
        Construct::Bool => "`bool` (one byte on the wire)",
        Construct::Ordering => "`int` (the `IComparer<T>.Compare` convention)",
        Construct::Unit => "`void`",
        Construct::CLikeEnum => "`enum E : byte` …",
        Construct::Record => "`[StructLayout(Sequential)]` struct",
        Construct::PackedRecord => "`[StructLayout(Sequential, Pack = 1)]` struct",
        Construct::TransparentRecord => "one-field struct",
        Construct::FixedArray => {
            "fixed buffer with accessors; `&[T; N]` parameters are arrays (`T[]`, `T[,]`)"
        }
        Construct::Reference => "by value (`&T`) / `ref T` (`&mut T`)",
        Construct::NullableReference => "`T?` / `ref T?` parameters, a copy `T?` returned",
        Construct::RawPointer => "unsafe pointer; `*const c_char` parameters are `string`",
        Construct::VoidPointer => "`IntPtr`-compatible `void*`",
        Construct::OpaqueHandle => "handle struct with methods",
        Construct::Function => "static method (PascalCase)",
        Construct::Method => "instance / static method",
        Construct::Constant => "`const`",
        Construct::Str | Construct::String => {
            "`string` (UTF-8 on a stack or pooled buffer; a lone surrogate throws `ArgumentException`)"
        }
        Construct::CStr => {
            "`string` (a NUL inside throws `ArgumentException`; `null` for `Option<&CStr>`)"
        }
        Construct::Slice => {
            "`ReadOnlySpan<T>` and `T[]` (pinned, zero-copy), `IReadOnlyList<T>` for strings and structs \
             owning data"
        }
        Construct::SliceMut => {
            "`Span<T>` and `T[]` (pinned, written in place; a `null` array is `None` for \
             `Option<&mut [T]>`)"
        }
        Construct::Vec => "`T[]` (arguments as slices)",
        Construct::OwningRecord => {
            "sealed class with `string` / array properties, value equality and a parameterless \
             constructor (object initializers)"
        }
        Construct::BorrowingRecord => "sealed class (views valid for the call)",
        Construct::DataEnum => {
            "abstract class with a sealed nested class per variant (`switch` type patterns), value \
             equality, `ToString`"
        }
        Construct::Service => {
            "`sealed class : IDisposable` over its handle (`Dispose` runs the `Drop` after the calls in \
             progress, the finalizer frees; `ObjectDisposedException` after `Dispose` or a consuming method); C# constructor for `new`, static factories (fallible ones \
             throw `<E>Exception`); a consuming Rust `close(self)` is `Close()`, which `Dispose` calls; a busy \
             object throws `InvalidOperationException`"
        }
        Construct::BorrowedClosure => {
            "the named `delegate`, else `Func<…>` / `Action<…>` (any lambda or method group; it may \
             return `string`, arrays, classes owning data, data enums and tuples, ADR 54, ADR 63)"
        }
        Construct::KeptClosure => {
            "the same delegates, kept alive while Rust holds them (called from Rust threads too)"
        }
        Construct::ReturnedClosure => {
            "sealed `IDisposable` class (`Invoke`, `ToDelegate`, finalizer as a safety net); \
             `Invoke` returns `string`, arrays, classes owning data, data enums and tuples too, and \
             throws `<E>Exception` for `Err` (a data enum's: its variant's nested class; ADR 56, \
             ADR 63); `&T` takes the class (ADR 61)"
        }
        Construct::FnPointer => "`[UnmanagedFunctionPointer]` delegate (the caller keeps it alive)",
        Construct::ClosureBorrowedArgs => {
            "the delegate gets copies: `string`, `T[]`, the struct, the class of a record owning \
             data; `null` for a `None` `Option<&str>` / `Option<&[T]>`, `string[]` for `&[&str]` \
             (`&mut T` refused)"
        }
        Construct::ClosureResult => {
            "the delegate returns `T` and throws `<E>Exception` for `Err` (a data enum `E`: \
             `new <E>Exception(new <E>.Variant(…), …)`, written to Rust's slot, ADR 63); any other \
             exception is rethrown (Rust gets `Err` of `E`'s default)"
        }
        Construct::CallbackType => "`delegate` type",
        Construct::ClosureRecord => {
            "sealed class with delegate properties (`null` for an absent `Option`); each delegate \
             kept alive while Rust holds its closure"
        }
        Construct::Tuple => {
            "`(float, float)` (`System.ValueTuple`, deconstructable: `var (x, y) = …`); nullable \
             `(float, float)?`, arrays of tuples"
        }
        Construct::GenericRecord => {
            "one struct or class per instantiation (`PairU32`, or the alias)"
        }
        Construct::Module => "static class per module",
        Construct::Option => "`T?` for value types, `null` for strings, arrays and classes",
        Construct::Result => {
            "returns `T` and throws `<E>Exception` (typed `Error`; one nested subclass per variant of \
             an enum with data; `String` errors: the base `<Namespace>Exception`)"
        }
    }
}
