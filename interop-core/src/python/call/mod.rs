//! The non-generic parts of a call: binding positional and keyword arguments to the parameters,
//! converting each into its slot (`bind`, keeping what they borrow in a [`Frame`]), and after the
//! shim returned, the error channel and the result (`finish`).
//!
//! Errors read like CPython's own: `add_u8() missing 1 required positional argument: 'b'`,
//! `add_u8() got an unexpected keyword argument 'c'`, `add_u8() argument 'a' must be int, not str`,
//! `add_u8() argument 'a' is out of range for u8 (0 to 255)`; the package's ctypes path raises the
//! same.

pub mod bind;
pub mod builtins;
pub mod errors;
pub mod finish;
pub mod frame;

pub use bind::{Param, arguments};
pub(super) use builtins::BUILTINS;
pub use builtins::{Builtins, builtins};
pub use errors::{py_text, raise};
pub use finish::{finish, release_gil, restore_gil};
pub use frame::{Frame, FreeFn};
