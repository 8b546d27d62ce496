//! What the Python backend supports (see [`crate::common::capability`]).

use crate::common::capability::{Capabilities, Construct, Position, Support};

/// The Python backend's table.
pub const CAPABILITIES: Capabilities = Capabilities {
    language: "Python",
    support,
    spelling,
};

fn support(_construct: Construct, _position: Position) -> Support {
    Support::Yes
}

fn spelling(construct: Construct) -> &'static str {
    match construct {
        Construct::Number => "`int`, `float`",
        Construct::Bool => "`bool`",
        Construct::Unit => "`None`",
        Construct::CLikeEnum => "`enum.IntEnum`",
        Construct::Record => "`ctypes.Structure` with typed fields, `__repr__`, `__eq__`",
        Construct::PackedRecord => "`ctypes.Structure` with `_pack_ = 1`",
        Construct::TransparentRecord => "one-field structure",
        Construct::FixedArray => "ctypes arrays",
        Construct::Reference => "structure instances",
        Construct::NullableReference => "`Optional[T]` (`None` is NULL)",
        Construct::RawPointer => "ctypes pointers",
        Construct::VoidPointer => "addresses (`int`), buffers",
        Construct::OpaqueHandle => "handle class with methods",
        Construct::Function => "module function (snake_case, typed stub)",
        Construct::Method => "method",
        Construct::Constant => "`Final` module constant",
        Construct::Module => "submodule",
    }
}
