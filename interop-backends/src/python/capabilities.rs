//! What the Python backend supports (see [`crate::common::capability`]).

use crate::common::capability::{Capabilities, Construct, Position, Support};

/// The Python backend's table.
pub const CAPABILITIES: Capabilities = Capabilities {
    language: "Python",
    support,
    spelling,
};

fn support(construct: Construct, position: Position) -> Support {
    use Construct::*;
    use Position::*;
    match (construct, position) {
        (Construct::ClosureBorrowedArgs, _) => Support::Partial(
            "a `&mut T` parameter is refused (the callable would get memory valid only while it \
             runs); take `&T` and return the new value",
        ),
        (Construct::KeptClosure, Position::Field) => Support::Partial(
            "the record (a dataclass with `Callable` fields) is passed by value as a parameter, \
             which hands each callable to Rust until it drops the closure (ADR 30); not returned, \
             not in a list, not nested; the functions taking it stay on the ctypes path",
        ),
        (Construct::ClosureRecord, Position::Param) => Support::Partial(
            "functions taking it (and the methods of a type made with it) run on the ctypes path \
             also when the compiled one is available (`_native.fallbacks` says so)",
        ),
        (Construct::ClosureRecord, _) => Support::No(
            "a parameter only (ADR 30): returned, Rust would hand out its own closures inside \
             data; in a list, an element failing to convert would leave the closures after it \
             undropped; nested in another dataclass: not yet (put the closures in the outer one)",
        ),
        (BorrowedClosure | KeptClosure, Param) => Support::Partial(
            "a closure returning a struct by value works on the compiled path (ADR 33) and raises \
             `NotImplementedError` on the ctypes fallback (PyPy: ctypes cannot return a struct \
             from a callback); return its fields through a pointer where the fallback matters. \
             Owned data (`String`, `Vec<T>`, a record owning data, `Option`, ADR 54) works on \
             both paths: the callable returns what a parameter of the type takes",
        ),
        (DataEnum, Pointee) => Support::Partial(
            "`&T` and `Option<&T>` take the value, `&mut T` a one-element `list` whose element the \
             call replaces (C-compatible payloads only, as in Rust's ABI layer); on the ctypes path",
        ),
        (Construct::Service, Param | Return | Pointee) => Support::Yes,
        (Construct::Tuple, _) => Support::Partial(
            "elements are what may sit inside data (no pointers, handles or fixed-size arrays)",
        ),
        (Construct::Service, _) => {
            Support::No("a service is owned by one object: pass it as a parameter or return it")
        }
        (
            Reference | NullableReference | RawPointer | VoidPointer | OpaqueHandle | FixedArray,
            Element,
        ) => Support::No(
            "pointers, handles and fixed-size arrays cannot be elements of slices or vectors in \
             Python; use a vector of structs",
        ),
        (OwningRecord | BorrowingRecord, Param | Return | Field | Element) => Support::Partial(
            "no fixed-size array, pointer or handle fields in a struct that owns data or holds \
             views",
        ),
        (CLikeEnum, Pointee) => {
            Support::Partial("behind a pointer: a ctypes integer of the enum's storage type")
        }
        (PackedRecord, Param) => Support::Partial(
            "by value with a misaligned field on the compiled call path (CPython 3.9+) only: on the \
             ctypes fallback (PyPy, free-threaded CPython) libffi cannot pass such a struct and the \
             function raises `NotImplementedError`; take it by reference (`&T`) to work everywhere",
        ),
        (PackedRecord, Return) => Support::Partial(
            "by value with a misaligned field on the compiled call path; on the ctypes fallback \
             only on x86-64 System V (the hidden return pointer is passed explicitly), elsewhere \
             the function raises `NotImplementedError`",
        ),
        _ => Support::Yes,
    }
}

