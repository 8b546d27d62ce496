//! C# identifiers: casing, keyword escaping, the names a scope reserves and collision checks. Every
//! identifier the backend writes passes through here.

use std::collections::BTreeSet;

use heck::{ToLowerCamelCase, ToUpperCamelCase};

use super::Naming;
use super::problems::{Problem, RENAME_FIX};
use crate::common::names::{NameTable, first_free};

/// Every reserved C# keyword (contextual keywords are valid identifiers and are not listed).
const KEYWORDS: &[&str] = &[
    "abstract",
    "as",
    "base",
    "bool",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "checked",
    "class",
    "const",
    "continue",
    "decimal",
    "default",
    "delegate",
    "do",
    "double",
    "else",
    "enum",
    "event",
    "explicit",
    "extern",
    "false",
    "finally",
    "fixed",
    "float",
    "for",
    "foreach",
    "goto",
    "if",
    "implicit",
    "in",
    "int",
    "interface",
    "internal",
    "is",
    "lock",
    "long",
    "namespace",
    "new",
    "null",
    "object",
    "operator",
    "out",
    "override",
    "params",
    "private",
    "protected",
    "public",
    "readonly",
    "ref",
    "return",
    "sbyte",
    "sealed",
    "short",
    "sizeof",
    "stackalloc",
    "static",
    "string",
    "struct",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "uint",
    "ulong",
    "unchecked",
    "unsafe",
    "ushort",
    "using",
    "virtual",
    "void",
    "volatile",
    "while",
];

/// True for reserved C# keywords.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Members every class, struct and enum inherits from `object`: a field, constant or enum member with
/// one of these names would hide it (a warning, an error under `-warnaserror`).
pub const OBJECT_MEMBERS: &[&str] = &[
    "Equals",
    "GetHashCode",
    "GetType",
    "ToString",
    "MemberwiseClone",
    "ReferenceEquals",
    "Finalize",
];

/// The inherited methods without parameters: a generated method without parameters may not be named
/// like one of them (methods with parameters overload them).
pub const OBJECT_METHODS_WITHOUT_PARAMETERS: &[&str] = &[
    "GetHashCode",
    "GetType",
    "ToString",
    "MemberwiseClone",
    "Finalize",
];

/// The members of the handle struct of an opaque type (`templates/csharp/items/handle.cs`).
pub const HANDLE_MEMBERS: &[&str] = &[
    "Handle",
    "IsNull",
    "Equals",
    "GetHashCode",
    "ToString",
    "GetType",
];

/// The members every service class declares (a method named like one is a collision).
pub const SERVICE_MEMBERS: &[&str] = &[
    "Dispose",
    "IsDisposed",
    "__RustClose",
    "_native",
    "_closed",
    "__Handle",
    "__ThrowClosed",
    "__Consumed",
    "__Dispose",
    "__TakeNative",
    "__FromNative",
    "__New",
    "Equals",
    "GetHashCode",
    "ToString",
    "GetType",
];

/// The members of the raw layer class besides the imports (`templates/csharp/items/native.cs`).
pub const NATIVE_MEMBERS: &[&str] = &[
    "LibraryName",
    "PanicPending",
    "ThrowPendingPanic",
    "Destroying",
    "Returned",
    "s_destroyed",
    "s_destroyedCount",
    "Utf8z",
    "s_strictUtf8",
    "InventoryHash",
    "CheckLibrary",
    "CheckLayout",
    "MonoPInvokeCallbackAttribute",
    "s_unhandledHook",
    "s_hooked",
    "s_dropCallback",
    "t_callbackException",
];

/// The local every method body may declare for the raw return value.
pub const METHOD_LOCALS: &[&str] = &["__ret"];

/// True for a name C# accepts as an identifier without `@` (letters, digits, `_`; not a keyword).
pub fn is_identifier(s: &str) -> bool {
    is_spellable(s) && !is_keyword(s)
}

