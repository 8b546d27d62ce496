//! The questions every type family answers (see the parent module's docs).

use interop_core::model::ConstValue;

use super::conversion::{Codec, Copied, FieldType, Lifting, Lowering};
use super::runtime;
use crate::BackendError;

/// What a family answers about one type (see the module docs).
pub trait Family {
    /// The ctypes expression of the ABI shape: `ctypes.c_uint8`, `Vec2f32`, `ctypes.POINTER(Node)`,
    /// `ctypes.c_float * 3`; `None` for `()`.
    fn ctype(&self) -> String;

    /// The ctypes type in a function's `argtypes` (a view for strings and vectors, which the library
    /// copies).
    fn arg_ctype(&self) -> String {
        self.ctype()
    }

    /// The ctypes type as an annotation (`ctypes._Pointer[Node]`, `ctypes.Array[ctypes.c_float]`).
    fn ctype_annotation(&self) -> String {
        self.ctype()
    }

    /// What a pointer to this type points at, as an annotation: the class of a record or handle, the
    /// ctypes annotation otherwise (a `&mut u32` takes a `ctypes.c_uint32`).
    fn pointee(&self) -> String {
        self.ctype_annotation()
    }

    /// The Python type a parameter of the public function accepts.
    fn param(&self) -> String;

    /// The Python type the raw (ctypes) function accepts for this parameter.
    fn raw_param(&self) -> String {
        self.param()
    }

    /// The Python type the raw (ctypes) function returns.
    fn raw_return(&self) -> String;

    /// The Python type the public function returns.
    fn returns(&self) -> String {
        self.raw_return()
    }

    /// How a struct field of this type is declared and shown.
    fn field(&self) -> FieldType;

    /// How the public parameter `value` becomes the raw function's argument: the checks of the
    /// ctypes path (the same errors as the compiled path: `TypeError` naming the parameter for a
    /// wrong type, `OverflowError` for an integer out of range), with [`WHERE`](super::WHERE) where the text
    /// `f() argument 'a'` goes.
    fn lower(&self, value: &str) -> Lowering {
        Lowering::identity(value)
    }

    /// The parameter of a destructor: as [`Family::lower`], and a handle destroyed before is refused.
    fn destroying(&self, value: &str) -> Lowering {
        self.lower(value)
    }

    /// What a `TypeError` says an argument of this type must be (`int`, `Vec2f32 or None`), on
    /// both call paths.
    fn expected(&self) -> String {
        self.param()
    }

    /// For the compiled path (`_native.py`): the class a parameter of this type is checked
    /// against (records, handles, the targets of references, raw pointer types); `None` where
    /// the conversion needs none.
    fn native_param_class(&self) -> Option<String> {
        None
    }

    /// For the compiled path: the class a result of this type is made of (records, handles, enum
    /// members, raw pointer types, the copied targets of references); `None` where the
    /// conversion needs none.
    fn native_return_class(&self) -> Option<String> {
        None
    }

    /// True for a record owning data, which a closure's `&T` argument lends for the call only
    /// (ADR 58): the callable gets a copy (`codec.lift`, never `_take`: Rust frees it).
    fn lent_for_a_call(&self) -> bool {
        false
    }

    /// How the raw function's result becomes the public result.
    fn lift(&self) -> Lifting {
        Lifting::identity()
    }

    /// How a foreign closure's argument of this type becomes what the callable gets, when it is
    /// not [`Family::lift`]: a borrowed `&str` / `&[T]` / `&T` is copied out of the memory Rust
    /// lends for the call (never freed: Rust owns it), with the codec named in the expression.
    fn callback_lift(&self) -> Option<String> {
        None
    }

    /// The codec lowering what a caller passes to a Rust closure the library returned, for an
    /// argument of this type: [`Family::codec`], except for `&T` of a record owning data (ADR 61:
    /// the record's codec; ctypes passes the address of the C form it makes).
    fn returned_closure_lower(&self) -> Option<Codec> {
        self.codec()
    }

    /// The codecs [`Family::callback_lift`] refers to.
    fn callback_codecs(&self) -> Vec<Codec> {
        self.codecs()
    }

    /// A copy of the value a non-NULL pointer to this type points at (`pointer` is an expression):
    /// its public type and the expression reading it. Records, arrays and handles are copied with
    /// `_copy`; families whose ctypes values are plain Python values read `pointer[0]`.
    fn copy_from(&self, pointer: &str) -> Copied {
        Copied {
            annotation: self.pointee(),
            expr: format!("{}({pointer})", runtime::COPY),
            imports: vec![runtime::COPY.to_string()],
        }
    }

    /// The codec of this type inside other data (a field of a struct that owns data, an element of
    /// a slice or vector): a module-level object of `_types.py` (`None` when it cannot be there).
    fn codec(&self) -> Option<Codec> {
        None
    }

    /// Every codec this type's codec needs, its elements' first.
    fn codecs(&self) -> Vec<Codec> {
        self.codec().into_iter().collect()
    }

    /// What an element of a sequence argument accepts (`int`, `str`, `Point`).
    fn item(&self) -> String {
        self.param()
    }

    /// What a returned vector of this element is (`typing.List[Point]`; `bytes`, `array.array[int]`
    /// for numbers).
    fn many(&self) -> String {
        format!("typing.List[{}]", self.returns())
    }

    /// True when a buffer of this element's format is borrowed as it is (numbers, `bool`, enums,
    /// C-compatible structs).
    fn borrows_buffers(&self) -> bool {
        false
    }

    /// A constant of this type: its annotation and its value as a Python expression.
    fn constant(&self, value: &ConstValue) -> Result<(String, String), BackendError> {
        Err(BackendError::Unsupported(format!(
            "a constant `{value}` of type `{}` cannot be written in Python",
            self.ctype()
        )))
    }
}
