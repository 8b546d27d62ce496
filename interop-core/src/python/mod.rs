//! The compiled Python call path: native function objects for every `#[ffi]` function, built
//! inside the library from the running interpreter's C API.
//!
//! The generated Python package calls [`interop_python_init`] at import with the addresses of the
//! CPython functions in [`ffi::NAMES`] (looked up in `ctypes.pythonapi`) and a spec (the Python
//! names of the functions and parameters, the classes of the types). The library answers with one
//! callable per function: a built-in function (free functions and static methods) or a method
//! descriptor (methods with a receiver), both with CPython's vectorcall protocol, taking positional
//! and keyword arguments. Nothing links against libpython and nothing needs a C compiler: the same
//! library serves every CPython from 3.9 on, and C and C# callers never touch any of this.
//!
//! # One entry per ABI signature
//!
//! A call converts each Python argument straight into the shim's ABI value, calls the shim through
//! its address and converts the ABI result back. Only the call itself depends on the types, so the
//! code generated per `#[ffi]` function is one reference in its descriptor to the [`Signature`] of
//! its shim's type (`unsafe extern "C" fn(A0, …) -> R`): one small entry per distinct signature,
//! shared by every function with that signature. The entry reads the function's data from the
//! callable it was called through, binds the arguments ([`call`]), has each parameter's
//! [`convert::Arg`] write its ABI value into a frame of the right types, calls the shim (releasing
//! the GIL around it when the package asks for it), checks the error channel and has the
//! [`convert::Ret`] of the result build the Python object. The conversions are plain (non-generic)
//! code compiled once in interop-core; which one a parameter gets is decided at import from the
//! library's own inventory ([`convert::arg`], [`convert::ret`]), and the ABI layout each writes is
//! checked against the shim's real parameter types before any call.
//!
//! # Adding a construct
//!
//! One [`convert::Arg`] and/or [`convert::Ret`] implementation (in `convert/`) and one arm in
//! [`convert::arg`] / [`convert::ret`] for its ABI shape. A type without an arm keeps working: its
//! functions stay on the package's ctypes path (the init reports them as such).

pub mod call;
pub mod callback;
pub mod convert;
pub mod ctor;
pub mod entry;
pub mod ffi;
pub mod function;
pub mod guard;
pub mod init;
pub mod keeper;
pub mod vectorcall;

#[cfg(test)]
mod tests;

pub use entry::{PyCall, Signature, python_call};
pub use init::{interop_python_api_names, interop_python_init};

/// The version of the spec [`interop_python_init`] understands. The generated package passes the
/// version it was generated for; a mismatch makes it use its ctypes path.
pub const PROTOCOL: u32 = 3;