/// True for a name C# accepts as an identifier, with `@` when it is a keyword.
fn is_spellable(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// The names one C# scope (the namespace, a class, a struct, an enum, a method's parameters) defines.
#[derive(Debug)]
pub struct Scope {
    table: NameTable,
    /// The type whose members these are: a member may not be named like it (CS0542).
    owner: Option<String>,
    /// A class or struct: its members may not hide what it inherits from `object`.
    inherits_object: bool,
}

impl Scope {
    /// The top-level names of namespace `namespace`.
    pub fn namespace(namespace: &str) -> Self {
        Scope {
            table: NameTable::new(format!("namespace `{namespace}`")),
            owner: None,
            inherits_object: false,
        }
    }

    /// The members of class or struct `owner`; `reserved` are names it defines itself.
    pub fn class(owner: &str, reserved: &[&str]) -> Self {
        let mut scope = Scope::enumeration(owner);
        scope.inherits_object = true;
        for name in reserved {
            // A reserved list may repeat a name: the first claim stands.
            let _ = scope.table.claim(
                *name,
                format!("the member `{name}` every `{}` has", bare(owner)),
            );
        }
        scope
    }

    /// The members of enum `owner`.
    pub fn enumeration(owner: &str) -> Self {
        Scope {
            table: NameTable::new(format!("`{}`", bare(owner))),
            owner: Some(bare(owner).to_string()),
            inherits_object: false,
        }
    }

    /// The parameters of the method `method`.
    pub fn parameters(method: &str) -> Self {
        Scope {
            table: NameTable::new(format!("the parameters of `{}`", bare(method))),
            owner: None,
            inherits_object: false,
        }
    }

    /// Define the data member (field, property, constant, enum member) or name `name` (with or
    /// without `@`) for `what` (`field `x` of `my_crate::Point``).
    pub fn claim(&mut self, name: &str, what: &str) -> Result<(), Problem> {
        self.check_inherited(name, what, OBJECT_MEMBERS)?;
        self.define(name, what)
    }

    /// Define the method `name`; `has_params`: it takes parameters (and so overloads, rather than
    /// hides, an inherited method without parameters).
    pub fn claim_method(
        &mut self,
        name: &str,
        what: &str,
        has_params: bool,
    ) -> Result<(), Problem> {
        if !has_params {
            self.check_inherited(name, what, OBJECT_METHODS_WITHOUT_PARAMETERS)?;
        }
        self.define(name, what)
    }

    fn check_inherited(&self, name: &str, what: &str, inherited: &[&str]) -> Result<(), Problem> {
        let name = bare(name);
        if self.inherits_object && inherited.contains(&name) {
            return Err(Problem::new(format!(
                "{what} would be named `{name}`, which hides the `{name}` every C# object has"
            ))
            .fix("rename it with #[ffi(name = \"…\")]"));
        }
        Ok(())
    }

    fn define(&mut self, name: &str, what: &str) -> Result<(), Problem> {
        let name = bare(name);
        if !is_spellable(name) {
            return Err(Problem::new(format!(
                "{what} would be named `{name}`, which is not a C# identifier"
            ))
            .fix("rename it with #[ffi(name = \"…\")]"));
        }
        if self.owner.as_deref() == Some(name) {
            return Err(Problem::new(format!(
                "{what} would be named `{name}` like the type it belongs to, which C# forbids"
            ))
            .fix(RENAME_FIX));
        }
        self.table
            .claim(name, what)
            .map_err(|c| Problem::collision(&c, RENAME_FIX))
    }

    /// The type whose members these are (without `@`).
    pub fn owner(&self) -> Option<&str> {
        self.owner.as_deref()
    }

    pub fn contains(&self, name: &str) -> bool {
        self.table.contains(bare(name))
    }

    /// The name of a member `name` of this scope's type (see [`member`]).
    pub fn member(&self, name: String) -> String {
        match &self.owner {
            Some(owner) => member(owner, name),
            None => name,
        }
    }
}

/// The C# name of a member `name` of type `owner`: C# forbids a member named like its type (CS0542),
/// so such a member gets a trailing `_` (`Shadow.Shadow_`), as protobuf's C# code generator does.
pub fn member(owner: &str, name: String) -> String {
    if bare(&name) == bare(owner) {
        format!("{}_", bare(&name))
    } else {
        name
    }
}

/// The locals of one method body: generated names (`__b`) that never shadow a parameter or each other.
#[derive(Debug, Default)]
pub struct Locals {
    taken: BTreeSet<String>,
}

impl Locals {
    /// Locals of a method whose parameters are `params` (as declared, `@` allowed).
    pub fn new<'a>(params: impl IntoIterator<Item = &'a str>) -> Self {
        let mut taken: BTreeSet<String> = METHOD_LOCALS.iter().map(|s| s.to_string()).collect();
        taken.extend(params.into_iter().map(|p| bare(p).to_string()));
        Locals { taken }
    }

    /// A fresh local named `__<name>` (or `__<name>_`, `__<name>_1` … when taken).
    pub fn fresh(&mut self, name: &str) -> String {
        let local = first_free(&format!("__{}", bare(name)), |n| self.taken.contains(n));
        self.taken.insert(local.clone());
        local
    }
}

