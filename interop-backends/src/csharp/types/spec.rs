//! The shapes the families answer with and the item renderers consume: a call's conversions
//! ([`Conversion`], [`ParamSpec`], [`ReturnSpec`], [`ReceiverSpec`]), a struct field ([`FieldShape`]),
//! a value inside other data ([`DataCodec`]) and a fixed-size array's element ([`ArrayElement`]).

use std::collections::BTreeSet;

use crate::csharp::templates::FixedView;

/// How values cross between the public layer and the raw layer in one call: the public parameter
/// declarations, statements before the call, `fixed` pinnings around it, statements inside the pinned
/// region, the raw arguments, statements after it (write-backs), and cleanup that runs whether the
/// call succeeded or threw (`finally`).
///
/// A parameter, a receiver and a return value each contribute one; the method renderer concatenates
/// them (return value first, then the receiver, then the parameters in order).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Conversion {
    /// Public parameter declarations (`float x`, `ref Vec2f32 v`, `this Direction self`).
    pub decls: Vec<String>,
    /// Statements before the call (conversions into locals, allocations).
    pub setup: Vec<String>,
    /// `fixed (...)` declarations wrapping the call (pinning).
    pub fixed: Vec<String>,
    /// Statements inside the pinned region, just before the call (they may use pinned pointers).
    pub pinned: Vec<String>,
    /// Raw arguments, in order.
    pub args: Vec<String>,
    /// Statements after the call, before the panic check (write-backs).
    pub after: Vec<String>,
    /// Statements in a `finally` around the call (freeing what `setup` allocated).
    pub cleanup: Vec<String>,
    /// The runtime helpers the statements call (emitted once in the raw layer when some call uses them).
    pub helpers: BTreeSet<Helper>,
}

/// A runtime helper of the raw layer class that conversions call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Helper {
    /// `Utf8z(string, name)`: a NUL-terminated UTF-8 copy of a string (`*const c_char` parameters).
    Utf8z,
}

impl Conversion {
    /// Append `other` (its declarations, statements and arguments after these).
    pub fn extend(&mut self, other: Conversion) {
        self.decls.extend(other.decls);
        self.setup.extend(other.setup);
        self.fixed.extend(other.fixed);
        self.pinned.extend(other.pinned);
        self.args.extend(other.args);
        self.after.extend(other.after);
        self.cleanup.extend(other.cleanup);
        self.helpers.extend(other.helpers);
    }
}

/// A parameter: its `[DllImport]` type and how the public parameter becomes the raw argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamSpec {
    pub raw: String,
    pub conv: Conversion,
}

/// A return value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnSpec {
    /// The public return type (`void` for none).
    pub public: String,
    /// The `[DllImport]` return type (`void` for none or when returned through `hidden`).
    pub raw: String,
    /// The raw type of a pointer the C ABI passes first for a value returned in memory.
    pub hidden: Option<String>,
    /// The type of the `__ret` local the call's value is assigned to (`None`: nothing assigned).
    pub local: Option<String>,
    /// Setup and leading arguments of a value returned in memory; cleanup of a returned resource.
    pub conv: Conversion,
    /// The returned expression, in terms of `__ret` (`None` for `void`).
    pub result: Option<String>,
    /// Statements after the panic check (a `Result`'s status: the error's exception is thrown).
    pub checks: Vec<String>,
    /// The exceptions `checks` throw, for the method's XML docs: (`cref`, when).
    pub throws: Vec<(String, String)>,
}

impl ReturnSpec {
    /// A value returned directly: the import returns `raw` into `__ret`, `result` converts it.
    pub fn direct(public: String, raw: String, result: String) -> Self {
        ReturnSpec {
            public,
            local: Some(raw.clone()),
            raw,
            hidden: None,
            conv: Conversion::default(),
            result: Some(result),
            checks: Vec::new(),
            throws: Vec::new(),
        }
    }

    /// A `void` return.
    pub fn void() -> Self {
        ReturnSpec {
            public: "void".into(),
            raw: "void".into(),
            hidden: None,
            local: None,
            conv: Conversion::default(),
            result: None,
            checks: Vec::new(),
            throws: Vec::new(),
        }
    }
}

/// The receiver of a method (`self`, `&self`, `&mut self`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiverSpec {
    /// An instance method (no declaration for `self`), or a static/extension method whose receiver is
    /// in `conv.decls`.
    pub instance: bool,
    pub conv: Conversion,
}

/// How a struct field of a family's type is declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldShape {
    /// A public field of this type.
    Plain { ty: String },
    /// Stored as `storage`, exposed as a property of type `public` over a private backing field;
    /// `get`/`set` convert (`{}` in `get` is the backing field, `value` in `set` the new value).
    Converted {
        public: String,
        storage: String,
        get: String,
        set: String,
    },
    /// A fixed-size buffer with bounds-checked accessors (the renderer fills in their names).
    Fixed(Box<FixedView>),
}

/// A type inside other data: its public C# type, its ABI (stored) type, and C# expressions that
/// convert: `lower` (public value `{v}`, arena `{a}`, parameter name `{n}` → ABI value), `lift` (pointer
/// to the ABI value `{p}` → a public copy) and `free` (a statement freeing what `{p}` owns, for a
/// value the library returned). `{p}` is always a parenthesized pointer expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataCodec {
    pub public: String,
    pub abi: String,
    pub lower: String,
    pub lift: String,
    pub free: Option<String>,
}

impl DataCodec {
    /// A type whose ABI value is the public value converted by the family's `store` / `load`.
    pub fn plain(public: String, abi: String, store: String, load: String) -> Self {
        DataCodec {
            public,
            abi,
            lower: store,
            lift: load,
            free: None,
        }
    }

    pub fn lower(&self, v: &str, a: &str, n: &str) -> String {
        self.lower
            .replace("{v}", v)
            .replace("{a}", a)
            .replace("{n}", n)
    }

    pub fn lift(&self, p: &str) -> String {
        self.lift.replace("{p}", p)
    }

    pub fn free(&self, p: &str) -> Option<String> {
        self.free.as_ref().map(|f| f.replace("{p}", p))
    }
}

/// How the elements of a fixed-size array field are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrayElement {
    /// In a public `fixed` buffer of the element's own type (primitives).
    Fixed,
    /// In a private `fixed` buffer of an integer of the element's alignment, read and written as the
    /// element type through a pointer cast (records, enums, pointers: C# allows only primitives in
    /// `fixed` buffers).
    Reinterpreted,
}