fn spelling(construct: Construct) -> &'static str {
    match construct {
        Construct::Number => "`int`, `float`",
        Construct::Bool => "`bool`",
        Construct::Ordering => "`int` (negative, zero, positive; not a `bool`)",
        Construct::Unit => "`None`",
        Construct::CLikeEnum => "`enum.IntEnum` (fields too)",
        Construct::Record => "`ctypes.Structure` with typed fields, `__repr__`, `__eq__`",
        Construct::PackedRecord => "`ctypes.Structure` with `_pack_ = 1`",
        Construct::TransparentRecord => "one-field structure",
        Construct::FixedArray => "ctypes arrays; fields take sequences of exactly their length",
        Construct::Reference => "structure instances",
        Construct::NullableReference => {
            "`Optional[T]` (`None` is NULL); returned as a copy of `T` or `None`"
        }
        Construct::RawPointer => {
            "ctypes pointers; `*const c_char`: `bytes`/`str` in, `Optional[bytes]` out; `*mut c_char`: \
             writable buffers"
        }
        Construct::VoidPointer => "addresses (`int`), buffers",
        Construct::OpaqueHandle => "handle class with methods",
        Construct::Function => "module function (snake_case, typed stub)",
        Construct::Method => "method",
        Construct::Constant => "`Final` module constant",
        Construct::Str => "`str` (UTF-8; a lone surrogate raises `ValueError`)",
        Construct::String => "`str`",
        Construct::CStr => {
            "`str` or `bytes` in (NUL raises `ValueError`; `None` for `Option<&CStr>`), `str` out"
        }
        Construct::Slice => "any buffer of the element's format (zero-copy) or sequence (copied)",
        Construct::SliceMut => {
            "writable buffer (in place) or `list` (written back); `Optional[…]` for \
             `Option<&mut [T]>`"
        }
        Construct::Vec => "`bytes` (`u8`), `array.array` (numbers) or `list`; arguments as slices",
        Construct::OwningRecord => "dataclass with `str` / `list` / `bytes` fields",
        Construct::BorrowingRecord => "dataclass (views valid for the call)",
        Construct::DataEnum => {
            "a frozen dataclass per variant (`ShapeCircle`), `Shape = Union[…]` for \
             `isinstance`/`match`/`assert_never`"
        }
        Construct::Service => {
            "class: `__init__` for `new`, static constructors (fallible ones raise `<E>Error`), `close()` \
             (a consuming Rust `close(self)` is it), `with`, finalizer; a busy object raises `ServiceInUseError`"
        }
        Construct::BorrowedClosure => "any callable, `Callable[[…], R]` in the stubs",
        Construct::KeptClosure => {
            "any callable, kept alive while Rust holds it, called with the GIL from Rust threads"
        }
        Construct::ReturnedClosure => {
            "callable object (`close()`, context manager, finalizer); owned results come back as \
             `str`, `bytes`, lists, records, `Result` errors raised (ADR 56); `&T` takes the \
             dataclass (ADR 61)"
        }
        Construct::FnPointer => "ctypes `CFUNCTYPE` object (the caller keeps it alive)",
        Construct::ClosureBorrowedArgs => {
            "the callable gets copies: `str`, `bytes` / `array.array` / `list`, the struct, the \
             dataclass of a record owning data; `None` for a `None` `Option<&str>` / \
             `Option<&[T]>`, `List[str]` for `&[&str]` (`&mut T` refused)"
        }
        Construct::ClosureResult => {
            "the callable returns `T` and raises `<E>Error` for `Err` (a data enum `E`: \
             `<E>Error(<E>Variant(…))`); any other exception is re-raised (Rust gets `Err` of \
             `E`'s default)"
        }
        Construct::CallbackType => "`Callable[…]` type alias",
        Construct::ClosureRecord => "dataclass with `Callable[…]` / `Optional[Callable[…]]` fields",
        Construct::Tuple => {
            "`tuple`, typed `Tuple[float, float]`; any sequence of the right length as an argument"
        }
        Construct::GenericRecord => "one dataclass per instantiation (`PairU32`, or the alias)",
        Construct::Module => "submodule",
        Construct::Option => "`Optional[T]` (`None` for absent)",
        Construct::Result => {
            "the `Ok` value; an `Err` raises `<Type>Error` (subclass of the package's `Error`, \
             one subclass per enum variant, its `.value` typed as the variant), the error on `.value`"
        }
    }
}