/// `name`, prefixed with `@` when it is a keyword.
pub fn escape(name: &str) -> String {
    if is_keyword(name) {
        format!("@{name}")
    } else {
        name.to_string()
    }
}

/// Make `name` a valid identifier start: a leading digit gets `prefix` in front of it.
fn fix_start(name: String, prefix: &str) -> String {
    match name.chars().next() {
        None => prefix.to_string(),
        Some(c) if c.is_ascii_digit() => format!("{prefix}{name}"),
        Some(_) => name,
    }
}

/// PascalCase (`add_u8` → `AddU8`, `MAX_PLAYERS` → `MaxPlayers`, `_0` → `Item0`) in idiomatic mode;
/// the name unchanged otherwise. Never a keyword (keywords are escaped).
pub fn pascal(name: &str, naming: Naming) -> String {
    match naming {
        Naming::Idiomatic => escape(&fix_start(name.to_upper_camel_case(), "Item")),
        Naming::Rust => escape(name),
    }
}

/// The name of a getter method named like a field (`width` → `GetWidth`, `get_width` in rust naming).
pub fn getter(name: &str, naming: Naming) -> String {
    pascal(&format!("get_{name}"), naming)
}

/// camelCase for parameters (`by` → `by`, `u_size` → `uSize`), escaped when it is a keyword.
pub fn camel(name: &str, naming: Naming) -> String {
    match naming {
        Naming::Idiomatic => escape(&fix_start(name.to_lower_camel_case(), "item")),
        Naming::Rust => escape(name),
    }
}

/// The name without a leading `@`, for comparisons.
pub fn bare(name: &str) -> &str {
    name.strip_prefix('@').unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casing() {
        let n = Naming::Idiomatic;
        assert_eq!(pascal("add_u8", n), "AddU8");
        assert_eq!(pascal("MAX_PLAYERS", n), "MaxPlayers");
        assert_eq!(pascal("Vec2f32", n), "Vec2f32");
        assert_eq!(pascal("u_size", n), "USize");
        assert_eq!(pascal("_0", n), "Item0");
        assert_eq!(pascal("math", n), "Math");
        assert_eq!(camel("class", n), "@class");
        assert_eq!(camel("params", n), "@params");
        assert_eq!(camel("lambda", n), "lambda");
        assert_eq!(camel("u_size", n), "uSize");
        assert_eq!(pascal("class", Naming::Rust), "@class");
        assert_eq!(pascal("add_u8", Naming::Rust), "add_u8");
    }
}
