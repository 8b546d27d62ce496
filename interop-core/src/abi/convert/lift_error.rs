//! Why an ABI value could not be lifted: [`Invalid`] (what was wrong) and [`LiftError`] (that, and
//! where inside the argument).

use core::fmt;

/// An ABI value that is not a value of the Rust type it should become.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    /// NULL where a reference is required.
    Null,
    /// A `bool` byte other than 0 or 1.
    Bool(u8),
    /// An integer that is not a discriminant of the C-like enum `ty` (its bindings name).
    Discriminant { ty: &'static str, value: i128 },
    /// Text that is not UTF-8 (`&str`, `String`): the first `valid_up_to` bytes are.
    Utf8 { valid_up_to: usize },
    /// A view or buffer whose pointer is NULL although its length is not 0.
    NullWithLength(usize),
    /// A length whose elements would not fit in memory (over `isize::MAX` bytes).
    TooLong(usize),
    /// A pointer that is not a multiple of its elements' alignment.
    Misaligned { align: usize },
    /// The `is_some` byte of an `Option<T>` other than 0 or 1.
    OptionTag(u8),
    /// The status a foreign closure returning `Result<T, E>` returned, other than 0 or 1.
    ResultStatus(u8),
    /// An owned buffer a foreign closure returned whose length is over its capacity (ADR 54).
    LenOverCap { len: usize, cap: usize },
    /// A service (its bindings name) whose lock this call cannot take: held by this thread already
    /// (`this_thread`: the same object twice in one call, or a call from inside one of its own
    /// calls), or by another thread while this call holds another service.
    InUse { ty: &'static str, this_thread: bool },
    /// A service (its bindings name) whose value a method or call took by value: the handle is
    /// empty (it still has to be freed).
    Spent { ty: &'static str },
    /// A service (its bindings name) closed by its `_dispose` (the value was dropped): the handle
    /// is empty (it still has to be freed). The same kind as [`Invalid::Spent`] in the error
    /// channel.
    Closed { ty: &'static str },
}

/// Why an argument could not be lifted: what was wrong, and in which field of the argument (for
/// records checked field by field).
///
/// Two words: a NULL argument, a rejected view or text (NULL with a length, too long, misaligned,
/// not UTF-8) and an option's bad tag (the argument itself, one number) are kept inline, anything else is
/// boxed, on the cold path. So a view's check builds its error in registers, and the shim's
/// failure path is one jump to [`lift_failed`](crate::__private::lift_failed) with every operand
/// in a register: the happy path keeps no stack frame for the error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiftError(Repr);

/// Canonical: an error with an empty path whose [`Invalid`] has an inline form always has it
/// (so that two equal errors compare equal however they were made).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Repr {
    Null,
    NullWithLength(usize),
    TooLong(usize),
    Misaligned(usize),
    Utf8(usize),
    OptionTag(u8),
    Details(Box<Details>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Details {
    invalid: Invalid,
    /// Where inside the argument, innermost first.
    path: Vec<Step>,
}

/// One step into a value: a record field or an element of a vector, slice or array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Field(&'static str),
    Index(usize),
}

impl LiftError {
    #[cold]
    #[inline(never)]
    pub fn new(invalid: Invalid) -> Self {
        match invalid {
            Invalid::Null => Self::null(),
            Invalid::NullWithLength(len) => Self::null_with_length(len),
            Invalid::TooLong(len) => Self::too_long(len),
            Invalid::Misaligned { align } => Self::misaligned(align),
            Invalid::Utf8 { valid_up_to } => Self::utf8(valid_up_to),
            Invalid::OptionTag(tag) => Self::option_tag(tag),
            invalid => LiftError(Repr::Details(Box::new(Details {
                invalid,
                path: Vec::new(),
            }))),
        }
    }

    /// NULL where a reference is required.
    #[inline(always)]
    pub const fn null() -> Self {
        LiftError(Repr::Null)
    }

    /// A view or buffer whose pointer is NULL although its length, `len`, is not 0 (inline: no
    /// allocation, no call).
    #[inline(always)]
    pub const fn null_with_length(len: usize) -> Self {
        LiftError(Repr::NullWithLength(len))
    }

    /// A view `len` elements long that would not fit in memory (inline).
    #[inline(always)]
    pub const fn too_long(len: usize) -> Self {
        LiftError(Repr::TooLong(len))
    }

    /// A pointer not aligned to its elements' `align` (inline).
    #[inline(always)]
    pub const fn misaligned(align: usize) -> Self {
        LiftError(Repr::Misaligned(align))
    }

    /// Text that is not UTF-8 past its first `valid_up_to` bytes (inline).
    #[inline(always)]
    pub const fn utf8(valid_up_to: usize) -> Self {
        LiftError(Repr::Utf8(valid_up_to))
    }

    /// The `is_some` byte `tag` of an option, other than 0 or 1 (inline).
    #[inline(always)]
    pub const fn option_tag(tag: u8) -> Self {
        LiftError(Repr::OptionTag(tag))
    }

    #[cold]
    #[inline(never)]
    pub fn bool(value: u8) -> Self {
        Self::new(Invalid::Bool(value))
    }

    #[cold]
    #[inline(never)]
    pub fn discriminant(ty: &'static str, value: i128) -> Self {
        Self::new(Invalid::Discriminant { ty, value })
    }

    /// The same error, found inside field `name` of the value being lifted.
    #[cold]
    #[inline(never)]
    pub fn in_field(self, name: &'static str) -> Self {
        self.step(Step::Field(name))
    }

    /// The same error, found in element `index` of the vector, slice or array being lifted.
    #[cold]
    #[inline(never)]
    pub fn at_index(self, index: usize) -> Self {
        self.step(Step::Index(index))
    }

    fn step(self, step: Step) -> Self {
        let invalid = self.invalid();
        let mut details = match self.0 {
            Repr::Details(details) => details,
            _ => Box::new(Details {
                invalid,
                path: Vec::new(),
            }),
        };
        details.path.push(step);
        LiftError(Repr::Details(details))
    }

    /// What was wrong.
    pub fn invalid(&self) -> Invalid {
        match &self.0 {
            Repr::Null => Invalid::Null,
            Repr::NullWithLength(len) => Invalid::NullWithLength(*len),
            Repr::TooLong(len) => Invalid::TooLong(*len),
            Repr::Misaligned(align) => Invalid::Misaligned { align: *align },
            Repr::Utf8(valid_up_to) => Invalid::Utf8 {
                valid_up_to: *valid_up_to,
            },
            Repr::OptionTag(tag) => Invalid::OptionTag(*tag),
            Repr::Details(d) => d.invalid,
        }
    }

    fn path(&self) -> &[Step] {
        match &self.0 {
            Repr::Details(d) => &d.path,
            _ => &[],
        }
    }

    /// The path inside the argument, outermost first (`inner.mode`, `[3].name`), empty for the
    /// argument itself.
    pub fn field_path(&self) -> String {
        let mut out = String::new();
        for step in self.path().iter().rev() {
            match step {
                Step::Field(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Invalid::Null => f.write_str("must not be null"),
            Invalid::Bool(v) => write!(f, "{v} is not a bool (0 or 1)"),
            Invalid::Discriminant { ty, value } => {
                write!(f, "{value} is not a value of enum `{ty}`")
            }
            Invalid::Utf8 { valid_up_to } => {
                write!(f, "invalid UTF-8 (the first {valid_up_to} bytes are valid)")
            }
            Invalid::NullWithLength(len) => write!(f, "NULL pointer with length {len}"),
            Invalid::TooLong(len) => write!(f, "length {len} is too large"),
            Invalid::Misaligned { align } => {
                write!(f, "pointer is not aligned to {align} bytes")
            }
            Invalid::OptionTag(tag) => {
                write!(f, "{tag} is not an option tag (is_some must be 0 or 1)")
            }
            Invalid::ResultStatus(status) => {
                write!(f, "{status} is not a result status (0: ok, 1: error)")
            }
            Invalid::LenOverCap { len, cap } => {
                write!(f, "length {len} is over the buffer's capacity {cap}")
            }
            // The bindings tell the next four apart by their kind in the error channel
            // (`ErrorKind::of_lift`, ADR 27), not by these texts.
            Invalid::InUse {
                ty,
                this_thread: true,
            } => write!(
                f,
                "this `{ty}` is already in use by this thread (the same object twice in one call, \
                 or a call on it from inside one of its own calls)"
            ),
            Invalid::InUse {
                ty,
                this_thread: false,
            } => write!(
                f,
                "this `{ty}` is in use by another thread (a call that holds one object does not \
                 wait for a second one); retry the call"
            ),
            Invalid::Spent { ty } => write!(
                f,
                "this `{ty}` was consumed (moved by a method or a call that takes it by value) \
                 and can no longer be used"
            ),
            Invalid::Closed { ty } => write!(
                f,
                "this `{ty}` was closed (disposed: its value was dropped) and can no longer be used"
            ),
        }
    }
}

impl fmt::Display for LiftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.path().last() {
            None => {}
            Some(Step::Field(_)) => write!(f, "field `{}`: ", self.field_path())?,
            Some(Step::Index(_)) => write!(f, "element `{}`: ", self.field_path())?,
        }
        write!(f, "{}", self.invalid())
    }
}

impl std::error::Error for LiftError {}
