//! What the C backend supports (see [`crate::common::capability`]).

use crate::common::capability::{Capabilities, Construct, Position, Support};

/// The C backend's table.
pub const CAPABILITIES: Capabilities = Capabilities {
    language: "C",
    support,
    spelling,
};

fn support(construct: Construct, position: Position) -> Support {
    match (construct, position) {
        (Construct::KeptClosure, Position::Field) => Support::Partial(
            "the record is passed by value as a parameter, which hands each closure to Rust \
             (ADR 30); not returned, not in a vector or slice, not behind a pointer",
        ),
        (Construct::ClosureRecord, Position::Param) => Support::Yes,
        (Construct::ClosureRecord, _) => Support::No(
            "a parameter only (ADR 30): returned, Rust would hand out its own closures inside \
             data; in a vector or slice, an element failing to lift would leave the closures \
             after it undropped; nested in another struct: not yet (put the closures in the \
             outer struct)",
        ),
        (Construct::FixedArray, Position::Field | Position::Pointee) => {
            Support::Partial("no zero-length arrays (C has none), at most 4 dimensions")
        }
        (Construct::TransparentRecord, Position::Return) => Support::Partial(
            "a one-field struct: returned like its field on x86-64 and AArch64, not on 32-bit x86",
        ),
        (Construct::Reference, Position::Field) => Support::Partial(
            "C cannot keep a field from being NULL, and a NULL field is not checked",
        ),
        _ => Support::Yes,
    }
}

fn spelling(construct: Construct) -> &'static str {
    match construct {
        Construct::Number => "`<stdint.h>` types, `size_t`, `ptrdiff_t`, `float`, `double`",
        Construct::Bool => "`bool` (`<stdbool.h>`)",
        Construct::Ordering => {
            "`int32_t` typedef `<Prefix>Ordering`: negative, 0, positive (any value read by its sign)"
        }
        Construct::Unit => "`void`",
        Construct::CLikeEnum => "exact-width integer typedef + constants",
        Construct::Record => "`typedef struct`",
        Construct::PackedRecord => {
            "`__attribute__((packed))` struct (gcc, clang; `#pragma pack` for MSVC)"
        }
        Construct::TransparentRecord => "one-field struct",
        Construct::FixedArray => "`T f[M][N]`",
        Construct::Reference => "`const T *`, `T *` (NULL is an error)",
        Construct::NullableReference => "`const T *`, `T *` (NULL allowed)",
        Construct::RawPointer => "`const T *`, `T *`; `*const c_char` is `const char *`",
        Construct::VoidPointer => "`const void *`, `void *`",
        Construct::OpaqueHandle => "incomplete `struct` behind a pointer",
        Construct::Function => "function declaration",
        Construct::Method => "`symbol(self, …)` function",
        Construct::Constant => "`#define` with an exact literal",
        Construct::Module => "a section of the header (names unchanged: C has one namespace)",
        Construct::Str => "`Str {const char *ptr; size_t len}` (UTF-8, not NUL-terminated)",
        Construct::String => {
            "`String {char *ptr; size_t len; size_t cap}`, freed with `String_free()`; \
             arguments as `Str`"
        }
        Construct::CStr => "`const char *` (NUL-terminated; NULL is `None` for `Option<&CStr>`)",
        Construct::Slice => "`SliceT {const T *ptr; size_t len}`",
        Construct::SliceMut => {
            "`SliceMutT {T *ptr; size_t len}` (a NULL `ptr` with `len` 0 is `None` for \
             `Option<&mut [T]>`)"
        }
        Construct::Vec => {
            "`VecT {T *ptr; size_t len; size_t cap}`, freed with `VecT_free()`; arguments as `SliceT`"
        }
        Construct::OwningRecord => "`typedef struct` with a NULL-safe `T_free()`",
        Construct::BorrowingRecord => "`typedef struct` with `Str` / `SliceT` fields",
        Construct::Option => {
            "`OptionT {uint8_t is_some; T value}` in every position, `OptionT_free()` when `T` owns data"
        }
        Construct::Result => {
            "`ResultTE {uint8_t status; union {T ok; struct {E value; String message} err} value}`, \
             `INTEROP_STATUS_OK` / `_ERROR` / `_PANIC`, freed with `ResultTE_free()`; a fieldless \
             enum's message is static (no allocation)"
        }
        Construct::DataEnum => {
            "`typedef struct {tag; union {…} body}` + `E_Tag` constants; `E_free()` when it owns data"
        }
        Construct::Service => {
            "`T *` handle: constructors return it (fallible ones in a `Result`), methods take it first, \
             NULL-safe `t_dispose()` (close: waits, drops the value) and `t_free()`; lock errors by kind \
             (`interop_take_error`)"
        }
        Construct::BorrowedClosure => {
            "`CallbackAToR {R (*call)(void *, A); void *context; void (*drop)(void *)}`: `drop` \
             (optional) called once after the call"
        }
        Construct::KeptClosure => {
            "the same struct: `drop` called once when Rust drops it; `call` may run on any thread"
        }
        Construct::ReturnedClosure => {
            "the same struct over the Rust closure: `call(context, …)`, then `drop(context)` once; \
             owned results written to `*ret`, the caller frees them (ADR 56); `const T *` to your \
             record, copied by the library (ADR 61)"
        }
        Construct::FnPointer => {
            "function pointer typedef `FnPtrAToR` (NULL refused unless `Option`)"
        }
        Construct::ClosureBorrowedArgs => {
            "`Str`, `SliceT`, `const char *`, `const T *` / `T *` parameters of `call`, valid \
             while it runs (`&T` of a record owning data: a copy the library frees, ADR 58; \
             `&[String]`, `&[T]` of such records: `cap == 0` views or copies, ADR 62; \
             `Option<&str>`, `Option<&[T]>`: `OptionString`, `OptionVecT` with `cap == 0`, \
             `&[&str]`: `SliceString` of views, ADR 66)"
        }
        Construct::ClosureResult => {
            "`uint8_t (*call)(void *, A…, T *ok, E *err)`: returns 0 after writing `*ok`, 1 after \
             writing `*err` (a data enum `E`: its tag and fields, ADR 63)"
        }
        Construct::CallbackType => "the callback struct takes its name",
        Construct::ClosureRecord => {
            "`typedef struct` of callback structs; the library calls each `drop` once (also when \
             the call fails)"
        }
        Construct::Tuple => {
            "`typedef struct TupleF32F32 {float _0; float _1;}`, `_free()` when it owns data"
        }
        Construct::GenericRecord => {
            "one `typedef struct` per instantiation (`PairU32`, `TaggedU8N4`, or the alias)"
        }
    }
}
