//! A service's consuming `close(self)` (ADR 34): the one Rust method the C# and Python classes turn
//! into their own lifecycle `Close()` / `close()` (idempotent; `Dispose()` / `__exit__` call it).

use interop_core::model::{Function, Receiver, TypeDef, TypeKind};

/// The exported name a service method needs to be the class's `close`.
pub const CLOSE: &str = "close";

/// True when `f` is the lifecycle close of the service `owner`: exported as `close`, taking the
/// object by value and nothing else. Any return type (a `Result<(), E>` raises / throws its error).
pub fn is_lifecycle_close(f: &Function, owner: &TypeDef) -> bool {
    matches!(owner.kind, TypeKind::Service)
        && f.name == CLOSE
        && f.receiver == Some(Receiver::Value)
        && f.params.len() == 1
}

/// Why a method exported as `close` of a service is not its lifecycle close (`None` when it is,
/// or when it is not named `close`).
pub fn close_shape_problem(f: &Function, owner: &TypeDef) -> Option<String> {
    if !matches!(owner.kind, TypeKind::Service) || f.name != CLOSE || is_lifecycle_close(f, owner) {
        return None;
    }
    let shape = match f.receiver {
        Some(Receiver::Value) => format!(
            "takes {} parameter(s) besides `self`",
            f.params.len().saturating_sub(1)
        ),
        Some(Receiver::Ref) => "takes `&self`".to_string(),
        Some(Receiver::RefMut) => "takes `&mut self`".to_string(),
        None => "takes no `self` (a static function)".to_string(),
        Some(_) => "does not take `self` by value".to_string(),
    };
    Some(shape)
}
