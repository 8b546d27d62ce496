//! The names of the C layout structs of user types in the native class.

/// The names the native class gives its own members (`__View`, `__Arena`, `__Inside`, …) that a
/// user type's C layout struct, `__<Type>`, would otherwise take: a record named `View` or `Buffer`
/// is an ordinary name in Rust.
const RUNTIME_MEMBERS: &[&str] = &[
    "Arena",
    "Buffer",
    "Callback",
    "CallbackFailed",
    "CallbackPointer",
    "ClosureAlloc",
    "ClosureFree",
    "ClosureHandle",
    "ClosureTable",
    "ContextFn",
    "Decode",
    "DropCallback",
    "DropCallbackUnmanaged",
    "DropPointer",
    "EntryPoint",
    "Error",
    "FreeString",
    "HookFn",
    "Inside",
    "InvalidStatus",
    "LiftStr",
    "LiftString",
    "LowerCStr",
    "LowerStr",
    "LowerString",
    "ReadCString",
    "RefuseArgument",
    "Surrogate",
    "TakeString",
    "UnhandledCallback",
    "UnhandledCallbackUnmanaged",
    "UnmanagedEntries",
    "Utf8",
    "View",
    "ViewOf",
];

/// The struct of the native class holding the C layout of the user type `class` (records, data
/// enums): `__Person`, or `__View_` for a type named like one of the native class's own members
/// (a PascalCase name never ends with `_`).
pub fn mirror_ident(class: &str) -> String {
    if RUNTIME_MEMBERS.contains(&class) {
        format!("__{class}_")
    } else {
        format!("__{class}")
    }
}

#[cfg(test)]
mod tests {
    use super::mirror_ident;

    #[test]
    fn a_type_named_like_a_runtime_member_gets_a_trailing_underscore() {
        assert_eq!(mirror_ident("Person"), "__Person");
        assert_eq!(mirror_ident("View"), "__View_");
        assert_eq!(mirror_ident("Buffer"), "__Buffer_");
        assert_eq!(mirror_ident("Views"), "__Views");
    }
}
